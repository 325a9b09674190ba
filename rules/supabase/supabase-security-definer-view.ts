import { defineRule } from '../../engine/rule';
import { viewLintDrafts } from '../../utils/supabase/dashboard-findings';
import { DASHBOARD, lintDocs } from '../../utils/supabase/links';

export default defineRule({
  meta: {
    id: 'supabase-security-definer-view',
    title: 'View bypasses Row Level Security (security definer)',
    severity: 'high',
    category: 'supabase',
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
    return viewLintDrafts(evidence, 'security_definer_view');
  },
});
