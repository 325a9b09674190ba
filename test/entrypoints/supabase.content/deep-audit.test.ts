/**
 * entrypoints/supabase.content/deep-audit.ts with a fake Management API: which documented endpoints it calls, with what,
 * how answers become an observation, and that the session token goes nowhere but the Authorization header.
 */
import { describe, expect, it, vi } from 'vitest';
import { MANAGEMENT_API, SESSION_STORAGE_KEY, readSessionToken, runDeepAudit } from '@/entrypoints/supabase.content/deep-audit';
import { DashboardObservationSchema } from '@/utils/supabase/dashboard-evidence';
import { API_DATA, REF_C } from '../../fixtures/apps/supabase-studio';

const TOKEN = ['tok', 'x'.repeat(20), 'Y'.repeat(20)].join('.');
const storage = (value: unknown) => ({ getItem: (k: string) => (k === SESSION_STORAGE_KEY ? (typeof value === 'string' ? value : JSON.stringify(value)) : null) });
const SESSION = storage({ access_token: TOKEN, refresh_token: 'r', user: { id: 'u' } });

function api(status = 200) {
  return vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    const u = new URL(String(url));
    const json = (body: unknown, s = status) => new Response(JSON.stringify(body), { status: s, headers: { 'Content-Type': 'application/json' } });
    if (status !== 200) return json({ message: 'no' });
    if (u.pathname.endsWith('/advisors/security')) return json({ lints: API_DATA.lints });
    if (u.pathname.endsWith('/storage/buckets')) return json(API_DATA.buckets);
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
  it.each([['nothing', null], ['not JSON', '{'], ['no token', { user: {} }], ['a token with spaces', { access_token: 'a b c d e f g h i j k l m n o p' }]])('%s: none', (_n, v) => {
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
    expect(o.policies.find((p) => p.table === 'objects')).toMatchObject({ schema: 'storage', command: 'SELECT', roles: ['public'], using: "(bucket_id = 'uploads'::text)" });
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

  it('garbage answers are dropped entry by entry', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ lints: [{ name: 1 }, 'x'] }), { status: 200 }));
    const { observation } = await runDeepAudit(REF_C, { storage: SESSION, fetch });
    expect(DashboardObservationSchema.parse(observation).advisors!.lints).toEqual([]);
  });
});
