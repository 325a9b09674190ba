/**
 * Glide in real Chromium: deployed apps on each host form (glide.page, glideapp.io, go.glideapps.com/play/<appId>,
 * a custom domain) audited logged out through the headless path; a private app (sign-in screen); a page impersonating
 * Glide on another host; and the builder's documented screens served at go.glideapps.com/app/<appId>/… (host-resolver
 * rules) read by the extension's real content script — new and old Access wording, half-rendered screens, a screen
 * without documented wording, and the same pages on another host (no content script there).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Audit } from '../../engine/audit';
import { exitCodeFor } from '../../engine/report';
import { auditThroughExtension, openPopupFor, readStoredAudit, tabIdFor } from '../../scripts/lib/headless';
import { APP, APP_B, builderUrl, startGlide, TEAM_TOKEN } from '../fixtures/apps/glide-builder';
import { APP_ID, IMPOSTOR_URL, PRIVATE_URL, PUBLIC_URLS } from '../fixtures/apps/glide-app';
import { startHarness, type Harness } from './harness';
import { engineInTab } from './closed-warning';
import { SCANNER_GLOBAL } from '../../in-page/scanner-slot';

declare const chrome: typeof import('wxt/browser').browser;

let h: Harness;
beforeAll(async () => {
  h = await startHarness([await startGlide()]);
});
afterAll(async () => h?.close());

const glideIds = (a: Audit) =>
  a.findings
    .filter((f) => f.ruleId.startsWith('glide-'))
    .map((f) => `${f.ruleId}:${f.messageId}:${f.severity}`)
    .sort();

describe('deployed Glide apps, logged out', () => {
  it.each(Object.entries(PUBLIC_URLS))('%s: opens without sign-in, shows and downloads personal data; builder checks linked', async (_, url) => {
    const r = await auditThroughExtension(h.browser, url, 800);
    expect(r.failure).toBeUndefined();
    const a = r.audit!;
    expect(a.platforms.find((p) => p.id === 'glide')).toBeDefined();
    expect(glideIds(a)).toEqual([
      'glide-app-check-in-builder:check-in-builder:info',
      'glide-app-downloads:downloads:medium',
      'glide-app-open:open-personal:high',
    ]);
    const open = a.findings.find((f) => f.ruleId === 'glide-app-open')!;
    expect(open.message).toContain('3 email address(es)');
    expect(open.vars?.appId).toBe(APP_ID);
    // Counts and URLs only: never the visible values or the response body.
    expect(JSON.stringify(a)).not.toContain('ana@example.com');
    await r.popup.close();
    await r.page.close();
  });

  it('a private app (sign-in screen): no "opens without sign-in", only the builder checks', async () => {
    const r = await auditThroughExtension(h.browser, PRIVATE_URL, 600);
    expect(glideIds(r.audit!)).toEqual(['glide-app-check-in-builder:check-in-builder-no-id:info']);
    await r.popup.close();
    await r.page.close();
  });

  it('a page impersonating Glide on another host gets nothing', async () => {
    const r = await auditThroughExtension(h.browser, IMPOSTOR_URL, 600);
    // Positive control, same test: a real Glide host serving the same kind of app is recognised and audited.
    const real = await auditThroughExtension(h.browser, Object.values(PUBLIC_URLS)[0]!, 600);
    expect(real.audit!.platforms.find((p) => p.id === 'glide')?.confidence).toBe('high');
    expect(glideIds(real.audit!).length).toBeGreaterThan(0);
    expect(r.audit).toBeDefined();
    expect(glideIds(r.audit!)).toEqual([]);
    expect(r.audit!.platforms.find((p) => p.id === 'glide')?.confidence ?? 'none').not.toBe('high');
    for (const x of [r, real]) {
      await x.popup.close();
      await x.page.close();
    }
  });
});

interface StoredGlide {
  appId: string;
  access?: { mode: string; wording?: string; requestAccess?: boolean };
  tables: { name: string; columns: { name: string; rowOwner: string }[] }[];
  secrets: { provider: string; masked: string }[];
  teamTokens?: { fingerprint: string; masked: string }[];
  tokenCandidates?: { fingerprint: string; field: string }[];
  apiPanel?: { shape: string };
  workflows?: { state: string };
  screens: { screen: string; status: string; missing?: string }[];
}
const stored = (app: string) =>
  h.browser.worker.evaluate(async (key) => (await chrome.storage.local.get(key))[key], `glide-builder:${app}`) as Promise<StoredGlide | undefined>;
async function until(app: string, ok: (g: StoredGlide) => boolean, timeout = 10_000): Promise<StoredGlide> {
  let last: StoredGlide | undefined;
  await expect.poll(async () => (last = await stored(app)) !== undefined && ok(last), { timeout }).toBe(true);
  return last!;
}
async function open(url: string): Promise<Page> {
  const page = await h.browser.context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  return page;
}
async function popupAudit(page: Page): Promise<Audit> {
  const popup = await openPopupFor(h.browser, await tabIdFor(h.browser, page.url()));
  await popup.waitForSelector('#app[data-fresh-shown-ms]', { timeout: 30_000 });
  const audit = (await readStoredAudit(h.browser, page.url()))!;
  await popup.close();
  return audit;
}

describe('the Glide builder', () => {
  it('Access (current wording), Data with a column menu, Workflows: findings with deep links to the app', async () => {
    for (const p of ['/settings/privacy', '/data?table=Customers&menu=Email', '/data?table=Orders', '/workflows']) {
      const page = await open(builderUrl(p));
      await page.waitForTimeout(150);
      await page.close();
    }
    const g = await until(
      APP,
      (x) => x.access?.mode === 'public' && x.tables.some((t) => t.name === 'Customers' && t.columns.length > 0) && x.workflows !== undefined,
    );
    expect(g.access).toMatchObject({ mode: 'public', wording: 'new', requestAccess: false });
    expect(g.tables.find((t) => t.name === 'Customers')!.columns.find((c) => c.name === 'Email')?.rowOwner).toBe('no');
    const page = await open(builderUrl('/data?table=Customers'));
    const audit = await popupAudit(page);
    const ids = glideIds(audit);
    expect(ids).toContain('glide-public-app:public-personal:high');
    expect(ids).toContain('glide-public-email:email-public:medium');
    expect(ids).toContain('glide-no-row-owner:not-read:info');
    expect(ids).toContain('glide-no-retention:no-delete:low');
    expect(audit.findings.find((f) => f.ruleId === 'glide-public-app')?.vars?.appId).toBe(APP);
    await page.close();
  });

  it('old wording ("Public with email") and a key pasted into a Call API panel', async () => {
    const access = await open(builderUrl('/settings/privacy?v=old-email', APP_B));
    await access.waitForTimeout(150);
    await access.close();
    // A panel with a key: the secret engine is loaded into the tab first (in-page/scanner.ts), so the screen stays
    // open until it has been read, as a user's panel does.
    const data = await open(builderUrl('/data?v=stripe&table=Customers', APP_B));
    await until(APP_B, (x) => x.secrets.length > 0);
    expect(await engineInTab(data, h.browser.extensionId, SCANNER_GLOBAL)).toBe(true); // the open panel loaded it
    await data.close();
    const g = await until(APP_B, (x) => x.access?.mode === 'public-email' && x.secrets.length > 0);
    expect(g.access?.wording).toBe('old');
    expect(g.secrets[0]).toMatchObject({ provider: 'stripe-secret-key' });
    expect(JSON.stringify(g)).not.toMatch(/sk_live_51[A-Za-z0-9]{20}/);
    const page = await open(builderUrl('/data', APP_B));
    const ids = glideIds(await popupAudit(page));
    expect(ids).toContain('glide-weak-sign-in:any-email:high');
    expect(ids).toContain('glide-secret-in-integration:call-api:critical');
    await page.close();
  });

  it('half-rendered Access: "could not read" first, then read once the options appear', async () => {
    const app = 'HalfRenderedApp00001';
    const page = await open(builderUrl('/settings/privacy?v=half-late', app));
    const g = await until(app, (x) => x.access?.mode === 'public');
    expect(g.screens.find((s) => s.screen === 'access')?.status).toBe('read');
    await page.close();
    const app2 = 'HalfRenderedApp00002';
    const page2 = await open(builderUrl('/settings/privacy?v=half', app2));
    const g2 = await until(app2, (x) => x.screens.some((s) => s.screen === 'access'));
    expect(g2.screens[0]).toMatchObject({ screen: 'access', status: 'unreadable' });
    expect(g2.access).toBeUndefined();
    await page2.close();
  });

  it('the headless audit command reports a builder URL from what the content script read once the screen settled', async () => {
    const r = await auditThroughExtension(h.browser, builderUrl('/settings/privacy', 'HeadlessBuilderApp01'), 600);
    expect(r.failure).toBeUndefined();
    expect(r.glide).toMatchObject({ screen: 'access', outcome: 'settled', status: 'read' });
    expect(r.audit!.gaps.filter((g) => g.partial)).toEqual([]);
    expect(r.audit!.context).toBe('builder');
    expect(glideIds(r.audit!)).toContain('glide-public-app:public-unchecked:medium');
    await r.popup.close();
    await r.page.close();
  });

  it('the headless command on a half-rendered screen waits for the read one, not a fixed pause', async () => {
    const r = await auditThroughExtension(h.browser, builderUrl('/settings/privacy?v=half-late', 'HeadlessHalfApp00001'));
    expect(r.glide).toMatchObject({ screen: 'access', outcome: 'settled', status: 'read' });
    expect(glideIds(r.audit!)).toContain('glide-public-app:public-unchecked:medium');
    expect(glideIds(r.audit!).filter((id) => id.startsWith('glide-screen-unreadable'))).toEqual([]);
    await r.popup.close();
    await r.page.close();
  });

  it('the headless command on a screen that never settles: a partial audit that says so, after a bounded wait', async () => {
    const r = await auditThroughExtension(h.browser, builderUrl('/settings/privacy?v=flap', 'FlappingScreenApp001'));
    expect(r.glide).toMatchObject({ screen: 'access', outcome: 'timeout', status: 'read' });
    const partial = r.audit!.gaps.filter((g) => g.partial);
    expect(partial).toEqual([{ collector: 'glide-builder', message: expect.stringContaining('access screen kept changing'), partial: true }]);
    expect(exitCodeFor(r.audit!)).toBe(3);
    await r.popup.close();
    await r.page.close();
  }, 60_000);

  it('"Show API" then the same token pasted into a column: reported by fingerprint, never stored raw', async () => {
    const app = 'TeamTokenApp00000001';
    // Each screen stays open until it was read (a loaded machine can take longer than any fixed wait).
    const api = await open(builderUrl('/data?v=api&table=Customers', app));
    await until(app, (x) => (x.teamTokens?.length ?? 0) > 0);
    await api.close();
    const cells = await open(builderUrl('/data?v=token-cell&table=Customers', app));
    const g = await until(app, (x) => (x.teamTokens?.length ?? 0) > 0 && (x.tokenCandidates?.length ?? 0) > 0);
    await cells.close();
    expect(g.apiPanel?.shape).toBe('uuid');
    expect(JSON.stringify(g)).not.toContain(TEAM_TOKEN());
    const page = await open(builderUrl('/data?table=Customers', app));
    const audit = await popupAudit(page);
    expect(glideIds(audit)).toContain('glide-team-token:team-token-copied:critical');
    expect(audit.findings.find((f) => f.messageId === 'team-token-copied')?.message).toContain('Customers → Notes');
    expect(JSON.stringify(audit)).not.toContain(TEAM_TOKEN());
    await page.close();
  });

  it('the Users screen (no documented wording) is recorded as "could not read"', async () => {
    const app = 'UsersScreenApp000001';
    const page = await open(builderUrl('/users', app));
    const g = await until(app, (x) => x.screens.some((s) => s.screen === 'users'));
    expect(g.screens[0]).toMatchObject({ screen: 'users', status: 'unreadable' });
    await page.close();
  });

  it('the same screens on another host file nothing (the content script matches go.glideapps.com only)', async () => {
    // Host access is granted in this harness, so the monitoring audit may still inject its snapshot there: count
    // what the builder reader files instead of isolated worlds.
    // Each impostor screen is opened first, then the same screen of another app on the real host (the positive
    // control, same test): once the real one is filed, the impostor's page has had longer than that.
    const screens = ['/settings/privacy', '/data?table=Customers&menu=Email', '/users'];
    for (const [i, p] of screens.entries()) {
      const page = await open(`https://glide-impostor.test/app/ImpostorApp000000001${p}`);
      const control = `ImpostorCtrl00000000${i}`;
      const real = await open(builderUrl(p, control));
      await until(control, (x) => x.screens.length > 0);
      await real.close();
      await page.close();
    }
    expect(await stored('ImpostorApp000000001')).toBeUndefined();
  });
});
