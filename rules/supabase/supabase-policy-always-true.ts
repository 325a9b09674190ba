import { defineRule, type FindingDraft } from '../../engine/rule';
import type { Severity } from '../../engine/severity';
import { ownerColumn } from '../../utils/supabase/columns';
import type { DashboardPolicy } from '../../utils/supabase/dashboard-evidence';
import { alwaysTrue, anyoneRole, dashboardOf, lintsNamed, ownerPolicySql, signedInRole, tableOf, tableVars } from '../../utils/supabase/dashboard-findings';
import { TABLE_POLICIES_LINK, lintDocs } from '../../utils/supabase/links';
import { quotePolicy } from '../../utils/supabase/sql';

type M = 'anyone' | 'signed-in' | 'not-checked';
const WRITES = new Set(['INSERT', 'UPDATE', 'DELETE', 'ALL']);

/** splinter 0024: a permissive write policy whose USING or WITH CHECK lets every row through. Needs the expressions. */
export function allowsEveryRow(p: Pick<DashboardPolicy, 'command' | 'permissive' | 'using' | 'check'>): boolean {
  if (!p.permissive || !WRITES.has(p.command)) return false;
  const usingKnown = p.using !== undefined;
  const checkKnown = p.check !== undefined;
  const usingOpen = p.command !== 'INSERT' && usingKnown && (p.using === null || alwaysTrue(p.using));
  const checkOpen =
    (checkKnown && alwaysTrue(p.check)) ||
    (p.command === 'INSERT' && checkKnown && p.check === null) ||
    (['UPDATE', 'ALL'].includes(p.command) && checkKnown && p.check === null && usingKnown && alwaysTrue(p.using));
  return usingOpen || checkOpen;
}

const VERB: Record<string, string> = { INSERT: 'insert', UPDATE: 'change', DELETE: 'delete', ALL: 'read, change and delete' };

