/**
 * Fetches the page's script bundles for the secret scanner: from the background (CDN files that allow any origin,
 * and any file of a site the user granted), else from inside the page for same-origin files. Bounded per file and
 * per page, four at a time, with a short-lived in-memory cache so re-audits do not download everything again.
 */
import { browser } from 'wxt/browser';
import { TEXT_LIMITS } from '@/utils/evidence/evidence';
import { withTimeout } from './timeout';

export interface FetchedFile {
  url: string;
  text: string;
  truncated: boolean;
}

export interface BundleResult {
  files: FetchedFile[];
  /** Files not scanned, and why (for the audit's gaps). */
  skipped: { url: string; reason: string }[];
}

const CACHE_TTL_MS = 10 * 60_000;
const CACHE_MAX_CHARS = 64 * 1024 * 1024;
const cache = new Map<string, { file: FetchedFile; at: number }>();
let cached = 0;

function remember(file: FetchedFile, now: number) {
  const old = cache.get(file.url);
  if (old) cached -= old.file.text.length;
  cache.set(file.url, { file, at: now });
  cached += file.text.length;
  for (const [url, e] of cache) {
    if (cached <= CACHE_MAX_CHARS) break;
    cache.delete(url);
    cached -= e.file.text.length;
  }
}

/** Reads at most `cap` characters of a response body, then stops the download. */
export async function readCapped(res: Response, cap: number): Promise<{ text: string; truncated: boolean }> {
  if (!res.body) return { text: '', truncated: false };
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    if (text.length >= cap) {
      void reader.cancel().catch(() => undefined);
      return { text: text.slice(0, cap), truncated: true };
    }
  }
  return { text: text + decoder.decode(), truncated: false };
}

async function fetchFromBackground(url: string, cap: number): Promise<FetchedFile> {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), 8000);
  try {
    const res = await fetch(url, { credentials: 'omit', cache: 'force-cache', signal: ctrl.signal });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return { url, ...(await readCapped(res, cap)) };
  } finally {
    clearTimeout(timer);
  }
}

/** Injected into the page (isolated world): same-origin fetches the background may not be allowed to make. */
export async function fetchInPage(urls: string[], cap: number): Promise<{ url: string; text?: string; truncated?: boolean; error?: string }[]> {
  return Promise.all(
    urls.map(async (url) => {
      try {
        const res = await fetch(url, { credentials: 'same-origin', cache: 'force-cache' });
        if (!res.ok) return { url, error: `HTTP ${res.status}` };
        const text = await res.text();
        return { url, text: text.slice(0, cap), truncated: text.length > cap };
      } catch (e) {
        return { url, error: e instanceof Error ? e.message.slice(0, 120) : 'failed' };
      }
    }),
  );
}

export async function fetchBundles(tabId: number, pageUrl: string, scriptUrls: string[], now = Date.now()): Promise<BundleResult> {
  const pageOrigin = new URL(pageUrl).origin;
  const unique = [...new Set(scriptUrls.filter((u) => /^https?:\/\//i.test(u)).map((u) => u.split('#')[0]!))];
  const result: BundleResult = { files: [], skipped: [] };
  for (const url of unique.slice(TEXT_LIMITS.files)) result.skipped.push({ url, reason: `more than ${TEXT_LIMITS.files} scripts` });
  let budget = TEXT_LIMITS.perPage;
  const pageFetch: string[] = [];
  const queue = unique.slice(0, TEXT_LIMITS.files);

  const worker = async () => {
    for (let url = queue.shift(); url; url = queue.shift()) {
      const hit = cache.get(url);
      if (hit && now - hit.at < CACHE_TTL_MS) {
        result.files.push(hit.file);
        continue;
      }
      try {
        const file = await fetchFromBackground(url, TEXT_LIMITS.perFile);
        remember(file, now);
        result.files.push(file);
      } catch (e) {
        if (new URL(url).origin === pageOrigin) pageFetch.push(url);
        else result.skipped.push({ url, reason: `could not be downloaded (${e instanceof Error ? e.message : 'error'})` });
      }
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);

  if (pageFetch.length) {
    try {
      const [r] = await withTimeout(
        browser.scripting.executeScript({ target: { tabId }, func: fetchInPage, args: [pageFetch, TEXT_LIMITS.perFile] }),
        10_000,
        'The page (script download)',
      );
      for (const f of (r?.result ?? []) as Awaited<ReturnType<typeof fetchInPage>>) {
        if (typeof f?.url !== 'string' || !pageFetch.includes(f.url)) continue;
        if (typeof f.text === 'string') {
          const file = { url: f.url, text: f.text.slice(0, TEXT_LIMITS.perFile), truncated: f.truncated === true };
          remember(file, now);
          result.files.push(file);
        } else result.skipped.push({ url: f.url, reason: `could not be downloaded (${String(f.error ?? 'error').slice(0, 120)})` });
      }
    } catch (e) {
      for (const url of pageFetch) result.skipped.push({ url, reason: e instanceof Error ? e.message : 'could not be downloaded' });
    }
  }

  // Per-page cap, in page order.
  const order = new Map(unique.map((u, i) => [u, i]));
  result.files.sort((a, b) => (order.get(a.url) ?? 0) - (order.get(b.url) ?? 0));
  const capped: FetchedFile[] = [];
  for (const f of result.files) {
    if (budget <= 0) {
      result.skipped.push({ url: f.url, reason: `over the ${TEXT_LIMITS.perPage / 1024 / 1024} MB per-page limit` });
      continue;
    }
    const text = f.text.length > budget ? f.text.slice(0, budget) : f.text;
    capped.push(text === f.text ? f : { ...f, text, truncated: true });
    budget -= text.length;
  }
  result.files = capped;
  return result;
}

/** Test hook: forget cached files. */
export function clearBundleCache(): void {
  cache.clear();
  cached = 0;
}
