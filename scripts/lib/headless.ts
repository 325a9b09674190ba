/**
 * Audits a URL through the extension's own code path: open the page in a tab, open the extension's popup for that
 * tab (exactly what a click on the toolbar button does), wait for the fresh audit, and read it from the
 * extension's storage.
 */
import type { Page } from 'playwright-core';
import { AuditSchema, type Audit } from '../../engine/audit';
import { KEYS } from '../../utils/storage/keys';
import { newConsent } from '../../utils/storage/records';
import { auditScope } from '../../utils/platform/builders';
import type { browser as WxtBrowser } from 'wxt/browser';
import type { ExtensionBrowser } from './browser';
import { type GlideSettle, glideBuilderScreen, waitForGlideSettled, withGlideSettle } from './glide-settle';

/** The extension service worker's `chrome` global, as seen by functions passed to worker.evaluate(). */
declare const chrome: typeof WxtBrowser;

export interface HeadlessAuditResult {
  audit?: Audit;
  /** When the extension could not audit: 'not-auditable' or 'error' and its message. */
  failure?: { kind: string; message: string };
  /** Milliseconds from opening the popup to the fresh audit on screen (and to the stored one, if any). */
  timings: { freshShownMs?: number; storedShownMs?: number };
  popup: Page;
  page: Page;
  /** A Glide builder screen: whether the content script's reading settled before the audit (./glide-settle.ts). */
  glide?: GlideSettle;
}

export async function tabIdFor(b: ExtensionBrowser, url: string): Promise<number> {
  return b.worker.evaluate(async (u) => {
    const tabs = await chrome.tabs.query({});
    const strip = (x: string) => x.split('#')[0];
    const t = tabs.find((t) => t.url && strip(t.url) === strip(u)) ?? tabs.find((t) => t.url?.startsWith(u));
    if (!t?.id) throw new Error(`no tab shows ${u}`);
    return t.id;
  }, url);
}

export async function openPage(b: ExtensionBrowser, url: string, settleMs = 400): Promise<Page> {
  const page = await b.context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
  } catch (e) {
    const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new Error(`Could not open ${url}: ${message}`);
  }
  await page.waitForTimeout(settleMs); // let the page's own requests finish
  return page;
}

export async function openPopupFor(b: ExtensionBrowser, tabId: number): Promise<Page> {
  const popup = await b.context.newPage();
  await popup.setViewportSize({ width: 420, height: 600 });
  await popup.goto(b.extensionUrl(`popup.html?tabId=${tabId}`));
  return popup;
}

/** The stored audit for a page (its origin, or for a builder's editor, the edited project). */
export async function readStoredAudit(b: ExtensionBrowser, pageUrl: string): Promise<Audit | undefined> {
  const raw = await b.worker.evaluate(async (key) => (await chrome.storage.local.get(key))[key], KEYS.audit(auditScope(pageUrl)));
  const parsed = AuditSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Consent to the Supabase exposure check for `url`'s origin, stored from the extension's service worker in its own
 * storage, as the popup's "I own this app or am authorised to test it" + Run does (`npm run audit -- <url> --probe`).
 */
export async function consentToProbe(b: ExtensionBrowser, url: string): Promise<void> {
  await b.worker.evaluate(
    async ([key, value]) => {
      await chrome.storage.local.set({ [key]: value });
    },
    [KEYS.consent('supabase-exposure-check', new URL(url).origin), newConsent('supabase-exposure-check', url, 'headless', Date.now())] as const,
  );
  // The same flag is the command's consent to the Bubble Data API and /version-test check (entrypoints/background/bubble-app.ts).
  await b.worker.evaluate(
    async ([key, value]) => {
      await chrome.storage.local.set({ [key]: value });
    },
    [KEYS.consent('bubble-data-api-check', new URL(url).origin), newConsent('bubble-data-api-check', url, 'headless', Date.now())] as const,
  );
}

export async function auditThroughExtension(b: ExtensionBrowser, url: string, settleMs?: number): Promise<HeadlessAuditResult> {
  // A Glide builder screen we read: no fixed pause, but the content script's settled reading (or a partial audit).
  const glideScreen = glideBuilderScreen(url);
  const since = Date.now();
  const page = await openPage(b, url, glideScreen ? 0 : settleMs);
  const glide = glideScreen
    ? await waitForGlideSettled(() => b.worker.evaluate(async (key) => (await chrome.storage.local.get(key))[key], KEYS.glideBuilder(glideScreen.appId)), {
        screen: glideScreen.screen,
        since,
      })
    : undefined;
  const finalUrl = page.url();
  const tabId = await tabIdFor(b, finalUrl);
  const popup = await openPopupFor(b, tabId);
  await popup.waitForSelector('#app[data-fresh-shown-ms], [data-state="not-auditable"], [data-state="error"]', { timeout: 30_000 });
  const data = await popup.evaluate(() => ({ ...document.getElementById('app')!.dataset }));
  const timings = {
    ...(data.freshShownMs ? { freshShownMs: Number(data.freshShownMs) } : {}),
    ...(data.storedShownMs ? { storedShownMs: Number(data.storedShownMs) } : {}),
  };
  const failure = await popup.evaluate(() => {
    const el = document.querySelector<HTMLElement>('[data-state="not-auditable"], [data-state="error"]');
    return el ? { kind: el.getAttribute('data-state') ?? 'error', message: el.innerText.trim() } : undefined;
  });
  if (failure && !data.freshShownMs) return { failure, timings, popup, page };
  const stored = await readStoredAudit(b, finalUrl);
  const audit = stored ? withGlideSettle(stored, glide) : undefined;
  const extra = glide ? { glide } : {};
  return audit
    ? { audit, timings, popup, page, ...extra }
    : { failure: { kind: 'error', message: 'The audit was not stored.' }, timings, popup, page, ...extra };
}

/**
 * Opens each URL in one fresh page and counts the extension's isolated worlds created there (content scripts or
 * injected functions). Chromium: the DevTools protocol's execution contexts (Playwright makes isolated worlds of its
 * own; an extension's carries its chrome-extension:// origin). Firefox: the extension's content-script sandboxes, one
 * per document that got any (scripts/lib/firefox.ts firefoxContentScriptWindows).
 */
export async function extensionWorlds(b: ExtensionBrowser, urls: string[], settleMs = 500): Promise<number> {
  const page = await b.context.newPage();
  if (b.browser === 'firefox') {
    const { firefoxContentScriptWindows } = await import('./firefox');
    const documents = new Set<number>();
    for (const url of urls) {
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForTimeout(settleMs);
      for (const w of await firefoxContentScriptWindows(page, b.extensionId, page.url())) documents.add(w);
    }
    await page.close();
    return documents.size;
  }
  const cdp = await b.context.newCDPSession(page);
  let worlds = 0;
  cdp.on('Runtime.executionContextCreated', (e: { context: { origin: string; auxData?: { type?: string } } }) => {
    if (e.context.auxData?.type === 'isolated' && e.context.origin.startsWith(`chrome-extension://${b.extensionId}`)) worlds++;
  });
  await cdp.send('Runtime.enable');
  for (const url of urls) await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(settleMs);
  await page.close();
  return worlds;
}
