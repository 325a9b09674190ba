/**
 * The background side of the Supabase checks: what capture.ts keeps of the page's own Supabase requests, the
 * consent gate in front of the exposure check, monitoring re-audits, cancel, and the popup's cancel message.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleMessage } from '@/entrypoints/background';
import { cancelProbe, clearProbeMemory, collectSupabase, pendingCancels, type SupabaseCollectOptions } from '@/entrypoints/background/supabase-app';
import { supabaseRequestFacts } from '@/entrypoints/background/capture';
import type { Source } from '@/utils/evidence/evidence';
import { KEYS } from '@/utils/storage/keys';
/** Consent as earlier versions stored it (`{grantedAt, via}` under the same key): still honoured, migrated on read. */
const probeConsentKey = (origin: string) => KEYS.consent('supabase-exposure-check', origin);
import { fakeRef, mintAnonKey, mintPublishableKey, mintSecretKey } from '../../fixtures/apps/supabase-keys';
import { mockApis, mockWebRequest, restoreApis, type WebRequestMock } from './mocks';

const REF = fakeRef(11);
const ANON = mintAnonKey(REF);
const ORIGIN = 'https://app.example.com';
const bundle = (extra = ''): Source => ({
  kind: 'script',
  url: `${ORIGIN}/assets/index.js`,
  label: 'index.js',
  text: `const c=createClient("https://${REF}.supabase.co","${ANON}");c.from("profiles").select("*");c.from("votes").select("*");${extra}`,
  truncated: false,
});

function fakeFetch() {
  const calls: { url: string; method: string; apikey: string | null }[] = [];
  const fetch = vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    calls.push({ url: String(input), method: init?.method ?? 'GET', apikey: headers.get('apikey') });
    return new Response('[]', { status: 200, headers: { 'Content-Range': '*/0' } });
  });
  return { calls, fetch: fetch as unknown as typeof globalThis.fetch };
}

const opts = (f: ReturnType<typeof fakeFetch>, over: Partial<SupabaseCollectOptions> = {}): SupabaseCollectOptions => ({
  tabId: 3,
  origin: ORIGIN,
  mode: 'click',
  sources: [bundle()],
  responses: [],
  resources: [],
  probe: { fetch: f.fetch, limits: { perSecond: 1000 } },
  ...over,
});
const consent = () => fakeBrowser.storage.local.set({ [probeConsentKey(ORIGIN)]: { grantedAt: 1, via: 'popup' } });

beforeEach(() => clearProbeMemory());

