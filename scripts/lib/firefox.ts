/**
 * Launches Debian's Firefox ESR headless with the built Firefox extension installed (puppeteer-core over WebDriver
 * BiDi; no geckodriver, never a browser download). Returns the same `ExtensionBrowser` shape as the Chromium launcher
 * (scripts/lib/browser.ts), so the headless command and the end-to-end tests drive either browser:
 *
 * - `context.newPage()` gives a page with the part of Playwright's Page API the cross-browser code uses (goto, url,
 *   evaluate, $, $$eval, waitForSelector, waitForTimeout, getAttribute, textContent, click, focus, keyboard.press,
 *   screenshot, setViewportSize, close, and `locator()` with first/nth/locator/getByRole/getByText/count/fill/click/
 *   focus/press/evaluate/getAttribute/textContent/boundingBox). Anything else throws "not available in Firefox".
 * - `worker.evaluate(fn, arg)` runs in an extension page (Firefox MV3 has an event page, not a service worker, and
 *   BiDi does not reach it); extension pages have the same `chrome.*` APIs.
 * - Playwright's own Firefox needs its patched browser, and its BiDi Firefox wants commands Firefox 153 ESR lacks
 *   (`emulation.setMediaFeaturesOverride`): hence puppeteer-core.
 *
 * Pitfalls handled here: navigation to moz-extension:// needs `--remote-allow-system-access` and `page.goto` to it
 * never resolves (started without awaiting, then location.href is polled); host-resolver rules become a local proxy
 * (scripts/lib/host-proxy.ts); `acceptInsecureCerts` accepts the fixtures' self-signed certificate.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { BrowserContext, Page as PwPage, Worker } from 'playwright-core';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { SetupError, type ExtensionBrowser, type LaunchOptions } from './browser';
import { parseHostRules, startHostProxy, type HostProxy } from './host-proxy';

export function findFirefox(): string {
  const candidates = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'].filter(Boolean) as string[];
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new SetupError(
      `Firefox was not found (looked at ${candidates.join(', ')}).\n` +
        'Install it with:  sudo apt-get update && sudo apt-get install -y firefox-esr   (Debian)\n' +
        'or point FIREFOX_PATH at a Firefox binary (ESR 128 or newer).',
    );
  }
  return found;
}

const SHIM = 'globalThis.__name = globalThis.__name || ((f) => f);';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Firefox preferences: the extension's fixed UUID, no permission prompts, and quiet background networking. */
function prefs(geckoId: string, uuid: string, headless: boolean, proxy?: HostProxy): Record<string, unknown> {
  return {
    'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: uuid }),
    'extensions.webextOptionalPermissionPrompts': false,
    // The browser's own traffic (updates, telemetry, remote settings, captive portal): none in tests.
    'app.update.enabled': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.safebrowsing.downloads.enabled': false,
    'browser.safebrowsing.provider.mozilla.updateURL': '',
    'datareporting.healthreport.uploadEnabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'toolkit.telemetry.enabled': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'services.settings.server': 'http://127.0.0.1:1/',
    'extensions.getAddons.cache.enabled': false,
    'extensions.update.enabled': false,
    'browser.region.network.url': '',
    'browser.search.update': false,
    'messaging-system.rsexperimentloader.enabled': false,
    'app.normandy.enabled': false,
    'browser.ping-centre.telemetry': false,
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    'network.http.speculative-parallel-limit': 0,
    // Headless only (its clipboard is Firefox's own, not the desktop's): pages may use the async clipboard without a
    // user gesture, so tests can paste through it (test/e2e/closed-warning.ts trustedPaste).
    ...(headless ? { 'dom.events.testing.asyncClipboard': true } : {}),
    ...(proxy
      ? {
          // Every request through the host-rules proxy, localhost included (it forwards unmapped hosts as they are).
          'network.proxy.type': 1,
          'network.proxy.http': '127.0.0.1',
          'network.proxy.http_port': proxy.port,
          'network.proxy.ssl': '127.0.0.1',
          'network.proxy.ssl_port': proxy.port,
          'network.proxy.no_proxies_on': '',
          'network.proxy.allow_hijacking_localhost': true,
          'network.dns.native_https_query': false,
          'network.trr.mode': 5,
        }
      : {}),
  };
}

