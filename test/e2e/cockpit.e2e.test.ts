/**
 * The popup as a reviewer's cockpit (issue 13) in real headless Chromium (and Firefox ESR: project e2e-firefox,
 * whose pictures go to artifacts/firefox/, not docs/img/) with the built extension, on the demo app
 * (TinyPoll fixture): the verdict and the grouped checklist, accepting a risk from the keyboard (the badge stops
 * counting it), the settings page (the manifest's managed-storage schema loads), and the screenshots the docs show
 * (docs/img/: the popup on the demo app, the checklist, the in-page warning in the Bubble editor fixture).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { browser as WxtBrowser } from 'wxt/browser';
import { startTinyPoll } from '../fixtures/apps/tinypoll';
import { startBuilders } from '../fixtures/apps/builders';
import { FAKE_KEYS, seeded } from '../utils/secrets/fake-keys';
import { auditThroughExtension, openPopupFor, tabIdFor, type HeadlessAuditResult } from '../../scripts/lib/headless';
import { ROOT } from '../../scripts/lib/browser';
import { ARTIFACTS, FIREFOX, startHarness, type Harness } from './harness';
import { warningTexts } from './closed-warning';
import { REF, dash, startSupabaseStudio } from '../fixtures/apps/supabase-studio';
import { builderUrl as glideBuilderUrl, startGlide } from '../fixtures/apps/glide-builder';

declare const chrome: typeof WxtBrowser;
const require = createRequire(import.meta.url);

const IMG = FIREFOX ? path.join(ARTIFACTS, 'firefox') : path.join(ROOT, 'docs/img');
let h: Harness;
let r: HeadlessAuditResult;

beforeAll(async () => {
  mkdirSync(IMG, { recursive: true });
  h = await startHarness([await startTinyPoll(), await startBuilders()]);
  r = await auditThroughExtension(h.browser, 'https://tinypoll.test/');
});
afterAll(async () => h?.close());

const badge = (tabId: number) => h.browser.worker.evaluate(async (id) => chrome.action.getBadgeText({ tabId: id }), tabId);

describe('the demo app in the popup', () => {
  it('says how many blockers stand before publishing, and screenshots the popup', async () => {
    const { popup, audit } = r;
    const urgent = new Set(audit!.findings.filter((f) => f.severity === 'high' || f.severity === 'critical').map((f) => f.fingerprint)).size;
    await expect(popup.textContent('[data-testid="verdict"]')).resolves.toMatch(new RegExp(`^${urgent} blockers? before publishing`));
    // The popup's own size (a toolbar popup grows to its content, up to 600 px), no scroll bars.
    await popup.screenshot({ path: path.join(IMG, 'popup-demo.png'), fullPage: true, clip: { x: 0, y: 0, width: 420, height: 600 } });
  });

  it('shows the checklist in the nine groups of the guides, and screenshots it', async () => {
    const { popup } = r;
    await popup.click('details.checklist > summary');
    const groups = await popup.$$eval('details.checklist h3', (hs) => hs.map((x) => x.textContent));
    expect(groups).toEqual([
      'Secrets',
      'Authentication',
      'Transport',
      'Least privilege',
      'Data (classification, retention, encryption)',
      'Integrations',
      'Rate limiting & abuse',
      'Monitoring',
      'Compliance',
    ]);
    const states = await popup.$$eval('details.checklist li', (ls) => ls.map((l) => l.getAttribute('data-state')));
    expect(new Set(states)).toEqual(new Set(['pass', 'fail', 'unchecked']));
    // Its first groups only: a small picture (scrolled to the top of the viewport, clipped to it).
    const details = (await popup.$('details.checklist'))!;
    await details.evaluate((e) => e.scrollIntoView({ block: 'start' }));
    const box = (await details.boundingBox())!;
    await popup.screenshot({
      path: path.join(IMG, 'checklist.png'),
      clip: { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, 600 - box.y) },
    });
  });

  it('accepts a risk from the keyboard: reason required, the finding moves to its section, the badge stops counting it', async () => {
    const page = r.page;
    const tabId = await tabIdFor(h.browser, page.url());
    const before = Number(await badge(tabId));
    expect(before).toBeGreaterThan(0);
    const popup: Page = await openPopupFor(h.browser, tabId);
    await popup.waitForSelector('#app[data-fresh-shown-ms]');
    const first = popup.locator('section[aria-label="Findings"] li.finding[data-severity="high"]').first();
    const rule = await first.getAttribute('data-rule');
    await first.locator('.finding-toggle').focus();
    await popup.keyboard.press('Enter');
    await first.getByRole('button', { name: 'Accept risk…' }).focus();
    await popup.keyboard.press('Enter');
    const reason = first.getByRole('textbox', { name: 'Reason (required)' });
    await expect.poll(() => reason.evaluate((el) => el === document.activeElement)).toBe(true);
    await popup.keyboard.press('Tab'); // to the expiry
    await popup.keyboard.press('Tab'); // to "Accept risk"
    await popup.keyboard.press('Enter');
    await expect.poll(() => first.getByRole('alert').textContent()).toMatch(/Give a reason/);
    await reason.fill('Demo fixture: no real users');
    await first.getByRole('button', { name: 'Accept risk', exact: true }).press('Enter');
    await popup.waitForSelector('section[aria-label="Accepted risks"]');
    await expect(popup.$$eval(`section[aria-label="Accepted risks"] li.finding[data-rule="${rule}"]`, (x) => x.length)).resolves.toBe(1);
    await expect.poll(async () => Number((await badge(tabId)) || 0)).toBe(before - 1);
    // Stored as a user decision, with its reason and a 90-day expiry.
    const stored = await h.browser.worker.evaluate(
      async () => (await chrome.storage.local.get('accepted:https://tinypoll.test'))['accepted:https://tinypoll.test'],
    );
    expect(stored).toMatchObject([{ reason: 'Demo fixture: no real users', severity: 'high' }]);
    const [entry] = stored as { expiresAt: number; acceptedAt: number }[];
    expect(Math.round((entry!.expiresAt - entry!.acceptedAt) / 86_400_000)).toBe(90);
    await popup.close();
  });
});

/** axe-core in the page (evaluated over CDP: the extension page's CSP forbids injected script tags), every rule on. */
async function axeIn(page: Page, theme: 'light' | 'dark') {
  await page.emulateMedia({ colorScheme: theme });
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async () => {
    const r = await (window as unknown as { axe: typeof import('axe-core') }).axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => `${n.html.slice(0, 120)} ${n.failureSummary?.slice(0, 200) ?? ''}`) }));
  });
}

