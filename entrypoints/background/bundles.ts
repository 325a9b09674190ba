/**
 * Fetches the page's script bundles for the secret scanner: from the background (CDN files that allow any origin,
 * and any file of a site the user granted), else from inside the page for same-origin files. Bounded per file and
 * per page, four at a time, with a short-lived in-memory cache so re-audits do not download everything again.
 */
import { browser } from 'wxt/browser';
import { TEXT_LIMITS } from '@/utils/evidence/evidence';
import { mayFetch } from '@/utils/http/internal-host';
import { withTimeout } from './timeout';

export interface FetchedFile {
  url: string;
  text: string;
  truncated: boolean;
}

export interface BundleResult {
  files: FetchedFile[];
  /** Files not scanned (or not scanned as the page received them), and why (for the audit's gaps). */
  skipped: SkippedFile[];
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

/**
 * Injected into the page (isolated world): same-origin fetches the background may not be allowed to make. Self-
 * contained (it is serialised into the page): reads at most `cap` characters of each body and stops the download
 * there, and aborts a download still running after `timeoutMs` (a never-ending response must not keep the page
 * reading after the audit gave up on it), keeping what was read as a truncated file.
 */
export async function fetchInPage(
  urls: string[],
  cap: number,
  timeoutMs = 8000,
): Promise<{ url: string; text?: string; truncated?: boolean; error?: string }[]> {
  return Promise.all(
    urls.map(async (url) => {
      const ctrl = new AbortController();
      const timer = setTimeout(() => ctrl.abort(), timeoutMs);
      let text = '';
      try {
        const res = await fetch(url, { credentials: 'same-origin', cache: 'force-cache', signal: ctrl.signal });
        if (!res.ok) return { url, error: `HTTP ${res.status}` };
        if (!res.body) return { url, text: '', truncated: false };
        const reader = res.body.getReader();
        const decoder = new TextDecoder();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          text += decoder.decode(value, { stream: true });
          if (text.length >= cap) {
            ctrl.abort();
            return { url, text: text.slice(0, cap), truncated: true };
          }
        }
        return { url, text: text + decoder.decode(), truncated: false };
      } catch (e) {
        if (ctrl.signal.aborted && text) return { url, text: text.slice(0, cap), truncated: true };
        return {
          url,
          error: ctrl.signal.aborted ? `no complete answer within ${timeoutMs / 1000} s` : e instanceof Error ? e.message.slice(0, 120) : 'failed',
        };
      } finally {
        clearTimeout(timer);
        ctrl.abort();
      }
    }),
  );
}

/** A script the page listed or loaded; `size` is the body size its own load saw (Resource Timing), 0 when unknown. */
export interface ScriptRef {
  url: string;
  /** The page loaded it (Resource Timing, webRequest); false: only named in the page (an unused <script src>, a preload). */
  loaded: boolean;
  size?: number;
}

export interface SkippedFile {
  url: string;
  reason: string;
  /** The audited site's own file (same host, or one a subdomain of the other): not scanning it makes the audit partial. */
  firstParty: boolean;
}

/** The audited site's own host, or one of the two a subdomain of the other (app.example.com and cdn.app.example.com). */
export function isFirstParty(url: string, pageUrl: string): boolean {
  try {
    const a = new URL(url).hostname;
    const b = new URL(pageUrl).hostname;
    return a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);
  } catch {
    return false;
  }
}

const utf8Length = (s: string) => new TextEncoder().encode(s).length;
/** The file we read differs in size from the one the page's own load received (decoded body bytes). */
const servedDifferently = (f: FetchedFile, size: number | undefined) => !!size && !f.truncated && utf8Length(f.text) !== size;