export async function launchFirefoxWithExtension(o: LaunchOptions): Promise<ExtensionBrowser> {
  const executablePath = findFirefox();
  const manifest = JSON.parse(readFileSync(`${o.extensionDir}/manifest.json`, 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const geckoId = manifest.browser_specific_settings?.gecko?.id;
  if (!geckoId) throw new SetupError(`${o.extensionDir} is not a Firefox build (no browser_specific_settings.gecko.id)`);
  const uuid = randomUUID();
  const proxy = o.hostRules ? await startHostProxy(parseHostRules(o.hostRules)) : undefined;
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath,
      headless: !o.headed,
      args: ['--remote-allow-system-access'],
      acceptInsecureCerts: !!o.insecure,
      defaultViewport: { width: 1200, height: 800 },
      extraPrefsFirefox: prefs(geckoId, uuid, !o.headed, proxy),
    });
  } catch (e) {
    await proxy?.close();
    throw e;
  }
  const base = `moz-extension://${uuid}`;
  const wrap = (p: Page) => firefoxPage(p, base, browser);
  try {
    await browser.installExtension(o.extensionDir);
    // The page `worker.evaluate` runs in: the settings page (it only reads settings on load).
    const scope = wrap(await browser.newPage());
    await scope.goto(`${base}/options.html`);
    const context = {
      newPage: async () => {
        const p = await browser.newPage();
        await p.evaluateOnNewDocument(SHIM);
        return wrap(p);
      },
      pages: async () => (await browser.pages()).map(wrap),
    };
    const worker = {
      evaluate: async (fn: (arg: unknown) => unknown, arg?: unknown) => scope.evaluate(fn as never, arg as never),
      url: () => `${base}/options.html`,
    };
    return {
      browser: 'firefox',
      context: unsupported(context, 'BrowserContext') as unknown as BrowserContext,
      worker: unsupported(worker, 'Worker') as unknown as Worker,
      extensionId: uuid,
      extensionUrl: (p: string) => `${base}/${p.replace(/^\//, '')}`,
      close: async () => {
        await browser.close().catch(() => undefined);
        await proxy?.close();
      },
    };
  } catch (e) {
    await browser.close().catch(() => undefined);
    await proxy?.close();
    throw e;
  }
}

/** Any member the wrapper lacks throws a clear error instead of failing later as "x is not a function". */
function unsupported<T extends object>(target: T, what: string): T {
  return new Proxy(target, {
    get(t, k, r) {
      if (k in t || typeof k === 'symbol' || k === 'then') return Reflect.get(t, k, r);
      throw new Error(`${what}.${String(k)} is not available in the Firefox harness (scripts/lib/firefox.ts)`);
    },
  });
}

type Step = { css: string } | { nth: number } | { role: string; name?: string; exact?: boolean } | { text: string };