// Chromium only, as its name says: Playwright's emulateMedia (the dark theme) has no counterpart in the Firefox harness.
if (!FIREFOX)
  describe('accessibility in real Chromium, light and dark themes (axe-core, contrast included)', () => {
    it('the popup with the checklist open and a finding open', async () => {
      const popup = await openPopupFor(h.browser, await tabIdFor(h.browser, 'https://tinypoll.test/'));
      await popup.waitForSelector('#app[data-fresh-shown-ms]');
      await popup.click('details.checklist > summary');
      await popup.click('.finding-toggle');
      for (const theme of ['light', 'dark'] as const) expect({ theme, violations: await axeIn(popup, theme) }).toEqual({ theme, violations: [] });
      await popup.close();
    });

    it('the settings page', async () => {
      const page = await h.browser.context.newPage();
      await page.goto(`chrome-extension://${h.browser.extensionId}/options.html`);
      await page.waitForSelector('h2');
      for (const theme of ['light', 'dark'] as const) expect({ theme, violations: await axeIn(page, theme) }).toEqual({ theme, violations: [] });
      await page.close();
    });
  });

describe('settings page', () => {
  it('opens with its four sections (the manifest, with its managed-storage schema, loaded)', async () => {
    const page = await h.browser.context.newPage();
    await page.goto(h.browser.extensionUrl('options.html'));
    const headings = await page.$$eval('h2', (hs) => hs.map((x) => x.textContent));
    expect(headings).toEqual(['Consent for active checks', 'Stored audit results', 'Continuous monitoring', 'Organisation policy']);
    // The harness's profile holds access to every site: listed as one pattern, revocable as one.
    await expect.poll(() => page.$$eval('ul.monitored code', (cs) => cs.map((c) => c.textContent))).toContain('<all_urls>');
    await page.close();
  });
});

