import { defineRule } from '../core/rule';
import { DASHBOARD, dashboardOf, lintDocs, lintsNamed, tableVars } from './dashboard-shared';

export default defineRule({
  meta: {
    id: 'supabase-security-definer-view',
    title: 'View bypasses Row Level Security (security definer)',
    severity: 'high',
    category: 'data',
    checklist: 'least-privilege',
    surfaces: ['builder', 'supabase-advisors'],
    confidence: 'high',
    rationale:
      'A view runs with its creator’s rights unless it is created with security_invoker: through it, anyone who may read the view reads the underlying tables without their RLS policies.',
    messages: {
      lint: 'Security Advisor: view {entity} runs with its owner’s rights, so it returns rows the RLS of its tables would hide.',
    },
    fix: {
      summary: 'Make the view run with the caller’s rights (`security_invoker = on`), so the tables’ RLS applies through it.',
      steps: [
        'Open the finding in the Security Advisor (button below), or the view in the table editor.',
        'Run the snippet in the SQL editor (Postgres 15 and later).',
        'Check the app: users now see through the view only rows the tables’ policies allow them.',
      ],
      deepLink: `${DASHBOARD}/advisors/security?preset={preset}&id={id}`,
      snippet: { language: 'sql', fill: true, code: 'alter view {table_sql} set (security_invoker = on);' },
      docs: lintDocs('0010_security_definer_view'),
    },
  },
  check(evidence) {
    const d = dashboardOf(evidence);
    if (!d) return [];
    return lintsNamed(d, 'security_definer_view').map((l) => {
      const schema = l.schema ?? 'public';
      const entity = `${schema}.${l.entity ?? '?'}`;
      return {
        messageId: 'lint' as const,
        data: { entity },
        evidence: `${l.title}: ${l.detail ?? entity}`,
        location: { kind: 'builder' as const, name: entity },
        identity: l.cacheKey,
        vars: { ...tableVars(schema, l.entity ?? '<view>'), preset: l.level, id: l.cacheKey },
      };
    });
  },
});