/** In the page: every element the steps select (CSS descendants, nth, role + accessible name, visible text). */
function selectAll(steps: Step[]): Element[] {
  const visible = (e: Element) => e.getClientRects().length > 0;
  const ROLES: Record<string, string> = {
    button: 'button, [role="button"], input[type="button"], input[type="submit"]',
    textbox: 'input:not([type]), input[type="text"], input[type="search"], input[type="email"], input[type="url"], textarea, [role="textbox"]',
    alert: '[role="alert"]',
    checkbox: 'input[type="checkbox"], [role="checkbox"]',
    link: 'a[href], [role="link"]',
  };
  const accName = (e: Element): string => {
    const label = e.getAttribute('aria-label');
    if (label) return label.trim();
    const by = e.getAttribute('aria-labelledby');
    if (by)
      return by
        .split(/\s+/)
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' ')
        .trim();
    if (e.id) {
      const l = document.querySelector(`label[for="${CSS.escape(e.id)}"]`);
      if (l) return (l.textContent ?? '').trim();
    }
    const wrapping = e.closest('label');
    if (wrapping && wrapping !== e && /^(INPUT|TEXTAREA|SELECT)$/.test(e.tagName)) return (wrapping.textContent ?? '').trim();
    return (e.textContent ?? '').replace(/\s+/g, ' ').trim();
  };
  // Like Playwright's CSS engine, selectors pierce open shadow roots (`host descendant` too); closed ones stay shut.
  const splitFirst = (sel: string): [string, string] => {
    let depth = 0;
    let quote = '';
    for (let i = 0; i < sel.length; i++) {
      const ch = sel[i]!;
      if (quote) quote = ch === quote ? '' : quote;
      else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '[' || ch === '(') depth++;
      else if (ch === ']' || ch === ')') depth--;
      else if (depth === 0 && /\s/.test(ch)) return [sel.slice(0, i), sel.slice(i).trim().replace(/^>\s*/, '')];
    }
    return [sel, ''];
  };
  const deep = (root: Element | ShadowRoot, sel: string): Element[] => {
    const out = [...root.querySelectorAll(sel)];
    const [head, rest] = splitFirst(sel);
    for (const e of root.querySelectorAll('*')) {
      if (!e.shadowRoot) continue;
      out.push(...deep(e.shadowRoot, sel));
      if (rest && e.matches(head)) out.push(...deep(e.shadowRoot, rest));
    }
    return out;
  };
  let cur: Element[] = [document.documentElement];
  for (const s of steps) {
    if ('css' in s) cur = [...new Set(cur.flatMap((c) => deep(c, s.css)))];
    else if ('nth' in s) cur = cur[s.nth] ? [cur[s.nth]!] : [];
    else if ('role' in s)
      cur = [...new Set(cur.flatMap((c) => deep(c, ROLES[s.role] ?? `[role="${s.role}"]`)))].filter((e) => {
        if (!visible(e)) return false;
        if (s.name === undefined) return true;
        const n = accName(e);
        return s.exact ? n === s.name : n.toLowerCase().includes(s.name.toLowerCase());
      });
    else
      cur = [...new Set(cur.flatMap((c) => deep(c, '*')))].filter(
        (e) => visible(e) && (e.textContent ?? '').includes(s.text) && ![...e.children].some((k) => (k.textContent ?? '').includes(s.text)),
      );
  }
  return cur;
}

class FirefoxLocator {
  constructor(
    private readonly page: Page,
    private readonly steps: Step[],
  ) {}
  private with(s: Step) {
    return new FirefoxLocator(this.page, [...this.steps, s]);
  }
  locator(css: string) {
    return this.with({ css });
  }
  first() {
    return this.with({ nth: 0 });
  }
  nth(n: number) {
    return this.with({ nth: n });
  }
  getByRole(role: string, o: { name?: string; exact?: boolean } = {}) {
    return this.with({ role, ...o });
  }
  getByText(text: string) {
    return this.with({ text });
  }
  count(): Promise<number> {
    return this.page.evaluate(
      (sel: string, steps: Step[]) => (new Function(`return (${sel})`)() as typeof selectAll)(steps).length,
      selectAll.toString(),
      this.steps,
    );
  }
  /** The first match, waiting up to 10 s for it (Playwright's auto-wait, without its strictness). */
  async handle(timeout = 10_000): Promise<ElementHandle<Element>> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const h = await this.page.evaluateHandle(
        (sel: string, steps: Step[]) => (new Function(`return (${sel})`)() as typeof selectAll)(steps)[0] ?? null,
        selectAll.toString(),
        this.steps,
      );
      const el = h.asElement() as ElementHandle<Element> | null;
      if (el) return el;
      await h.dispose();
      if (Date.now() > deadline) throw new Error(`No element for ${JSON.stringify(this.steps)}`);
      await sleep(100);
    }
  }
  async getAttribute(name: string) {
    return (await this.handle()).evaluate((e, n) => e.getAttribute(n), name);
  }
  async textContent() {
    return (await this.handle()).evaluate((e) => e.textContent);
  }
  async innerText() {
    return (await this.handle()).evaluate((e) => (e as HTMLElement).innerText);
  }
  async focus() {
    await this.page.bringToFront();
    await (await this.handle()).focus();
  }
  async click() {
    await this.page.bringToFront();
    await (await this.handle()).click();
  }
  async press(key: string) {
    await this.page.bringToFront();
    await (await this.handle()).press(key as never);
  }
  async fill(value: string) {
    const el = await this.handle();
    await el.evaluate((e) => {
      (e as HTMLElement).focus();
      if ('value' in e) (e as HTMLInputElement).value = '';
      else (e as HTMLElement).textContent = '';
    });
    await el.type(value);
  }
  async evaluate<R, A>(fn: (e: Element, arg: A) => R, arg?: A): Promise<Awaited<R>> {
    return (await this.handle()).evaluate(fn as never, arg as never) as Promise<Awaited<R>>;
  }
  async boundingBox() {
    return (await this.handle()).boundingBox();
  }
  async waitFor(o: { timeout?: number } = {}) {
    await this.handle(o.timeout);
  }
}

