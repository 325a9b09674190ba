/**
 * The dashboard readers over Studio-shaped markup (test/fixtures/apps/supabase-studio.ts, newer and older wording),
 * in happy-dom: what each page yields, and what lying markup cannot make them yield.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { readPage, tableAnchor } from '@/entrypoints/supabase.content/readers';
import { readAdvisors } from '@/entrypoints/supabase.content/readers/advisors';
import { readBuckets } from '@/entrypoints/supabase.content/readers/buckets';
import { readCron } from '@/entrypoints/supabase.content/readers/cron';
import { readPolicies } from '@/entrypoints/supabase.content/readers/policies';
import { parseCreatePolicies } from '@/entrypoints/supabase.content/readers/policy-sql';
import { readStoragePolicies } from '@/entrypoints/supabase.content/readers/storage-policies';
import { HEADER_WORDS, readTableEditor } from '@/entrypoints/supabase.content/readers/table-editor';
import { readTableList } from '@/entrypoints/supabase.content/readers/table-list';
import { SAYS, pageOf } from '@/entrypoints/supabase.content/studio';
import { DashboardObservationSchema } from '@/utils/supabase/dashboard-evidence';
import {
  HOSTILE_TABLE,
  LINTS,
  REF,
  REF_B,
  TABLES,
  advisorsPage,
  apiKeysPage,
  bucketsPage,
  cronPage,
  dash,
  heavyEditor,
  policiesPage,
  sidebar,
  storagePoliciesPage,
  tableEditor,
} from '../../fixtures/apps/supabase-studio';

function at(path: string, body: string) {
  document.body.innerHTML = body;
  const href = dash(REF, path);
  const page = pageOf(href);
  if (!page) throw new Error(`not a page: ${href}`);
  return { page, href };
}
const valid = (o: unknown) => DashboardObservationSchema.parse(o);

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('pageOf', () => {
  it.each([
    ['/editor', 'table-list'],
    ['/editor/101?schema=public', 'table-editor'],
    ['/auth/policies?schema=public&search=todos', 'policies'],
    ['/database/policies', 'policies'],
    ['/advisors/security?preset=WARN', 'advisors'],
    ['/database/security-advisor', 'advisors'],
    ['/storage/buckets/avatars', 'storage'],
    ['/storage/files/buckets/avatars', 'storage'],
    ['/storage/policies', 'storage-policies'],
    ['/storage/files/policies', 'storage-policies'],
    ['/integrations/cron/jobs', 'cron'],
    ['/database/cron-jobs', 'cron'],
    ['/settings/api-keys', 'api-keys'],
  ])('%s is %s', (path, kind) => expect(pageOf(dash(REF, path))?.kind).toBe(kind));

  it.each([
    dash(REF, '/sql/new'),
    dash(REF, '/auth/users'),
    dash('_', '/editor'),
    'https://supabase.com/dashboard/projects',
    `https://supabase-dashboard.test/dashboard/project/${REF}/editor`,
    `http://supabase.com/dashboard/project/${REF}/editor`,
  ])('%s is not read', (href) => expect(pageOf(href)).toBeUndefined());

  it('reads the advisor level from ?preset=', () => expect(pageOf(dash(REF, '/advisors/security?preset=warn'))?.level).toBe('WARN'));
});

describe('table list', () => {
  it('newer Studio: "Unrestricted" means RLS off and reachable; the globe means reachable', () => {
    const { page, href } = at('/editor', sidebar(REF, TABLES));
    const { observation, anchors } = readTableList(document, page, href);
    const by = Object.fromEntries(valid(observation).tables.map((t) => [t.name, t]));
    expect(by.profiles).toMatchObject({ schema: 'public', rls: 'disabled', exposed: 'yes' });
    expect(by.todos).toMatchObject({ rls: 'unknown', exposed: 'yes' });
    expect(by.internal_notes).toMatchObject({ rls: 'unknown', exposed: 'unknown' });
    expect(by[HOSTILE_TABLE]).toMatchObject({ rls: 'disabled' });
    expect(anchors.get(tableAnchor('public', 'profiles'))?.tagName).toBe('A');
  });

  it('older Studio (no badges): names only, nothing concluded', () => {
    const { page, href } = at('/editor', sidebar(REF, TABLES, 'old'));
    const tables = valid(readTableList(document, page, href).observation).tables;
    expect(tables).toHaveLength(TABLES.length);
    expect(tables.every((t) => t.rls === 'unknown' && t.exposed === 'unknown')).toBe(true);
  });

  it('ignores entries that link to another project', () => {
    document.body.innerHTML = sidebar(REF, TABLES);
    const href = dash(REF_B, '/editor');
    expect(readTableList(document, pageOf(href)!, href).observation.tables).toEqual([]);
  });
});

describe('table editor', () => {
  const editor = (id: number, variant: 'new' | 'old' = 'new') => {
    const t = TABLES.find((x) => x.id === id)!;
    const { page, href } = at(`/editor/${id}?schema=public`, tableEditor(REF, t, { variant }));
    return valid(readTableEditor(document, page, href).observation).tables.find((x) => x.name === t.name);
  };
  it('"RLS disabled" and the grid’s column names', () =>
    expect(editor(101)).toMatchObject({ rls: 'disabled', exposed: 'yes', columns: ['id', 'email', 'full_name', 'phone', 'avatar_url', 'created_at'] }));
  it('"Add RLS policy": RLS on, no policy', () => expect(editor(103)).toMatchObject({ rls: 'enabled', policyCount: 0 }));
  it('"RLS policy" with its count', () => expect(editor(102)).toMatchObject({ rls: 'enabled', policyCount: 1 }));
  it('older wording "Row Level Security disabled"', () => expect(editor(101, 'old')).toMatchObject({ rls: 'disabled' }));
  it('the select-all header is not a column', () => expect(editor(103)!.columns).not.toContain('Select all rows'));
  it('every header wording it reads passes the cheap test that skips other buttons', () => {
    for (const t of [...SAYS.rlsDisabledButton, SAYS.enableForTable, SAYS.addPolicy, '3 rls policies', 'rls policy', 'Row  Level\nSecurity disabled'])
      expect(HEADER_WORDS.test(t), t).toBe(true);
    expect(SAYS.policyCount.test('3 rls policies')).toBe(true);
    for (const t of ['Apply', 'Reset', 'Insert row', 'Definition']) expect(HEADER_WORDS.test(t), t).toBe(false);
  });
});

describe('policies page', () => {
  it('newer Studio: per-table admonitions, policies and "No policies created yet"', () => {
    const { page, href } = at('/auth/policies?schema=public', policiesPage(REF, TABLES));
    const o = valid(readPolicies(document, page, href).observation);
    const by = Object.fromEntries(o.tables.map((t) => [t.name, t]));
    expect(by.profiles).toMatchObject({ rls: 'disabled', exposed: 'yes', policyCount: 0 });
    expect(by.internal_notes).toMatchObject({ rls: 'disabled', exposed: 'no' });
    expect(by.audit_logs).toMatchObject({ rls: 'enabled', exposed: 'yes', policyCount: 0 });
    expect(by.todos).toMatchObject({ rls: 'enabled', policyCount: 1 });
    expect(o.policies.find((p) => p.name === 'Anyone can write')).toMatchObject({ table: 'todos', command: 'INSERT', roles: ['anon'] });
    expect(o.policies.find((p) => p.name === 'Anyone can write')!.using).toBeUndefined(); // the list does not show expressions
    expect(o.policyTables).toHaveLength(TABLES.length);
    expect(o.tablesComplete).toBe(true);
  });

  it('older Studio: the "Row Level Security disabled" badge, no admonitions', () => {
    const { page, href } = at('/database/policies', policiesPage(REF, TABLES, { variant: 'old' }));
    const by = Object.fromEntries(valid(readPolicies(document, page, href).observation).tables.map((t) => [t.name, t]));
    expect(by.profiles).toMatchObject({ rls: 'disabled', exposed: 'unknown' });
    expect(by.todos).toMatchObject({ rls: 'enabled' });
  });

  it('an open policy editor gives the USING / WITH CHECK expressions', () => {
    const { page, href } = at('/auth/policies?schema=public', policiesPage(REF, TABLES, { edit: 'todos' }));
    const p = valid(readPolicies(document, page, href).observation).policies.find((x) => x.name === 'Anyone can write');
    expect(p).toMatchObject({ command: 'INSERT', check: 'true', using: null });
  });

  it('a filtered page (?search=) is not the complete list', () => {
    const { page, href } = at('/auth/policies?schema=public&search=todos', policiesPage(REF, [TABLES[1]!]));
    expect(readPolicies(document, page, href).observation.tablesComplete).toBe(false);
  });

  it('parses policy SQL with quoted names, casts and nested parentheses', () => {
    const [p] = parseCreatePolicies(
      `create policy "Admins can ""update""" on "public"."admin_settings" as PERMISSIVE for UPDATE to authenticated using (((auth.jwt() -> 'user_metadata'::text) ->> 'role'::text) = 'admin'::text) with check (true);`,
    );
    expect(p).toMatchObject({
      name: 'Admins can "update"',
      schema: 'public',
      table: 'admin_settings',
      command: 'UPDATE',
      roles: ['authenticated'],
      check: 'true',
    });
    expect(p!.using).toContain("'user_metadata'");
  });
});

describe('Security Advisor', () => {
  it('rows of the level tab, with entity and derived cache key', () => {
    const { page, href } = at('/advisors/security?preset=ERROR', advisorsPage('ERROR', LINTS));
    const a = valid(readAdvisors(document, page, href).observation).advisors!;
    expect(a.levels).toEqual(['ERROR']);
    expect(a.lints.map((l) => l.name)).toEqual(['rls_disabled_in_public', 'sensitive_columns_exposed', 'security_definer_view', 'auth_users_exposed']);
    expect(a.lints[0]).toMatchObject({ schema: 'public', entity: 'profiles', cacheKey: 'rls_disabled_in_public_public_profiles', level: 'ERROR' });
  });

  it('the open detail panel changes nothing: the row gives name, entity and level (the fingerprint stays the same)', () => {
    const { page, href } = at('/advisors/security?preset=WARN&id=x', advisorsPage('WARN', LINTS, { detail: true }));
    const l = valid(readAdvisors(document, page, href).observation).advisors!.lints.find((x) => x.name === 'rls_policy_always_true');
    expect(l).toMatchObject({ entity: 'todos', cacheKey: 'rls_policy_always_true_public_todos', level: 'WARN' });
    expect(l!.policy).toBeUndefined();
  });

  it('"No errors detected" is a complete, empty level', () => {
    const { page, href } = at('/advisors/security', advisorsPage('ERROR', []));
    expect(valid(readAdvisors(document, page, href).observation).advisors).toEqual({ levels: ['ERROR'], lints: [] });
  });

  it('a page still loading says nothing', () => {
    const { page, href } = at('/advisors/security', '<main><h1>Security Advisor</h1></main>');
    expect(readAdvisors(document, page, href).observation.advisors).toBeUndefined();
  });
});

describe('storage and cron', () => {
  it('buckets with their "Public" badge (a bucket named public-… is not public for it)', () => {
    const { page, href } = at('/storage/buckets', bucketsPage(REF));
    const o = valid(readBuckets(document, page, href).observation);
    expect(o.buckets.map((b) => [b.id, b.public])).toEqual([
      ['avatars', true],
      ['invoices', false],
      ['public-exports', false],
    ]);
    expect(o.bucketsComplete).toBe(true);
  });

  it('older storage paths', () => {
    const { page, href } = at('/storage/files/buckets/avatars', bucketsPage(REF, undefined, 'old'));
    expect(valid(readBuckets(document, page, href).observation).buckets).toHaveLength(3);
  });

  it('storage policies per bucket', () => {
    const { page, href } = at('/storage/policies', storagePoliciesPage());
    expect(valid(readStoragePolicies(document, page, href).observation).policies).toEqual([
      expect.objectContaining({ schema: 'storage', table: 'objects', bucket: 'avatars', command: 'SELECT', roles: ['public'] }),
    ]);
  });

  it.each([
    ['empty', { state: 'no-jobs', jobs: [] }],
    ['off', { state: 'extension-off', jobs: [] }],
  ] as const)('cron %s', (variant, cron) => {
    const { page, href } = at('/integrations/cron/jobs', cronPage(variant));
    expect(valid(readCron(document, page, href).observation).cron).toEqual(cron);
  });

  it('cron jobs with schedule and command', () => {
    const { page, href } = at('/integrations/cron/jobs', cronPage('housekeeping'));
    const cron = valid(readCron(document, page, href).observation).cron!;
    expect(cron.state).toBe('jobs');
    expect(cron.jobs.map((j) => [j.name, j.schedule])).toEqual([
      ['delete-job-run-details', '0 12 * * *'],
      ['nightly-report', '0 6 * * *'],
    ]);
    expect(cron.jobs[0]!.command).toMatch(/^DELETE FROM cron\.job_run_details/);
  });

  it('the API keys page yields nothing but the visit (keys are never read)', () => {
    const { page, href } = at('/settings/api-keys', apiKeysPage({ publishable: 'P'.repeat(40), secret: 'S'.repeat(40) }));
    const o = readPage(document, page, href).observation;
    expect(o).toEqual({ page: 'api-keys', source: 'dom' });
  });
});

describe('bounded work', () => {
  it('a 500-table editor reads in one pass, within its bounds', () => {
    const { page, href } = at('/editor/1000', heavyEditor(REF, 500, 'all').replace(/<script>.*<\/script>/s, ''));
    const o = valid(readPage(document, page, href).observation);
    expect(o.tables).toHaveLength(500);
    expect(o.tables.find((t) => t.name === 'table_0')?.columns).toHaveLength(30);
    // (No duration asserted here: `npm run bench:supabase` measures real Chromium.)
  });
});
