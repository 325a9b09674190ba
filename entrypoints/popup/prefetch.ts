/**
 * What entrypoints/popup-prefetch.ts starts at the top of popup.html, before the UI code loads: the tab lookup and
 * the read of its stored audit (raw: api.ts checks it like any other read). Zod-free, and polyfill-free: a classic
 * script in <head> blocks the page's parsing while it loads and runs, so it calls the browser's own promise-based API
 * (Firefox's `browser`, Chromium MV3's `chrome`: tabs.get, tabs.query and storage.local.get return promises in
 * both) instead of bundling webextension-polyfill (popup-prefetch.js 11.8 kB → 2.2 kB). The parameter is named `api`,
 * not `browser`: in WXT's build of this unlisted script a free-looking `browser` identifier brings the polyfill in
 * again (seen in the built file).
 */
import { KEYS } from '@/utils/storage/keys';
import { auditScope } from '@/utils/platform/builders';

export interface Prefetched {
  tab: Promise<{ id: number; url?: string } | undefined>;
  stored: Promise<{ scope: string; raw: unknown } | undefined>;
}

const PREFETCH = '__microAppAuditorPrefetch';

/** The part of the extension API the prefetch uses (promise-based in Firefox and in Chromium MV3). */
interface PrefetchApi {
  runtime?: { id?: string };
  tabs: {
    get(id: number): Promise<{ id?: number; url?: string }>;
    query(q: { active: boolean; currentWindow: boolean }): Promise<{ id?: number; url?: string }[]>;
  };
  storage: { local: { get(key: string): Promise<Record<string, unknown>> } };
}

/** The browser's own extension API, without the polyfill (the same choice WXT's `wxt/browser` makes). */
function nativeApi(): PrefetchApi | undefined {
  const g = globalThis as { browser?: PrefetchApi; chrome?: PrefetchApi };
  return g.browser?.runtime?.id ? g.browser : g.chrome;
}

/** `api`: the extension API to use (tests pass WXT's fake browser; the page uses the browser's own). */
export function startPrefetch(search: string, api: PrefetchApi | undefined = nativeApi()): void {
  if (!api?.tabs) return; // not an extension page: api.ts asks the browser itself
  // popup.html?tabId=N (the headless command and tests): that tab, else the active one, as api.ts does.
  const forced = Number(new URLSearchParams(search).get('tabId'));
  const tab = (Number.isInteger(forced) && forced > 0 ? api.tabs.get(forced) : api.tabs.query({ active: true, currentWindow: true }).then(([t]) => t))
    .then((t) => (t?.id !== undefined ? { id: t.id, ...(t.url ? { url: t.url } : {}) } : undefined))
    .catch(() => undefined);
  const stored = tab
    .then(async (t) => {
      if (!t?.url || !/^https?:/i.test(t.url)) return undefined;
      const scope = auditScope(t.url);
      const key = KEYS.audit(scope);
      return { scope, raw: (await api.storage.local.get(key))[key] };
    })
    .catch(() => undefined);
  (globalThis as Record<string, unknown>)[PREFETCH] = { tab, stored } satisfies Prefetched;
}

/** What the prefetch script started on this page (undefined when it did not run, e.g. in tests). */
export function prefetched(): Prefetched | undefined {
  return (globalThis as Record<string, unknown>)[PREFETCH] as Prefetched | undefined;
}
