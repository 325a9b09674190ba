/**
 * Checks the background makes itself, only with host access to the audited site (granted by the user for
 * monitoring, or by the headless command's throw-away profile): plain-HTTP redirect, and one re-read of the page
 * whose Origin header (the extension's own origin, foreign to the app) shows whether the server echoes origins.
 */
import { browser } from 'wxt/browser';
import type { HttpResponse, RedirectCheck } from '@/utils/evidence/evidence';
import { isBrowserHstsUpgrade, type RedirectEvent } from '@/utils/http/hsts';
import { onOwnResponse, withoutQuery } from './capture';

const TIMEOUT_MS = 5000;

/** Chromium error codes that mean "nothing listens on plain HTTP" rather than "HTTP is misconfigured". */
const NO_HTTP =
  /ERR_(CONNECTION_REFUSED|CONNECTION_RESET|CONNECTION_CLOSED|NAME_NOT_RESOLVED|ADDRESS_UNREACHABLE|CONNECTION_TIMED_OUT|TIMED_OUT|EMPTY_RESPONSE)|NS_ERROR_CONNECTION_REFUSED|NS_ERROR_UNKNOWN_HOST/;

export async function checkHttpRedirect(pageUrl: string): Promise<RedirectCheck> {
  let httpUrl: string;
  try {
    const u = new URL(pageUrl);
    httpUrl = `http://${u.hostname}/`;
  } catch {
    return { status: 'not-checked', reason: 'the page address could not be parsed' };
  }
  if (!(await browser.permissions.contains({ origins: [`${httpUrl}*`] }).catch(() => false))) {
    return { status: 'not-checked', reason: `no access to ${httpUrl} (allow full audits of this site to check it)` };
  }
  const hops: { url: string; status: number; location?: string }[] = [];
  let requestId: string | undefined;
  let netError: string | undefined;
  let browserUpgrade = false;
  const onRedirect = (d: RedirectEvent & { requestId: string; url: string; redirectUrl: string; tabId: number }) => {
    if (d.tabId >= 0) return;
    if (!requestId && d.url === httpUrl) requestId = d.requestId;
    if (d.requestId !== requestId) return;
    // The first hop made up by the browser itself (HSTS): the server was never asked over plain HTTP.
    if (hops.length === 0 && isBrowserHstsUpgrade(d)) browserUpgrade = true;
    if (hops.length < 30) hops.push({ url: d.url, status: d.statusCode, location: d.redirectUrl });
  };
  const onError = (d: { requestId: string; url: string; error: string; tabId: number }) => {
    if (d.tabId < 0 && (d.requestId === requestId || d.url === httpUrl)) netError = d.error;
  };
  const filter = { urls: ['http://*/*', 'https://*/*'] };
  // responseHeaders: Chromium marks its own HSTS upgrade with `Non-Authoritative-Reason: HSTS` there.
  browser.webRequest?.onBeforeRedirect.addListener(onRedirect as never, filter, ['responseHeaders']);
  browser.webRequest?.onErrorOccurred.addListener(onError, filter);
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), TIMEOUT_MS);
  try {
    const res = await fetch(httpUrl, { redirect: 'follow', credentials: 'omit', cache: 'no-store', signal: ctrl.signal });
    void res.body?.cancel().catch(() => undefined);
    if (hops.length === 0 || hops[0]!.url !== httpUrl) hops.unshift({ url: httpUrl, status: res.redirected ? 301 : res.status });
    return { status: 'checked', httpUrl, finalUrl: res.url || httpUrl, hops, ...(browserUpgrade ? { browserUpgrade: 'hsts' as const } : {}) };
  } catch (error) {
    await new Promise((r) => setTimeout(r, 50)); // let onErrorOccurred arrive
    const reason = netError ?? (ctrl.signal.aborted ? 'timed out' : error instanceof Error ? error.message : String(error));
    if (/TOO_MANY_REDIRECTS|REDIRECT_LOOP/i.test(reason)) return { status: 'failed', httpUrl, reason: `redirect loop (${reason})` };
    if (NO_HTTP.test(reason)) return { status: 'not-checked', reason: `nothing answers on plain HTTP (${reason}), so there is nothing to redirect` };
    // Many hosts silently drop port 80: no answer is not a misconfiguration we can prove.
    if (ctrl.signal.aborted) return { status: 'not-checked', reason: `plain HTTP did not answer within ${TIMEOUT_MS / 1000} s` };
    return { status: 'failed', httpUrl, reason: reason.slice(0, 300) };
  } finally {
    clearTimeout(timer);
    browser.webRequest?.onBeforeRedirect.removeListener(onRedirect as never);
    browser.webRequest?.onErrorOccurred.removeListener(onError);
  }
}