// Chromium only: this makes the docs' picture of the warning (docs/img/in-page-warning.png, Chromium's rendering);
// the warning itself is checked in Firefox too, by builders.e2e.test.ts.
if (!FIREFOX)
  describe('in-page warning', () => {
    it('is screenshotted in the Bubble editor fixture', async () => {
      const page = await h.browser.context.newPage();
      await page.setViewportSize({ width: 640, height: 360 });
      await page.goto('https://bubble.io/page?id=tinypoll&tab=Plugins', { waitUntil: 'load' });
      await page.waitForTimeout(300);
      await page.locator('input[aria-label="Shared header value"]').fill(`Bearer ${FAKE_KEYS['stripe-secret-key'](seeded(21)).value}`);
      await expect.poll(async () => (await warningTexts(page)).length).toBe(1);
      // The (generated, fake) key is shown as dots in the picture: no key-shaped text in a committed image.
      await page.locator('input[aria-label="Shared header value"]').evaluate((el) => el.style.setProperty('-webkit-text-security', 'disc'));
      await page.screenshot({ path: path.join(IMG, 'in-page-warning.png') });
      await page.close();
    });
  });

describe('"Show me" in the Supabase dashboard', () => {
  let h2: Harness;
  beforeAll(async () => {
    // The dashboard is reached by the content script's own host permission: the plain build, nothing granted.
    h2 = await startHarness([await startSupabaseStudio()], { granted: false });
  });
  afterAll(async () => h2?.close());

  it('scrolls to and outlines the table a builder finding names', async () => {
    const page = await h2.browser.context.newPage();
    await page.goto(dash(REF, '/editor'), { waitUntil: 'load' });
    await expect.poll(() => page.locator('micro-app-auditor-markers [data-maa-marker]').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    const popup = await openPopupFor(h2.browser, await tabIdFor(h2.browser, page.url()));
    await popup.waitForSelector('#app[data-fresh-shown-ms]');
    const li = popup.locator('li.finding[data-rule="supabase-rls-disabled"]').first();
    await li.locator('.finding-toggle').click();
    await li.getByRole('button', { name: 'Show me' }).click();
    await expect.poll(() => li.getByText('Highlighted in the page.').count()).toBe(1);
    const outlined = await page.evaluate(
      () => [...document.querySelectorAll<HTMLElement>('*')].filter((e) => e.style.outlineWidth === '3px' && e.style.outlineStyle === 'solid').length,
    );
    expect(outlined).toBe(1);
    await popup.close();
    await page.close();
  });
});

describe('"Show me" in the Glide builder', () => {
  let h3: Harness;
  beforeAll(async () => {
    // The builder is reached by the content script's own host permission: the plain build, nothing granted.
    h3 = await startHarness([await startGlide()], { granted: false });
  });
  afterAll(async () => h3?.close());

  it('scrolls to and outlines what a Glide finding names, by its visible text in the data editor', async () => {
    const seen = await h3.browser.context.newPage();
    await seen.goto(glideBuilderUrl('/data?table=Customers&menu=Email'), { waitUntil: 'load' });
    await seen.waitForTimeout(300);
    await seen.close();
    const page = await h3.browser.context.newPage();
    await page.goto(glideBuilderUrl('/data?table=Customers'), { waitUntil: 'load' });
    const popup = await openPopupFor(h3.browser, await tabIdFor(h3.browser, page.url()));
    await popup.waitForSelector('#app[data-fresh-shown-ms]', { timeout: 30_000 });
    const li = popup.locator('li.finding[data-rule="glide-no-row-owner"]').first();
    await expect.poll(() => li.count(), { timeout: 10_000 }).toBe(1);
    await li.locator('.finding-toggle').click();
    await li.getByRole('button', { name: 'Show me' }).click();
    await expect.poll(() => li.getByText('Highlighted in the page.').count()).toBe(1);
    const outlined = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('*')]
        .filter((e) => e.style.outlineWidth === '3px' && e.style.outlineStyle === 'solid')
        .map((e) => e.textContent),
    );
    // One element, found by its visible text: the table a finding names ("Data → Customers"), or for the finding
    // about the Data screen as a whole ("Data"), the table list's heading.
    expect(outlined).toHaveLength(1);
    expect(['Customers', 'Data Sources']).toContain(outlined[0]);
    await popup.close();
    await page.close();
  });
});
