/**
 * A deployed app on Supabase, audited by the built extension in real headless Chromium against a local stand-in for
 * `<ref>.supabase.co` (test/fixtures/apps/supabase-api.ts): passive findings without consent and not one request to
 * the project; with consent (popup checkbox + button, or `npm run audit -- <url> --probe`) the readable tables are
 * reported with count and columns; only GETs, only the public key, no row value in extension storage; hostile
 * projects (5,000 tables, a project that never answers, a bogus project) end bounded, and the check can be cancelled.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { browser as WxtBrowser } from 'wxt/browser';
import type { Audit } from '@/engine/audit-schema';
import { consentToProbe, readStoredAudit, auditThroughExtension, type HeadlessAuditResult } from '../../scripts/lib/headless';
import { runCli } from '../../scripts/audit';
import { hostRules, type FixtureServer } from '../fixtures/apps/server';
import { startSupabaseApi, type SupabaseApiServer } from '../fixtures/apps/supabase-api';
import { SUPABASE_APP_HOST, TASKNEST_CODE_TABLES, profileRows, startSupabaseApp, taskNestTables } from '../fixtures/apps/supabase-app';
import { fakeRef, mintAnonKey, mintPublishableKey, mintSecretKey, mintServiceRoleKey } from '../fixtures/apps/supabase-keys';
import { ARTIFACTS, startHarness, type Harness } from './harness';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BUILD_DIR, launchWithExtension } from '../../scripts/lib/browser';

declare const chrome: typeof WxtBrowser;

const REF = fakeRef(2026);
const ANON = mintAnonKey(REF, 5);
const SERVICE = mintServiceRoleKey(REF, 6);
const SECRET = mintSecretKey(7);
const APP = `https://${SUPABASE_APP_HOST}/`;
const APP_ORIGIN = `https://${SUPABASE_APP_HOST}`;
const ROWS = profileRows();
/** Row values planted in the stand-in: none may ever reach extension storage. */
const PLANTED = [
  ...ROWS.flatMap((r) => [r.full_name, r.email, r.phone, r.id] as string[]),
  'Planted poll title zq7',
  'Second planted poll zq7',
  'vanderPlanted',
  'tasknest-example.org',
];
const TABLES = { ...taskNestTables(), attachments: { mode: 'huge' as const }, weird: { mode: 'garbage' as const } };
const CODE_TABLES = [...TASKNEST_CODE_TABLES, 'attachments', 'weird'];

/** Hostile projects: one that never answers with a bundle naming 5,000 tables, and one nobody serves. */
const HANG_REF = fakeRef(4242);
const HANG_HOST = 'hoarder.test';
const BOGUS_REF = fakeRef(777);
const BOGUS_HOST = 'ghostnest.test';

/** An app on the new keys, written without supabase-js: apikey only, no x-client-info, no Prefer header. */
const LITE_REF = fakeRef(5150);
const LITE_KEY = mintPublishableKey(51);
const LITE_HOST = 'tasknest-lite.test';
const LITE = `https://${LITE_HOST}/`;
const LITE_TABLES = ['polls', 'votes', 'payments', 'drafts'];

let h: Harness;
let api: SupabaseApiServer;
let lite: SupabaseApiServer;
let hang: SupabaseApiServer;
let passive: HeadlessAuditResult;

/** Requests the extension (not the page) sent to a stand-in: the page's own carry the app's Origin. */
const fromExtension = (s: FixtureServer, pageOrigin = APP_ORIGIN) => s.requests.filter((r) => r.headers.origin !== pageOrigin);

async function storageDump(): Promise<string> {
  return h.browser.worker.evaluate(async () => JSON.stringify([await chrome.storage.local.get(null), await chrome.storage.session.get(null)]));
}

async function waitForCheck(popup: Page, states: string[]): Promise<void> {
  await popup.waitForFunction(
    (want) => {
      const main = document.querySelector('main');
      const panel = document.querySelector('[data-testid="exposure-check"]');
      return main?.getAttribute('aria-busy') === 'false' && want.includes(panel?.getAttribute('data-probe-state') ?? '');
    },
    states,
    { timeout: 60_000 },
  );
}

