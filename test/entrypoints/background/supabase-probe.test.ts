/**
 * The exposure check against a fake project (documented answers and hostile ones): one GET per table, the public
 * key only, rate-limited, bounded in time and size, cancellable; row values never leave it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PROBE_CLIENT_INFO, PROBE_LIMITS, RateLimiter, assertPublishable, runExposureCheck, type Sleep } from '@/entrypoints/background/supabase-probe';
import type { ProbeKey } from '@/utils/supabase/app-discover';
import type { SupabaseProbe } from '@/utils/supabase/app-evidence';
import { fakeRef, mintAnonKey, mintPublishableKey, mintSecretKey, mintServiceRoleKey } from '../../fixtures/apps/supabase-keys';

const REF = fakeRef(7);
const KEY: ProbeKey = { ref: REF, kind: 'anon-jwt', value: mintAnonKey(REF) };
const PLANTED = 'planted.value.zq7@example.org';

interface Call {
  url: string;
  method: string;
  headers: Headers;
  at: number;
  aborted: boolean;
}
type Answer = (signal: AbortSignal) => Response | Promise<Response>;
const json =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  () =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

/** A project that answers by path; unknown tables get 404 PGRST205. */
function fakeProject(tables: Record<string, Answer>, other: { openapi?: Answer; buckets?: Answer; all?: Answer } = {}, now: () => number = Date.now) {
  const calls: Call[] = [];
  const fetchFn = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const call: Call = { url: String(input), method: init?.method ?? 'GET', headers: new Headers(init?.headers), at: now(), aborted: false };
    calls.push(call);
    const signal = init!.signal!;
    const answer: Answer =
      other.all ??
      (url.pathname === '/rest/v1/'
        ? (other.openapi ??
          json(403, { message: 'Access to schema is forbidden', hint: 'Accessing the schema via the Data API is only allowed using a secret API key.' }))
        : url.pathname === '/storage/v1/bucket'
          ? (other.buckets ?? json(200, []))
          : (tables[decodeURIComponent(url.pathname.replace('/rest/v1/', ''))] ??
            json(404, { code: 'PGRST205', details: null, hint: null, message: 'Could not find the table' })));
    return new Promise<Response>((resolve, reject) => {
      const onAbort = () => {
        call.aborted = true;
        reject(new DOMException('aborted', 'AbortError'));
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      Promise.resolve(answer(signal)).then(resolve, reject);
    });
  }) as typeof fetch;
  return { calls, fetch: fetchFn };
}

/** Never answers (until aborted). */
const hang: Answer = () => new Promise<Response>(() => undefined);
const rowsOf = (n: number, total: number) =>
  json(
    total > n ? 206 : 200,
    Array.from({ length: n }, (_, i) => ({ id: i, email: PLANTED })),
    { 'Content-Range': n ? `0-${n - 1}/${total}` : `*/${total}` },
  );

function virtualClock() {
  let t = 0;
  const sleep: Sleep = async (ms) => {
    t += ms;
  };
  return { now: () => t, sleep };
}

