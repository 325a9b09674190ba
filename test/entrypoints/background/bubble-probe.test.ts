/**
 * The Bubble checks against a fake app answering with the documented shapes (test/fixtures/bubble/deployed.ts):
 * one GET per exposed type plus /version-test, same origin, no credentials, rate-limited, cancellable; record values
 * never leave it. And the Bubble fingerprint that gates them.
 */
import { describe, expect, it } from 'vitest';
import { readMeta, runBubbleCheck } from '@/entrypoints/background/bubble-probe';
import { looksLikeBubble } from '@/entrypoints/background/bubble-app';
import type { Sleep } from '@/entrypoints/background/supabase-probe';
import { NOT_EXPOSED, metaBody, objBody } from '../../fixtures/bubble/deployed';

const ORIGIN = 'https://leaky-app.bubbleapps.io';
const PLANTED = 'planted.value.zq7@example.org';

function fakeApp(now: () => number = Date.now, hang = false) {
  const calls: { url: string; method: string; credentials?: RequestCredentials; at: number }[] = [];
  const fetchFn = (async (input: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(input), method: init?.method ?? 'GET', ...(init?.credentials ? { credentials: init.credentials } : {}), at: now() });
    const u = new URL(String(input));
    if (hang) return new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    if (u.pathname === '/api/1.1/meta') return new Response(JSON.stringify(metaBody({ get: ['user', 'invoice', 'product'] })), { status: 200 });
    if (u.pathname === '/api/1.1/obj/user') return new Response(objBody([{ _id: '1x1', email: PLANTED }], 9), { status: 200 });
    if (u.pathname === '/api/1.1/obj/invoice') return new Response(objBody([], 0), { status: 200 });
    if (u.pathname === '/version-test') return new Response('<html>test</html>', { status: 200 });
    return new Response(NOT_EXPOSED, { status: 404 });
  }) as typeof fetch;
  return { calls, fetch: fetchFn };
}

function virtualClock() {
  let t = 0;
  const sleep: Sleep = async (ms) => {
    t += ms;
  };
  return { now: () => t, sleep };
}

describe('runBubbleCheck', () => {
  it('asks once per type and once for /version-test, GET only, without credentials; keeps counts and field names only', async () => {
    const app = fakeApp();
    const meta = await readMeta(ORIGIN, { fetch: app.fetch });
    expect(meta).toMatchObject({ state: 'on', types: ['user', 'invoice', 'product'] });
    const probe = await runBubbleCheck({ origin: ORIGIN, types: meta!.types, fetch: app.fetch });
    expect(probe.requests).toBe(4);
    expect(app.calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      `GET ${ORIGIN}/api/1.1/meta`,
      `GET ${ORIGIN}/api/1.1/obj/user?limit=1`,
      `GET ${ORIGIN}/api/1.1/obj/invoice?limit=1`,
      `GET ${ORIGIN}/api/1.1/obj/product?limit=1`,
      `GET ${ORIGIN}/version-test`,
    ]);
    expect(app.calls.every((c) => c.credentials === 'omit')).toBe(true);
    expect(probe.types.map((t) => [t.type, t.verdict, t.total])).toEqual([
      ['user', 'readable', 10],
      ['invoice', 'empty', 0],
      ['product', 'not-exposed', undefined],
    ]);
    expect(probe.types[0]!.fields).toEqual(['_id', 'email']);
    expect(probe.versionTest).toEqual({ status: 200, verdict: 'open' });
    expect(JSON.stringify(probe)).not.toContain(PLANTED);
    expect(probe.state).toBe('complete');
  });

  it('starts at most 4 requests per second', async () => {
    const clock = virtualClock();
    const app = fakeApp(clock.now);
    const types = Array.from({ length: 12 }, (_, i) => `t${i}`);
    // One request in flight: the virtual clock advances by each sleep in turn.
    await runBubbleCheck({ origin: ORIGIN, types, fetch: app.fetch, now: clock.now, sleep: clock.sleep, limits: { concurrency: 1 } });
    const starts = app.calls.map((c) => c.at).sort((a, b) => a - b);
    for (let i = 4; i < starts.length; i++) expect(starts[i]! - starts[i - 4]!).toBeGreaterThanOrEqual(1000);
    expect(app.calls).toHaveLength(13);
  });

  it('asks about at most 30 types and says how many were left', async () => {
    const app = fakeApp();
    const probe = await runBubbleCheck({ origin: ORIGIN, types: Array.from({ length: 45 }, (_, i) => `t${i}`), fetch: app.fetch, limits: { perSecond: 1000 } });
    expect(probe.types).toHaveLength(30);
    expect(probe.notChecked).toBe(15);
  });

  it('stops when cancelled', async () => {
    const app = fakeApp(Date.now, true);
    const c = new AbortController();
    const p = runBubbleCheck({ origin: ORIGIN, types: ['a', 'b', 'c'], fetch: app.fetch, signal: c.signal });
    setTimeout(() => c.abort(), 20);
    const probe = await p;
    expect(probe.state).toBe('cancelled');
    expect(app.calls.length).toBeLessThanOrEqual(2);
  });
});

describe('looksLikeBubble', () => {
  const doc = (headers: [string, string][]) => [
    { url: 'https://shop.example.com/', status: 200, type: 'main_frame' as const, headers, source: 'webRequest' as const },
  ];
  it('recognises <app>.bubbleapps.io, Bubble response headers and bundle paths on custom domains', () => {
    expect(looksLikeBubble(`${ORIGIN}/`, [])).toBe(true);
    expect(looksLikeBubble('https://shop.example.com/', doc([['x-bubble-perf', '{}']]))).toBe(true);
    expect(looksLikeBubble('https://shop.example.com/', [], ['https://shop.example.com/package/static_js/abc/x.js'])).toBe(true);
  });
  it('ignores other pages and the editor', () => {
    expect(looksLikeBubble('https://shop.example.com/', doc([['server', 'nginx']]))).toBe(false);
    expect(looksLikeBubble('https://bubble.io/page?id=x', [])).toBe(false);
    expect(looksLikeBubble('https://shop.example.com/', [], ['https://cdn.other.test/package/static_js/a.js'])).toBe(false);
  });
});
