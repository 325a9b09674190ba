/**
 * An app on Supabase's new keys whose page reads a table of personal data with a plain `fetch` (the key in `apikey`
 * only: no supabase-js, no `x-client-info`, no `Prefer: count`), audited by an extension that holds access to the
 * app's own site only: what "Allow full audit of this site" grants, and all `npm run audit` grants itself.
 * Chromium's webRequest shows the page's requests to `<ref>.supabase.co` only with access to that host too, so:
 * 1. before: no "rows a logged-out visitor's page received" finding, a gap saying why, and the popup's offer naming
 *    the project's address and what is read;
 * 2. the offer's button makes one real `permissions.request` for the site and the project, in the click (Chromium
 *    rejects a request without a user gesture at once; headless Chromium shows its prompt to nobody, so it stays
 *    pending: no command-line switch answers it);
 * 3. the browser remembers a grant across restarts; the test stands in for the user's "Allow" by starting the build
 *    with exactly the origins the popup asked for, and the next audit reports the table, passively and by the
 *    consented exposure check.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { browser as WxtBrowser } from 'wxt/browser';
import { BUILD_DIR, launchWithExtension, type ExtensionBrowser } from '../../scripts/lib/browser';
import { auditThroughExtension, consentToProbe, readStoredAudit } from '../../scripts/lib/headless';
import { hostRules, type FixtureServer } from '../fixtures/apps/server';
import { startSupabaseApi, type SupabaseApiServer } from '../fixtures/apps/supabase-api';
import { profileRows, startSupabaseApp, taskNestTables } from '../fixtures/apps/supabase-app';
import { fakeRef, mintPublishableKey } from '../fixtures/apps/supabase-keys';

declare const chrome: typeof WxtBrowser;
declare global {
  interface Window {
    __asked?: { origins?: string[] }[];
    __answer?: string;
  }
}

const REF = fakeRef(6160);
const KEY = mintPublishableKey(61);
const HOST = 'memberboard-lite.test';
const APP = `https://${HOST}/`;
const PROJECT = `${REF}.supabase.co`;

let api: SupabaseApiServer;
let app: FixtureServer;
const cleanups: (() => Promise<void> | void)[] = [];

/** A copy of the build holding exactly these host grants (what the browser keeps after the user's "Allow"). */
async function launchGranted(origins: string[]): Promise<ExtensionBrowser> {
  const dir = mkdtempSync(path.join(tmpdir(), 'maa-grant-'));
  cpSync(BUILD_DIR, dir, { recursive: true });
  const manifestPath = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
  const builders = (manifest.host_permissions as string[] | undefined) ?? [];
  manifest.host_permissions = [...new Set([...builders, ...origins])];
  writeFileSync(manifestPath, JSON.stringify(manifest));
  const b = await launchWithExtension({ extensionDir: dir, hostRules: hostRules([api, app]), insecure: true });
  cleanups.push(
    () => b.close(),
    () => rmSync(dir, { recursive: true, force: true }),
  );
  return b;
}

beforeAll(async () => {
  api = await startSupabaseApi({ ref: REF, keys: [KEY], tables: taskNestTables() });
  app = await startSupabaseApp({ host: HOST, ref: REF, anonKey: KEY, codeTables: ['polls', 'votes'], client: 'plain' });
}, 60_000);
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  await Promise.all([api?.close(), app?.close()]);
});