/** The Origin our CORS probe claims: a name that can never be a real site (".invalid", RFC 2606). */
export const PROBE_ORIGIN = 'https://cors-probe.micro-app-auditor.invalid';

/** The address a fetch of `pageUrl` requests: normalised, without the fragment (never sent). */
export function probeAddress(pageUrl: string): string {
  const u = new URL(pageUrl);
  u.hash = '';
  return u.href;
}
let probeRuleId = 7000;

/**
 * Re-reads the page from the background with a foreign Origin header (set by a declarativeNetRequest session rule
 * that only exists for this one request, and only works where the user granted host access). An app that echoes
 * any origin with credentials shows it in the response. Harmless: a GET of the page the user is looking at, with
 * `redirect: 'manual'` so the user's cookies go to the audited address and nowhere else.
 */
export async function probeDocument(pageUrl: string): Promise<HttpResponse | undefined> {
  let seen: HttpResponse | undefined;
  const stop = onOwnResponse((r) => {
    if (r.url === withoutQuery(pageUrl)) seen = r;
  });
  const dnr = browser.declarativeNetRequest;
  const ruleId = (probeRuleId = probeRuleId >= 7999 ? 7000 : probeRuleId + 1);
  let originSet = false;
  try {
    await dnr?.updateSessionRules({
      removeRuleIds: [ruleId],
      addRules: [
        {
          id: ruleId,
          priority: 1,
          action: { type: 'modifyHeaders', requestHeaders: [{ header: 'Origin', operation: 'set', value: PROBE_ORIGIN }] },
          // This one address only: other requests of ours to the host (the redirect check runs at the same time)
          // must not carry the made-up Origin. `*` and `^` in a URL only widen urlFilter, never miss the address.
          condition: { urlFilter: `|${probeAddress(pageUrl)}|`, requestDomains: [new URL(pageUrl).hostname], tabIds: [-1], resourceTypes: ['xmlhttprequest'] },
        },
      ],
    } as never);
    originSet = !!dnr;
  } catch {
    /* without the rule the probe still re-reads the headers; reflection just cannot be shown */
  }
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), TIMEOUT_MS);
  try {
    // Cookies go with this request only: a redirect is not followed (it could lead, with the user's cookies, to
    // another site the user granted). The first response's headers are read from webRequest (`seen`) either way.
    const res = await fetch(pageUrl, { credentials: 'include', cache: 'no-store', redirect: 'manual', signal: ctrl.signal });
    void res.body?.cancel().catch(() => undefined);
    if (res.type === 'opaqueredirect' && !seen) return undefined;
    const headers: [string, string][] = [];
    res.headers.forEach((v, n) => void headers.push([n, v]));
    const base = seen ?? { url: pageUrl, status: res.status, type: 'main_frame' as const, headers, source: 'probe' as const };
    return { ...base, type: 'main_frame', ...(originSet ? { requestOrigin: seen?.requestOrigin ?? PROBE_ORIGIN } : {}) };
  } catch {
    return seen ? { ...seen, type: 'main_frame' } : undefined;
  } finally {
    clearTimeout(timer);
    stop();
    await dnr?.updateSessionRules({ removeRuleIds: [ruleId] }).catch(() => undefined);
  }
}
