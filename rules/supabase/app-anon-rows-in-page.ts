import { defineRule, type FindingDraft } from '../../engine/rule';
import { personalColumns } from '../../utils/supabase/app-classify';
import { RLS_SNIPPET, listOf, projectsOf, restUrl, exposedTableVars } from '../../utils/supabase/app-findings';
import { RLS_DOCS, TABLE_POLICIES_LINK } from '../../utils/supabase/links';

type M = 'personal' | 'unknown-columns';

/**
 * Passive: what the page itself downloaded from its Supabase project while the visitor was logged out (the request
 * carried only the public key). Rows of a table with personal-looking columns are readable by anyone who repeats
 * that request; with `select=*` the column names are not visible passively, so the rule says so.
 */
export default defineRule<M>({
  meta: {
    id: 'app-anon-rows-in-page',
    title: 'Logged-out visitors receive rows from the database',
    severity: 'high',
    category: 'supabase',
    checklist: 'least-privilege',
    surfaces: ['sources'],
    confidence: 'high',
    rationale:
      'The page asked the Supabase project for rows with only the public key and got them: anyone can send the same request and read those rows, including columns such as email or phone.',
    messages: {
      personal:
        'A logged-out visitor’s page downloaded {rows} of `{table}`{total}, with columns that look personal: {personal}. Anyone can repeat this request with the app’s public key.',
      'unknown-columns':
        'A logged-out visitor’s page downloaded {rows} of `{table}`{total} (select=*, so which columns is not visible in the request). If you own this app, run the Supabase exposure check in the popup to see the columns.',
    },
    fix: {
      summary: 'Turn on Row Level Security for the table and let each signed-in user read only their own rows; logged-out visitors should get nothing.',
      steps: [
        'Supabase dashboard → Authentication → Policies (“Open settings” opens this table): enable RLS for it.',
        'Add a policy that lets a signed-in user read only their rows: the SQL below uses the owner column; check it.',
        'If the page must show some data to logged-out visitors, expose only those columns through a view or a function.',
        'If logged-out visitors never need the table, revoke the anon role’s access (last line of the SQL).',
        'Reload the app logged out and re-run the audit: the request should return no rows.',
      ],
      deepLink: TABLE_POLICIES_LINK,
      snippet: RLS_SNIPPET,
      docs: RLS_DOCS,
    },
  },
  check(evidence) {
    const out: FindingDraft<M>[] = [];
    for (const p of projectsOf(evidence)) {
      for (const t of p.tables) {
        // The exposure check, when it ran, reports this table with its real columns (app-table-readable).
        if (p.probe?.tables.some((x) => x.name === t.name && x.verdict === 'readable')) continue;
        const got = t.requests.filter(
          (r) => (r.method === 'GET' || r.method === 'HEAD') && (r.status === 200 || r.status === 206) && r.anonymous === true && (r.rows ?? 0) > 0,
        );
        if (!got.length) continue;
        const rows = Math.max(...got.map((r) => r.rows ?? 0));
        const totals = got.map((r) => r.total).filter((n): n is number => n !== undefined);
        const total = totals.length ? Math.max(...totals) : undefined;
        const selected = [...new Set(got.flatMap((r) => r.select ?? []))];
        const star = selected.includes('*') || selected.length === 0;
        const columns = selected.filter((c) => c !== '*');
        const personal = personalColumns(t.name, columns);
        if (!personal.length && !star) continue; // named columns, none personal: public data by design
        const data = {
          table: t.name,
          rows: rows === 1 ? '1 row' : `${rows} rows`,
          total: total !== undefined && total > rows ? ` (${total} in all)` : '',
          personal: listOf(personal),
        };
        const sample = got[0]!;
        out.push({
          messageId: personal.length ? 'personal' : 'unknown-columns',
          ...(personal.length ? {} : { severity: 'medium' as const }),
          data,
          evidence: `GET ${restUrl(p.ref, t.name)}?select=${star ? '*' : columns.join(',')} → ${sample.status}, ${rows} row${rows === 1 ? '' : 's'}${total !== undefined ? ` of ${total}` : ''} (apikey only, no user session)`,
          location: { kind: 'request', url: restUrl(p.ref, t.name), name: t.name },
          identity: `${p.ref}/${t.name}`,
          vars: exposedTableVars(p.ref, t.name, columns),
        });
      }
    }
    return out;
  },
});
