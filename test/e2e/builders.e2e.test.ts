/**
 * Builder guards in real Chromium (and Firefox ESR: project e2e-firefox): the editors are served at their real addresses (host-resolver rules), so the
 * content scripts run under their real match patterns. Keys are generated at run time (test/utils/secrets/fake-keys).
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILDER_HOSTS, GLIDE_APP_ID, SUPABASE_REF, startBuilders } from '../fixtures/apps/builders';
import { FAKE_KEYS, seeded } from '../utils/secrets/fake-keys';
import { extensionWorlds, openPopupFor, readStoredAudit, tabIdFor } from '../../scripts/lib/headless';
import { ARTIFACTS, artifactName, startHarness, type Harness } from './harness';
import { engineInTab, focusDismiss, trustedPaste, warningBoxes, warningTexts } from './closed-warning';
import { SCANNER_GLOBAL } from '../../in-page/scanner-slot';

const STRIPE = FAKE_KEYS['stripe-secret-key'](seeded(21)).value;
const OPENAI = FAKE_KEYS['openai-project-key'](seeded(22)).value;
const SB_SECRET = FAKE_KEYS['supabase-secret-key'](seeded(23)).value;
const ANON = FAKE_KEYS['supabase-anon-jwt'](seeded(24)).value;

const BUBBLE = 'https://bubble.io/page?id=tinypoll&tab=Plugins';
const GLIDE = `https://go.glideapps.com/app/${GLIDE_APP_ID}/layout`;
const SQL = `https://supabase.com/dashboard/project/${SUPABASE_REF}/sql/new`;
const SECRETS_PAGE = `https://supabase.com/dashboard/project/${SUPABASE_REF}/functions/secrets`;

let h: Harness;
beforeAll(async () => {
  // Builder hosts are reached by the content scripts' own permissions: no granted copy needed.
  h = await startHarness([await startBuilders()], { granted: false });
});
afterAll(async () => h?.close());

async function open(url: string): Promise<Page> {
  const page = await h.browser.context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(300); // document_idle
  return page;
}

/** The warning cards' texts: they live in a closed shadow root, read through the DevTools protocol (./closed-warning.ts). */
const warnings = (page: Page) => warningTexts(page);
const warningCount = async (page: Page) => (await warnings(page)).length;

/** A real paste through the clipboard (a trusted event: the guard ignores pastes the page dispatches itself). */
const paste = trustedPaste;

async function storageDump(): Promise<string> {
  return h.browser.worker.evaluate(async () => JSON.stringify([await chrome.storage.local.get(null), await chrome.storage.session.get(null)]));
}