describe('collectSupabase: consent gate', () => {
  it('without consent: discovery only, not one request to the project', async () => {
    const f = fakeFetch();
    const gaps: { collector: string; message: string }[] = [];
    const app = await collectSupabase(opts(f), gaps);
    expect(f.calls).toHaveLength(0);
    expect(app!.projects[0]).toMatchObject({ ref: REF, skipped: 'no-consent', tablesFound: 2 });
    expect(app!.projects[0]!.probe).toBeUndefined();
  });

  it('with the site granted but not its project’s address, says the page’s own requests to it were not read', async () => {
    const granted = new Set([`${ORIGIN}/*`]);
    const asked: string[] = [];
    const hostAccess = async (p: string) => {
      asked.push(p);
      return granted.has(p);
    };
    const gaps: { collector: string; message: string }[] = [];
    await collectSupabase(opts(fakeFetch(), { hostAccess }), gaps);
    expect(asked).toEqual([`${ORIGIN}/*`, `https://${REF}.supabase.co/*`]);
    expect(gaps.map((g) => g.message)).toEqual([expect.stringContaining(`requests to ${REF}.supabase.co were not read`)]);
    // Granted (the popup's one prompt for both): no gap. A quick audit (site not granted): nothing to add either.
    granted.add(`https://${REF}.supabase.co/*`);
    const after: typeof gaps = [];
    await collectSupabase(opts(fakeFetch(), { hostAccess }), after);
    expect(after).toEqual([]);
    const quick: typeof gaps = [];
    await collectSupabase(opts(fakeFetch(), { hostAccess: async () => false }), quick);
    expect(quick).toEqual([]);
  });

  it('consent for another origin does not count', async () => {
    await fakeBrowser.storage.local.set({ [probeConsentKey('https://other.example.com')]: { grantedAt: 1, via: 'popup' } });
    const f = fakeFetch();
    await collectSupabase(opts(f), []);
    expect(f.calls).toHaveLength(0);
  });

  it('garbage stored as consent does not count', async () => {
    await fakeBrowser.storage.local.set({ [probeConsentKey(ORIGIN)]: 'yes please' });
    const f = fakeFetch();
    await collectSupabase(opts(f), []);
    expect(f.calls).toHaveLength(0);
  });

  it('with consent: one GET per table with the anon key, never a secret key found in the page', async () => {
    await consent();
    const f = fakeFetch();
    const app = await collectSupabase(opts(f, { sources: [bundle(`var admin="${mintSecretKey()}";`)] }), []);
    expect(f.calls.map((c) => c.url).sort()).toEqual(
      [
        `https://${REF}.supabase.co/rest/v1/`,
        `https://${REF}.supabase.co/rest/v1/profiles?select=*&limit=1`,
        `https://${REF}.supabase.co/rest/v1/votes?select=*&limit=1`,
        `https://${REF}.supabase.co/storage/v1/bucket`,
      ].sort(),
    );
    expect(new Set(f.calls.map((c) => c.method))).toEqual(new Set(['GET']));
    expect(new Set(f.calls.map((c) => c.apikey))).toEqual(new Set([ANON]));
    expect(app!.projects[0]!.probe).toMatchObject({ state: 'complete', requests: 4 });
    expect(JSON.stringify(app)).not.toContain(ANON);
  });

  it('with consent but only a secret key in the page: skipped, nothing sent', async () => {
    await consent();
    const f = fakeFetch();
    const text = `createClient("https://${REF}.supabase.co","${mintSecretKey()}");x.from("t")`;
    const app = await collectSupabase(opts(f, { sources: [{ ...bundle(), text }] }), []);
    expect(f.calls).toHaveLength(0);
    expect(app!.projects[0]!.skipped).toBe('no-public-key');
  });

  it('monitoring re-audits never send requests; they reuse the last check of this session', async () => {
    await consent();
    const f = fakeFetch();
    const first = await collectSupabase(opts(f, { mode: 'monitor' }), []);
    expect(f.calls).toHaveLength(0);
    expect(first!.projects[0]!.skipped).toBe('not-run');
    await collectSupabase(opts(f), []);
    const sent = f.calls.length;
    const again = await collectSupabase(opts(f, { mode: 'monitor' }), []);
    expect(f.calls).toHaveLength(sent);
    expect(again!.projects[0]!.probe).toMatchObject({ reused: true, state: 'complete' });
  });

  it('a monitoring re-audit during the user’s check waits for it and reuses its result (not "not run")', async () => {
    await consent();
    const f = fakeFetch();
    const held: (() => void)[] = [];
    let holding = true;
    const answer = f.fetch;
    f.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
      if (holding) await new Promise<void>((r) => held.push(r));
      return answer(input, init);
    }) as typeof globalThis.fetch;
    const user = collectSupabase(opts(f), []);
    await expect.poll(() => held.length).toBeGreaterThan(0);
    const monitor = collectSupabase(opts(f, { mode: 'monitor', tabId: 4 }), []);
    await new Promise((r) => setTimeout(r, 10)); // the re-audit reaches its wait
    holding = false;
    for (const r of held.splice(0)) r();
    const [u, m] = await Promise.all([user, monitor]);
    expect(u!.projects[0]!.probe).toMatchObject({ reused: false });
    expect(m!.projects[0]!.skipped).toBeUndefined();
    expect(m!.projects[0]!.probe).toMatchObject({ reused: true, startedAt: u!.projects[0]!.probe!.startedAt });
  });

  it('a cancel that arrives before the check starts stops it before its first request', async () => {
    await consent();
    const f = fakeFetch();
    expect(cancelProbe(3)).toBe(false);
    const gaps: { collector: string; message: string }[] = [];
    const app = await collectSupabase(opts(f), gaps);
    expect(f.calls).toHaveLength(0);
    expect(app!.projects[0]!.probe).toMatchObject({ state: 'cancelled', requests: 0 });
    expect(gaps.map((g) => g.message).join(' ')).toMatch(/cancelled/);
    // The cancel was used up: the next audit checks normally.
    await collectSupabase(opts(f), []);
    expect(f.calls.length).toBeGreaterThan(0);
  });

  it('early cancels of tabs that never start a check (closed first) do not pile up: older than a minute, dropped', () => {
    const t0 = 1_000_000;
    for (let tab = 1000; tab < 1500; tab++) cancelProbe(tab, t0);
    expect(pendingCancels()).toBeGreaterThanOrEqual(500);
    cancelProbe(2000, t0 + 61_000);
    expect(pendingCancels()).toBe(1);
  });

  it('a cancel during the check aborts the requests in flight', async () => {
    await consent();
    const hanging = vi.fn(
      (_: unknown, init?: RequestInit) =>
        new Promise<Response>((_, reject) => init!.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
    );
    const p = collectSupabase(opts(fakeFetch(), { probe: { fetch: hanging as unknown as typeof fetch, limits: { perSecond: 1000 } } }), []);
    await vi.waitFor(() => expect(hanging).toHaveBeenCalled());
    expect(cancelProbe(3)).toBe(true);
    const app = await p;
    expect(app!.projects[0]!.probe!.state).toBe('cancelled');
  });
});