/** Raw WebDriver BiDi for one page (tests that need what Playwright's API has no word for, e.g. closed shadow roots). */
export interface PageBidi {
  /** The page's top-level browsing context id. */
  context: string;
  send(method: string, params: object): Promise<{ result: unknown }>;
}

/** The BiDi session behind a page of the Firefox harness, or undefined for a Chromium page. */
export function firefoxBidi(page: unknown): PageBidi | undefined {
  const own = page as { [BIDI]?: () => PageBidi };
  try {
    return own[BIDI]?.();
  } catch {
    return undefined;
  }
}
const BIDI = Symbol('bidi');

/** A puppeteer page with the Playwright Page methods the cross-browser code uses (see the header). */
function firefoxPage(p: Page, extensionBase: string, browser: Browser): PwPage {
  const own = {
    async goto(url: string, o: { timeout?: number } = {}) {
      if (url.startsWith('moz-extension:')) {
        // page.goto to an extension page never resolves: start it and watch the address.
        void p.goto(url).catch(() => undefined);
        const deadline = Date.now() + (o.timeout ?? 30_000);
        const want = url.split('#')[0];
        for (;;) {
          const href = await p.evaluate(() => location.href).catch(() => '');
          if (href === want && (await p.evaluate(() => document.readyState).catch(() => '')) === 'complete') break;
          if (Date.now() > deadline) throw new Error(`Timed out opening ${url}`);
          await sleep(100);
        }
        await p.evaluate(SHIM);
        return null;
      }
      return p.goto(url, { waitUntil: 'load', timeout: o.timeout ?? 30_000 });
    },
    waitForTimeout: (ms: number) => sleep(ms),
    // Keyboard input goes to the front tab only (Chromium's CDP sends it to any page): focus and click bring it there.
    async focus(sel: string) {
      await p.bringToFront();
      await p.focus(sel);
    },
    async click(sel: string) {
      await p.bringToFront();
      await p.click(sel);
    },
    getAttribute: (sel: string, name: string) => p.$eval(sel, (e, n) => e.getAttribute(n), name),
    textContent: (sel: string) => p.$eval(sel, (e) => e.textContent),
    innerText: (sel: string) => p.$eval(sel, (e) => (e as HTMLElement).innerText),
    setViewportSize: (s: { width: number; height: number }) => p.setViewport(s),
    locator: (css: string) => new FirefoxLocator(p, [{ css }]),
    screenshot: (o: { path?: string; fullPage?: boolean; clip?: { x: number; y: number; width: number; height: number } } = {}) =>
      // Playwright takes clip together with fullPage (the clip wins); puppeteer refuses the pair.
      p.screenshot(o.clip ? { ...(o.path ? { path: o.path } : {}), clip: o.clip } : (o as never)),
    extensionBase,
    // puppeteer's BiDi browser exposes its connection; the frame's `_id` is the browsing context id.
    [BIDI]: (): PageBidi => ({
      context: (p.mainFrame() as unknown as { _id: string })._id,
      send: (method, params) =>
        (browser as unknown as { connection: { send(m: string, p: object): Promise<{ result: unknown }> } }).connection.send(method, params),
    }),
  };
  return new Proxy(own, {
    get(t, k) {
      if (k in t) return (t as Record<string | symbol, unknown>)[k];
      if (typeof k === 'symbol') return undefined;
      if (k === 'then') return undefined;
      const v = (p as unknown as Record<string | symbol, unknown>)[k];
      if (v === undefined) throw new Error(`page.${String(k)} is not available in the Firefox harness (scripts/lib/firefox.ts)`);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(p) : v;
    },
  }) as unknown as PwPage;
}
