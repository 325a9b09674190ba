/**
 * Hostile builder editors against the builder guard, in real Chromium and Firefox ESR with the built extension (issue 10 items 5-8
 * and 11). Every page here attacks: it replays WXT's content-script handshake, forges `wxt:locationchange`, paste
 * and input events, rewrites or removes the warning; a cron job carries keys. Input from the "user" goes through
 * the browser (keyboard, clipboard): trusted events, the only ones the guard listens to.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRON_SERVICE_JWT, CRON_STRIPE, HOSTILE_GLIDE_APP, HOSTILE_REF, IMPOSTOR_HOSTS, startHostileBuilders } from '../fixtures/apps/hostile-builders';
import { REACH_MARK, type ReachResult } from '../fixtures/apps/hostile-auditor';
import { FAKE_KEYS, seeded } from '../utils/secrets/fake-keys';
import { extensionWorlds } from '../../scripts/lib/headless';
import { KEYS } from '../../utils/storage/keys';
import { startHarness, type Harness } from './harness';
import { trustedPaste, warningRootModes, warningTexts } from './closed-warning';

declare const chrome: typeof import('wxt/browser').browser;

const STRIPE = FAKE_KEYS['stripe-secret-key'](seeded(61)).value;
const OPENAI = FAKE_KEYS['openai-project-key'](seeded(62)).value;
const HEADER = 'input[aria-label="Shared header value"]';
const DECOY = 'input[aria-label="All clear — nothing to see here"]';

let h: Harness;
beforeAll(async () => {
  h = await startHarness([await startHostileBuilders()], { granted: false });
});
afterAll(async () => h?.close());

async function open(url: string): Promise<Page> {
  const page = await h.browser.context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  await page
    .waitForFunction(() => !!(window as unknown as { __wxt?: { started?: string } }).__wxt?.started, undefined, { timeout: 10_000 })
    .catch(() => undefined);
  await page.waitForTimeout(300);
  return page;
}

const storedBuilderSecrets = (scope: string) =>
  h.browser.worker.evaluate(
    async (key) => ((await chrome.storage.local.get(key))[key] ?? []) as { field: string; severity: string; masked: string }[],
    KEYS.builderSecrets(scope),
  );
const storageDump = () => h.browser.worker.evaluate(async () => JSON.stringify([await chrome.storage.local.get(null), await chrome.storage.session.get(null)]));

/** The extension's runtime id, which names WXT's events (Chromium: the extension id; Firefox: the add-on's gecko id). */
const runtimeId = () => h.browser.worker.evaluate(() => chrome.runtime.id);

describe('item 5: the page cannot switch the guard off', () => {
  it('a replayed WXT "content script started" handshake does not stop it: a key typed afterwards is still caught', async () => {
    const page = await open(`https://bubble.io/page?id=hostile5&attack=handshake&ext=${encodeURIComponent(await runtimeId())}`);
    expect(await page.evaluate(() => (window as unknown as { __wxt: { replayed?: boolean } }).__wxt.replayed)).toBe(true);
    await page.locator(HEADER).fill(`Bearer ${STRIPE}`);
    await expect.poll(async () => (await warningTexts(page)).length).toBe(1);
    expect((await warningTexts(page))[0]).toContain('Stripe');
    await page.close();
  });

  it('a forged wxt:locationchange does not clear a warning, nor does a real navigation while the field still holds the key', async () => {
    const page = await open(`https://bubble.io/page?id=hostile5b&ext=${encodeURIComponent(await runtimeId())}`);
    await page.locator(HEADER).fill(`Bearer ${STRIPE}`);
    await expect.poll(async () => (await warningTexts(page)).length).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { __attack: { forgeLocationChange(): boolean } }).__attack.forgeLocationChange())).toBe(true);
    await page.evaluate(() => history.pushState(null, '', '/page?id=hostile5b&tab=Design'));
    await page.waitForTimeout(600);
    expect(await warningTexts(page)).toHaveLength(1);
    await page.close();
  });
});

