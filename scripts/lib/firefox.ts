/**
 * Launches Debian's Firefox ESR headless with the built Firefox extension installed (puppeteer-core over WebDriver
 * BiDi; no geckodriver, never a browser download). Returns the same `ExtensionBrowser` shape as the Chromium launcher
 * (scripts/lib/browser.ts), so the headless command and the end-to-end tests drive either browser:
 *
 * - `context.newPage()` gives a page with the part of Playwright's Page API the cross-browser code uses (goto, url,
 *   evaluate, $, $$eval, waitForSelector, waitForTimeout, getAttribute, textContent, click, focus, keyboard.press,
 *   screenshot, setViewportSize, close, waitForFunction, and `locator()` with first/nth/locator/getByRole/getByText/count/
 *   fill/click/focus/press/evaluate/getAttribute/textContent/inputValue/boundingBox). Anything else throws "not available in Firefox".
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
      /** Playwright's addCookies, through the extension's cookies API (it needs host access to each cookie's site). */
      addCookies: async (
        cookies: { name: string; value: string; domain: string; path?: string; secure?: boolean; httpOnly?: boolean; sameSite?: 'None' | 'Lax' | 'Strict' }[],
      ) => {
        const same = { None: 'no_restriction', Lax: 'lax', Strict: 'strict' } as const;
        const details = cookies.map((c) => ({
          url: `${c.secure === false ? 'http' : 'https'}://${c.domain.replace(/^\./, '')}${c.path ?? '/'}`,
          name: c.name,
          value: c.value,
          path: c.path ?? '/',
          ...(c.domain.startsWith('.') ? { domain: c.domain } : {}),
          ...(c.secure !== undefined ? { secure: c.secure } : {}),
          ...(c.httpOnly !== undefined ? { httpOnly: c.httpOnly } : {}),
          ...(c.sameSite ? { sameSite: same[c.sameSite] } : {}),
        }));
        await scope.evaluate(async (list: object[]) => {
          const api = (globalThis as unknown as { chrome: { cookies: { set(d: object): Promise<unknown> } } }).chrome.cookies;
          for (const d of list) if (!(await api.set(d))) throw new Error(`cookie ${JSON.stringify(d)} was not set`);
        }, details);
      },
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
  async inputValue() {
    return (await this.handle()).evaluate((e) => (e as HTMLInputElement).value);
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
    // Playwright's order is (fn, arg, options); puppeteer's is (fn, options, ...args).
    waitForFunction: (fn: (arg: unknown) => unknown, arg?: unknown, o: { timeout?: number } = {}) =>
      p.waitForFunction(fn as never, { timeout: o.timeout ?? 30_000, polling: 100 }, arg as never),
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

/**
 * In a content process (a process script, privileged): the inner window ids of this extension's content-script
 * sandboxes in the given tabs. ExtensionContent.getAllContentScriptGlobals() is what Firefox's DevTools list content
 * scripts from; each sandbox's metadata names its add-on, tab (`browser-id`) and document (`inner-window-id`).
 */
function contentScriptWindowsInProcess(
  o: { reply: string; addonId: string; browserIds: number[] },
  // A process script's message manager functions and privileged globals are names in its scope, not globalThis's.
  api: {
    send(name: string, data: unknown): void;
    ChromeUtils: { importESModule(url: string): { ExtensionContent: { getAllContentScriptGlobals(): object[] } } };
    Cu: { getSandboxMetadata(s: object): Record<string, unknown> | undefined };
  },
): void {
  const windows: number[] = [];
  try {
    const { ExtensionContent } = api.ChromeUtils.importESModule('resource://gre/modules/ExtensionContent.sys.mjs');
    for (const sandbox of ExtensionContent.getAllContentScriptGlobals()) {
      const meta = api.Cu.getSandboxMetadata(sandbox);
      if (meta?.addonId === o.addonId && o.browserIds.includes(meta['browser-id'] as number)) windows.push(meta['inner-window-id'] as number);
    }
    api.send(o.reply, { windows });
  } catch (e) {
    api.send(o.reply, { error: String(e) });
  }
}

/**
 * In the browser's chrome window (privileged; needs `--remote-allow-system-access`): asks every content process,
 * through a process script, for the extension's content-script sandboxes in the tabs showing `url`.
 */
async function contentScriptWindowsInChrome(o: { uuid: string; url: string; child: string; waitMs: number }): Promise<{ windows: number[]; errors: string[] }> {
  const g = globalThis as unknown as {
    WebExtensionPolicy: { getByHostname(h: string): { id: string } | null };
    Services: {
      wm: { getMostRecentWindow(t: string): { gBrowser: { browsers: { currentURI: { spec: string }; browserId: number }[] } } };
      ppmm: {
        childCount: number;
        loadProcessScript(url: string, delayed: boolean): void;
        removeDelayedProcessScript(url: string): void;
        addMessageListener(n: string, l: object): void;
        removeMessageListener(n: string, l: object): void;
      };
    };
  };
  const policy = g.WebExtensionPolicy.getByHostname(o.uuid);
  if (!policy) throw new Error(`no extension at moz-extension://${o.uuid}`);
  const strip = (u: string) => u.split('#')[0];
  const browserIds = g.Services.wm
    .getMostRecentWindow('navigator:browser')
    .gBrowser.browsers.filter((b) => strip(b.currentURI.spec) === strip(o.url))
    .map((b) => b.browserId);
  if (browserIds.length === 0) throw new Error(`no tab shows ${o.url}`);
  const reply = `micro-app-auditor-test:worlds:${Math.random().toString(36).slice(2)}`;
  const replies: { windows?: number[]; error?: string }[] = [];
  const listener = { receiveMessage: (m: { data: { windows?: number[]; error?: string } }) => void replies.push(m.data) };
  g.Services.ppmm.addMessageListener(reply, listener);
  try {
    const api = '{ send: (n, d) => sendAsyncMessage(n, d), ChromeUtils, Cu: Components.utils }';
    const script = `const __name = (f) => f; (${o.child})(${JSON.stringify({ reply, addonId: policy.id, browserIds })}, ${api});`;
    g.Services.ppmm.loadProcessScript(`data:,${encodeURIComponent(script)}`, false);
    // Every content process answers (the count includes the parent's own, which may not): wait for them, or for a
    // quiet 300 ms after the last answer.
    const deadline = Date.now() + o.waitMs;
    let last = Date.now();
    let seen = 0;
    while (replies.length < g.Services.ppmm.childCount && Date.now() < deadline) {
      if (replies.length !== seen) [seen, last] = [replies.length, Date.now()];
      else if (seen > 0 && Date.now() - last > 300) break;
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    g.Services.ppmm.removeMessageListener(reply, listener);
  }
  if (replies.length === 0) throw new Error('no content process answered');
  return { windows: replies.flatMap((r) => r.windows ?? []), errors: replies.flatMap((r) => (r.error ? [r.error] : [])) };
}

/**
 * Firefox: the documents (inner window ids) in the tab showing `url` where the extension has a content-script world
 * (Firefox makes one sandbox per extension and document, shared by its content scripts and injected functions). The
 * count the Chromium harness takes from the DevTools protocol's isolated execution contexts.
 */
export async function firefoxContentScriptWindows(page: unknown, uuid: string, url: string): Promise<number[]> {
  const arg = { uuid, url, child: contentScriptWindowsInProcess.toString(), waitMs: 3000 };
  const { windows, errors } = (await inChromeWindow(page, `(${contentScriptWindowsInChrome.toString()})(${JSON.stringify(arg)})`)) as {
    windows: number[];
    errors: string[];
  };
  if (errors.length > 0) throw new Error(`counting content-script worlds: ${errors.join('; ')}`);
  return windows;
}

/**
 * Sets a Firefox preference while it runs (privileged, in the chrome window). For example
 * `fission.webContentIsolationStrategy` 1, Firefox's default: each site in its own content process, which puppeteer
 * turns off at launch (one content process for all pages), so a page that hangs its process hangs only itself.
 */
export async function setFirefoxPref(page: unknown, name: string, value: number | boolean | string): Promise<void> {
  const setter = typeof value === 'number' ? 'setIntPref' : typeof value === 'boolean' ? 'setBoolPref' : 'setStringPref';
  await inChromeWindow(page, `Services.prefs.${setter}(${JSON.stringify(name)}, ${JSON.stringify(value)})`);
}

/** Evaluates `expression` (awaited) in the browser's chrome window over WebDriver BiDi; needs `--remote-allow-system-access`. */
async function inChromeWindow(page: unknown, expression: string): Promise<unknown> {
  const bidi = firefoxBidi(page);
  if (!bidi) throw new Error('not a Firefox harness page');
  const { result: tree } = (await bidi.send('browsingContext.getTree', { maxDepth: 0, 'moz:scope': 'chrome' })) as {
    result: { contexts: { context: string; url: string }[] };
  };
  const chrome = tree.contexts.find((c) => c.url.startsWith('chrome://browser/')) ?? tree.contexts[0];
  if (!chrome) throw new Error('no chrome window over WebDriver BiDi (is --remote-allow-system-access set?)');
  const { result } = (await bidi.send('script.evaluate', {
    // (`__name`: what the test transform may wrap named functions in; the chrome window has none.)
    expression: `(() => { const __name = (f) => f; return (${expression}); })()`,
    target: { context: chrome.context },
    awaitPromise: true,
    resultOwnership: 'none',
  })) as { result: { type: string; result?: { type: string; value?: unknown }; exceptionDetails?: { text: string } } };
  if (result.type !== 'success' || !result.result) throw new Error(`in the chrome window: ${result.exceptionDetails?.text ?? result.type}`);
  return fromRemoteValue(result.result);
}

/** A WebDriver BiDi remote value as plain data (strings, numbers, booleans, null, arrays, objects). */
export function fromRemoteValue(v: { type: string; value?: unknown }): unknown {
  if (v.type === 'array') return (v.value as { type: string }[]).map(fromRemoteValue);
  if (v.type === 'object')
    return Object.fromEntries(
      (v.value as [unknown, { type: string }][]).map(([k, x]) => [typeof k === 'string' ? k : fromRemoteValue(k as never), fromRemoteValue(x)]),
    );
  if (v.type === 'null' || v.type === 'undefined') return v.type === 'null' ? null : undefined;
  return v.value;
}