beforeAll(async () => {
  api = await startSupabaseApi({
    ref: REF,
    keys: [ANON],
    tables: TABLES,
    buckets: [
      { id: 'avatars', public: true },
      { id: 'invoices', public: false },
    ],
    bucketsListable: true,
  });
  hang = await startSupabaseApi({ ref: HANG_REF, keys: [mintAnonKey(HANG_REF)], tables: {}, hangAll: true });
  const app = await startSupabaseApp({ ref: REF, anonKey: ANON, codeTables: CODE_TABLES, secrets: [SERVICE, SECRET] });
  const hoarder = await startSupabaseApp({
    host: HANG_HOST,
    ref: HANG_REF,
    anonKey: mintAnonKey(HANG_REF),
    codeTables: Array.from({ length: 5000 }, (_, i) => `table_${i}`),
    pageFetch: false,
  });
  const ghost = await startSupabaseApp({ host: BOGUS_HOST, ref: BOGUS_REF, anonKey: mintAnonKey(BOGUS_REF), codeTables: ['things'], pageFetch: false });
  lite = await startSupabaseApi({
    ref: LITE_REF,
    keys: [LITE_KEY],
    tables: taskNestTables(),
    buckets: [{ id: 'avatars', public: true }],
    bucketsListable: true,
  });
  const liteApp = await startSupabaseApp({ host: LITE_HOST, ref: LITE_REF, anonKey: LITE_KEY, codeTables: LITE_TABLES, client: 'plain' });
  h = await startHarness([app, hoarder, ghost, api, hang, lite, liteApp]);
  passive = await auditThroughExtension(h.browser, APP, 800);
});
afterAll(async () => h?.close());

describe('without consent: passive only', () => {
  it('reports what the logged-out page itself downloaded, and suggests the check', () => {
    expect(passive.failure).toBeUndefined();
    const f = passive.audit!.findings;
    const rows = f.find((x) => x.ruleId === 'app-anon-rows-in-page');
    expect(rows?.message).toMatch(/5 rows of `profiles` \(12 in all\).*`full_name`, `email`/);
    expect(rows?.severity).toBe('high');
    const unchecked = f.find((x) => x.ruleId === 'app-exposure-unchecked');
    expect(unchecked?.message).toContain(REF);
    expect(unchecked?.message).toMatch(/9 tables/);
    expect(f.some((x) => x.ruleId === 'app-table-readable')).toBe(false);
    expect(passive.audit!.supabase?.projects[0]).toMatchObject({ ref: REF, publicKey: true, skipped: 'no-consent' });
  });

  it('sends not one request to the project', () => {
    expect(fromExtension(api)).toEqual([]);
    // The page's own: its CORS preflight and its GET of profiles.
    expect(api.requests.map((r) => `${r.method} ${r.url.split('?')[0]}`).sort()).toEqual(['GET /rest/v1/profiles', 'OPTIONS /rest/v1/profiles']);
  });

  it('reports the secret keys pasted into the bundle (and never uses them)', () => {
    const secret = passive.audit!.findings.filter((x) => x.ruleId === 'secret-exposed');
    expect(secret.map((x) => x.severity)).toEqual(['critical', 'critical']);
  });

  it('offers the check in the popup, behind a consent checkbox', async () => {
    const panel = await passive.popup.waitForSelector('[data-testid="exposure-check"]');
    expect(await panel.innerText()).toMatch(/Supabase exposure check/);
    expect(await passive.popup.isDisabled('text=Run exposure check')).toBe(true);
  });
});