describe('Bubble editor', () => {
  let page: Page;
  beforeAll(async () => {
    page = await open(BUBBLE);
  });

  it('warns next to a non-private API Connector field when a secret key is typed, without moving the layout', async () => {
    const field = page.locator('input[aria-label="Shared header value"]');
    const before = await field.boundingBox();
    await field.fill(`Bearer ${STRIPE}`);
    await expect.poll(() => warningCount(page)).toBe(1);
    const text = (await warnings(page))[0]!;
    expect(text).toContain('Stripe');
    expect(text).toMatch(/Private/);
    expect(text).not.toContain(STRIPE);
    expect(await field.boundingBox()).toEqual(before);
    const [box] = await warningBoxes(page);
    expect(box!.y).toBeGreaterThan(before!.y); // shown below the field
    await page.screenshot({ path: path.join(ARTIFACTS, artifactName('e2e-bubble-warning.png')) });
    // The key was found by the service worker: the tab never loaded the secret engine (in-page/scanner.ts).
    if (h.browser.browser === 'chromium') expect(await engineInTab(page, h.browser.extensionId, SCANNER_GLOBAL)).toBe(false);
  });

  it('is dismissible from the keyboard', async () => {
    await focusDismiss(page);
    await page.keyboard.press('Enter');
    await expect.poll(() => warningCount(page)).toBe(0);
  });

  it('stays quiet for a key in a header marked "Private" and never reads password fields', async () => {
    await page.locator('input[aria-label="Private header value"]').fill(OPENAI);
    await page.locator('input[type="password"]').fill(OPENAI);
    await page.waitForTimeout(600);
    expect(await warningCount(page)).toBe(0);
  });

  it('catches a key pasted into a contenteditable expression editor', async () => {
    await paste(page, '[aria-label="Dynamic expression"]', `"Authorization": "Bearer ${OPENAI}"`);
    await expect.poll(() => warningCount(page)).toBe(1);
    expect((await warnings(page))[0]).toContain('OpenAI');
  });

  it('lists the findings in the popup for this app, masked, with the Bubble fix guide', async () => {
    const tabId = await tabIdFor(h.browser, page.url());
    const popup = await openPopupFor(h.browser, tabId);
    await popup.waitForSelector('#app[data-fresh-shown-ms]');
    const audit = await readStoredAudit(h.browser, BUBBLE);
    expect(audit?.context).toBe('builder');
    const keys = audit!.findings.filter((f) => f.ruleId === 'secret-in-builder-field');
    // Stripe in the shared header; OpenAI in the expression (the private row counts as safe and is not listed).
    expect(keys.map((f) => f.severity).sort()).toEqual(['critical', 'critical']);
    expect(await popup.textContent('[data-platform="bubble"]')).toContain('Bubble');
    await popup.click('li.finding .finding-toggle');
    expect(await popup.textContent('li.finding .finding-panel')).toContain('API Connector');
    await popup.screenshot({ path: path.join(ARTIFACTS, artifactName('e2e-bubble-popup.png')), fullPage: true });
    await popup.close();
  });
});

describe('Glide builder', () => {
  it('warns about a key typed into a Call API header and points to Glide Secrets', async () => {
    const page = await open(GLIDE);
    await page.locator('input[aria-label="Header value"]').fill(`Bearer ${OPENAI}`);
    await expect.poll(() => warningCount(page)).toBe(1);
    expect((await warnings(page))[0]).toMatch(/Secrets/);
  });
});

describe('Supabase dashboard', () => {
  it('catches a secret key pasted into the SQL editor (Monaco)', async () => {
    const page = await open(SQL);
    await paste(page, 'textarea.inputarea', `select net.http_post('https://api.example.com', headers := '{"apikey":"${SB_SECRET}"}');`);
    await expect.poll(() => warningCount(page)).toBe(1);
    expect((await warnings(page))[0]).toMatch(/Vault/);
  });

  it('gives no alarm for a publishable (anon) key, only an info note in the popup', async () => {
    const page = await open(`${SQL}?tab=2`);
    await paste(page, 'textarea.inputarea', `-- anon: ${ANON}`);
    await page.waitForTimeout(500);
    expect(await warningCount(page)).toBe(0);
    const audit = await readStoredAudit(h.browser, SQL);
    expect(audit?.findings.some((f) => f.ruleId === 'secret-in-builder-field' && f.severity === 'info')).toBe(true);
  });

  it('stays quiet on the Edge Function secrets page, where keys belong', async () => {
    const page = await open(SECRETS_PAGE);
    await page.locator('input[aria-label="Secret value"]').fill(SB_SECRET);
    await page.waitForTimeout(600);
    expect(await warningCount(page)).toBe(0);
  });
});

describe('least privilege and privacy', () => {
  it('runs no extension code on other pages of the same hosts (and does on an editor page: the positive control)', async () => {
    expect(await extensionWorlds(h.browser, [BUBBLE], 300)).toBeGreaterThan(0);
    expect(
      await extensionWorlds(
        h.browser,
        BUILDER_HOSTS.map((host) => `https://${host}/pricing`),
        300,
      ),
    ).toBe(0);
  });

  it('never keeps a raw key in extension storage', async () => {
    const dump = await storageDump();
    for (const key of [STRIPE, OPENAI, SB_SECRET, ANON]) expect(dump).not.toContain(key);
    expect(dump).toContain('secret-in-builder-field');
  });
});

declare const chrome: typeof import('wxt/browser').browser;