describe('the popup’s cancel message', () => {
  it('is accepted from our own pages only', async () => {
    const popup = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') };
    await expect(handleMessage({ type: 'supabase:cancel-probe', tabId: 9 }, popup)).resolves.toEqual({ ok: true });
    await expect(
      handleMessage(
        { type: 'supabase:cancel-probe', tabId: 9 },
        { id: fakeBrowser.runtime.id, url: 'https://evil.example/', tab: { id: 1 } as never, frameId: 0 },
      ),
    ).resolves.toBeUndefined();
    await expect(handleMessage({ type: 'supabase:cancel-probe', tabId: 9, extra: 1 }, popup)).resolves.toBeUndefined();
  });
});

describe('capture: the page’s own Supabase requests', () => {
  let wr: WebRequestMock;
  afterEach(() => restoreApis());

  it('keeps the method, select= columns and anonymity, never the key, a token or a query value', async () => {
    wr = mockWebRequest('chrome');
    mockApis({ webRequest: wr });
    vi.resetModules();
    const capture = await import('@/entrypoints/background/capture');
    capture.startCapture();
    const tab = 4;
    const emit = (requestId: string, url: string, type: string, headers: Record<string, string>, method = 'GET') => {
      wr.onSendHeaders.emit({ requestId, tabId: tab, url, method, requestHeaders: Object.entries(headers).map(([name, value]) => ({ name, value })) });
      wr.onHeadersReceived.emit({
        requestId,
        url,
        tabId: tab,
        type,
        statusCode: type === 'main_frame' ? 200 : 206,
        responseHeaders: [
          { name: 'Content-Range', value: '0-4/12' },
          { name: 'Access-Control-Allow-Origin', value: '*' },
        ],
      });
    };
    emit('d', `${ORIGIN}/`, 'main_frame', {});
    emit('a', `https://${REF}.supabase.co/rest/v1/profiles?select=id,email&email=eq.someone%40example.org`, 'xmlhttprequest', {
      apikey: ANON,
      Authorization: `Bearer ${ANON}`,
    });
    emit('u', `https://${REF}.supabase.co/rest/v1/todos?select=*`, 'xmlhttprequest', { apikey: ANON, Authorization: 'Bearer user.session.jwt' });
    const list = await capture.capturedFor(tab);
    expect(list[1]).toMatchObject({
      url: `https://${REF}.supabase.co/rest/v1/profiles`,
      status: 206,
      requestCredentialed: false, // the public key as bearer is not an ambient credential
      supabase: { method: 'GET', select: ['id', 'email'], anonymous: true },
    });
    expect(list[2]!.supabase).toEqual({ method: 'GET', select: ['*'], anonymous: false });
    const all = JSON.stringify(list);
    expect(all).not.toContain(ANON);
    expect(all).not.toContain('someone');
    expect(all).not.toContain('session.jwt');
  });

  it('a plain fetch on the new keys (apikey only: no x-client-info, no Prefer, no Authorization) is kept as a logged-out read', async () => {
    wr = mockWebRequest('chrome');
    mockApis({ webRequest: wr });
    vi.resetModules();
    const capture = await import('@/entrypoints/background/capture');
    capture.startCapture();
    const tab = 5;
    const pub = mintPublishableKey(12);
    wr.onSendHeaders.emit({ requestId: 'd', tabId: tab, url: `${ORIGIN}/`, method: 'GET', requestHeaders: [] });
    wr.onHeadersReceived.emit({ requestId: 'd', url: `${ORIGIN}/`, tabId: tab, type: 'main_frame', statusCode: 200, responseHeaders: [] });
    const url = `https://${REF}.supabase.co/rest/v1/profiles?select=email,full_name&limit=5`;
    // What Chromium reports for `fetch(url, {headers: {apikey}})`: the page's own headers and the browser's.
    wr.onSendHeaders.emit({
      requestId: 'p',
      tabId: tab,
      url,
      method: 'GET',
      requestHeaders: [
        { name: 'apikey', value: pub },
        { name: 'Accept', value: '*/*' },
        { name: 'Origin', value: ORIGIN },
      ],
    });
    // PostgREST without Prefer: count: a range with no total.
    wr.onHeadersReceived.emit({
      requestId: 'p',
      url,
      tabId: tab,
      type: 'xmlhttprequest',
      statusCode: 200,
      responseHeaders: [{ name: 'Content-Range', value: '0-4/*' }],
    });
    const list = await capture.capturedFor(tab);
    expect(list[1]).toMatchObject({
      url: `https://${REF}.supabase.co/rest/v1/profiles`,
      status: 200,
      supabase: { method: 'GET', select: ['email', 'full_name'], anonymous: true },
    });
    expect(JSON.stringify(list)).not.toContain(pub);
    // …and discovery turns it into the table's request (5 rows, no total), what app-anon-rows-in-page reads.
    const { discoverSupabase } = await import('@/utils/supabase/app-discover');
    const { app } = discoverSupabase({ sources: [], responses: list, resources: [] });
    expect(app?.projects[0]?.tables.find((t) => t.name === 'profiles')?.requests).toEqual([
      { method: 'GET', status: 200, rows: 5, select: ['email', 'full_name'], anonymous: true },
    ]);
  });

  it('supabaseRequestFacts: a secret key in apikey is never a logged-out read', () => {
    const get = (h: Record<string, string>) => (n: string) => h[n];
    expect(supabaseRequestFacts(`https://${REF}.supabase.co/rest/v1/x?select=a`, 'GET', get({ apikey: mintSecretKey(13) }))).toEqual({
      method: 'GET',
      select: ['a'],
      anonymous: false,
    });
    expect(supabaseRequestFacts(`https://${REF}.supabase.co/rest/v1/x`, 'GET', get({ apikey: mintPublishableKey(13) }))).toEqual({
      method: 'GET',
      anonymous: true,
    });
  });

  it('supabaseRequestFacts ignores everything but <ref>.supabase.co/rest/v1', () => {
    const h = () => undefined;
    expect(supabaseRequestFacts(`https://${REF}.supabase.co/auth/v1/token`, 'POST', h)).toBeUndefined();
    expect(supabaseRequestFacts('https://api.example.com/rest/v1/x', 'GET', h)).toBeUndefined();
    expect(supabaseRequestFacts(`https://${REF}.supabase.co/rest/v1/x`, 'PATCH', h)).toEqual({ method: 'PATCH' });
  });
});