describe('with consent from the popup', () => {
  let audit: Audit;
  let before: number;

  beforeAll(async () => {
    const popup = passive.popup;
    before = api.requests.length;
    // Keyboard only: Space ticks the box, Enter presses Run.
    await popup.focus('[data-testid="exposure-check"] input[type="checkbox"]');
    await popup.keyboard.press('Space');
    await popup.focus('[data-testid="exposure-check"] button.primary');
    await popup.keyboard.press('Enter');
    await waitForCheck(popup, ['complete', 'partial']);
    audit = (await readStoredAudit(h.browser, APP))!;
    await popup.screenshot({ path: path.join(ARTIFACTS, 'e2e-supabase-popup.png'), fullPage: true });
  });

  it('reports the readable tables with row count and column names', () => {
    const readable = audit.findings.filter((f) => f.ruleId === 'app-table-readable');
    const profiles = readable.find((f) => f.location.name === 'profiles')!;
    expect(profiles.severity).toBe('critical');
    expect(profiles.message).toMatch(/12 rows, columns `id`, `full_name`, `email`, `phone`, `created_at`/);
    const polls = readable.find((f) => f.location.name === 'polls')!;
    expect(polls.severity).toBe('medium');
    expect(polls.message).toMatch(/2 rows, columns `id`, `title`, `created_at`/);
    expect(readable.map((f) => f.location.name).sort()).toEqual(['polls', 'profiles']);
  });

  it('classifies every documented answer, and reports the hostile ones as unclear', () => {
    const summary = audit.findings.find((f) => f.ruleId === 'app-exposure-summary')!;
    expect(summary.message).toMatch(
      /Checked 9 tables .*2 readable by anyone, 1 return nothing \(RLS on\), 1 not granted to logged-out visitors, 2 not found, 3 unclear/,
    );
    expect(summary.evidence).toMatch(/RLS on \(200 \[\]\): votes/);
    expect(summary.evidence).toMatch(/no grant \(401 42501\): payments/);
    expect(summary.evidence).toMatch(/no such table \(404\): (legacy_notes 42P01, drafts PGRST205|drafts PGRST205, legacy_notes 42P01)/);
    expect(summary.evidence).toMatch(/OpenAPI root: 403 \(locked\)/);
    expect(audit.findings.find((f) => f.ruleId === 'app-bucket-public' && f.location.name === 'avatars')?.severity).toBe('medium');
    expect(audit.findings.some((f) => f.ruleId === 'app-exposure-unchecked')).toBe(false);
  });

  it('sent exactly one GET per table, plus the OpenAPI root and the bucket list, with the public key only', () => {
    const ours = fromExtension(api).filter((r) => api.requests.indexOf(r) >= before);
    expect(ours).toHaveLength(CODE_TABLES.length + 2);
    expect(new Set(ours.map((r) => r.method))).toEqual(new Set(['GET']));
    for (const t of CODE_TABLES)
      expect(
        ours.filter((r) => r.url === `/rest/v1/${t}?select=*&limit=1`),
        t,
      ).toHaveLength(1);
    expect(ours.filter((r) => r.url === '/rest/v1/')).toHaveLength(1);
    expect(ours.filter((r) => r.url === '/storage/v1/bucket')).toHaveLength(1);
    for (const r of ours) {
      expect(r.headers.apikey).toBe(ANON);
      expect(r.headers.authorization).toBe(`Bearer ${ANON}`);
    }
    // Never a secret key found in the page, in any request the extension sent anywhere.
    const everything = JSON.stringify([api.requests, h.sink.requests, ...h.servers.map((s) => s.requests)]);
    expect(everything).not.toContain(SERVICE);
    expect(everything).not.toContain(SECRET);
  });

  it('keeps no row value and no raw key in extension storage', async () => {
    const dump = await storageDump();
    expect(dump).toContain('app-table-readable');
    for (const v of PLANTED) expect(dump.includes(v), v).toBe(false);
    for (const k of [ANON, SERVICE, SECRET]) expect(dump.includes(k)).toBe(false);
  });

  it('withdrawing consent makes the next audit passive again', async () => {
    const popup = passive.popup;
    const n = fromExtension(api).length;
    await popup.click('text=Withdraw consent for this site');
    await popup.waitForSelector('[data-testid="exposure-check"] input[type="checkbox"]');
    await popup.waitForFunction(() => document.querySelector('main')?.getAttribute('aria-busy') === 'false');
    expect(fromExtension(api)).toHaveLength(n);
    const again = (await readStoredAudit(h.browser, APP))!;
    expect(again.findings.some((f) => f.ruleId === 'app-table-readable')).toBe(false);
  });
});

