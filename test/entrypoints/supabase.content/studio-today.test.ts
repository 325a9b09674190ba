/**
 * The dashboard readers against Studio as it renders today (issue 8), each over a fixture rebuilt from the Studio
 * source file it models (test/fixtures/apps/supabase-studio.ts names the file in each builder's comment):
 * BucketTable.tsx rows, LockedQuerySection.tsx + Monaco policy text, LinterDataGrid.tsx rows and tabs, the cron
 * empty states. Every test here failed on the single-file reader (extract.ts) it replaces.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { readPage } from '@/entrypoints/supabase.content/readers';
import { readAdvisors } from '@/entrypoints/supabase.content/readers/advisors';
import { readBuckets } from '@/entrypoints/supabase.content/readers/buckets';
import { readCron } from '@/entrypoints/supabase.content/readers/cron';
import { readPolicies } from '@/entrypoints/supabase.content/readers/policies';
import { parsePolicySql } from '@/entrypoints/supabase.content/readers/policy-sql';
import { lintNameFor, pageOf } from '@/entrypoints/supabase.content/studio';
import { DashboardObservationSchema } from '@/utils/supabase/dashboard-evidence';
import { mergeObservation } from '@/utils/supabase/dashboard-merge';
import { LINTS, REF, TABLES, advisorsPage, bucketTable, cronPage, dash, policiesPage } from '../../fixtures/apps/supabase-studio';

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

describe('routes', () => {
  it('/storage/files/policies is the storage-policy page, /storage/files the bucket list', () => {
    expect(pageOf(dash(REF, '/storage/files/policies'))?.kind).toBe('storage-policies');
    expect(pageOf(dash(REF, '/storage/files'))?.kind).toBe('storage');
  });
  it('/advisors is an overview page, not the errors tab: not read', () => expect(pageOf(dash(REF, '/advisors'))).toBeUndefined());
});

describe('buckets (BucketTable.tsx: <tr data-bucket-id>, no links)', () => {
  it('reads every row, its "Public" badge and its Policies count; the row is the marker anchor', () => {
    const { page, href } = at('/storage/files', bucketTable());
    const { observation, anchors } = readBuckets(document, page, href);
    const o = valid(observation);
    expect(o.buckets.map((b) => [b.id, b.public, b.policyCount])).toEqual([
      ['avatars', true, 2],
      ['invoices', false, 0],
      ['public-exports', false, 1],
    ]);
    expect(o.bucketsComplete).toBe(true);
    expect(anchors.get('bucket:avatars')?.tagName).toBe('TR');
  });

  it('a hostile bucket name is only a name', () => {
    const { page, href } = at('/storage/files', bucketTable([{ id: 'x"><img src=x onerror=alert(1)>', name: '<b>Public</b>', public: false, policies: 0 }]));
    const o = valid(readBuckets(document, page, href).observation);
    expect(o.buckets).toEqual([expect.objectContaining({ id: 'x"><img src=x onerror=alert(1)>', public: false })]);
  });
});

describe('policy editor text (LockedQuerySection.tsx + Monaco, line numbers between the tokens)', () => {
  const todos = TABLES.find((t) => t.name === 'todos')!;
  const admin = TABLES.find((t) => t.name === 'admin_settings')!;

  it('`alter policy` form: WITH CHECK (true) of the listed INSERT policy is read, the gutter dropped', () => {
    const { page, href } = at('/auth/policies?schema=public', policiesPage(REF, TABLES, { edit: 'todos', editor: { form: 'alter' } }));
    const p = valid(readPolicies(document, page, href).observation).policies.find((x) => x.name === 'Anyone can write');
    expect(p).toMatchObject({ table: 'todos', command: 'INSERT', roles: ['anon'], check: 'true' });
    expect(p!.using).toBeUndefined(); // an alter form does not say there is no USING: unknown, not "none"
    expect(p!.exprUnread).toBeUndefined();
    expect(todos.policies[0]!.check).toBe('true');
  });

  it('`alter policy` form over several editor lines: the user_metadata expression, without line numbers', () => {
    const { page, href } = at('/auth/policies?schema=public', policiesPage(REF, TABLES, { edit: 'admin_settings', editor: { form: 'alter' } }));
    const p = valid(readPolicies(document, page, href).observation).policies.find((x) => x.name === 'Admins can update');
    expect(p?.using).toBe(admin.policies[0]!.using);
  });

  it('`create policy` form as the editor renders it', () => {
    const { page, href } = at('/auth/policies?schema=public', policiesPage(REF, TABLES, { edit: 'todos', editor: { form: 'create' } }));
    const p = valid(readPolicies(document, page, href).observation).policies.find((x) => x.name === 'Anyone can write');
    expect(p).toMatchObject({ command: 'INSERT', check: 'true', using: null });
  });

  it('an editor whose text cannot be read: the policy is marked not checked, nothing is assumed', () => {
    const { page, href } = at('/auth/policies?schema=public', policiesPage(REF, TABLES, { edit: 'todos', editor: { expression: false } }));
    const p = valid(readPolicies(document, page, href).observation).policies.find((x) => x.name === 'Anyone can write');
    expect(p).toMatchObject({ exprUnread: true });
    expect(p!.check).toBeUndefined();
    expect(p!.using).toBeUndefined();
  });

  it('parsePolicySql: alter states only what it changes; an unclosed clause is unknown', () => {
    const [a] = parsePolicySql('alter policy "p" on "public"."t"\nto anon\nusing (\n(select auth.uid()) = user_id\n);');
    expect(a).toMatchObject({ name: 'p', table: 't', command: 'unknown', roles: ['anon'], using: '(select auth.uid()) = user_id' });
    expect(a!.check).toBeUndefined();
    const [b] = parsePolicySql('alter policy "p" on "public"."t" to anon using (');
    expect(b).toMatchObject({ exprUnread: true });
    expect(b!.using).toBeUndefined();
  });
});

describe('Security Advisor rows (LinterDataGrid.tsx)', () => {
  it('the level is the tab the row is listed under, never words of its description ("financial info")', () => {
    const { page, href } = at('/advisors/security?preset=ERROR', advisorsPage('ERROR', LINTS));
    const a = valid(readAdvisors(document, page, href).observation).advisors!;
    expect(a.lints.find((l) => l.name === 'sensitive_columns_exposed')?.level).toBe('ERROR');
    expect(new Set(a.lints.map((l) => l.level))).toEqual(new Set(['ERROR']));
  });

  it('the selected tab wins over a stale ?preset=', () => {
    const { page, href } = at('/advisors/security?preset=ERROR', advisorsPage('WARN', LINTS));
    const a = valid(readAdvisors(document, page, href).observation).advisors!;
    expect(a.levels).toEqual(['WARN']);
    expect(a.lints.every((l) => l.level === 'WARN')).toBe(true);
  });

  it('the generic description is not taken as the lint’s detail', () => {
    const { page, href } = at('/advisors/security?preset=WARN', advisorsPage('WARN', LINTS));
    const l = valid(readAdvisors(document, page, href).observation).advisors!.lints.find((x) => x.name === 'rls_policy_always_true')!;
    expect(l.detail).toBeUndefined();
    expect(l.policy).toBeUndefined();
  });

  it('a fingerprint does not depend on whether the detail panel is open', () => {
    const keys = (detail: boolean) => {
      const { page, href } = at(`/advisors/security?preset=WARN${detail ? '&id=x' : ''}`, advisorsPage('WARN', LINTS, { detail }));
      return valid(readAdvisors(document, page, href).observation).advisors!.lints.map((l) => l.cacheKey);
    };
    expect(keys(true)).toEqual(keys(false));
    expect(keys(false)).toContain('rls_policy_always_true_public_todos');
  });

  it('a row with an empty title (a lint missing from Studio’s map) makes the tab incomplete', () => {
    const unknown = { level: 'ERROR' as const, title: 'Some Future Lint', entity: 'public.secrets', description: 'Detects something new.' };
    const { page, href } = at('/advisors/security?preset=ERROR', advisorsPage('ERROR', LINTS, { untitled: [unknown] }));
    const a = valid(readAdvisors(document, page, href).observation).advisors!;
    expect(a.levels).toEqual([]);
    expect(a.lints.map((l) => l.name)).toContain('rls_disabled_in_public');
  });

  it('the three titles: 0028 is "Public Can Execute SECURITY DEFINER Function"; two titles that exist nowhere are not mapped', () => {
    expect(lintNameFor('Public Can Execute SECURITY DEFINER Function')).toBe('anon_security_definer_function_executable');
    expect(lintNameFor('Permissive RLS Policy')).not.toBe('rls_policy_always_true');
    expect(lintNameFor('Anonymous Access Policies')).not.toBe('auth_allow_anonymous_sign_ins');
  });

  it('a complete tab read from the page never drops what the deep audit reported', () => {
    const api = valid({
      page: 'deep-audit',
      source: 'api',
      advisors: {
        levels: ['ERROR', 'WARN', 'INFO'],
        lints: [
          {
            name: 'rls_disabled_in_public',
            title: 'RLS Disabled in Public',
            level: 'ERROR',
            cacheKey: 'rls_disabled_in_public_private_ledger',
            schema: 'private',
            entity: 'ledger',
          },
        ],
      },
    });
    let d = mergeObservation(undefined, REF, api, 1);
    const { page, href } = at('/advisors/security?preset=ERROR', advisorsPage('ERROR', LINTS));
    d = mergeObservation(d, REF, valid(readPage(document, page, href).observation), 2);
    expect(d.advisors!.lints.map((l) => l.cacheKey)).toContain('rls_disabled_in_public_private_ledger');
  });
});

describe('cron (CronJobsEmptyState.tsx, MissingExtensionAlert.tsx)', () => {
  const cronOf = (variant: Parameters<typeof cronPage>[0]) => {
    const { page, href } = at('/integrations/cron/jobs', cronPage(variant));
    return valid(readCron(document, page, href).observation).cron;
  };
  it('"No cron jobs found" (a search filter hid every job) is not "no jobs": not checked', () => expect(cronOf('filtered')?.state).toBe('unknown'));
  it('a page that says nothing yet is not checked', () => expect(cronOf('loading')?.state).toBe('unknown'));
  it('the newer grid’s empty state is "no jobs"', () => expect(cronOf('empty-grid')?.state).toBe('no-jobs'));
  it('"Enable pg_cron" is "extension off"', () => expect(cronOf('enable-pg-cron')?.state).toBe('extension-off'));
  it('strings Studio never renders decide nothing', () => {
    for (const text of ['No cron jobs yet', 'The pg_cron extension is not enabled', 'Enable the pg_cron extension']) {
      const { page, href } = at('/integrations/cron/jobs', `<main><h1>Cron</h1><p>${text}</p></main>`);
      expect(valid(readCron(document, page, href).observation).cron?.state).toBe('unknown');
    }
  });
  it('an unclear read never replaces what an earlier read knew', () => {
    const jobs = valid({
      page: 'cron',
      source: 'dom',
      cron: { state: 'jobs', jobs: [{ name: 'purge', schedule: '0 3 * * *', command: 'delete from public.logs' }] },
    });
    let d = mergeObservation(undefined, REF, jobs, 1);
    d = mergeObservation(d, REF, valid({ page: 'cron', source: 'dom', cron: { state: 'unknown', jobs: [] } }), 2);
    expect(d.cron?.state).toBe('jobs');
  });
});

describe('linkTarget fast path', () => {
  it('gives what the URL parser gives for Studio’s plain links, and leaves odd ones to the parser', async () => {
    const { linkTarget } = await import('@/entrypoints/supabase.content/studio');
    const base = dash(REF, '/editor');
    const slow = (href: string) => {
      const u = new URL(href, base);
      const m = /^(?:\/dashboard)?\/project\/([a-z0-9]{20}|_)(\/.*)?$/.exec(u.pathname);
      return u.origin === 'https://supabase.com' && m ? { ref: m[1], path: m[2] ?? '/' } : undefined;
    };
    for (const href of [
      `/dashboard/project/${REF}/editor/101?schema=public`,
      `/dashboard/project/${REF}/auth/policies?search=a+b&schema=public`,
      `/dashboard/project/${REF}/editor/7?schema=&&a=1=2&flag&search=x+y+z&schema=second`,
      `/dashboard/project/${REF}/editor/8?a+b=c+d&=empty&search=&search=late`,
      `/dashboard/project/${REF}`,
      `/dashboard/project/${REF}/editor/../../project/zxcvbnmlkjhgfdsapoiu/editor/1`,
      `/dashboard/project/${REF}/editor/%2e%2e/1`,
      `//evil.example/dashboard/project/${REF}/editor/1`,
      `/dashboard/project/${REF}\\editor`,
    ]) {
      const fast = linkTarget(href, base);
      expect(fast ? { ref: fast.ref, path: fast.path } : undefined, href).toEqual(slow(href));
      const u = new URL(href, base);
      // Every parameter the readers may ask for answers as URLSearchParams.get does (first value, '+' as a space).
      for (const name of ['schema', 'search', 'a', 'flag', 'missing', 'a b', ''])
        expect(fast?.params.get(name), `${href} ${name}`).toBe(fast ? u.searchParams.get(name) : undefined);
    }
  });
});
