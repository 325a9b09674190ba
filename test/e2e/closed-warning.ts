/**
 * Reading the builder guard's warning in end-to-end tests. It lives in a closed shadow root (issue 10 item 7): the
 * page cannot reach it, nor can Playwright's locators; the DevTools protocol can (DOM.getDocument with pierce
 * lists closed shadow roots), and in Firefox WebDriver BiDi can (scripts/lib/firefox.ts firefoxBidi). Also: trusted input through the browser (Playwright's keyboard and the clipboard
 * produce events with isTrusted = true, which is all the guard listens to).
 */
import type { CDPSession, Page } from 'playwright-core';
import { firefoxBidi, fromRemoteValue as fromRemote, type PageBidi } from '../../scripts/lib/firefox';

interface DomNode {
  nodeName: string;
  backendNodeId: number;
  children?: DomNode[];
  shadowRoots?: DomNode[];
  contentDocument?: DomNode;
}

const HOST = 'MICRO-APP-AUDITOR-WARNING';
/** The warning's host: its name, or (when the page defined an element of that name) the name with a random suffix. */
const isHost = (nodeName: string) => nodeName === HOST || nodeName.startsWith(`${HOST}-`);

async function withCdp<T>(page: Page, fn: (cdp: CDPSession) => Promise<T>): Promise<T> {
  const cdp = await page.context().newCDPSession(page);
  try {
    return await fn(cdp);
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/**
 * Firefox: WebDriver BiDi serialises closed shadow roots too (`includeShadowTree: 'all'`), and a function can be
 * called with one as `this`: the same reach the DevTools protocol gives in Chromium.
 */
async function onShadowRootsBidi<T>(bidi: PageBidi, fn: string): Promise<T[]> {
  const call = async (params: object) => {
    const { result } = (await bidi.send('script.callFunction', { awaitPromise: false, target: { context: bidi.context }, ...params })) as {
      result: { type: string; result?: { type: string; value?: unknown }; exceptionDetails?: { text: string } };
    };
    if (result.type !== 'success' || !result.result) throw new Error(`script.callFunction: ${result.exceptionDetails?.text ?? result.type}`);
    return result.result;
  };
  const hosts = await call({
    functionDeclaration: `() => [...document.querySelectorAll('*')].filter((e) => e.localName === ${JSON.stringify(HOST.toLowerCase())} || e.localName.startsWith(${JSON.stringify(`${HOST.toLowerCase()}-`)}))`,
    resultOwnership: 'none',
    serializationOptions: { maxDomDepth: 1, includeShadowTree: 'all' },
  });
  const roots = ((hosts.value ?? []) as { value?: { shadowRoot?: { sharedId?: string } } }[]).flatMap((h) =>
    h.value?.shadowRoot?.sharedId ? [h.value.shadowRoot.sharedId] : [],
  );
  const out: T[] = [];
  for (const sharedId of roots) out.push(fromRemote(await call({ functionDeclaration: fn, this: { sharedId }, resultOwnership: 'none' })) as T);
  return out;
}

/** Calls `fn` (source text) with `this` = each warning host's shadow root; returns the results. */
async function onShadowRoots<T>(page: Page, fn: string): Promise<T[]> {
  const bidi = firefoxBidi(page);
  if (bidi) return onShadowRootsBidi<T>(bidi, fn);
  return withCdp(page, async (cdp) => {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const roots: DomNode[] = [];
    const walk = (n: DomNode) => {
      if (isHost(n.nodeName)) roots.push(...(n.shadowRoots ?? []));
      for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) walk(c);
    };
    walk(root);
    const out: T[] = [];
    for (const r of roots) {
      const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId: r.backendNodeId })) as { object: { objectId: string } };
      const { result } = (await cdp.send('Runtime.callFunctionOn', { objectId: object.objectId, functionDeclaration: fn, returnByValue: true })) as {
        result: { value: T };
      };
      out.push(result.value);
    }
    return out;
  });
}

/** The text of every warning card shown (in every warning host). */
export async function warningTexts(page: Page): Promise<string[]> {
  const all = await onShadowRoots<string[]>(page, 'function () { return [...this.querySelectorAll("[data-maa-warning]")].map((e) => e.innerText); }');
  return all.flat();
}

/** Whether the warning host's shadow root is closed (the page's `host.shadowRoot` is null). */
export async function warningRootModes(page: Page): Promise<string[]> {
  return onShadowRoots<string>(page, 'function () { return this.mode; }');
}

/** Focuses the first card's dismiss button (then press Enter through the keyboard: a trusted key press). */
export async function focusDismiss(page: Page): Promise<void> {
  await onShadowRoots(page, 'function () { this.querySelector("button")?.focus(); return true; }');
}

/** Pastes `text` into the element through the clipboard and Ctrl+V: a trusted paste event, as a user's. */
export async function trustedPaste(page: Page, selector: string, text: string): Promise<void> {
  const firefox = firefoxBidi(page) !== undefined;
  // Firefox: the headless launcher's `dom.events.testing.asyncClipboard` pref stands in for the permission grant.
  if (!firefox) await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  await page.bringToFront();
  await page.locator(selector).focus();
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  if (!firefox) {
    await page.keyboard.press('Control+V');
    return;
  }
  // puppeteer's keyboard takes no "Control+V" chord.
  await page.keyboard.down('Control');
  await page.keyboard.press('KeyV');
  await page.keyboard.up('Control');
}

/** Where each warning card is on screen (its top and left, in CSS pixels). */
export async function warningBoxes(page: Page): Promise<{ x: number; y: number }[]> {
  const all = await onShadowRoots<{ x: number; y: number }[]>(
    page,
    'function () { return [...this.querySelectorAll("[data-maa-warning]")].map((e) => { const r = e.getBoundingClientRect(); return { x: r.x, y: r.y }; }); }',
  );
  return all.flat();
}

/**
 * Chromium: is the secret engine loaded into this tab (in-page/scanner-slot.ts `SCANNER_GLOBAL` is an own property of
 * our content script's isolated world)? Field scans run in the service worker, so typing or pasting leaves it unloaded;
 * Glide's open panels load it. Read through the DevTools protocol in our extension's isolated world of the top frame.
 */
export async function engineInTab(page: Page, extensionId: string, global: string): Promise<boolean> {
  return withCdp(page, async (cdp) => {
    const contexts: { id: number; origin: string; auxData?: { type?: string; isDefault?: boolean; frameId?: string } }[] = [];
    cdp.on('Runtime.executionContextCreated', (e: { context: (typeof contexts)[number] }) => contexts.push(e.context));
    await cdp.send('Runtime.enable'); // reports the contexts that exist already
    const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
    const ours = contexts.find(
      (c) => c.auxData?.type === 'isolated' && c.auxData.frameId === frameTree.frame.id && c.origin.startsWith(`chrome-extension://${extensionId}`),
    );
    if (!ours) throw new Error('no isolated world of the extension in this page');
    const { result } = (await cdp.send('Runtime.evaluate', {
      contextId: ours.id,
      expression: `Object.getOwnPropertyDescriptor(globalThis, ${JSON.stringify(global)}) !== undefined`,
      returnByValue: true,
    })) as { result: { value?: unknown } };
    return result.value === true;
  });
}