describe('headless: npm run audit -- <url> --probe', () => {
  it('consents for the audited origin and reports the readable tables', async () => {
    const before = api.requests.length;
    let out = '';
    const code = await runCli(
      { url: APP, json: true, probe: true, hostRules: hostRules([...h.servers, h.sink]), insecure: true, headed: false },
      (s) => (out += s),
    );
    expect(code).toBe(1); // critical findings gate the deploy
    const report = JSON.parse(out) as { findings: { ruleId: string; message: string }[] };
    const readable = report.findings.filter((f) => f.ruleId === 'app-table-readable').map((f) => f.message);
    expect(readable.some((m) => /`profiles`.*12 rows/.test(m))).toBe(true);
    // The command grants itself only the audited origin (issue 10), so the check is a plain CORS request to the
    // project: the browser's preflights, then one GET each, never a write.
    const ours = api.requests.slice(before).filter((r) => r.headers.origin !== APP_ORIGIN);
    const gets = ours.filter((r) => r.method === 'GET');
    expect(gets).toHaveLength(CODE_TABLES.length + 2);
    expect(gets.every((r) => r.headers.apikey === ANON)).toBe(true);
    expect(new Set(ours.map((r) => r.method))).toEqual(new Set(['GET', 'OPTIONS']));
    for (const v of PLANTED) expect(out.includes(v), v).toBe(false);
  });

  it('without --probe stays passive', async () => {
    const before = api.requests.length;
    let out = '';
    await runCli({ url: APP, json: true, hostRules: hostRules([...h.servers, h.sink]), insecure: true, headed: false }, (s) => (out += s));
    expect(api.requests.slice(before).filter((r) => r.headers.origin !== APP_ORIGIN)).toEqual([]);
    expect(JSON.parse(out).findings.some((f: { ruleId: string }) => f.ruleId === 'app-exposure-unchecked')).toBe(true);
  });
});

describe('an app on the new keys (sb_publishable_ in apikey only, no supabase-js)', () => {
  const liteFromExtension = () => lite.requests.filter((r) => r.headers.origin !== `https://${LITE_HOST}`);

  it('passively: the rows the logged-out page received from a personal-data table are reported', async () => {
    const r = await auditThroughExtension(h.browser, LITE, 800);
    expect(r.failure).toBeUndefined();
    const rows = r.audit!.findings.find((x) => x.ruleId === 'app-anon-rows-in-page');
    expect(rows?.message).toMatch(/5 rows of `profiles`.*`full_name`, `email`/);
    expect(liteFromExtension()).toEqual([]);
  });

  it('the check sends the key in apikey only (never as a Bearer token) and finds the readable tables', async () => {
    await consentToProbe(h.browser, LITE);
    const before = lite.requests.length;
    // Without `.from()` in the code, the tables are the ones the page requested: profiles (before: 401 PGRST301, unclear).
    // On a loaded machine the page's own request may not have ended (and been captured) when the audit starts: then
    // nothing names a table yet, and a second audit of the page is what a user would do.
    let audit: Awaited<ReturnType<typeof readStoredAudit>>;
    let readable: string[] = [];
    for (let attempt = 0; attempt < 3 && !readable.length; attempt++) {
      const r = await auditThroughExtension(h.browser, LITE, 800);
      await waitForCheck(r.popup, ['complete', 'partial']);
      audit = (await readStoredAudit(h.browser, LITE))!;
      readable = audit.findings
        .filter((f) => f.ruleId === 'app-table-readable')
        .map((f) => f.location.name!)
        .sort();
      await r.page.close({ runBeforeUnload: false });
    }
    expect(readable).toEqual(['profiles']);
    expect(audit!.findings.find((f) => f.ruleId === 'app-table-readable' && f.location.name === 'profiles')!.message).toMatch(/12 rows/);
    const ours = liteFromExtension().filter((x) => lite.requests.indexOf(x) >= before);
    expect(ours.length).toBeGreaterThan(0);
    for (const x of ours) {
      expect(x.method).toBe('GET');
      expect(x.headers.apikey).toBe(LITE_KEY);
      expect(x.headers.authorization).toBeUndefined();
    }
  });
});