describe('a Supabase app on the new keys, with access to its own site only', () => {
  let asked: string[] = [];

  it('before: the page’s own requests to the project are unread, said as a gap, and the popup offers the project’s address', async () => {
    const b = await launchGranted([`https://${HOST}/*`]);
    const r = await auditThroughExtension(b, APP, 800);
    expect(r.failure).toBeUndefined();
    const audit = r.audit!;
    // The page did read profiles (the stand-in saw its request, from the app's origin, apikey only).
    const own = api.requests.filter((x) => x.method === 'GET' && x.headers.origin === `https://${HOST}` && x.url.startsWith('/rest/v1/profiles'));
    expect(own.length).toBeGreaterThan(0);
    expect(own[0]!.headers.apikey).toBe(KEY);
    expect(own[0]!.headers.authorization).toBeUndefined();
    expect(own[0]!.headers['x-client-info']).toBeUndefined();
    expect(own[0]!.headers.prefer).toBeUndefined();
    expect(audit.supabase?.projects.map((p) => p.ref)).toEqual([REF]);
    expect(audit.findings.some((f) => f.ruleId === 'app-anon-rows-in-page')).toBe(false);
    expect(audit.gaps.map((g) => g.message).join('\n')).toContain(`requests to ${PROJECT} were not read`);

    const offer = r.popup.getByTestId('supabase-host-access');
    await offer.waitFor({ timeout: 15_000 });
    expect(await r.popup.getByTestId('supabase-host').innerText()).toBe(PROJECT);
    expect(await offer.innerText()).toMatch(/Row values are never read or stored/);

    // Watch the popup's real call (it still goes to the browser, whose prompt nobody answers here).
    await r.popup.evaluate(() => {
      const real = chrome.permissions.request.bind(chrome.permissions);
      window.__asked = [];
      window.__answer = 'pending';
      chrome.permissions.request = ((p: { origins?: string[] }) => {
        window.__asked!.push(p);
        const answer = real(p);
        answer.then(
          (v) => void (window.__answer = String(v)),
          (e: Error) => void (window.__answer = `error: ${e.message}`),
        );
        return answer;
      }) as typeof chrome.permissions.request;
    });
    await r.popup.getByTestId('supabase-host-allow').click();
    await r.popup.waitForTimeout(1000);
    const call = await r.popup.evaluate(() => ({ asked: window.__asked, answer: window.__answer }));
    // One request for the site and the project; a valid one, in a user gesture: the browser is showing its prompt.
    expect(call.asked).toEqual([{ origins: [`https://${HOST}/*`, `http://${HOST}/*`, `https://${PROJECT}/*`] }]);
    expect(call.answer).toBe('pending');
    asked = call.asked![0]!.origins!;
  });

  it('after the grant: the next audit reports the table the logged-out page received, with its personal columns', async () => {
    expect(asked.length).toBe(3);
    const b = await launchGranted(asked);
    const r = await auditThroughExtension(b, APP, 800);
    expect(r.failure).toBeUndefined();
    const rows = r.audit!.findings.find((f) => f.ruleId === 'app-anon-rows-in-page');
    expect(rows?.location.name).toBe('profiles');
    expect(rows?.message).toMatch(/5 rows of `profiles`/);
    expect(rows?.message).toMatch(/`email`/);
    expect(r.audit!.gaps.map((g) => g.message).join('\n')).not.toContain('were not read');
    // Granted: the offer is gone.
    await r.popup
      .getByText(/Audited/)
      .first()
      .waitFor();
    expect(await r.popup.getByTestId('supabase-host-access').count()).toBe(0);
    // No row value reached the extension's storage.
    const stored = await b.worker.evaluate(async () => JSON.stringify([await chrome.storage.local.get(null), await chrome.storage.session.get(null)]));
    for (const p of profileRows()) expect(stored).not.toContain(p.email as string);
    expect(stored).not.toContain(KEY);

    // The consented exposure check reports the same table, asking the documented way (apikey only, GET only).
    await consentToProbe(b, APP);
    const before = api.requests.length;
    const checked = await auditThroughExtension(b, APP, 800);
    await checked.popup.waitForFunction(
      () => ['complete', 'partial'].includes(document.querySelector('[data-testid="exposure-check"]')?.getAttribute('data-probe-state') ?? ''),
      undefined,
      { timeout: 60_000 },
    );
    const audit = (await readStoredAudit(b, APP))!;
    const readable = audit.findings.filter((f) => f.ruleId === 'app-table-readable').map((f) => f.location.name);
    // (Says which audit was stored, and its check's state, when it fails.)
    const shown = { mode: audit.mode, probe: audit.supabase?.projects.map((p) => p.probe?.state ?? p.skipped) };
    expect(readable, JSON.stringify(shown)).toContain('profiles');
    const ours = api.requests.slice(before).filter((x) => x.headers.origin !== `https://${HOST}` && x.method !== 'OPTIONS');
    expect(ours.length).toBeGreaterThan(0);
    for (const x of ours) {
      expect(x.method).toBe('GET');
      expect(x.headers.apikey).toBe(KEY);
      expect(x.headers.authorization).toBeUndefined();
    }
  });
});
