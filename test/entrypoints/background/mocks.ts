/**
 * Mocks for the extension APIs fakeBrowser does not implement (webRequest, scripting, cookies, permissions,
 * declarativeNetRequest). `mockApis` puts them on fakeBrowser; `restoreApis` (call it in afterEach) puts the
 * originals back so fakeBrowser.reset() keeps working for the next test.
 */
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { pageSnapshot } from '../../helpers/evidence';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
// biome-ignore lint/suspicious/noExplicitAny: listeners of every webRequest/tabs event shape share one fake
type Listener = (...args: any[]) => unknown;

export interface MockEvent {
  addListener: ReturnType<typeof vi.fn>;
  removeListener: ReturnType<typeof vi.fn>;
  hasListener: ReturnType<typeof vi.fn>;
  listeners: Listener[];
  /** Calls every listener with the arguments; returns their results. */
  emit(...args: unknown[]): unknown[];
}

export function mockEvent(): MockEvent {
  const listeners: Listener[] = [];
  return {
    addListener: vi.fn((l: Listener) => void listeners.push(l)),
    removeListener: vi.fn((l: Listener) => {
      const i = listeners.indexOf(l);
      if (i >= 0) listeners.splice(i, 1);
    }),
    hasListener: vi.fn((l: Listener) => listeners.includes(l)),
    listeners,
    emit: (...args: unknown[]) => [...listeners].map((l) => l(...args)),
  };
}

export function mockWebRequest(flavour: 'chrome' | 'firefox' = 'chrome') {
  return {
    onSendHeaders: mockEvent(),
    onHeadersReceived: mockEvent(),
    onBeforeRedirect: mockEvent(),
    onCompleted: mockEvent(),
    onErrorOccurred: mockEvent(),
    ...(flavour === 'chrome'
      ? {
          OnSendHeadersOptions: { REQUEST_HEADERS: 'requestHeaders', EXTRA_HEADERS: 'extraHeaders' },
          OnHeadersReceivedOptions: { RESPONSE_HEADERS: 'responseHeaders', EXTRA_HEADERS: 'extraHeaders' },
        }
      : {}),
  };
}
export type WebRequestMock = ReturnType<typeof mockWebRequest>;

const KEYS = ['webRequest', 'scripting', 'cookies', 'permissions', 'declarativeNetRequest'] as const;
type Key = (typeof KEYS)[number];
const saved = new Map<Key, PropertyDescriptor | undefined>();

/** Replaces the named APIs on fakeBrowser (undefined = the browser does not have that API). */
export function mockApis(apis: Partial<Record<Key, unknown>>): void {
  const target = fakeBrowser as unknown as Record<string, unknown>;
  for (const key of Object.keys(apis) as Key[]) {
    if (!saved.has(key)) saved.set(key, Object.getOwnPropertyDescriptor(target, key));
    Object.defineProperty(target, key, { value: apis[key], configurable: true, writable: true, enumerable: true });
  }
}

export function restoreApis(): void {
  const target = fakeBrowser as unknown as Record<string, unknown>;
  for (const [key, d] of saved) {
    if (d) Object.defineProperty(target, key, d);
    else delete target[key];
  }
  saved.clear();
}

/** A fetch Response stand-in with a body whose cancel() can be watched. */
export function fakeResponse(init: { url: string; status?: number; redirected?: boolean; headers?: [string, string][] }) {
  const cancel = vi.fn(async () => undefined);
  return {
    url: init.url,
    status: init.status ?? 200,
    redirected: init.redirected ?? false,
    headers: new Headers(init.headers ?? []),
    body: { cancel },
    cancel,
  };
}

/** A fetch for tests that must not reach the network: every request fails like an offline browser. */
/**
 * The browser APIs an audit touches, with no site access and no network: `executeScript` answers for the page,
 * everything else is an inert mock. Returns the mocks a test may assert on.
 */
export function mockOfflineBrowser(executeScript: ReturnType<typeof vi.fn>) {
  const mocks = {
    executeScript,
    contains: vi.fn(async () => false),
    getAll: vi.fn(async () => []),
    updateSessionRules: vi.fn(async () => undefined),
  };
  mockApis({
    scripting: { executeScript },
    permissions: { contains: mocks.contains },
    cookies: { getAll: mocks.getAll },
    declarativeNetRequest: { updateSessionRules: mocks.updateSessionRules },
    webRequest: mockWebRequest('chrome'),
  });
  vi.stubGlobal('fetch', offlineFetch());
  return mocks;
}

export function offlineFetch() {
  return vi.fn(async (url: string) => Promise.reject(new TypeError(`offline (test): ${url}`)));
}

/** A fetch that never answers but honours its AbortSignal, like the real one. */
export function hangingFetch() {
  return vi.fn(
    (_url: string, init?: RequestInit) =>
      new Promise<never>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('This operation was aborted', 'AbortError')));
      }),
  );
}

/** A valid snapshot as snapshotPage returns it, for a page at `url` (no script files: nothing to download). */
export function snapshot(url: string, over: Record<string, unknown> = {}) {
  return pageSnapshot(url, { title: 'App', scripts: [{ inlineLength: 12 }], counts: { elements: 10, scripts: 1 }, ...over });
}
