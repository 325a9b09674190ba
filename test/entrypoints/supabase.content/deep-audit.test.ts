/**
 * entrypoints/supabase.content/deep-audit.ts with a fake Management API: which documented endpoints it calls, with what,
 * how answers become an observation, and that the session token goes nowhere but the Authorization header.
 */
import { describe, expect, it, vi } from 'vitest';
import { MANAGEMENT_API, SESSION_STORAGE_KEY, readSessionToken, runDeepAudit, sqlUnavailable } from '@/entrypoints/supabase.content/deep-audit';
import { DashboardObservationSchema } from '@/utils/supabase/dashboard-evidence';
import { API_DATA, REF_C } from '../../fixtures/apps/supabase-studio';

const TOKEN = ['tok', 'x'.repeat(20), 'Y'.repeat(20)].join('.');
const storage = (value: unknown) => ({
  getItem: (k: string) => (k === SESSION_STORAGE_KEY ? (typeof value === 'string' ? value : JSON.stringify(value)) : null),
});
const SESSION = storage({ access_token: TOKEN, refresh_token: 'r', user: { id: 'u' } });

function api(status = 200, o: { query404?: boolean; postgrest?: boolean; query?: { status: number; body: unknown } | 'throw' } = {}) {
  return vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    const u = new URL(String(url));
    const json = (body: unknown, s = status) => new Response(JSON.stringify(body), { status: s, headers: { 'Content-Type': 'application/json' } });
    if (status !== 200) return json({ message: 'no' });
    if (u.pathname.endsWith('/advisors/security')) return json({ lints: API_DATA.lints });
    if (u.pathname.endsWith('/storage/buckets')) return json(API_DATA.buckets);
    if (u.pathname.endsWith('/postgrest')) return o.postgrest === false ? json({ message: 'no' }, 500) : json(API_DATA.postgrest);
    // Some projects answer 404 on the beta read-only query endpoint (shared/reference/supabase-studio.md).
    if (o.query404) return json({ message: 'Cannot POST /v1/projects/x/database/query/read-only' }, 404);
    if (o.query === 'throw') throw new TypeError('Failed to fetch');
    if (o.query) return json(o.query.body, o.query.status);
    const sql = String((JSON.parse(String(init?.body)) as { query: string }).query);
    if (sql.includes('pg_catalog.pg_class')) return json(API_DATA.tables, 201);
    if (sql.includes('pg_policies')) return json(API_DATA.policies, 201);
    if (sql.includes('pg_extension')) return json([{ installed: true }], 201);
    return json(API_DATA.cronJobs, 201);
  });
}

describe('readSessionToken', () => {
  it('reads the newer and the older GoTrue session layout', () => {
    expect(readSessionToken(SESSION)).toBe(TOKEN);
    expect(readSessionToken(storage({ currentSession: { access_token: TOKEN }, expiresAt: 1 }))).toBe(TOKEN);
  });
  it.each([
    ['nothing', null],
    ['not JSON', '{'],
    ['no token', { user: {} }],
    ['a token with spaces', { access_token: 'a b c d e f g h i j k l m n o p' }],
  ])('%s: none', (_n, v) => {
    expect(readSessionToken({ getItem: () => (v === null ? null : typeof v === 'string' ? v : JSON.stringify(v)) })).toBeUndefined();
  });
});

