import { defineRule, type FindingDraft } from '../../engine/rule';
import { ownerColumn } from '../../utils/supabase/columns';
import { dashboardOf, lintsNamed, ownerPolicySql, policiesOf, tableKey, tableOf, tableVars } from '../../utils/supabase/dashboard-findings';
import { TABLE_POLICIES_LINK, lintDocs } from '../../utils/supabase/links';

export default defineRule({
  meta: {
    id: 'supabase-rls-no-policy',
    title: 'RLS is on but no policy exists',
    severity: 'info',
    category: 'supabase',
    checklist: 'least-privilege',
    surfaces: ['builder', 'supabase-dashboard'],
    confidence: 'high',
    rationale:
      'With RLS on and no policy, the Data API returns no rows and refuses every write. That is right for a table only your server reads with the secret key, and a silent bug otherwise (people then switch RLS off to "fix" it).',
    messages: {
      'no-policy':
        '{name} has RLS on and no policy: browsers get no rows and cannot write. Fine if only your server (secret key) uses it; otherwise add a policy rather than turning RLS off.',
    },
    fix: {
      summary: 'Keep RLS on; add a policy for exactly what signed-in users may do, or leave the table server-only.',
      steps: [
        'Decide who should reach this table from the app: nobody (server only), each user their own rows, or everyone read-only.',
        'Server only: nothing to do; keep RLS on and use the secret key in server code only.',
        'Otherwise open the table’s policies (button below) → "Create policy", or run the snippet (check the owner column).',
        'Never fix "no rows returned" by disabling RLS: that opens the table to anyone with the publishable key.',
      ],
      deepLink: TABLE_POLICIES_LINK,
      snippet: { language: 'sql', fill: true, code: '-- Each signed-in user reaches only their own rows of {table_sql}:\n{policy_block}' },
      docs: lintDocs('0008_rls_enabled_no_policy'),
    },
  },
  check(evidence) {
    const d = dashboardOf(evidence);
    if (!d) return [];
    const seen = new Set<string>();
    const out: FindingDraft<'no-policy'>[] = [];
    const consider = (schema: string, name: string, from: string) => {
      const key = tableKey(schema, name);
      if (seen.has(key)) return;
      const t = tableOf(d, schema, name);
      if (t && (t.rls === 'disabled' || t.exposed === 'no' || (t.policyCount ?? 0) > 0)) return;
      if (policiesOf(d, schema, name).length > 0) return;
      seen.add(key);
      const full = `${schema}.${name}`;
      out.push({
        messageId: 'no-policy',
        data: { name: full },
        evidence: `${full}: RLS enabled, 0 policies (${from})`,
        location: { kind: 'builder', name: full },
        identity: `rls_enabled_no_policy_${schema}_${name}`,
        vars: { ...tableVars(schema, name), policy_block: ownerPolicySql(schema, name, t ? ownerColumn(t) : undefined) },
      });
    };
    for (const t of d.tables) if (t.rls === 'enabled' && t.policyCount === 0 && t.kind !== 'view') consider(t.schema, t.name, 'dashboard');
    for (const l of lintsNamed(d, 'rls_enabled_no_policy')) {
      if (!l.schema || !l.entity) continue;
      consider(l.schema, l.entity, `Security Advisor: ${l.title}`);
    }
    return out;
  },
});