describe('item 6: synthetic input', () => {
  it('a forged paste cannot plant a finding with a label of the page’s choosing', async () => {
    const page = await open('https://bubble.io/page?id=hostile6');
    await page.evaluate(([sel, key]) => (window as unknown as { __attack: { forgePaste(s: string, t: string): void } }).__attack.forgePaste(sel, key), [
      DECOY,
      `Bearer ${OPENAI}`,
    ] as const);
    await page.waitForTimeout(800);
    expect(await warningTexts(page)).toHaveLength(0);
    expect((await storedBuilderSecrets('https://bubble.io/page?id=hostile6')).map((s) => s.field)).not.toContain('All clear — nothing to see here');
    await page.close();
  });

  it('a forged input cannot clear a finding while the key stays in the field', async () => {
    const page = await open('https://bubble.io/page?id=hostile6b');
    await page.locator(HEADER).fill(`Bearer ${STRIPE}`);
    await expect.poll(async () => (await warningTexts(page)).length).toBe(1);
    await expect.poll(async () => (await storedBuilderSecrets('https://bubble.io/page?id=hostile6b')).length).toBe(1);
    await page.evaluate((sel) => (window as unknown as { __attack: { forgeClear(s: string): Promise<number> } }).__attack.forgeClear(sel), HEADER);
    await page.waitForTimeout(600);
    expect(await page.locator(HEADER).inputValue()).toContain(STRIPE);
    expect(await warningTexts(page)).toHaveLength(1);
    expect(await storedBuilderSecrets('https://bubble.io/page?id=hostile6b')).toHaveLength(1);
    await page.close();
  });

  it('a real paste through the clipboard is caught', async () => {
    const page = await open('https://bubble.io/page?id=hostile6c');
    await trustedPaste(page, '[aria-label="Dynamic expression"]', `"Authorization": "Bearer ${OPENAI}"`);
    await expect.poll(async () => (await warningTexts(page)).join('\n')).toContain('OpenAI');
    await page.close();
  });

  it('a real paste into a plain field is read from the field after the browser’s insertion (insertFromPaste)', async () => {
    const page = await open('https://bubble.io/page?id=hostile6d');
    await trustedPaste(page, '[aria-label="Pasted value"]', `Bearer ${OPENAI}`);
    await expect.poll(async () => (await warningTexts(page)).join('\n')).toContain('OpenAI');
    // What the guard relies on (in-page/guard.ts onInput): the browser inserts the text and says so in the input event.
    expect(await page.evaluate(() => (window as unknown as { __pasteInputs: string[] }).__pasteInputs)).toEqual(['insertFromPaste']);
    await page.close();
  });

  it('a paste the page inserts itself (default prevented, value set, no input event) is still caught', async () => {
    const page = await open('https://bubble.io/page?id=hostile6e');
    await trustedPaste(page, '[aria-label="Trimmed paste"]', `   ${STRIPE}   `);
    await expect.poll(async () => (await warningTexts(page)).join('\n')).toContain('Stripe');
    // The page did take the paste over: the trimmed key is the value, and no input event came to start a typing pause.
    expect(await page.locator('[aria-label="Trimmed paste"]').inputValue()).toBe(STRIPE);
    expect(await page.evaluate(() => (window as unknown as { __pasteInputs: string[] }).__pasteInputs)).toEqual([]);
    await page.close();
  });
});

describe('item 7: the warning cannot be rewritten or removed by the page', () => {
  it('lives in a closed shadow root, and comes back when the page removes or hides it', async () => {
    const page = await open('https://bubble.io/page?id=hostile7');
    await page.locator(HEADER).fill(`Bearer ${STRIPE}`);
    await expect.poll(async () => (await warningTexts(page)).length).toBe(1);
    expect(await warningRootModes(page)).toEqual(['closed']);
    const attack = (name: string) => page.evaluate((n) => (window as unknown as { __attack: Record<string, () => unknown> }).__attack[n]!(), name);
    expect(await attack('rewriteWarning')).toBe('closed');
    expect(await attack('removeWarning')).toBe(true);
    await page.waitForTimeout(100);
    expect(await page.locator('micro-app-auditor-warning').count()).toBe(1);
    expect(await attack('hideWarning')).toBe(true);
    await page.waitForTimeout(100);
    // (The host itself has no box: the cards inside are position: fixed. Its own display is what the page attacked.)
    expect(await page.locator('micro-app-auditor-warning').evaluate((el) => getComputedStyle(el).display)).not.toBe('none');
    const texts = await warningTexts(page);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain('Stripe');
    expect(texts[0]).not.toContain('All clear');
    await page.close();
  });
});

describe('item 7: a page cannot take the warning host’s name', () => {
  it('a custom element named like the host, defined by the page, does not keep the warning from showing', async () => {
    const page = await open('https://bubble.io/page?id=hostile7d&attack=define');
    await page.locator(HEADER).fill(`Bearer ${STRIPE}`);
    await expect.poll(async () => (await warningTexts(page)).length).toBe(1);
    // The attack ran: the page's constructor was given the element the extension created first (and kept it).
    expect(await page.evaluate(() => (window as unknown as { __defined?: number }).__defined)).toBeGreaterThan(0);
    const texts = await warningTexts(page);
    expect(texts[0]).toContain('Stripe');
    expect(texts.join('\n')).not.toContain('All clear');
    expect(await warningRootModes(page)).toEqual(['closed']);
    await page.close();
  });
});

