import { defineRule, type FindingDraft } from '../../engine/rule';
import { personalColumns } from '../../utils/supabase/app-classify';
import { RLS_SNIPPET, listOf, projectsOf, restUrl, exposedTableVars } from '../../utils/supabase/app-findings';
import { RLS_DOCS, TABLE_POLICIES_LINK } from '../../utils/supabase/links';

type M = 'personal' | 'readable';

/**
 * Active (after consent): the project answered `GET /rest/v1/<table>?select=*&limit=1` with rows for the app's own
 * public key, i.e. anyone on the internet can read the table. Reports the row count (Content-Range with
 * `Prefer: count=exact`) and the column names; row values were never kept.
 */
export default defineRule<M>({
  meta: {
    id: 'app-table-readable',
    title: 'Anyone can read this Supabase table',
    severity: 'critical',
    category: 'supabase',
    checklist: 'least-privilege',
    surfaces: ['sources'],
    confidence: 'high',
    rationale:
      'The table answered the app’s public key with rows: the key is in every visitor’s browser, so anyone can download every readable row with one request, without signing in.',
    messages: {
      personal:
        'Anyone can read `{table}` with the app’s public key: {count}, columns {columns}. These look personal or secret: {personal}. (Row values were not kept.)',
      readable:
        'Anyone can read `{table}` with the app’s public key: {count}, columns {columns}. Fine only if every row is meant to be public (a product list, published posts); otherwise restrict it.',
    },
    fix: {
      summary:
        'Turn on Row Level Security for the table and allow each signed-in user only their own rows; revoke anon access if logged-out visitors never need it.',
      steps: [
        'Supabase dashboard → Authentication → Policies (“Open settings” opens this table): enable RLS.',
        'Add a policy that lets each signed-in user read only their rows: the SQL below uses the owner column; check it.',
        'If logged-out visitors never need the table, revoke the anon role’s access (last line of the SQL).',
        'Data that must stay public: expose only the safe columns through a view, never the whole table.',
        'Re-run the exposure check: the table should answer `200 []` (RLS on) or `401` (no grant).',
      ],
      deepLink: TABLE_POLICIES_LINK,
      snippet: RLS_SNIPPET,
      docs: RLS_DOCS,
    },
  },
  check(evidence) {
    const out: FindingDraft<M>[] = [];
    for (const p of projectsOf(evidence)) {
      for (const t of p.probe?.tables ?? []) {
        if (t.verdict !== 'readable') continue;
        const personal = personalColumns(t.name, t.columns);
        const count = t.count === undefined ? 'an unknown number of rows' : t.count === 1 ? '1 row' : `${t.count} rows`;
        out.push({
          messageId: personal.length ? 'personal' : 'readable',
          severity: personal.length ? 'critical' : 'medium',
          data: {
            table: t.name,
            count,
            columns: t.columns?.length ? listOf(t.columns, 12) : `(unknown: ${t.note ?? 'not readable'})`,
            personal: listOf(personal),
          },
          evidence: `GET ${restUrl(p.ref, t.name)}?select=*&limit=1 (public key, Prefer: count=exact) → ${t.status}${t.count !== undefined ? `, ${t.count} rows in all` : ''}; columns: ${t.columns?.join(', ') || 'unknown'}`,
          location: { kind: 'request', url: restUrl(p.ref, t.name), name: t.name },
          identity: `${p.ref}/${t.name}`,
          vars: exposedTableVars(p.ref, t.name, t.columns),
        });
      }
    }
    return out;
  },
});
