/**
 * Passive capture of response headers (including Set-Cookie) with webRequest. Chromium and Firefox only deliver
 * events for hosts the extension may access, so this sees nothing until the user grants a site (monitoring) or
 * the headless command grants itself access. Per tab it keeps the top document (with its redirect hops) and
 * same-origin subresources, bounded, in memory and in storage.session (service workers are stopped when idle).
 */
import { browser } from 'wxt/browser';
import { LIMITS, clip, type HttpResponse } from '@/utils/evidence/evidence';
import { onBuilderHost } from '@/utils/platform/builders';
import { sameOrigin } from '@/utils/http/http';
import { SUPABASE_HOST, isAnonymousRequest, parseSelect } from '@/utils/supabase/app-classify';
import type { SupabaseRequest } from '@/utils/supabase/app-evidence';
import { storageOf } from '@/utils/storage/store';

const MAX_PER_TAB = 60;
const TYPES = new Set(['main_frame', 'sub_frame', 'script', 'stylesheet', 'xmlhttprequest', 'other']);

interface RequestInfo {
  credentialed: boolean;
  origin?: string;
  supabase?: SupabaseRequest;
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE']);

function toSupabase(url: string): boolean {
  try {
    return SUPABASE_HOST.test(new URL(url).hostname);
  } catch {
    return false;
  }
}

/**
 * For a request to `<ref>.supabase.co/rest/v1/…`: its method, the column names of `select=` and whether it carried
 * only the public key (compared here, in memory; neither the key nor any token nor other query value is kept).
 */
export function supabaseRequestFacts(url: string, method: string, header: (name: string) => string | undefined): SupabaseRequest | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (!SUPABASE_HOST.test(u.hostname) || !u.pathname.startsWith('/rest/v1/')) return undefined;
  const select = u.searchParams.get('select');
  const anonymous = isAnonymousRequest(header('apikey'), header('authorization'));
  return {
    method: (METHODS.has(method) ? method : 'OTHER') as SupabaseRequest['method'],
    ...(select !== null ? { select: parseSelect(select).columns } : {}),
    ...(anonymous !== undefined ? { anonymous } : {}),
  };
}

const byTab = new Map<number, HttpResponse[]>();

