import { defineRule, type FindingDraft } from '../../engine/rule';
import { dashboardOf, lintsNamed, tableVars } from '../../utils/supabase/dashboard-findings';
import { TABLE_POLICIES_LINK, lintDocs } from '../../utils/supabase/links';
import { joinLiterals, quotePolicy } from '../../utils/supabase/sql';

const USER_METADATA = /user_metadata|raw_user_meta_data/i;

const readsUserMetadata = (expr: string) => USER_METADATA.test(expr) || USER_METADATA.test(joinLiterals(expr));

export default defineRule({
  meta: {
    id: 'supabase-policy-user-metadata',
    title: 'Policy trusts user_metadata, which users can edit',
    severity: 'medium',
    category: 'supabase',
    checklist: 'auth',
    surfaces: ['builder', 'supabase-dashboard'],
    confidence: 'high',
    rationale:
      'Every signed-in user can write their own `user_metadata` (`supabase.auth.updateUser({ data: … })`), so a policy that checks it, e.g. for a role, can be satisfied by anyone who signs up.',
    messages: {
      policy: 'Policy “{policy}” on {name} reads user_metadata, which each user can set for themself: anyone can give themself what the check looks for.',
    },
    fix: {
      summary: 'Check app_metadata (only your server can write it) or a table you control instead of user_metadata.',
      steps: [
        'Store roles and permissions in app_metadata (set from a server with the secret key, or in SQL on auth.users) or in a table with its own RLS.',
        "Open the table’s policies (button below) and edit the policy: read `auth.jwt() -> 'app_metadata'` instead of `user_metadata`.",
        'Or run the snippet in the SQL editor after writing the new condition into it.',
        'Users keep the old claims until their token refreshes (up to an hour by default).',
      ],
      deepLink: TABLE_POLICIES_LINK,
      snippet: {
        language: 'sql',
        fill: true,
        code: "-- 1. Put the role where only the server can write it (once per user):\n--    update auth.users set raw_app_meta_data = raw_app_meta_data || '{\"role\": \"admin\"}' where id = '<user id>';\n-- 2. Make the policy read app_metadata instead of user_metadata:\nalter policy {policy_name_sql} on {table_sql}\n  using (<the same condition, reading auth.jwt() -> 'app_metadata'>);",
      },
      docs: lintDocs('0015_rls_references_user_metadata'),
    },
  },
  check(evidence) {
    const d = dashboardOf(evidence);
    if (!d) return [];
    const out: FindingDraft<'policy'>[] = [];
    const push = (schema: string, table: string, policy: string | undefined, shown: string) => {
      const name = `${schema}.${table}`;
      const label = policy ?? '(name in the Security Advisor)';
      if (out.some((f) => f.data?.name === name && (f.data?.policy === label || !policy))) return;
      out.push({
        messageId: 'policy',
        data: { policy: label, name },
        evidence: `${name}: policy "${label}": ${shown}`,
        location: { kind: 'builder', name: `${name} · ${label}` },
        identity: `rls_references_user_metadata_${schema}_${table}_${policy ?? ''}`,
        vars: { ...tableVars(schema, table), policy_name_sql: policy ? quotePolicy(policy) : '"<policy name>"' },
      });
    };
    for (const p of d.policies) {
      const expr = [p.using, p.check].filter((e): e is string => typeof e === 'string').find(readsUserMetadata);
      if (expr) push(p.schema, p.table, p.name, expr.length > 160 ? `${expr.slice(0, 160)}…` : expr);
    }
    for (const l of lintsNamed(d, 'rls_references_user_metadata')) {
      if (!l.schema || !l.entity) continue;
      // splinter names the table as a regclass, which may already carry the schema.
      const table = l.entity.startsWith(`${l.schema}.`) ? l.entity.slice(l.schema.length + 1) : l.entity;
      push(l.schema, table, l.policy, `Security Advisor: ${l.title}`);
    }
    return out;
  },
});
