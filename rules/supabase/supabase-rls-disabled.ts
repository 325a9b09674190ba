import { defineRule, type FindingDraft } from '../../engine/rule';
import { ownerColumn, sensitiveColumns } from '../../utils/supabase/columns';
import { dashboardOf, lintsNamed, ownerPolicySql, policiesOf, tableKey, tableOf, tableVars } from '../../utils/supabase/dashboard-findings';
import { TABLE_POLICIES_LINK, lintDocs } from '../../utils/supabase/links';

type M = 'sensitive' | 'exposed' | 'maybe-exposed' | 'policies-ignored' | 'not-exposed';

/** Columns the advisor's "Sensitive Columns Exposed" detail names ("… sensitive column(s): email, ssn."). */
function columnsFromDetail(detail: string | undefined): string[] {
  const m = /column\(s\):\s*([^.]+)/i.exec(detail ?? '');
  return m ? m[1]!.split(',').map((s) => s.trim().replace(/^`|`$/g, '')).filter(Boolean).slice(0, 20) : [];
}

export default defineRule({
  meta: {
    id: 'supabase-rls-disabled',
    title: 'Table open to anyone: Row Level Security is off',
    severity: 'high',
    category: 'supabase',
    checklist: 'least-privilege',
    surfaces: ['builder', 'supabase-dashboard'],
    confidence: 'high',
    rationale:
      'Without Row Level Security, anyone holding the project’s publishable (anon) key, which every visitor’s browser has, can read, change and delete every row of a table the Data API exposes.',
    messages: {
      sensitive: 'RLS is off on {name} and its columns look personal or secret ({columns}): anyone with the publishable (anon) key can read and change every row.',
      exposed: 'RLS is off on {name}: anyone with the publishable (anon) key can read, change and delete every row through the Data API.',
      'maybe-exposed': 'RLS is off on {name}. If the Data API reaches it (tables in public usually are reachable), anyone with the publishable key can read and change every row.',
      'policies-ignored': '{name} has RLS policies, but RLS is off, so the policies do nothing: every row is open to anyone with the publishable key.',
      'not-exposed': 'RLS is off on {name}, but the anon and authenticated roles have no permissions on it, so the Data API cannot reach it today. Turn RLS on before anyone grants access.',
    },
    fix: {
      summary: 'Turn on Row Level Security for the table, then add a policy that lets each user reach only their own rows.',
      steps: [
        'Open the table’s policies (button below) or the SQL editor.',
        'Click "Enable RLS" (or run the first line of the snippet): from then on the Data API returns only rows a policy allows.',
        'Add a policy for what the app needs, e.g. "users manage their own rows" (the snippet; check the owner column).',
        'If the table should never be reachable from browsers, skip the policy and revoke the grants instead: `revoke all on <table> from anon, authenticated;`.',
        'Re-open the table in the dashboard: the "Unrestricted" badge disappears.',
      ],
      deepLink: TABLE_POLICIES_LINK,
      snippet: {
        language: 'sql',
        fill: true,
        code: '-- Row Level Security for {table_sql}: afterwards the Data API returns only rows a policy allows.\nalter table {table_sql} enable row level security;\n{policy_block}',
      },
      docs: lintDocs('0013_rls_disabled_in_public'),
    },
  },
  check(evidence) {
    const d = dashboardOf(evidence);
    if (!d) return [];
    type Candidate = { schema: string; name: string; lintSensitive: string[]; lintPolicies: boolean; lintTitles: string[] };
    const candidates = new Map<string, Candidate>();
    const add = (schema: string, name: string) => {
      const key = tableKey(schema, name);
      if (!candidates.has(key)) candidates.set(key, { schema, name, lintSensitive: [], lintPolicies: false, lintTitles: [] });
      return candidates.get(key)!;
    };
    for (const t of d.tables) if (t.rls === 'disabled' && t.kind !== 'view') add(t.schema, t.name);
    for (const l of lintsNamed(d, 'rls_disabled_in_public', 'policy_exists_rls_disabled', 'sensitive_columns_exposed')) {
      if (!l.schema || !l.entity) continue;
      // A table seen with RLS on after the advisor ran was fixed since.
      const t = tableOf(d, l.schema, l.entity);
      if (t && t.rls === 'enabled' && t.seenAt >= l.seenAt) continue;
      const c = add(l.schema, l.entity);
      c.lintTitles.push(l.title);
      if (l.name === 'sensitive_columns_exposed') c.lintSensitive.push(...columnsFromDetail(l.detail));
      if (l.name === 'policy_exists_rls_disabled') c.lintPolicies = true;
    }

    const out: FindingDraft<M>[] = [];
    for (const c of candidates.values()) {
      const t = tableOf(d, c.schema, c.name);
      const exposed = c.lintSensitive.length ? 'yes' : (t?.exposed ?? 'unknown');
      const sensitive = [...new Set([...sensitiveColumns(t?.columns), ...c.lintSensitive])];
      const hasPolicies = c.lintPolicies || (t?.policyCount ?? 0) > 0 || policiesOf(d, c.schema, c.name).length > 0;
      const messageId: M =
        exposed === 'no' ? 'not-exposed' : sensitive.length && exposed === 'yes' ? 'sensitive' : hasPolicies ? 'policies-ignored' : exposed === 'yes' ? 'exposed' : sensitive.length ? 'sensitive' : 'maybe-exposed';
      const severity = messageId === 'not-exposed' ? 'low' : messageId === 'sensitive' && exposed === 'yes' ? 'critical' : 'high';
      const name = `${c.schema}.${c.name}`;
      const facts = [
        'RLS disabled',
        exposed === 'yes' ? 'reachable by anon/authenticated' : exposed === 'no' ? 'no Data API permissions' : undefined,
        sensitive.length ? `columns: ${sensitive.slice(0, 6).join(', ')}` : undefined,
        hasPolicies ? 'policies exist' : undefined,
        ...c.lintTitles.map((x) => `Security Advisor: ${x}`),
      ].filter(Boolean);
      const policyBlock = hasPolicies
        ? '-- The table already has policies: they take effect as soon as RLS is on. Review them on the policies page.'
        : `\n-- Each signed-in user reaches only their own rows:\n${ownerPolicySql(c.schema, c.name, t ? ownerColumn(t) : undefined)}`;
      out.push({
        messageId,
        data: { name, columns: sensitive.slice(0, 6).join(', ') },
        evidence: `${name}: ${facts.join('; ')}`,
        location: { kind: 'builder', name },
        identity: `rls_disabled_in_public_${c.schema}_${c.name}`,
        severity,
        vars: { ...tableVars(c.schema, c.name), policy_block: policyBlock },
      });
    }
    return out;
  },
});