describe('runExposureCheck', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('makes exactly one GET per table, plus the OpenAPI root and the bucket list, with the public key only', async () => {
    const clock = virtualClock();
    const names = Array.from({ length: 20 }, (_, i) => `table_${i}`);
    const p = fakeProject(Object.fromEntries(names.map((n) => [n, rowsOf(0, 0)])), {}, clock.now);
    const r = await runExposureCheck({ ref: REF, key: KEY, tables: names, fetch: p.fetch, ...clock });
    expect(r.requests).toBe(22);
    expect(p.calls).toHaveLength(22);
    expect(new Set(p.calls.map((c) => c.method))).toEqual(new Set(['GET']));
    expect(p.calls[0]!.url).toBe(`https://${REF}.supabase.co/rest/v1/`);
    for (const n of names) expect(p.calls.filter((c) => c.url === `https://${REF}.supabase.co/rest/v1/${n}?select=*&limit=1`)).toHaveLength(1);
    for (const c of p.calls) {
      expect(c.headers.get('apikey')).toBe(KEY.value);
      expect(c.headers.get('authorization')).toBe(`Bearer ${KEY.value}`);
      expect(c.headers.get('x-client-info')).toBe(PROBE_CLIENT_INFO);
      expect(c.headers.get('prefer')).toBe(c.url.includes('limit=1') ? 'count=exact' : null);
    }
    expect(r).toMatchObject({ state: 'complete', openapi: { status: 403, verdict: 'locked' }, buckets: { verdict: 'empty' }, notChecked: 0 });
  });

  it('classifies every documented answer and keeps no row value', async () => {
    const p = fakeProject({
      profiles: rowsOf(1, 120),
      votes: rowsOf(0, 0),
      payments: json(401, {
        code: '42501',
        details: null,
        hint: 'Grant the required privileges to the current role with: GRANT SELECT ON public.payments TO anon;',
        message: 'permission denied for table payments',
      }),
      legacy: json(404, { code: '42P01', details: null, hint: null, message: 'relation "public.legacy" does not exist' }),
      broken: json(500, { message: 'boom' }),
      garbage: () => new Response('[{"id":1,"email":"x"', { status: 200 }),
    });
    const r = await runExposureCheck({
      ref: REF,
      key: KEY,
      tables: ['profiles', 'votes', 'payments', 'legacy', 'drafts', 'broken', 'garbage'],
      fetch: p.fetch,
      ...virtualClock(),
    });
    expect(Object.fromEntries(r.tables.map((t) => [t.name, t.verdict]))).toEqual({
      profiles: 'readable',
      votes: 'empty',
      payments: 'no-grant',
      legacy: 'missing',
      drafts: 'missing',
      broken: 'unknown',
      garbage: 'unknown',
    });
    expect(r.tables[0]).toMatchObject({ count: 120, columns: ['id', 'email'] });
    expect(JSON.stringify(r)).not.toContain(PLANTED);
    expect(r.state).toBe('complete');
  });

  it('starts at most 4 requests per second (the real sleep and clock, faked by Vitest)', async () => {
    vi.useFakeTimers();
    const names = Array.from({ length: 10 }, (_, i) => `t${i}`);
    const p = fakeProject({});
    const run = runExposureCheck({ ref: REF, key: KEY, tables: names, fetch: p.fetch });
    await vi.advanceTimersByTimeAsync(PROBE_LIMITS.totalMs);
    await run;
    const starts = p.calls.map((c) => c.at).sort((a, b) => a - b);
    expect(starts).toHaveLength(12);
    // Never 5 starts within one second, never 2 within a quarter of a second (start times on the faked clock).
    for (let i = 4; i < starts.length; i++) expect(starts[i]! - starts[i - 4]!).toBeGreaterThanOrEqual(1000);
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(250);
  });

  it('asks about at most 50 tables when the bundle names 5,000', async () => {
    const names = Array.from({ length: 5000 }, (_, i) => `t${i}`);
    const p = fakeProject({});
    const r = await runExposureCheck({ ref: REF, key: KEY, tables: names, fetch: p.fetch, ...virtualClock() });
    expect(p.calls).toHaveLength(52);
    expect(r.tables).toHaveLength(50);
    expect(r.notChecked).toBe(4950);
  });

  it('is cancellable: in-flight requests are aborted, the check ends at the cancel and nothing more is sent', async () => {
    vi.useFakeTimers();
    const slow: Answer = () => new Promise((resolve) => setTimeout(() => resolve(new Response('[]', { status: 200 })), 80));
    const names = Array.from({ length: 20 }, (_, i) => `t${i}`);
    const p = fakeProject(Object.fromEntries(names.map((n) => [n, slow])), { openapi: slow });
    const ctrl = new AbortController();
    setTimeout(() => ctrl.abort(), 120);
    let result: SupabaseProbe | undefined;
    const run = runExposureCheck({ ref: REF, key: KEY, tables: names, fetch: p.fetch, signal: ctrl.signal, limits: { perSecond: 100 } }).then(
      (r) => (result = r),
    );
    await vi.advanceTimersByTimeAsync(119);
    expect(result).toBeUndefined();
    // The cancel fires; the check settles without the clock moving any further (no wait on a slow answer).
    await vi.advanceTimersByTimeAsync(1);
    expect(result).toBeDefined();
    const r = await run;
    expect(r.state).toBe('cancelled');
    expect(p.calls.length).toBeLessThan(22);
    expect(p.calls.some((c) => c.aborted)).toBe(true);
    const sent = p.calls.length;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(p.calls.length).toBe(sent);
  });

  it('a cancel before the start sends nothing', async () => {
    const ctrl = new AbortController();
    ctrl.abort();
    const p = fakeProject({});
    const r = await runExposureCheck({ ref: REF, key: KEY, tables: ['a', 'b'], fetch: p.fetch, signal: ctrl.signal });
    expect(p.calls).toHaveLength(0);
    expect(r).toMatchObject({ state: 'cancelled', requests: 0 });
  });

  it('bounds each request in time: a hanging table is reported unclear, the rest complete', async () => {
    const p = fakeProject({ slowpoke: hang, ok: rowsOf(0, 0) });
    const r = await runExposureCheck({ ref: REF, key: KEY, tables: ['slowpoke', 'ok'], fetch: p.fetch, limits: { perSecond: 100, requestTimeoutMs: 100 } });
    expect(r.tables.find((t) => t.name === 'slowpoke')).toMatchObject({ verdict: 'unknown', status: 0, note: 'no answer within 0.1 s' });
    expect(r.tables.find((t) => t.name === 'ok')!.verdict).toBe('empty');
    expect(r.state).toBe('partial');
  });

  it('bounds the whole check in time: a project that hangs ends as timed-out at its deadline', async () => {
    vi.useFakeTimers();
    const p = fakeProject({}, { all: hang });
    let result: SupabaseProbe | undefined;
    const run = runExposureCheck({
      ref: REF,
      key: KEY,
      tables: Array.from({ length: 10 }, (_, i) => `t${i}`),
      fetch: p.fetch,
      limits: { perSecond: 100, totalMs: 300, requestTimeoutMs: 10_000 },
    }).then((r) => (result = r));
    await vi.advanceTimersByTimeAsync(299);
    expect(result).toBeUndefined();
    expect(p.calls.length).toBeGreaterThan(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(result).toBeDefined();
    const r = await run;
    expect(r.state).toBe('timed-out');
    expect(p.calls.every((c) => c.aborted)).toBe(true);
  });

  it('reads at most the size cap of a huge answer, then stops the download', async () => {
    let pulled = 0;
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    const huge: Answer = () =>
      new Response(
        new ReadableStream({
          start(c) {
            c.enqueue(new TextEncoder().encode('[{"blob":"'));
          },
          pull(c) {
            pulled += chunk.length;
            if (pulled > 20 * 1024 * 1024) c.close();
            else c.enqueue(chunk);
          },
        }),
        { status: 206, headers: { 'Content-Range': '0-0/3' } },
      );
    const p = fakeProject({ uploads: huge });
    const r = await runExposureCheck({ ref: REF, key: KEY, tables: ['uploads'], fetch: p.fetch, ...virtualClock() });
    expect(pulled).toBeLessThan(512 * 1024);
    expect(r.tables[0]).toMatchObject({ verdict: 'readable', count: 3, note: expect.stringMatching(/too large/) });
  });

  it('a bogus project (nothing answers) fails cleanly', async () => {
    const p = fakeProject({}, { all: () => Promise.reject(new TypeError('Failed to fetch')) });
    const r = await runExposureCheck({ ref: REF, key: KEY, tables: ['a'], fetch: p.fetch, ...virtualClock() });
    expect(r).toMatchObject({ state: 'failed', requests: 3 });
    expect(r.note).toMatch(/did not answer/);
  });

  it('reads bucket ids and public flags from the bucket list', async () => {
    const p = fakeProject(
      {},
      {
        buckets: json(200, [
          { id: 'avatars', name: 'avatars', public: true },
          { id: 'invoices', name: 'invoices', public: false },
        ]),
      },
    );
    const r = await runExposureCheck({ ref: REF, key: KEY, tables: [], fetch: p.fetch, ...virtualClock() });
    expect(r.buckets).toEqual({
      status: 200,
      verdict: 'listed',
      list: [
        { id: 'avatars', public: true },
        { id: 'invoices', public: false },
      ],
    });
  });
});