describe('hostile projects', () => {
  it('a bundle naming 5,000 tables and a project that never answers: bounded, and cancellable from the popup', async () => {
    const url = `https://${HANG_HOST}/`;
    const r = await auditThroughExtension(h.browser, url, 300); // passive first, as a user would see it
    expect(hang.requests).toEqual([]);
    expect(r.audit!.supabase!.projects[0]).toMatchObject({ ref: HANG_REF, tables: 5000, skipped: 'no-consent' });
    const popup = r.popup;
    await popup.check('[data-testid="exposure-check"] input[type="checkbox"]');
    await popup.click('text=Run exposure check');
    await popup.waitForSelector('text=Cancel check', { timeout: 30_000 });
    await popup.waitForTimeout(1500); // let a few requests hang
    await popup.click('text=Cancel check');
    // The project never answers: without the cancel the check would run to its overall deadline and end as
    // 'timed-out'. Ending as 'cancelled' shows the cancel, not the deadline, stopped it.
    await waitForCheck(popup, ['cancelled', 'timed-out']);
    const audit = (await readStoredAudit(h.browser, url))!;
    expect(audit.supabase!.projects[0]!.probe!.state).toBe('cancelled');
    expect(audit.findings.find((f) => f.ruleId === 'app-exposure-summary')!.messageId).toBe('cancelled');
    expect(audit.gaps.some((g) => /cancelled/.test(g.message))).toBe(true);
    // At most 4 starts per second, 2 in flight, and nothing after the cancel.
    const sent = hang.requests.length;
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThanOrEqual(8);
    expect(new Set(hang.requests.map((x) => x.method))).toEqual(new Set(['GET']));
    await popup.waitForTimeout(1000);
    expect(hang.requests.length).toBe(sent);
  });

  it('a bogus project (nothing real answers at that address) ends with unclear answers, not a failed audit', async () => {
    const url = `https://${BOGUS_HOST}/`;
    await consentToProbe(h.browser, url);
    const r = await auditThroughExtension(h.browser, url, 300);
    await waitForCheck(r.popup, ['complete', 'partial', 'failed']);
    const audit = (await readStoredAudit(h.browser, url))!;
    const summary = audit.findings.find((f) => f.ruleId === 'app-exposure-summary')!;
    expect(summary.message).toMatch(/unclear/);
    expect(audit.findings.some((f) => f.ruleId === 'app-table-readable')).toBe(false);
    // Only the consented project's address was asked: the catch-all saw GETs for that host only.
    const hosts = new Set(h.sink.requests.filter((x) => x.host.includes('supabase.co')).map((x) => x.host.split(':')[0]));
    expect([...hosts]).toEqual([`${BOGUS_REF}.supabase.co`]);
  });
});

describe('permissions: the check needs no access to the project’s host', () => {
  it('works as a plain CORS request from an extension granted only the app’s own site', async () => {
    // A copy of the build whose only host access is the audited app (what "Allow full audit of this site" grants).
    const dir = mkdtempSync(path.join(tmpdir(), 'maa-site-only-'));
    cpSync(BUILD_DIR, dir, { recursive: true });
    const manifestPath = path.join(dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
    manifest.host_permissions = [`${APP_ORIGIN}/*`];
    writeFileSync(manifestPath, JSON.stringify(manifest));
    const b = await launchWithExtension({ extensionDir: dir, hostRules: hostRules([...h.servers, h.sink]), insecure: true });
    try {
      const before = api.requests.length;
      await consentToProbe(b, APP);
      const r = await auditThroughExtension(b, APP, 800);
      const readable = r
        .audit!.findings.filter((f) => f.ruleId === 'app-table-readable')
        .map((f) => f.location.name)
        .sort();
      expect(readable).toEqual(['polls', 'profiles']);
      expect(r.audit!.findings.find((f) => f.location.name === 'profiles' && f.ruleId === 'app-table-readable')!.message).toMatch(/12 rows/);
      const ours = api.requests.slice(before).filter((x) => x.headers.origin !== APP_ORIGIN);
      // The browser's CORS preflights, then one GET each: still never a write.
      expect(ours.every((x) => x.headers.origin?.startsWith('chrome-extension://'))).toBe(true);
      expect(ours.filter((x) => x.method === 'GET')).toHaveLength(CODE_TABLES.length + 2);
      expect(new Set(ours.map((x) => x.method))).toEqual(new Set(['GET', 'OPTIONS']));
    } finally {
      await b.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
