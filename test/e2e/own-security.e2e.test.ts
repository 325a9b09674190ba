/**
 * The auditor's own security, end to end in real headless Chromium and Firefox ESR with the built extension (issue 14,
 * "Our own security"): full audits of every deployed fixture app — TinyPoll, the Supabase app and its project, the Bubble
 * app, the Glide apps — without consent, then with consent to the active checks. Afterwards:
 *
 * - extension storage (local and session) holds none of the values the fixtures plant: no raw key, no session
 *   cookie value, no row or record value;
 * - every request the extension itself sent (told from the page's own by Fetch Metadata: the service worker's
 *   requests are not made by any site; in Firefox, which sends the extension's requests as `same-origin`, by what
 *   the browser's webRequest says made each one) is one of the documented ones — the HTTP→HTTPS redirect check, the CORS
 *   probe's re-read of the page, the page's own script bundles, Bubble's `/api/1.1/meta`, and only with consent the
 *   Bubble Data API / `/version-test` and the Supabase project's REST and Storage reads — all GET, all to the audited
 *   app or its own backend; the catch-all server for every other host sees nothing.
 *
 * The Supabase dashboard and the editors are covered where their flows live (supabase-dashboard, bubble-editor,
 * builders e2e tests check their stores for row values and the session token).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { browser as WxtBrowser } from 'wxt/browser';
import { auditThroughExtension, consentToProbe } from '../../scripts/lib/headless';
import type { FixtureServer } from '../fixtures/apps/server';
import { TINYPOLL_CDN, TINYPOLL_HOST, startTinyPoll } from '../fixtures/apps/tinypoll';
import { startSupabaseApi } from '../fixtures/apps/supabase-api';
import { SUPABASE_APP_HOST, TASKNEST_CODE_TABLES, profileRows, startSupabaseApp, taskNestTables } from '../fixtures/apps/supabase-app';
import { fakeRef, mintAnonKey, mintSecretKey, mintServiceRoleKey } from '../fixtures/apps/supabase-keys';
import { BUBBLE_APP_HOST, PLANTED_BUBBLE, startBubbleApp } from '../fixtures/apps/bubble-app';
import { PUBLIC_URLS, PRIVATE_URL, ROWS as GLIDE_ROWS } from '../fixtures/apps/glide-app';
import { startGlide } from '../fixtures/apps/glide-builder';
import { FAKE_KEYS, seeded } from '../utils/secrets/fake-keys';
import { ARTIFACTS, FIREFOX, startHarness, type Harness } from './harness';

declare const chrome: typeof WxtBrowser;

const REF = fakeRef(1414);
const ANON = mintAnonKey(REF, 14);
const SERVICE = mintServiceRoleKey(REF, 15);
const SECRET = mintSecretKey(16);
const TP_KEY = FAKE_KEYS['stripe-secret-key'](seeded(1414)).value;
const ROWS = profileRows();

const APPS = {
  tinypoll: `https://${TINYPOLL_HOST}/`,
  supabase: `https://${SUPABASE_APP_HOST}/`,
  bubble: `https://${BUBBLE_APP_HOST}/`,
  glide: PUBLIC_URLS['glide.page'],
  glidePrivate: PRIVATE_URL,
  glideDomain: PUBLIC_URLS['custom domain'],
};

type Req = FixtureServer['requests'][number];
let h: Harness;
let servers: FixtureServer[];
/** Cookie values the browser holds for the fixture apps (the session cookies the audits saw). */
let cookieValues: string[] = [];

/**
 * The extension's own requests. Chromium: a page's requests carry Sec-Fetch-Site (same-origin, same-site,
 * cross-site) or are a navigation; the service worker's carry `none` (no site made them) or the CORS probe's invented
 * Origin. Firefox sends the extension's requests to a granted host as `same-origin`, like the page's own: there the
 * server's requests are matched to what webRequest saw the extension's pages make (`firefoxOwn`).
 */
const fromExtension = (r: Req) =>
  FIREFOX
    ? firefoxOwn.has(r)
    : r.headers.origin === 'https://cors-probe.micro-app-auditor.invalid' ||
      String(r.headers.origin ?? '').startsWith('chrome-extension://') ||
      (r.headers['sec-fetch-mode'] !== 'navigate' && (r.headers['sec-fetch-site'] === 'none' || r.headers['sec-fetch-site'] === undefined));

