import { defineRule, type FindingDraft } from '../../engine/rule';
import type { Severity } from '../../engine/severity';
import { ownerColumn, sensitiveColumns } from '../../utils/supabase/columns';
import { dashboardOf, lintsNamed, ownerPolicySql, policiesOf, tableKey, tableOf, tableVars } from '../../utils/supabase/dashboard-findings';
import { TABLE_POLICIES_LINK, lintDocs } from '../../utils/supabase/links';

type M = 'sensitive' | 'exposed' | 'maybe-sensitive' | 'maybe-exposed' | 'policies-ignored' | 'not-exposed';
type Exposure = 'yes' | 'no' | 'unknown';

/**
 * Message and severity from three facts, first matching row wins. Critical only when the table is known to be
 * reachable and its columns look personal; an unknown exposure is never critical. The table covers every case.
 */
export const DECISIONS: readonly { exposed: Exposure | 'any'; sensitive?: boolean; policies?: boolean; message: M; severity: Severity }[] = [
  { exposed: 'no', message: 'not-exposed', severity: 'low' },
  { exposed: 'yes', sensitive: true, message: 'sensitive', severity: 'critical' },
  { exposed: 'any', policies: true, message: 'policies-ignored', severity: 'high' },
  { exposed: 'yes', message: 'exposed', severity: 'high' },
  { exposed: 'unknown', sensitive: true, message: 'maybe-sensitive', severity: 'high' },
  { exposed: 'unknown', message: 'maybe-exposed', severity: 'high' },
];

export function decide(f: { exposed: Exposure; sensitive: boolean; policies: boolean }): { message: M; severity: Severity } {
  const row = DECISIONS.find(
    (r) =>
      (r.exposed === 'any' || r.exposed === f.exposed) &&
      (r.sensitive === undefined || r.sensitive === f.sensitive) &&
      (r.policies === undefined || r.policies === f.policies),
  );
  if (!row) throw new Error(`supabase-rls-disabled: no decision for ${JSON.stringify(f)}`);
  return row;
}

/** Columns the advisor's "Sensitive Columns Exposed" detail names ("… sensitive column(s): email, ssn."). */
function columnsFromDetail(detail: string | undefined): string[] {
  const m = /column\(s\):\s*([^.]+)/i.exec(detail ?? '');
  return m
    ? m[1]!
        .split(',')
        .map((s) => s.trim().replace(/^`|`$/g, ''))
        .filter(Boolean)
        .slice(0, 20)
    : [];
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
      sensitive:
        'RLS is off on {name} and its columns look personal or secret ({columns}): anyone with the publishable (anon) key can read and change every row.',
      exposed: 'RLS is off on {name}: anyone with the publishable (anon) key can read, change and delete every row through the Data API.',
      'maybe-sensitive':
        'RLS is off on {name} and its columns look personal or secret ({columns}). If the Data API reaches it (tables in public usually are reachable), anyone with the publishable key can read and change every row.',
      'maybe-exposed':
        'RLS is off on {name}. If the Data API reaches it (tables in public usually are reachable), anyone with the publishable key can read and change every row.',
      'policies-ignored': '{name} has RLS policies, but RLS is off, so the policies do nothing: every row is open to anyone with the publishable key.',
      'not-exposed':
        'RLS is off on {name}, but the anon and authenticated roles have no permissions on it, so the Data API cannot reach it today. Turn RLS on before anyone grants access.',
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
    type Candidate = { schema: string; name: string; lintSensitive: string[]; lintSensitiveSeen: boolean; lintPolicies: boolean; lintTitles: string[] };
    const candidates = new Map<string, Candidate>();
    const add = (schema: string, name: string) => {
      const key = tableKey(schema, name);
      if (!candidates.has(key)) candidates.set(key, { schema, name, lintSensitive: [], lintSensitiveSeen: false, lintPolicies: false, lintTitles: [] });
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
      if (l.name === 'sensitive_columns_exposed') {
        // The lint itself says "exposed via API, sensitive columns"; which columns only its detail says (API).
        c.lintSensitiveSeen = true;
        c.lintSensitive.push(...columnsFromDetail(l.detail));
      }
      if (l.name === 'policy_exists_rls_disabled') c.lintPolicies = true;
    }

    const out: FindingDraft<M>[] = [];
    for (const c of candidates.values()) {
      const t = tableOf(d, c.schema, c.name);
      const exposed: Exposure = c.lintSensitiveSeen ? 'yes' : (t?.exposed ?? 'unknown');
      const sensitive = [...new Set([...sensitiveColumns(t?.columns), ...c.lintSensitive])];
      const hasPolicies = c.lintPolicies || (t?.policyCount ?? 0) > 0 || policiesOf(d, c.schema, c.name).length > 0;
      const { message: messageId, severity } = decide({ exposed, sensitive: sensitive.length > 0 || c.lintSensitiveSeen, policies: hasPolicies });
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
        data: { name, columns: sensitive.length ? sensitive.slice(0, 6).join(', ') : 'named in the Security Advisor' },
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