describe('never a secret key', () => {
  it('accepts only publishable keys', () => {
    expect(() => assertPublishable(KEY)).not.toThrow();
    expect(() => assertPublishable({ ref: REF, kind: 'publishable', value: mintPublishableKey() })).not.toThrow();
    for (const value of [mintServiceRoleKey(REF), mintSecretKey()]) {
      expect(() => assertPublishable({ ref: REF, kind: 'anon-jwt', value })).toThrow(/publishable/);
      expect(() => assertPublishable({ ref: REF, kind: 'publishable', value })).toThrow(/publishable/);
    }
  });
  it('refuses before sending anything', async () => {
    const p = fakeProject({});
    await expect(
      runExposureCheck({ ref: REF, key: { ref: REF, kind: 'anon-jwt', value: mintServiceRoleKey(REF) }, tables: ['a'], fetch: p.fetch }),
    ).rejects.toThrow();
    expect(p.calls).toHaveLength(0);
  });
});

describe('RateLimiter', () => {
  it('spaces starts 1000/perSecond ms apart', async () => {
    const clock = virtualClock();
    const l = new RateLimiter(4, clock.now, clock.sleep);
    const at: number[] = [];
    for (let i = 0; i < 9; i++) {
      await l.take();
      at.push(clock.now());
    }
    expect(at).toEqual([0, 250, 500, 750, 1000, 1250, 1500, 1750, 2000]);
  });
});