/**
 * The browser's own background traffic, sent even with background networking off and with no extension at all: the
 * browser's, not ours. Chromium: updates, accounts, autofill, to Google's hosts, made by the browser's network
 * service in `no-cors` mode (or with no Sec-Fetch-Mode) and never with an extension's Origin; a `fetch()` from our
 * service worker or pages is a CORS-mode request, so one to those hosts would still count as ours. Firefox: Remote
 * Settings (its own HTTP client, which extensions' webRequest never sees).
 */
const BROWSER_HOSTS = FIREFOX
  ? /(^|\.)(mozilla\.com|mozilla\.net|mozilla\.org|firefox\.com)(:\d+)?$/
  : /(^|\.)(google\.com|googleapis\.com|gstatic\.com|gvt1\.com|googleusercontent\.com)(:\d+)?$/;
/**
 * Made the way the browser's own requests are (any host): see BROWSER_HOSTS. Over plain HTTP no request carries
 * Sec-Fetch headers (the browser's update check is one, our redirect check another): those are told apart by host only.
 */
const browserMade = (r: Req) =>
  FIREFOX || !r.tls || ((r.headers['sec-fetch-mode'] ?? 'no-cors') === 'no-cors' && !String(r.headers.origin ?? '').startsWith('chrome-extension://'));
const browserOwn = (r: Req) => BROWSER_HOSTS.test(r.host) && browserMade(r);

/** Firefox: a request webRequest saw, and whether an extension page (the background page, the popup) made it. */
interface Seen {
  key: string;
  own: boolean;
}
/** The server requests the extension made (Firefox), matched to webRequest's records by method and address. */
let firefoxOwn = new Set<Req>();
/** Server requests webRequest never saw (Firefox): the recorder would have missed them. */
let firefoxUnseen: Req[] = [];
const keyOf = (r: Req) => `${r.method} ${r.tls ? 'https' : 'http'}://${hostOf(r)}${r.url}`;

/** Firefox: records every request with what made it, from the extension page that `worker.evaluate` runs in. */
async function startFirefoxRecorder(): Promise<void> {
  await h.browser.worker.evaluate(async (base) => {
    const w = globalThis as unknown as { __seen: Seen[] };
    w.__seen = [];
    chrome.webRequest.onSendHeaders.addListener(
      (d) => {
        const u = new URL(d.url);
        const by = (d as { originUrl?: string }).originUrl ?? '';
        w.__seen.push({ key: `${d.method} ${u.protocol}//${u.hostname}${u.pathname}${u.search}`, own: by.startsWith(base) });
      },
      { urls: ['<all_urls>'] },
    );
  }, h.browser.extensionUrl(''));
}

/** Firefox: which server requests the extension made. Same address, several requests: the fetch-like ones first. */
async function attributeFirefox(all: Req[]): Promise<void> {
  const seen = await h.browser.worker.evaluate(async () => (globalThis as unknown as { __seen: Seen[] }).__seen);
  const count = (list: Seen[]) => list.reduce((m, s) => m.set(s.key, (m.get(s.key) ?? 0) + 1), new Map<string, number>());
  const own = count(seen.filter((s) => s.own));
  const any = count(seen);
  const fetchLike = (r: Req) => r.headers['sec-fetch-dest'] === 'empty' || r.headers['sec-fetch-dest'] === undefined;
  firefoxOwn = new Set();
  for (const r of [...all.filter(fetchLike), ...all.filter((q) => !fetchLike(q))]) {
    const n = own.get(keyOf(r)) ?? 0;
    if (n > 0) {
      own.set(keyOf(r), n - 1);
      firefoxOwn.add(r);
    }
  }
  firefoxUnseen = all.filter((r) => !browserOwn(r) && !any.has(keyOf(r)));
}
const ours = (r: Req) => fromExtension(r) && !browserOwn(r);

const hostOf = (r: Req) => r.host.replace(/:\d+$/, '');
const show = (r: Req) => `${r.method} ${r.tls ? 'https' : 'http'}://${hostOf(r)}${r.url}`;

