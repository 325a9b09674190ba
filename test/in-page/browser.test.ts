/**
 * Content scripts use the browser's own extension API (in-page/browser.ts), so a listener that answers does it with
 * sendResponse: the settled value is sent, a rejection answers nothing, and a message that is not for it leaves the
 * channel closed for other listeners.
 */
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { answering, browser } from '@/in-page/browser';

describe('in-page browser', () => {
  // Which global it takes is tested below (extensionApi); that the built content scripts hold no polyfill is tested on
  // the build (test/e2e/manifest.e2e.test.ts): here both globals are WXT's fake browser.
  it('is the extension global the context provides (WXT’s fake one in tests)', () => {
    expect(browser).toBe(fakeBrowser);
  });
});

describe('answering', () => {
  it('sends the settled value and keeps the channel open until then', async () => {
    const sendResponse = vi.fn();
    const listener = answering(async (raw) => ({ echo: raw }));
    expect(listener({ a: 1 }, {}, sendResponse)).toBe(true);
    await vi.waitFor(() => expect(sendResponse).toHaveBeenCalledExactlyOnceWith({ echo: { a: 1 } }));
  });

  it('a rejected answer sends nothing useful (undefined), never an unhandled rejection', async () => {
    const sendResponse = vi.fn();
    expect(answering(() => Promise.reject(new Error('boom')))({}, {}, sendResponse)).toBe(true);
    await vi.waitFor(() => expect(sendResponse).toHaveBeenCalledExactlyOnceWith(undefined));
  });

  it('not for this listener: false, and sendResponse is never called', () => {
    const sendResponse = vi.fn();
    expect(answering(() => undefined)({}, {}, sendResponse)).toBe(false);
    expect(sendResponse).not.toHaveBeenCalled();
  });
});

describe('pickApi: Chrome’s `chrome` without touching `browser`; Firefox’s `browser`', () => {
  const named = (id: string, origin: string) => ({ runtime: { id, sendMessage: () => Promise.resolve(), getURL: (p: string) => `${origin}${p}` } });
  it('Chrome: `chrome`, and `browser` is never read (a page-wide named lookup there)', async () => {
    const { pickApi } = await import('@/in-page/browser');
    const chrome = named('ext', 'chrome-extension://ext');
    const read = vi.fn(() => undefined);
    const scope = Object.defineProperty({ chrome }, 'browser', { get: read });
    expect(pickApi(scope)).toBe(chrome);
    expect(read).not.toHaveBeenCalled();
  });
  it('Firefox: `browser` (its `chrome` answers with moz-extension addresses)', async () => {
    const { pickApi } = await import('@/in-page/browser');
    const browser = named('ext', 'moz-extension://uuid');
    expect(pickApi({ chrome: named('ext', 'moz-extension://uuid'), browser })).toBe(browser);
    expect(pickApi({ browser })).toBe(browser);
  });
  it('only a `chrome` whose addresses are not Chrome’s, or none at all', async () => {
    const { pickApi } = await import('@/in-page/browser');
    const chrome = named('ext', 'safari-web-extension://x');
    expect(pickApi({ chrome })).toBe(chrome);
    expect(pickApi({})).toBeUndefined();
    const throwing = {
      runtime: {
        id: 'ext',
        sendMessage: () => Promise.resolve(),
        getURL: () => {
          throw new Error('gone');
        },
      },
    };
    expect(pickApi({ chrome: throwing })).toBe(throwing);
  });
});

describe('extensionApi: which global is the extension API', () => {
  const api = { runtime: { id: 'ext-id', sendMessage: () => Promise.resolve() } };
  it('Firefox: `browser`; Chrome: only `chrome`', async () => {
    const { extensionApi } = await import('@/in-page/browser');
    expect(extensionApi({ browser: api, chrome: {} }, 'browser')).toBe(api);
    expect(extensionApi({ chrome: api }, 'browser')).toBeUndefined();
    expect(extensionApi({ chrome: api }, 'chrome')).toBe(api);
  });
  it('what a page can put under those names through its DOM is not taken: look-alikes without sendMessage, reads that throw', async () => {
    const { extensionApi } = await import('@/in-page/browser');
    // <form id="browser"><input name="runtime" id="x"> reaches the isolated world as browser.runtime.id === 'x'.
    document.body.innerHTML = '<form id="browser"><input name="runtime" id="x"></form>';
    const form = document.getElementById('browser') as HTMLFormElement & { runtime?: Element };
    expect(extensionApi({ browser: form }, 'browser')).toBeUndefined();
    expect(extensionApi({ browser: { runtime: { id: 'x' } } }, 'browser')).toBeUndefined();
    // A cross-origin <iframe name="browser">: reading its properties throws.
    const throwing = Object.defineProperty({}, 'browser', {
      get() {
        throw new DOMException('Blocked a frame from accessing a cross-origin frame.', 'SecurityError');
      },
    });
    expect(extensionApi(throwing, 'browser')).toBeUndefined();
    document.body.innerHTML = '';
  });
});
