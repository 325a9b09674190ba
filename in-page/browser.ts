/**
 * The extension API in content scripts: the browser's own object (`browser` in Firefox, `chrome` in Chrome), not
 * webextension-polyfill, which the extension's pages and service worker use through `wxt/browser`. The polyfill is
 * ~10 kB that every builder page would compile and set up at load (3.8 ms inclusive in a CPU profile of the
 * Supabase dashboard under the profiler, 2026-12-06) for nothing: what content scripts call (runtime.sendMessage, runtime.connect,
 * runtime.getURL, runtime.id, storage.local.get) returns promises natively in MV3 in both browsers, and listeners that
 * answer go through `answering`, which uses `sendResponse` (native in both; a listener returning a promise is not).
 * Unit tests get WXT's fake browser here too: it stands in for both globals.
 */
import type { Browser, browser as polyfilled } from 'wxt/browser';

type Api = typeof polyfilled;

/**
 * The extension API under `name` in `scope`, if it is one: a runtime with a string id and a sendMessage function.
 * The test is strict because window's named properties reach the isolated world: a page's `<form id="browser">`
 * with an `<input name="runtime" id="x">` looks like `browser.runtime.id` to a looser test (webextension-polyfill's
 * own), and a cross-origin `<iframe name="browser">` makes reading it throw. Neither has a sendMessage function.
 */
export function extensionApi(scope: object, name: 'browser' | 'chrome'): Api | undefined {
  try {
    const api = (scope as Record<string, unknown>)[name] as Api | undefined;
    return typeof api?.runtime?.id === 'string' && typeof api.runtime.sendMessage === 'function' ? api : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Chrome's `chrome` when its runtime's addresses are Chrome's, else Firefox's `browser` (Firefox has both; its
 * `browser` is the promise-based one), else whichever exists. `chrome` is read first because in Chrome `browser` is
 * not our world's own property: reading it looks the name up among the page's elements (window's named properties),
 * a document-wide lookup on a large editor page (6.5 ms in a CPU profile of the 24,000-element heavy page, 2026-12-07).
 */
export function pickApi(scope: object): Api | undefined {
  const chrome = extensionApi(scope, 'chrome');
  if (chrome && isChromeRuntime(chrome)) return chrome;
  return extensionApi(scope, 'browser') ?? chrome;
}

function isChromeRuntime(api: Api): boolean {
  try {
    return api.runtime.getURL('/').startsWith('chrome-extension://');
  } catch {
    return false;
  }
}

export const browser: Api = pickApi(globalThis) as Api;

type Sender = Browser.runtime.MessageSender;

/**
 * A runtime.onMessage listener from one that answers with a promise (or undefined: not for us), in the form both
 * browsers support natively: `sendResponse` with the settled value, and `true` to keep the channel open.
 */
export function answering<S extends Partial<Sender>>(
  handler: (raw: unknown, sender: S) => Promise<unknown> | undefined,
): (raw: unknown, sender: S, sendResponse: (reply?: unknown) => void) => boolean {
  return (raw, sender, sendResponse) => {
    const reply = handler(raw, sender);
    if (!reply) return false;
    reply.then(sendResponse, () => sendResponse(undefined));
    return true;
  };
}