/** The documented requests, by what they are for. `pageUrls`: what the pages themselves loaded. */
function documented(r: Req, pageUrls: Set<string>, consented: boolean): string | undefined {
  const host = hostOf(r);
  const path = r.url.split('?')[0]!;
  if (r.method !== 'GET') return undefined;
  const audited = new Set([TINYPOLL_HOST, SUPABASE_APP_HOST, BUBBLE_APP_HOST, ...Object.values(APPS).map((u) => new URL(u).hostname)]);
  if (audited.has(host) && !r.tls && path === '/') return 'redirect check';
  if (audited.has(host) && r.tls && r.headers.origin === 'https://cors-probe.micro-app-auditor.invalid') return 'CORS probe';
  if (audited.has(host) && r.tls && (path === '/' || `https://${host}${r.url}` === APPS.glide.replace(/^https:\/\/[^/]+/, `https://${host}`)))
    return 'page re-read';
  if (pageUrls.has(`${r.tls ? 'https' : 'http'}://${host}${r.url}`) && /\.m?js$/.test(path)) return 'script bundle';
  if (host === BUBBLE_APP_HOST && path === '/api/1.1/meta') return 'Bubble /meta';
  if (consented && host === BUBBLE_APP_HOST && (/^\/api\/1\.1\/obj\/[^/]+$/.test(path) || path === '/version-test')) return 'Bubble Data API check (consented)';
  if (consented && host === `${REF}.supabase.co` && (/^\/rest\/v1\/[^/]*$/.test(path) || path === '/storage/v1/bucket'))
    return 'Supabase exposure check (consented)';
  return undefined;
}

async function auditAll(): Promise<void> {
  for (const [name, url] of Object.entries(APPS)) {
    const r = await auditThroughExtension(h.browser, url, 800);
    expect(r.failure, `${name}: ${r.failure}`).toBeUndefined();
    await r.popup.close();
    await r.page.close();
  }
}

const requestCount = () => [...servers, h.sink].reduce((n, s) => n + s.requests.length, 0);
let passive: Req[] = [];
let consented: Req[] = [];
let pageUrls = new Set<string>();

beforeAll(async () => {
  const api = await startSupabaseApi({ ref: REF, keys: [ANON], tables: taskNestTables(), buckets: [{ id: 'avatars', public: true }], bucketsListable: true });
  const supa = await startSupabaseApp({ ref: REF, anonKey: ANON, codeTables: TASKNEST_CODE_TABLES, secrets: [SERVICE, SECRET] });
  const tiny = await startTinyPoll({ bundleExtra: `const STRIPE="${TP_KEY}";` });
  const bubble = await startBubbleApp({ versionTest: 'protected' });
  const glide = await startGlide();
  servers = [tiny, supa, api, bubble, glide];
  h = await startHarness(servers);

  const all = () => [...servers, h.sink].flatMap((s) => s.requests);
  if (FIREFOX) await startFirefoxRecorder();
  await auditAll();
  if (FIREFOX) await attributeFirefox(all());
  passive = all().filter(ours);
  const before = new Set(all());
  for (const url of Object.values(APPS)) await consentToProbe(h.browser, url);
  await auditAll();
  if (FIREFOX) await attributeFirefox(all());
  consented = all().filter((r) => !before.has(r) && ours(r));
  pageUrls = new Set(
    all()
      .filter((r) => !fromExtension(r))
      .map((r) => `${r.tls ? 'https' : 'http'}://${hostOf(r)}${r.url}`),
  );
  const tally = (list: Req[], consent: boolean) =>
    list.reduce<Record<string, number>>((acc, r) => {
      const k = documented(r, pageUrls, consent) ?? 'UNDOCUMENTED';
      acc[k] = (acc[k] ?? 0) + 1;
      return acc;
    }, {});
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(
    path.join(ARTIFACTS, FIREFOX ? 'own-security-requests.firefox.json' : 'own-security-requests.json'),
    JSON.stringify(
      { passive: tally(passive, false), consented: tally(consented, true), requests: [...passive, ...consented].map(show), unseen: firefoxUnseen.map(show) },
      null,
      2,
    ),
  );
  cookieValues = (await h.browser.worker.evaluate(async () => (await chrome.cookies.getAll({})).map((c) => c.value))).filter((v) => v.length >= 8);
}, 600_000);
afterAll(async () => h?.close());