describe('a builder page cannot message the background or reach the popup (issue 14)', () => {
  it('gets no extension API, cannot fetch, frame or open popup.html; what it posts and dispatches lands nowhere, and the guard still works', async () => {
    const url = `https://bubble.io/page?id=reach14&attack=reach&extBase=${encodeURIComponent(h.browser.extensionUrl(''))}&extId=${encodeURIComponent(h.browser.extensionId)}`;
    const page = await open(url);
    await page.waitForFunction(() => document.title === 'reached', undefined, { timeout: 15_000 });
    const reach = await page.evaluate(() => (window as unknown as { __reach: ReachResult }).__reach);
    expect(reach.runtime).toBe('absent');
    expect(reach.fetch).toBe('failed');
    expect(reach.frame).not.toContain('POPUP READ');
    expect(reach.opened).not.toContain('POPUP READ');
    // Positive control in the same page: the content script is there and files a real key typed by the user.
    await page.locator(HEADER).fill(`Bearer ${STRIPE}`);
    await expect.poll(async () => (await warningTexts(page)).length).toBe(1);
    await expect.poll(async () => (await storageDump()).includes(STRIPE.slice(-4))).toBe(true);
    const dump = await storageDump();
    expect(dump).not.toContain(REACH_MARK);
    expect((await warningTexts(page)).join(' ')).not.toContain(REACH_MARK);
    await page.close();
  });
});

describe('a page impersonating a builder on another host gets nothing (issue 14)', () => {
  it('no content script on the impostor hosts of all three builders (each real host gets one in the same test), and a key typed there files nothing', async () => {
    const real = [
      'https://bubble.io/page?id=impostor14&tab=Plugins',
      `https://go.glideapps.com/app/${HOSTILE_GLIDE_APP}/data`,
      `https://supabase.com/dashboard/project/${HOSTILE_REF}/sql/new`,
    ];
    for (const url of real) {
      const impostor = Object.entries(IMPOSTOR_HOSTS).find(([, r]) => new URL(url).host === r)![0];
      const fake = url.replace(`://${new URL(url).host}/`, `://${impostor}/`);
      expect(await extensionWorlds(h.browser, [url], 400), url).toBeGreaterThan(0);
      expect(await extensionWorlds(h.browser, [fake], 400), fake).toBe(0);
    }
    // The same key typed into the same field: warned about and filed on the editor, nothing at all on the impostor.
    const fakePage = await open(`https://bubble.io.evil.test/page?id=impostor14`);
    await fakePage.locator(HEADER).fill(`Bearer ${OPENAI}`);
    const realPage = await open('https://bubble.io/page?id=impostor14');
    await realPage.locator(HEADER).fill(`Bearer ${OPENAI}`);
    await expect.poll(async () => (await warningTexts(realPage)).length).toBe(1);
    await expect.poll(async () => (await storageDump()).includes('impostor14')).toBe(true);
    expect(await warningTexts(fakePage)).toEqual([]);
    expect(await storageDump()).not.toContain('evil.test');
    await fakePage.close();
    await realPage.close();
  });
});

describe('item 8: exactly the editor pages', () => {
  it('runs no content script on bubble.io/pagex or on the Supabase sign-in page, and files nothing under the bare host', async () => {
    // Positive control, counted the same way: the editor page next to them gets the extension's world.
    expect(await extensionWorlds(h.browser, ['https://bubble.io/page?id=control8'], 400)).toBeGreaterThan(0);
    expect(await extensionWorlds(h.browser, ['https://bubble.io/pagex?id=x', 'https://supabase.com/dashboard/sign-in'], 400)).toBe(0);
    const page = await open('https://supabase.com/dashboard/sign-in');
    await page.locator('textarea[aria-label="Notes"]').fill(`key ${STRIPE}`);
    await page.waitForTimeout(800);
    expect(await storedBuilderSecrets('https://supabase.com')).toEqual([]);
    await page.close();
  });
});

describe('item 11: keys in a Supabase cron command', () => {
  it('are reported as critical findings and stored only masked', async () => {
    const page = await open(`https://supabase.com/dashboard/project/${HOSTILE_REF}/integrations/cron/jobs`);
    const scope = `https://supabase.com/dashboard/project/${HOSTILE_REF}`;
    await expect.poll(async () => (await storedBuilderSecrets(scope)).length, { timeout: 15_000 }).toBe(2);
    const secrets = await storedBuilderSecrets(scope);
    expect(secrets.map((s) => s.severity)).toEqual(['critical', 'critical']);
    expect(secrets.every((s) => /cron job “nightly-charge”/.test(s.field))).toBe(true);
    const dump = await storageDump();
    expect(dump).not.toContain(CRON_SERVICE_JWT);
    expect(dump).not.toContain(CRON_STRIPE);
    await page.close();
  });
});

it('never keeps a raw key in extension storage', async () => {
  const dump = await storageDump();
  for (const key of [STRIPE, OPENAI, CRON_SERVICE_JWT, CRON_STRIPE]) expect(dump).not.toContain(key);
});