export function withoutQuery(url: string): string {
  const i = url.search(/[?#]/);
  return i === -1 ? url : url.slice(0, i);
}
const requests = new Map<string, RequestInfo>();
const dirty = new Set<number>();
let _flushTimer: ReturnType<typeof setTimeout> | undefined;

type HeaderList = { name: string; value?: string }[] | undefined;

/**
 * A Set-Cookie line without its value: `name=; Path=/; Secure; HttpOnly`. The rules read names and attributes only,
 * and a session cookie's value is a credential: it is never kept, in memory or in storage.session.
 */
export function withoutCookieValue(line: string): string {
  const semi = line.indexOf(';');
  const pair = semi === -1 ? line : line.slice(0, semi);
  const eq = pair.indexOf('=');
  // No '=': the whole pair is a value with an empty name (RFC 6265bis §5.6); nothing of it is kept.
  return (eq === -1 ? '' : `${pair.slice(0, eq)}=`) + (semi === -1 ? '' : line.slice(semi));
}

/**
 * Header bytes kept per response: real responses carry a few kB (servers refuse much more), but a hostile server may
 * send up to the browser's limit (256 kB in Chromium) on each of a tab's 60 responses; kept whole, one tab would hold
 * 15 MB in memory and overflow storage.session (10 MB) for every tab.
 */
export const MAX_HEADER_BYTES = 32 * 1024;

export function toHeaders(list: HeaderList): [string, string][] {
  const out: [string, string][] = [];
  let bytes = 0;
  for (const h of list ?? []) {
    if (out.length >= LIMITS.headersPerResponse || bytes >= MAX_HEADER_BYTES) break;
    const value = h.name.toLowerCase() === 'set-cookie' ? withoutCookieValue(h.value ?? '') : (h.value ?? '');
    // Cut with the ellipsis that marks a cut (utils/evidence/bounded.ts): rules then know the rest was not read.
    // Whole headers (each value cut only at the evidence bound, which marks the cut), until the budget is spent.
    const kept: [string, string] = [h.name.slice(0, 256), clip(value, LIMITS.headerValue)];
    bytes += kept[0].length + kept[1].length;
    out.push(kept);
  }
  return out;
}

function extra(kind: 'OnHeadersReceivedOptions' | 'OnSendHeadersOptions'): string[] {
  // Chromium hides Set-Cookie and Cookie unless 'extraHeaders' is asked for; Firefox has no such option.
  const options = (browser.webRequest as unknown as Record<string, Record<string, string> | undefined>)[kind];
  return options?.EXTRA_HEADERS ? ['extraHeaders'] : [];
}

function scheduleFlush(tabId: number) {
  dirty.add(tabId);
  _flushTimer ??= setTimeout(() => {
    _flushTimer = undefined;
    const items = new Map<number, HttpResponse[]>();
    for (const id of dirty) items.set(id, byTab.get(id) ?? []);
    dirty.clear();
    if (browser.storage.session)
      void storageOf(browser.storage.session)
        .saveCaptures(items)
        .catch(() => undefined);
  }, 300);
}

/** Extension-initiated requests (tabId -1) are handed to whoever is waiting for them (probes). */
const ownRequestListeners = new Set<(r: HttpResponse & { requestId: string }) => void>();
export function onOwnResponse(listener: (r: HttpResponse & { requestId: string }) => void): () => void {
  ownRequestListeners.add(listener);
  return () => ownRequestListeners.delete(listener);
}

export function startCapture(): void {
  if (!browser.webRequest?.onHeadersReceived) return;
  const filter = { urls: ['http://*/*', 'https://*/*'] };
  try {
    browser.webRequest.onSendHeaders.addListener(
      (d) => {
        if (requests.size > 2000) requests.clear();
        const headers = d.requestHeaders ?? [];
        const get = (n: string) => headers.find((h) => h.name.toLowerCase() === n)?.value;
        const origin = get('origin');
        const supabase = supabaseRequestFacts(d.url, d.method, get);
        requests.set(d.requestId, {
          // supabase-js sets Authorization itself (the public key or the user's JWT); the browser never adds it, so
          // Supabase's `Access-Control-Allow-Origin: *` on such calls is by design, not a credentialed wildcard.
          credentialed: get('cookie') !== undefined || (get('authorization') !== undefined && !toSupabase(d.url)),
          ...(origin ? { origin } : {}),
          ...(supabase ? { supabase } : {}),
        });
      },
      filter,
      ['requestHeaders', ...extra('OnSendHeadersOptions')] as never,
    );
    browser.webRequest.onHeadersReceived.addListener(
      (d) => {
        const info = requests.get(d.requestId);
        const response: HttpResponse = {
          // Query strings can carry keys and tokens: never keep them (this list is mirrored to storage.session).
          url: withoutQuery(d.url).slice(0, LIMITS.url),
          status: d.statusCode,
          type: (TYPES.has(d.type) ? d.type : 'other') as HttpResponse['type'],
          headers: toHeaders(d.responseHeaders),
          source: d.tabId >= 0 ? 'webRequest' : 'probe',
          ...(info ? { requestCredentialed: info.credentialed } : {}),
          ...(info?.origin ? { requestOrigin: info.origin.slice(0, LIMITS.url) } : {}),
          ...(info?.supabase ? { supabase: info.supabase } : {}),
        };
        if (d.tabId < 0) {
          for (const l of ownRequestListeners) l({ ...response, requestId: d.requestId });
          return;
        }
        record(d.tabId, response, d.requestId);
      },
      filter,
      ['responseHeaders', ...extra('OnHeadersReceivedOptions')] as never,
    );
    const forget = (d: { requestId: string }) => void requests.delete(d.requestId);
    browser.webRequest.onCompleted.addListener(forget, filter);
    browser.webRequest.onErrorOccurred.addListener(forget, filter);
    browser.tabs.onRemoved.addListener((tabId) => {
      byTab.delete(tabId);
      docRequest.delete(tabId);
      dirty.delete(tabId); // a pending write would otherwise put the closed tab's key back
      if (browser.storage.session)
        void storageOf(browser.storage.session)
          .removeCapture(tabId)
          .catch(() => undefined);
    });
  } catch (error) {
    console.warn('[micro-app-auditor] webRequest capture unavailable:', error);
  }
}

const docRequest = new Map<number, string>();

function record(tabId: number, r: HttpResponse, requestId: string) {
  let list = byTab.get(tabId) ?? [];
  if (r.type === 'main_frame' && onBuilderHost(r.url)) {
    // The builders' own sites are granted for the editor guards, not to be watched as deployed apps.
    byTab.delete(tabId);
    docRequest.set(tabId, requestId);
    return;
  }
  if (r.type === 'main_frame') {
    // A new top-level navigation starts a new list; its redirect hops share one requestId and are kept in order.
    if (docRequest.get(tabId) !== requestId) list = [];
    docRequest.set(tabId, requestId);
  } else {
    const doc = [...list].reverse().find((x) => x.type === 'main_frame');
    const apiCall = r.type === 'xmlhttprequest';
    if (!doc || (!sameOrigin(doc.url, r.url) && !apiCall)) return;
  }
  if (list.length >= MAX_PER_TAB) return;
  list.push(r);
  byTab.set(tabId, list);
  scheduleFlush(tabId);
}

/** What was captured for a tab's current document (memory first, then the session copy). */
export async function capturedFor(tabId: number): Promise<HttpResponse[]> {
  const mem = byTab.get(tabId);
  if (mem) return mem;
  return browser.storage.session ? storageOf(browser.storage.session).loadCapture(tabId) : [];
}