export default defineRule({
  meta: {
    id: 'supabase-policy-always-true',
    title: 'Write policy that allows every row (USING (true))',
    severity: 'high',
    category: 'supabase',
    checklist: 'least-privilege',
    surfaces: ['builder', 'supabase-dashboard'],
    confidence: 'high',
    rationale:
      'A write policy whose condition is always true (`USING (true)`, `WITH CHECK (true)`) looks like protection but lets anyone it applies to insert, change or delete every row, including other users’ data.',
    messages: {
      anyone: 'Policy “{policy}” on {name} lets anyone with the publishable (anon) key {verb} any row: its condition is always true.',
      'signed-in': 'Policy “{policy}” on {name} lets any signed-in user {verb} any row, including other users’ rows: its condition is always true.',
      'not-checked':
        'Not checked: the policy editor was open on {policies} of {name}, but its condition text could not be read, so whether it lets every row through is unknown.',
    },
    fix: {
      summary: 'Replace the always-true condition with one that checks whose row it is (e.g. `auth.uid() = user_id`).',
      steps: [
        'Open the table’s policies (button below) and find the policy named in the finding.',
        'Edit it: change `true` to a check on the row’s owner, e.g. `(select auth.uid()) = user_id`, and apply it to "authenticated" only.',
        'Or run the snippet in the SQL editor (it drops and re-creates the policy; check the owner column).',
        'If only your server should write here, delete the policy instead: server code uses the secret key, which bypasses RLS.',
      ],
      deepLink: TABLE_POLICIES_LINK,
      snippet: {
        language: 'sql',
        fill: true,
        code: '-- Replace {policy_name_sql} with a policy that checks whose row it is:\ndrop policy {policy_name_sql} on {table_sql};\n{policy_block}',
      },
      docs: lintDocs('0024_permissive_rls_policy'),
    },
  },
  check(evidence) {
    const d = dashboardOf(evidence);
    if (!d) return [];
    const out: FindingDraft<M>[] = [];
    const tablesDone = new Set<string>();
    const push = (schema: string, table: string, known: string | undefined, command: string, roles: readonly string[] | undefined, from: string) => {
      const policy = known ?? '(name in the Security Advisor)';
      const t = tableOf(d, schema, table);
      if (t?.rls === 'disabled') return; // supabase-rls-disabled says it louder
      const anyone = !roles || anyoneRole(roles);
      if (!anyone && !signedInRole(roles)) return; // service_role or a custom role: not reachable with the publishable key
      const messageId: M = anyone ? 'anyone' : 'signed-in';
      const severity: Severity = anyone ? 'high' : 'medium';
      const name = `${schema}.${table}`;
      const cmd = (['INSERT', 'UPDATE', 'DELETE', 'ALL'].includes(command) ? command : 'ALL') as 'INSERT' | 'UPDATE' | 'DELETE' | 'ALL';
      tablesDone.add(`${schema}\u0000${table}`);
      out.push({
        messageId,
        data: { policy, name, verb: VERB[cmd] ?? 'write' },
        evidence: `${name}: policy "${policy}" for ${command} to ${roles?.length ? roles.join(', ') : 'public'} (${from})`,
        location: { kind: 'builder', name: `${name} · ${policy}` },
        identity: `rls_policy_always_true_${schema}_${table}_${policy}`,
        severity,
        vars: {
          ...tableVars(schema, table),
          policy_name_sql: known ? quotePolicy(known) : '"<policy name>"',
          policy_block: ownerPolicySql(schema, table, t ? ownerColumn(t) : undefined, cmd, known ?? 'Users manage their own rows'),
        },
      });
    };
    for (const p of d.policies) {
      if (p.schema === 'storage') continue; // bucket policies: supabase-public-bucket
      if (allowsEveryRow(p))
        push(
          p.schema,
          p.table,
          p.name,
          p.command,
          p.rolesTruncated ? undefined : p.roles,
          p.using !== undefined
            ? `USING ${p.using ?? '(none)'}${p.check !== undefined ? `, WITH CHECK ${p.check ?? '(none)'}` : ''}`
            : `WITH CHECK ${p.check ?? '(none)'}`,
        );
    }
    // Policies whose editor text could not be read (and no list or deep audit gave the expressions): say so.
    const unread = new Map<string, DashboardPolicy[]>();
    for (const p of d.policies) {
      if (p.schema === 'storage' || !p.exprUnread || p.using !== undefined || p.check !== undefined) continue;
      const k = `${p.schema}\u0000${p.table}`;
      unread.set(k, [...(unread.get(k) ?? []), p]);
    }
    for (const list of unread.values()) {
      const { schema, table } = list[0]!;
      if (tablesDone.has(`${schema}\u0000${table}`)) continue;
      const names = list.map((p) => `“${p.name}”`).join(', ');
      out.push({
        messageId: 'not-checked',
        severity: 'info',
        data: { policies: list.length === 1 ? `policy ${names}` : `policies ${names}`, name: `${schema}.${table}` },
        evidence: `${schema}.${table}: policy editor text unreadable for ${list.map((p) => p.name).join(', ')}`,
        location: { kind: 'builder', name: `${schema}.${table}` },
        identity: `policy_not_checked_${schema}_${table}`,
        vars: { ...tableVars(schema, table), policy_name_sql: quotePolicy(list[0]!.name), policy_block: '-- (not checked)' },
      });
    }
    for (const l of lintsNamed(d, 'rls_policy_always_true')) {
      if (!l.schema || !l.entity) continue;
      if (
        l.policy ? out.some((f) => f.data?.policy === l.policy && f.data?.name === `${l.schema}.${l.entity}`) : tablesDone.has(`${l.schema}\u0000${l.entity}`)
      )
        continue;
      const cmd = /for `?(INSERT|UPDATE|DELETE|ALL)`?/i.exec(l.detail ?? '')?.[1]?.toUpperCase() ?? 'ALL';
      push(l.schema, l.entity, l.policy, cmd, l.roles, `Security Advisor: ${l.title}`);
    }
    return out;
  },
});