/**
 * Downloads the page's scripts for the secret scanner. Only scripts the page loaded, plus its own site's files it
 * merely lists, are fetched; never an internal address (loopback, private, link-local, metadata, `localhost`) unless
 * it is the page's own host; without credentials from the background (a third-party file is read only when its
 * CORS headers allow it). A file whose size differs from what the page's own load received (a server can tell our
 * fetch apart: `Sec-Fetch-Site: none`, no cookies) is read again inside the page when it is same-origin, and
 * reported as served differently when the sizes still differ.
 */
export async function fetchBundles(tabId: number, pageUrl: string, scripts: (string | ScriptRef)[], now = Date.now()): Promise<BundleResult> {
  const pageOrigin = new URL(pageUrl).origin;
  const refs = new Map<string, ScriptRef>();
  for (const raw of scripts) {
    const r: ScriptRef = typeof raw === 'string' ? { url: raw, loaded: true } : raw;
    if (!/^https?:\/\//i.test(r.url)) continue;
    const url = r.url.split('#')[0]!;
    const old = refs.get(url);
    refs.set(url, { url, loaded: r.loaded || !!old?.loaded, size: Math.max(r.size ?? 0, old?.size ?? 0) });
  }
  const result: BundleResult = { files: [], skipped: [] };
  const skip = (url: string, reason: string) => result.skipped.push({ url, reason, firstParty: isFirstParty(url, pageUrl) });
  const wanted: string[] = [];
  for (const r of refs.values()) {
    if (!mayFetch(r.url, pageUrl)) skip(r.url, 'an internal network address: never fetched');
    else if (!r.loaded && !isFirstParty(r.url, pageUrl)) skip(r.url, 'named in the page but never loaded by it: not fetched');
    else wanted.push(r.url);
  }
  const unique = wanted;
  for (const url of unique.slice(TEXT_LIMITS.files)) skip(url, `more than ${TEXT_LIMITS.files} scripts`);
  let budget = TEXT_LIMITS.perPage;
  const pageFetch: string[] = [];
  const queue = unique.slice(0, TEXT_LIMITS.files);
  const sizeOf = (url: string) => refs.get(url)?.size;

  const worker = async () => {
    for (let url = queue.shift(); url; url = queue.shift()) {
      const hit = cache.get(url);
      if (hit && now - hit.at < CACHE_TTL_MS && !servedDifferently(hit.file, sizeOf(url))) {
        result.files.push(hit.file);
        continue;
      }
      try {
        const file = await fetchFromBackground(url, TEXT_LIMITS.perFile);
        if (servedDifferently(file, sizeOf(url)) && new URL(url).origin === pageOrigin) {
          pageFetch.push(url); // read it as the page does: its context, its cookies, its cache
          continue;
        }
        remember(file, now);
        result.files.push(file);
      } catch (e) {
        if (new URL(url).origin === pageOrigin) pageFetch.push(url);
        else
          skip(
            url,
            e instanceof TypeError
              ? 'could not be read (its server does not allow cross-origin reads, or did not answer)'
              : `could not be downloaded (${e instanceof Error ? e.message : 'error'})`,
          );
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
          if (servedDifferently(file, sizeOf(f.url)))
            skip(
              f.url,
              `served differently to the auditor (${utf8Length(file.text)} bytes) than to the page (${sizeOf(f.url)} bytes): what we read was scanned, what the page ran was not`,
            );
          else remember(file, now);
          result.files.push(file);
        } else skip(f.url, `could not be downloaded (${String(f.error ?? 'error').slice(0, 120)})`);
      }
    } catch (e) {
      for (const url of pageFetch) skip(url, e instanceof Error ? e.message : 'could not be downloaded');
    }
  }

  // Per-page cap, in page order.
  const order = new Map(unique.map((u, i) => [u, i]));
  result.files.sort((a, b) => (order.get(a.url) ?? 0) - (order.get(b.url) ?? 0));
  const capped: FetchedFile[] = [];
  for (const f of result.files) {
    if (budget <= 0) {
      skip(f.url, `over the ${TEXT_LIMITS.perPage / 1024 / 1024} MB per-page limit`);
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