describe('new API keys (sb_publishable_): apikey only, Bearer only for JWTs', () => {
  const PUB: ProbeKey = { ref: REF, kind: 'publishable', value: mintPublishableKey(12) };
  /** Models the docs' "known limitations": a non-JWT Bearer is forwarded and rejected by the database (401 PGRST301). */
  const newKeyProject = (tables: Record<string, Answer>) => {
    const p = fakeProject(tables);
    const inner = p.fetch;
    const fetchFn = (async (input: string | URL | Request, init?: RequestInit) => {
      const bearer = /^Bearer\s+(.+)$/i.exec(new Headers(init?.headers).get('authorization') ?? '')?.[1];
      if (bearer !== undefined && bearer.split('.').length !== 3) {
        p.calls.push({ url: String(input), method: init?.method ?? 'GET', headers: new Headers(init?.headers), at: 0, aborted: false });
        return json(401, { code: 'PGRST301', details: null, hint: null, message: 'Expected 3 parts in JWT; got 1' })();
      }
      return inner(input, init);
    }) as typeof fetch;
    return { calls: p.calls, fetch: fetchFn };
  };

  it('sends a publishable key in apikey only, and finds the readable table', async () => {
    const clock = virtualClock();
    const p = newKeyProject({ profiles: rowsOf(1, 12) });
    const r = await runExposureCheck({ ref: REF, key: PUB, tables: ['profiles'], fetch: p.fetch, ...clock });
    expect(r.tables[0]).toMatchObject({ name: 'profiles', verdict: 'readable', count: 12 });
    for (const c of p.calls) {
      expect(c.headers.get('apikey')).toBe(PUB.value);
      expect(c.headers.get('authorization')).toBeNull();
    }
    expect(r.requests).toBe(3);
  });

  it('a legacy anon JWT still goes as apikey and Bearer', async () => {
    const clock = virtualClock();
    const p = newKeyProject({ profiles: rowsOf(1, 12) });
    await runExposureCheck({ ref: REF, key: KEY, tables: ['profiles'], fetch: p.fetch, ...clock });
    expect(p.calls.every((c) => c.headers.get('authorization') === `Bearer ${KEY.value}`)).toBe(true);
  });

  it('401 PGRST301 means our request was wrong: said so, retried once the documented way, never "protected"', async () => {
    const clock = virtualClock();
    // A project that refuses even a JWT Bearer as malformed (e.g. a key whose JWT the project no longer accepts).
    let refused = 0;
    const p = fakeProject({ profiles: rowsOf(1, 12) });
    const fetchFn = (async (input: string | URL | Request, init?: RequestInit) => {
      if (new Headers(init?.headers).get('authorization')) {
        refused++;
        return json(401, { code: 'PGRST301', details: null, hint: null, message: 'JWSError JWSInvalidSignature' })();
      }
      return p.fetch(input, init);
    }) as typeof fetch;
    const r = await runExposureCheck({ ref: REF, key: KEY, tables: ['profiles', 'polls'], fetch: fetchFn, ...clock });
    // The first such answer switches the whole check to apikey only: only requests already in flight (≤ 2) saw it.
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThanOrEqual(2);
    expect(r.tables.find((t) => t.name === 'profiles')).toMatchObject({ verdict: 'readable' });
    expect(r.note).toMatch(/our request was wrong/);
    expect(r.requests).toBe(4 + refused); // 4 requests + each refused one repeated once
  });

  it('classifies a 401 PGRST301 that could not be retried as our mistake, not as protection', async () => {
    const { classifyTableAnswer } = await import('@/utils/supabase/app-classify');
    const t = classifyTableAnswer('profiles', {
      status: 401,
      body: JSON.stringify({ code: 'PGRST301', details: null, hint: null, message: 'Expected 3 parts in JWT; got 1' }),
    });
    expect(t).toMatchObject({ verdict: 'unknown', code: 'PGRST301' });
    expect(t.note).toMatch(/our request was wrong/);
  });
});
