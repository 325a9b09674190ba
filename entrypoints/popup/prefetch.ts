/**
 * What entrypoints/popup-prefetch.ts starts at the top of popup.html, before the UI code loads: the tab lookup and
 * the read of its stored audit (raw: api.ts checks it like any other read). Zod-free.
 */
import { browser } from 'wxt/browser';
import { KEYS } from '@/utils/storage/keys';
import { auditScope } from '@/utils/platform/builders';

export interface Prefetched {
  tab: Promise<{ id: number; url?: string } | undefined>;
  stored: Promise<{ scope: string; raw: unknown } | undefined>;
}

const PREFETCH = '__microAppAuditorPrefetch';

export function startPrefetch(search: string): void {
  // popup.html?tabId=N (the headless command and tests): that tab, else the active one, as api.ts does.
  const forced = Number(new URLSearchParams(search).get('tabId'));
  const tab = (Number.isInteger(forced) && forced > 0 ? browser.tabs.get(forced) : browser.tabs.query({ active: true, currentWindow: true }).then(([t]) => t))
    .then((t) => (t?.id !== undefined ? { id: t.id, ...(t.url ? { url: t.url } : {}) } : undefined))
    .catch(() => undefined);
  const stored = tab
    .then(async (t) => {
      if (!t?.url || !/^https?:/i.test(t.url)) return undefined;
      const scope = auditScope(t.url);
      const key = KEYS.audit(scope);
      return { scope, raw: (await browser.storage.local.get(key))[key] };
    })
    .catch(() => undefined);
  (globalThis as Record<string, unknown>)[PREFETCH] = { tab, stored } satisfies Prefetched;
}

/** What the prefetch script started on this page (undefined when it did not run, e.g. in tests). */
export function prefetched(): Prefetched | undefined {
  return (globalThis as Record<string, unknown>)[PREFETCH] as Prefetched | undefined;
}