describe('storage after full audits of every fixture app', () => {
  it('holds no raw key, session cookie value, or row/record value', async () => {
    const dump = await h.browser.worker.evaluate(async () => JSON.stringify([await chrome.storage.local.get(null), await chrome.storage.session.get(null)]));
    // Positive control: the audits are there, with their (masked) findings.
    for (const url of [APPS.tinypoll, APPS.supabase, APPS.bubble]) expect(dump).toContain(`audit:${new URL(url).origin}`);
    expect(dump).toContain('secret-exposed');
    expect(dump).toContain('app-table-readable');
    // The session cookie's value was in the browser (the audit read its flags), never in storage.
    expect(cookieValues.length).toBeGreaterThan(0);
    const planted = [
      TP_KEY,
      ANON,
      SERVICE,
      SECRET,
      ...cookieValues,
      ...ROWS.flatMap((r) => [r.full_name, r.email, r.phone, r.id] as string[]),
      ...PLANTED_BUBBLE,
      ...GLIDE_ROWS.flatMap((r) => [r.Email, r.Phone]),
    ];
    const found = planted.filter((v) => dump.includes(v) || dump.includes(JSON.stringify(v).slice(1, -1)));
    expect(found).toEqual([]);
  });
});

describe('every request the extension makes is a documented one', () => {
  it('without consent: the passive same-origin reads only, and at least the redirect check and CORS probe (positive control)', () => {
    const kinds = passive.map((r) => [show(r), documented(r, pageUrls, false)] as const);
    expect(kinds.filter(([, k]) => !k).map(([s]) => s)).toEqual([]);
    const seen = new Set(kinds.map(([, k]) => k));
    expect(seen).toContain('redirect check');
    expect(seen).toContain('CORS probe');
    expect(seen).toContain('Bubble /meta');
    expect(passive.filter((r) => hostOf(r) === `${REF}.supabase.co`)).toEqual([]);
  });

  it('with consent: the same, plus the consented checks to each app’s own backend, all GET', () => {
    const kinds = consented.map((r) => [show(r), documented(r, pageUrls, true)] as const);
    expect(kinds.filter(([, k]) => !k).map(([s]) => s)).toEqual([]);
    const seen = new Set(kinds.map(([, k]) => k));
    expect(seen).toContain('Supabase exposure check (consented)');
    expect(seen).toContain('Bubble Data API check (consented)');
    expect(new Set(consented.map((r) => r.method))).toEqual(new Set(['GET']));
    // The public key the page ships, never a secret key it leaked.
    for (const r of consented.filter((q) => hostOf(q) === `${REF}.supabase.co`)) expect(r.headers.apikey).toBe(ANON);
  });

  it('no request to any other host (the catch-all server sees only the browser’s own)', () => {
    expect(h.sink.requests.filter((r) => !browserOwn(r)).map(show)).toEqual([]);
    // The exemption cannot hide ours: none of the extension's recorded HTTPS requests is made the browser's way, so
    // the same request to a Google host would have been counted (Chromium; Firefox tells them apart by webRequest).
    // Positive control: there are such requests.
    const ownHttps = passive.concat(consented).filter((r) => r.tls);
    if (!FIREFOX) {
      expect(ownHttps.length).toBeGreaterThan(0);
      expect(ownHttps.filter(browserMade).map(show)).toEqual([]);
    }
    // Firefox: webRequest saw every request that reached a fixture server, so none escaped the attribution above.
    if (FIREFOX) expect(firefoxUnseen.map(show)).toEqual([]);
    expect(requestCount()).toBeGreaterThan(0);
    // The CDN the TinyPoll page uses is a third party: the extension never fetches from it on its own.
    expect(
      passive
        .concat(consented)
        .filter((r) => hostOf(r) === TINYPOLL_CDN && !pageUrls.has(`https://${TINYPOLL_CDN}${r.url}`))
        .map(show),
    ).toEqual([]);
  });
});