describe('runDeepAudit', () => {
  it('calls only the documented read-only endpoints of the project, with the session as a Bearer token', async () => {
    const fetch = api();
    await runDeepAudit(REF_C, { storage: SESSION, fetch });
    const calls = fetch.mock.calls.map(([url, init]) => `${init?.method} ${String(url)}`);
    expect(new Set(calls)).toEqual(
      new Set([
        `GET ${MANAGEMENT_API}/v1/projects/${REF_C}/advisors/security`,
        `GET ${MANAGEMENT_API}/v1/projects/${REF_C}/storage/buckets`,
        `GET ${MANAGEMENT_API}/v1/projects/${REF_C}/postgrest`,
        `POST ${MANAGEMENT_API}/v1/projects/${REF_C}/database/query/read-only`,
      ]),
    );
    for (const [, init] of fetch.mock.calls) {
      expect((init!.headers as Record<string, string>).Authorization).toBe(`Bearer ${TOKEN}`);
      expect(init!.credentials).toBe('omit');
      if (init!.body) expect(String(init!.body)).not.toMatch(/\b(insert|update|delete|drop|alter|create|grant|revoke)\s/i);
    }
  });

  it('maps the answers to an observation: lints (security only), buckets, tables, policies, cron', async () => {
    const { summary, observation } = await runDeepAudit(REF_C, { storage: SESSION, fetch: api() });
    expect(summary.ok).toBe(true);
    const o = DashboardObservationSchema.parse(observation);
    expect(o).toMatchObject({ page: 'deep-audit', source: 'api', tablesComplete: true, bucketsComplete: true });
    expect(o.advisors!.lints.map((l) => l.name)).toEqual(['rls_disabled_in_public', 'security_definer_view']);
    expect(o.advisors!.lints[0]!.detail).toBe('Table `public.customers` is public, but RLS has not been enabled.');
    expect(o.tables.find((t) => t.name === 'customers')).toMatchObject({ rls: 'disabled', exposed: 'yes', columns: ['id', 'email', 'phone', 'created_at'] });
    expect(o.tables.find((t) => t.name === 'customer_emails')).toMatchObject({ kind: 'view' });
    expect(o.policies.find((p) => p.table === 'objects')).toMatchObject({
      schema: 'storage',
      command: 'SELECT',
      roles: ['public'],
      using: "(bucket_id = 'uploads'::text)",
    });
    expect(o.cron).toMatchObject({ state: 'jobs', jobs: [{ name: 'delete-job-run-details' }] });
  });

  it('the token is in no part of what it returns', async () => {
    const out = await runDeepAudit(REF_C, { storage: SESSION, fetch: api() });
    expect(JSON.stringify(out)).not.toContain(TOKEN);
  });

  it('signed out: no request at all', async () => {
    const fetch = api();
    const out = await runDeepAudit(REF_C, { storage: storage(null), fetch });
    expect(fetch).not.toHaveBeenCalled();
    expect(out.summary.ok).toBe(false);
    expect(out.observation).toBeUndefined();
  });

  it('refused (401): no observation, a message to sign in again', async () => {
    const out = await runDeepAudit(REF_C, { storage: SESSION, fetch: api(401) });
    expect(out.observation).toBeUndefined();
    expect(out.summary.message).toMatch(/sign in/);
  });

  it('exposed schemas come from the Management API (db_schema), not current_setting(pgrst.db_schemas)', async () => {
    const { observation } = await runDeepAudit(REF_C, { storage: SESSION, fetch: api() });
    const o = DashboardObservationSchema.parse(observation);
    // api.ledger: RLS off in a second exposed schema, which current_setting() outside PostgREST calls "not exposed".
    expect(o.tables.find((t) => t.name === 'ledger')).toMatchObject({ schema: 'api', rls: 'disabled', exposed: 'yes' });
    const sql = api();
    await runDeepAudit(REF_C, { storage: SESSION, fetch: sql });
    for (const [, init] of sql.mock.calls) if (init?.body) expect(String(init.body)).not.toContain('pgrst.db_schemas');
  });

  it('without db_schema the exposure of granted tables is unknown, never "not exposed"', async () => {
    const { observation } = await runDeepAudit(REF_C, { storage: SESSION, fetch: api(200, { postgrest: false }) });
    expect(DashboardObservationSchema.parse(observation).tables.find((t) => t.name === 'ledger')?.exposed).toBe('unknown');
  });

  it('query/read-only answering 201 is success', async () => {
    const { summary } = await runDeepAudit(REF_C, { storage: SESSION, fetch: api() });
    expect(summary.calls.filter((c) => c.endpoint.includes('read-only')).every((c) => c.status === 201)).toBe(true);
    expect(summary.message).toBeUndefined();
  });

  it('query/read-only answering 404: falls back to the advisor and buckets, with a clear "SQL checks not available" gap', async () => {
    const fetch = api(200, { query404: true });
    const { summary, observation } = await runDeepAudit(REF_C, { storage: SESSION, fetch });
    expect(summary.ok).toBe(true);
    expect(summary.message).toMatch(/SQL checks not available on this project/);
    const o = DashboardObservationSchema.parse(observation);
    expect(o.advisors!.lints.length).toBeGreaterThan(0);
    expect(o.buckets.length).toBe(2);
    expect(o.tables).toEqual([]);
    expect(o.tablesComplete).toBe(false);
    expect(o.cron).toBeUndefined();
    // The observation carries the gap, so the saved audit says it too (background test supabase-dashboard.test.ts).
    expect(o.sqlUnavailable).toEqual({ status: 404 });
    // One query tried, not every one.
    expect(summary.calls.filter((c) => c.endpoint.includes('read-only'))).toHaveLength(1);
  });

  it.each([
    ['403 (not allowed for this account)', { status: 403, body: { message: 'Forbidden' } }, /answered 403/],
    ['500', { status: 500, body: { message: 'boom' } }, /answered 500/],
    ['no answer at all', 'throw' as const, /did not answer/],
    ['201 without rows', { status: 201, body: { result: 'not rows' } }, /answered 201 without rows/],
  ])('query/read-only %s: the same fallback and "SQL checks not available" gap', async (_n, query, how) => {
    const { summary, observation } = await runDeepAudit(REF_C, { storage: SESSION, fetch: api(200, { query }) });
    expect(summary.ok).toBe(true);
    expect(summary.message).toMatch(/^SQL checks not available on this project/);
    expect(summary.message).toMatch(how);
    expect(summary.message).toMatch(/the Security Advisor and bucket results were/);
    const o = DashboardObservationSchema.parse(observation);
    expect(sqlUnavailable(o.sqlUnavailable!.status)).toBe(summary.message);
    expect(o.advisors!.lints.length).toBeGreaterThan(0);
    expect(o.buckets.length).toBe(2);
    expect(o.tablesComplete).toBe(false);
    expect(o.cron).toBeUndefined();
    expect(summary.calls.filter((c) => c.endpoint.includes('read-only'))).toHaveLength(1);
  });

  it('query/read-only answering 200 with rows is success too (no gap)', async () => {
    const { summary, observation } = await runDeepAudit(REF_C, { storage: SESSION, fetch: api(200, { query: { status: 200, body: API_DATA.tables } }) });
    expect(summary.message).toBeUndefined();
    expect(DashboardObservationSchema.parse(observation).tablesComplete).toBe(true);
    expect(DashboardObservationSchema.parse(observation).sqlUnavailable).toBeUndefined();
  });

  it('garbage answers are dropped entry by entry', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ lints: [{ name: 1 }, 'x'] }), { status: 200 }));
    const { observation } = await runDeepAudit(REF_C, { storage: SESSION, fetch });
    expect(DashboardObservationSchema.parse(observation).advisors!.lints).toEqual([]);
  });
});
