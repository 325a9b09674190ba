/**
 * Runs the MDN HTTP Observatory's analyzer tests (used as a library from node_modules, never copied) and our rules on
 * the same variants, and maps both to one verdict per check: pass or fail.
 *
 * Both sides get the same facts, each in its own shape:
 * - the Observatory gets a `Requests` built the way its own tests build one (its test/helpers.js `emptyRequests()`,
 *   then headers set on the captured responses, cookies put in the session's jar, the page's HTML in
 *   `resources.path` and `<meta>` values parsed by its own `parseHttpEquivHeaders`);
 * - we get an `Evidence` shaped like our collectors' (top-document response, Set-Cookie parsed with
 *   `parseSetCookie`, the CORS probe as a second response, the redirect check, the page snapshot).
 * Nothing is fetched: every response is constructed here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { EvidenceSchema, type Evidence, type EvidenceInput, type HttpResponse } from '../../utils/evidence/evidence';
import { parseSetCookie } from '../../utils/http/cookies';
import { HSTS_PRELOAD } from '../../utils/http/hsts-preload';
import { runRules } from '../../engine/engine';
import type { Finding } from '../../engine/finding';
import { DEPLOYED_RULES } from '../../rules';
import type { Requests, TestOutput } from '@mdn/mdn-http-observatory/src/types.js';
import { emptyRequests } from '@mdn/mdn-http-observatory/test/helpers.js';
import { Session } from '@mdn/mdn-http-observatory/src/retriever/session.js';
import { parseHttpEquivHeaders } from '@mdn/mdn-http-observatory/src/retriever/utils.js';
import { isHstsPreloaded } from '@mdn/mdn-http-observatory/src/analyzer/hsts.js';
import { contentSecurityPolicyTest } from '@mdn/mdn-http-observatory/src/analyzer/tests/csp.js';
import { cookiesTest } from '@mdn/mdn-http-observatory/src/analyzer/tests/cookies.js';
import { crossOriginResourceSharingTest } from '@mdn/mdn-http-observatory/src/analyzer/tests/cors.js';
import { redirectionTest } from '@mdn/mdn-http-observatory/src/analyzer/tests/redirection.js';
import { referrerPolicyTest } from '@mdn/mdn-http-observatory/src/analyzer/tests/referrer-policy.js';
import { strictTransportSecurityTest } from '@mdn/mdn-http-observatory/src/analyzer/tests/strict-transport-security.js';
import { subresourceIntegrityTest } from '@mdn/mdn-http-observatory/src/analyzer/tests/subresource-integrity.js';
import { xContentTypeOptionsTest } from '@mdn/mdn-http-observatory/src/analyzer/tests/x-content-type-options.js';
import { xFrameOptionsTest } from '@mdn/mdn-http-observatory/src/analyzer/tests/x-frame-options.js';
import { CHECK_IDS, REFLECT, type CheckId, type Variant } from './observatory-variants';

/** Fixed clock for cookie lifetimes (the evidence's collectedAt). */
export const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
/** The Origin the Observatory's CORS request carries (its default `retriever.corsOrigin`). */
export const OBSERVATORY_CORS_ORIGIN = 'https://http-observatory.security.mozilla.org';
/** The Origin our CORS probe carries (entrypoints/background/probes.ts PROBE_ORIGIN; not imported: it pulls in the browser API). */
export const OUR_PROBE_ORIGIN = 'https://cors-probe.micro-app-auditor.invalid';

// ---------------------------------------------------------------------------------------------------------------
// The mapping. For each check: the Observatory test, our rules that answer the same question, and every result the
// Observatory can return with its verdict and the rule(s) of ours that report the same problem. A result missing
// here makes the comparison throw, so the table stays complete when the Observatory changes.
// ---------------------------------------------------------------------------------------------------------------

interface ResultMapping {
  /** The Observatory's own pass/fail for this result (checked against `output.pass` on every run). */
  pass: boolean;
  /** Our rule ids that report the same problem ([] for a pass, or when we have no counterpart: see note). */
  ours: string[];
  note?: string;
}
interface CheckMapping {
  title: string;
  observatoryTest: (r: Requests) => TestOutput;
  /** Our rules whose findings (severity above info) make our verdict "fail" for this check. */
  ourRules: string[];
  /** Narrows which findings of those rules count (e.g. mixed-content only for scripts). */
  counts?: (f: Finding) => boolean;
  results: Record<string, ResultMapping>;
  /** Our rules in this check with no Observatory result: they are why we can fail where it passes. */
  oursOnly?: Record<string, string>;
}

export const MAPPING: Record<CheckId, CheckMapping> = {
  csp: {
    title: 'CSP',
    observatoryTest: contentSecurityPolicyTest,
    ourRules: [
      'csp-missing',
      'csp-unsafe-inline',
      'csp-broad-script-src',
      'csp-unsafe-eval',
      'csp-object-src',
      'csp-base-uri',
      'csp-frame-ancestors',
      'csp-form-action-http',
    ],
    results: {
      'csp-implemented-with-no-unsafe-default-src-none': { pass: true, ours: [] },
      'csp-implemented-with-no-unsafe': { pass: true, ours: [] },
      // style-src is not scored by us either.
      'csp-implemented-with-unsafe-inline-in-style-src-only': { pass: true, ours: [] },
      // http: images/media: we report the loads themselves (mixed-content), not the policy.
      'csp-implemented-with-insecure-scheme-in-passive-content-only': { pass: true, ours: [] },
      // A passing policy with report-uri/report-to given twice.
      'csp-implemented-but-duplicate-directives': { pass: true, ours: [] },
      // The Observatory folds three things into this result: 'unsafe-inline'/data: in script-src, an over-broad
      // script-src (*, https:), and an object-src that is missing or broad (no default-src either).
      'csp-implemented-with-unsafe-inline': { pass: false, ours: ['csp-unsafe-inline', 'csp-broad-script-src', 'csp-object-src'] },
      'csp-implemented-with-unsafe-eval': { pass: false, ours: ['csp-unsafe-eval'] },
      // http: in an active directive: in form-action we flag it (csp-form-action-http); http://host script sources we
      // report as the loads themselves (mixed-content).
      'csp-implemented-with-insecure-scheme': { pass: false, ours: ['csp-form-action-http'] },
      'csp-header-invalid': { pass: false, ours: [], note: 'we parse policies like browsers do (first duplicate directive wins)' },
      'csp-not-implemented': { pass: false, ours: ['csp-missing'] },
      'csp-not-implemented-but-reporting-enabled': { pass: false, ours: ['csp-missing'] },
    },
    oursOnly: {
      'csp-base-uri':
        "the Observatory computes insecureBaseUri but does not score it (ours is low only with nonces, or hashes with 'strict-dynamic'; info otherwise)",
      'csp-frame-ancestors': 'the Observatory scores frame-ancestors only through its X-Frame-Options test (ours is info while X-Frame-Options protects)',
      'csp-form-action-http': 'the Observatory fails http: in form-action (insecure scheme), but not `*`',
    },
  },
  cookies: {
    title: 'Cookies',
    observatoryTest: cookiesTest,
    ourRules: [
      'cookie-session-no-secure',
      'cookie-no-secure',
      'cookie-session-no-httponly',
      'cookie-session-no-samesite',
      'cookie-samesite-none-insecure',
      'cookie-session-long-lived',
      'cookie-prefix',
    ],
    results: {
      'cookies-not-found': { pass: true, ours: [] },
      'cookies-secure-with-httponly-sessions-and-samesite': { pass: true, ours: [] },
      // Passes in the Observatory (its default expectation) although some cookie lacks SameSite.
      'cookies-secure-with-httponly-sessions': { pass: true, ours: [] },
      // Any cookie without Secure, session or not.
      'cookies-without-secure-flag': { pass: false, ours: ['cookie-session-no-secure', 'cookie-no-secure'] },
      'cookies-without-secure-flag-but-protected-by-hsts': { pass: false, ours: ['cookie-session-no-secure', 'cookie-no-secure'] },
      'cookies-session-without-secure-flag': { pass: false, ours: ['cookie-session-no-secure'] },
      'cookies-session-without-secure-flag-but-protected-by-hsts': { pass: false, ours: ['cookie-session-no-secure'] },
      'cookies-session-without-httponly-flag': { pass: false, ours: ['cookie-session-no-httponly'] },
      // SameSite=None without Secure, or a SameSite value that is not strict/lax/none.
      'cookies-samesite-flag-invalid': { pass: false, ours: ['cookie-samesite-none-insecure', 'cookie-session-no-samesite'] },
      'cookies-anticsrf-without-samesite-flag': { pass: false, ours: ['cookie-session-no-samesite'] },
    },
    oursOnly: {
      'cookie-session-no-samesite': 'the Observatory passes session cookies without SameSite (only anti-CSRF cookies need it)',
      'cookie-session-long-lived': 'the Observatory does not score cookie lifetime',
      'cookie-prefix': 'both its findings are info (a refused cookie is a login bug, not a weakness), so it never fails the check',
    },
  },
  cors: {
    title: 'CORS',
    observatoryTest: crossOriginResourceSharingTest,
    ourRules: ['cors-wildcard-credentialed', 'cors-reflected-origin'],
    results: {
      'cross-origin-resource-sharing-not-implemented': { pass: true, ours: [] },
      // `*`, with or without Access-Control-Allow-Credentials.
      'cross-origin-resource-sharing-implemented-with-public-access': { pass: true, ours: [] },
      'cross-origin-resource-sharing-implemented-with-restricted-access': { pass: true, ours: [] },
      // The request's Origin echoed back with credentials allowed.
      'cross-origin-resource-sharing-implemented-with-universal-access': { pass: false, ours: ['cors-reflected-origin'] },
    },
    oursOnly: { 'cors-wildcard-credentialed': 'info only (browsers refuse `*` with credentials), so it never fails the check' },
  },
  redirection: {
    title: 'Redirection',
    observatoryTest: redirectionTest,
    ourRules: ['http-redirect-missing'],
    results: {
      'redirection-to-https': { pass: true, ours: [] },
      'redirection-all-redirects-preloaded': { pass: true, ours: [] },
      'redirection-not-needed-no-http': { pass: true, ours: [] },
      'redirection-missing': { pass: false, ours: ['http-redirect-missing'] },
      'redirection-not-to-https': { pass: false, ours: ['http-redirect-missing'] },
      'redirection-not-to-https-on-initial-redirection': { pass: false, ours: ['http-redirect-missing'] },
      'redirection-off-host-from-http': { pass: false, ours: ['http-redirect-missing'] },
      'redirection-invalid-cert': { pass: false, ours: ['http-redirect-missing'] },
    },
  },
  referrer: {
    title: 'Referrer-Policy',
    observatoryTest: referrerPolicyTest,
    ourRules: ['referrer-policy-weak'],
    results: {
      'referrer-policy-private': { pass: true, ours: [] },
      // No header and no <meta>: the Observatory passes (browsers default to strict-origin-when-cross-origin).
      'referrer-policy-not-implemented': { pass: true, ours: [] },
      'referrer-policy-unsafe': { pass: false, ours: ['referrer-policy-weak'] },
      'referrer-policy-header-invalid': { pass: false, ours: ['referrer-policy-weak'] },
    },
  },
  hsts: {
    title: 'HSTS',
    observatoryTest: strictTransportSecurityTest,
    ourRules: ['hsts-missing', 'hsts-short-max-age', 'hsts-no-include-subdomains', 'https-not-used'],
    results: {
      // The host is on the preload list (both sides read utils/http/hsts-preload.ts); our HSTS findings are info there.
      'hsts-preloaded': { pass: true, ours: [] },
      // Six months (15552000 s) or more; includeSubDomains is not required.
      'hsts-implemented-max-age-at-least-six-months': { pass: true, ours: [] },
      'hsts-implemented-max-age-less-than-six-months': { pass: false, ours: ['hsts-short-max-age'] },
      'hsts-not-implemented': { pass: false, ours: ['hsts-missing'] },
      'hsts-header-invalid': { pass: false, ours: ['hsts-missing'] },
      'hsts-not-implemented-no-https': { pass: false, ours: ['https-not-used'] },
      'hsts-invalid-cert': { pass: false, ours: [], note: 'a browser does not show a page whose certificate fails' },
    },
    oursOnly: {
      'hsts-no-include-subdomains': 'the Observatory does not require includeSubDomains',
      'hsts-short-max-age': 'we ask for one year; the Observatory for six months (ours is info from six months on)',
    },
  },
  sri: {
    title: 'SRI',
    observatoryTest: subresourceIntegrityTest,
    ourRules: ['sri-missing', 'mixed-content'],
    // mixed-content answers "loaded securely" for scripts only.
    counts: (f) => f.ruleId !== 'mixed-content' || f.location.name === 'script',
    results: {
      'sri-implemented-and-all-scripts-loaded-securely': { pass: true, ours: [] },
      'sri-implemented-and-external-scripts-loaded-securely': { pass: true, ours: [] },
      'sri-not-implemented-response-not-html': { pass: true, ours: [] },
      'sri-not-implemented-but-no-scripts-loaded': { pass: true, ours: [] },
      'sri-not-implemented-but-all-scripts-loaded-from-secure-origin': { pass: true, ours: [] },
      'sri-not-implemented-but-external-scripts-loaded-securely': { pass: false, ours: ['sri-missing'] },
      'sri-implemented-but-external-scripts-not-loaded-securely': { pass: false, ours: ['mixed-content'] },
      'sri-not-implemented-and-external-scripts-not-loaded-securely': { pass: false, ours: ['sri-missing', 'mixed-content'] },
      'html-not-parseable': { pass: false, ours: [] },
    },
  },
  xcto: {
    title: 'X-Content-Type-Options',
    observatoryTest: xContentTypeOptionsTest,
    ourRules: ['nosniff-missing'],
    results: {
      'x-content-type-options-nosniff': { pass: true, ours: [] },
      'x-content-type-options-not-implemented': { pass: false, ours: ['nosniff-missing'] },
      'x-content-type-options-header-invalid': { pass: false, ours: ['nosniff-missing'] },
    },
  },
  xfo: {
    title: 'X-Frame-Options',
    observatoryTest: xFrameOptionsTest,
    ourRules: ['clickjacking-unprotected'],
    results: {
      'x-frame-options-sameorigin-or-deny': { pass: true, ours: [] },
      // Any frame-ancestors directive in the merged header+<meta> policy, whatever its sources.
      'x-frame-options-implemented-via-csp': { pass: true, ours: [] },
      // ALLOW-FROM passes in the Observatory; browsers ignore it.
      'x-frame-options-allow-from-origin': { pass: true, ours: [] },
      'x-frame-options-not-implemented': { pass: false, ours: ['clickjacking-unprotected'] },
      'x-frame-options-header-invalid': { pass: false, ours: ['clickjacking-unprotected'] },
    },
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Building both sides' inputs from a variant.
// ---------------------------------------------------------------------------------------------------------------

export function pageUrlOf(v: Variant): string {
  return `${v.https ? 'https' : 'http'}://${v.host}/`;
}

function contentTypeOf(v: Variant): string {
  const ct = v.headers.find(([n]) => n.toLowerCase() === 'content-type')?.[1] ?? '';
  return ct.split(';')[0]!.trim().toLowerCase();
}

const isHtml = (v: Variant) => ['text/html', 'application/xhtml+xml'].includes(contentTypeOf(v));

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The page as served: what the Observatory parses for SRI and `<meta>`, and what our snapshot would read. */
export function htmlOf(v: Variant): string {
  if (!isHtml(v)) return '{"ok":true}';
  const meta = v.meta.map((m) =>
    m.httpEquiv !== undefined
      ? `<meta http-equiv="${attr(m.httpEquiv)}" content="${attr(m.content)}">`
      : `<meta name="${attr(m.name ?? '')}" content="${attr(m.content)}">`,
  );
  const scripts = v.scripts.map((s) =>
    s.src === undefined
      ? '<script>window.ready = true;</script>'
      : `<script src="${attr(s.src)}"${s.integrity ? ` integrity="${attr(s.integrity)}"` : ''}${s.crossorigin ? ` crossorigin="${attr(s.crossorigin)}"` : ''}></script>`,
  );
  return `<!doctype html>\n<html><head><meta charset="utf-8"><title>App</title>${meta.join('')}${scripts.join('')}</head><body><main>App</main></body></html>`;
}

/** CORS headers the server adds to a request that carried `origin`. */
function corsHeaders(v: Variant, origin: string): [string, string][] {
  const out: [string, string][] = [];
  if (v.cors.allowOrigin !== undefined) out.push(['Access-Control-Allow-Origin', v.cors.allowOrigin === REFLECT ? origin : v.cors.allowOrigin]);
  if (v.cors.allowCredentials !== undefined) out.push(['Access-Control-Allow-Credentials', v.cors.allowCredentials]);
  if (v.cors.setCookie !== undefined) out.push(['Set-Cookie', v.cors.setCookie]);
  return out;
}

function documentHeaders(v: Variant): [string, string][] {
  return [...v.headers, ...v.setCookies.map((c): [string, string] => ['Set-Cookie', c])];
}

/** Our Evidence for a variant, shaped like entrypoints/background/collect.ts builds it. */
export function toEvidence(v: Variant): Evidence {
  const url = pageUrlOf(v);
  const responses: HttpResponse[] = [
    { url, status: 200, type: 'main_frame', headers: documentHeaders(v), source: 'webRequest' },
    // The CORS probe: the page re-read with a foreign Origin (collect.ts files it as type 'other').
    {
      url,
      status: 200,
      type: 'other',
      headers: [...documentHeaders(v), ...corsHeaders(v, OUR_PROBE_ORIGIN)],
      source: 'probe',
      requestOrigin: OUR_PROBE_ORIGIN,
    },
  ];
  const nowSec = Math.floor(NOW / 1000);
  const cookies = responses.flatMap((r) =>
    r.headers.filter(([n]) => n.toLowerCase() === 'set-cookie').flatMap(([, line]) => parseSetCookie(line, r.url, nowSec) ?? []),
  );
  let redirect: EvidenceInput['redirect'];
  const r = v.redirect;
  if (r.kind === 'no-http') {
    redirect = { status: 'not-checked', reason: 'nothing answers on plain HTTP (net::ERR_CONNECTION_REFUSED), so there is nothing to redirect' };
  } else if (r.kind === 'cert-error') {
    redirect = { status: 'failed', httpUrl: `http://${v.host}/`, reason: 'net::ERR_CERT_AUTHORITY_INVALID' };
  } else if (r.kind === 'browser-hsts') {
    // What entrypoints/background/probes.ts records when Chromium upgrades http:// itself (Non-Authoritative-Reason: HSTS).
    redirect = {
      status: 'checked',
      httpUrl: `http://${v.host}/`,
      finalUrl: `https://${v.host}/`,
      browserUpgrade: 'hsts',
      hops: [{ url: `http://${v.host}/`, status: 307, location: `https://${v.host}/` }],
    };
  } else {
    const hops =
      r.route.length === 1
        ? [{ url: r.route[0]!.url, status: r.route[0]!.status }]
        : r.route.slice(0, -1).map((h, i) => ({ url: h.url, status: h.status, location: r.route[i + 1]!.url }));
    redirect = { status: 'checked', httpUrl: r.route[0]!.url, finalUrl: r.route[r.route.length - 1]!.url, hops };
  }
  const html = isHtml(v);
  const scripts = html ? v.scripts : [];
  const input: EvidenceInput = {
    url,
    origin: new URL(url).origin,
    collectedAt: NOW,
    responses,
    cookies,
    redirect,
    page: {
      url,
      title: 'App',
      contentType: contentTypeOf(v),
      // page-snapshot.ts resolves src against the document (protocol-relative becomes https: on an https page).
      scripts: scripts.map((s) =>
        s.src === undefined
          ? { inlineLength: 20 }
          : { src: new URL(s.src, url).href, ...(s.integrity ? { integrity: s.integrity } : {}), ...(s.crossorigin ? { crossOrigin: s.crossorigin } : {}) },
      ),
      meta: html
        ? v.meta.map((m) => ({
            ...(m.httpEquiv !== undefined ? { httpEquiv: m.httpEquiv } : {}),
            ...(m.name !== undefined ? { name: m.name } : {}),
            content: m.content,
          }))
        : [],
      iframes: [],
      forms: [],
      // page-snapshot.ts lists elements whose raw src starts with http: on an https page.
      mixedContent: v.https ? scripts.filter((s) => /^http:/i.test(s.src ?? '')).map((s) => ({ tag: 'script', url: s.src! })) : [],
      resources: [],
      rootAttributes: {},
      counts: { elements: 10 + scripts.length, scripts: scripts.length },
      truncated: false,
    },
    globals: {},
    gaps: [],
  };
  return EvidenceSchema.parse(input);
}

/** Node's http client hands axios lower-case names; set-cookie as a list; a few headers keep their first value;
 * every other duplicate is joined with ", " (node:http IncomingMessage.headers). */
const NODE_DISCARDS_DUPLICATES = new Set([
  'age',
  'authorization',
  'content-length',
  'content-type',
  'etag',
  'expires',
  'from',
  'host',
  'if-modified-since',
  'if-unmodified-since',
  'last-modified',
  'location',
  'max-forwards',
  'proxy-authorization',
  'referer',
  'retry-after',
  'server',
  'user-agent',
]);
function asNodeHeaders(headers: [string, string][]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [rawName, value] of headers) {
    const name = rawName.toLowerCase();
    const prev = out[name];
    if (name === 'set-cookie') out[name] = [...((prev as string[] | undefined) ?? []), value];
    else if (prev === undefined) out[name] = value;
    else if (!NODE_DISCARDS_DUPLICATES.has(name)) out[name] = `${prev as string}, ${value}`;
  }
  return out;
}

function replaceHeaders(target: Record<string, unknown>, headers: Record<string, string | string[]>): void {
  for (const key of Object.keys(target)) delete target[key];
  Object.assign(target, headers);
}

let preloadListPrimed = false;
/**
 * The Observatory reads Chromium's HSTS preload list from conf/hsts-preload.json, which its postinstall downloads
 * (absent here: installed with --ignore-scripts, and the machines have no network). Both sides get the same list:
 * our committed extract (utils/http/hsts-preload.ts), in the Observatory's own shape. Its first (cached) read is
 * answered with that, whatever is on disk.
 */
export const OBSERVATORY_PRELOAD_JSON = JSON.stringify(
  Object.fromEntries(HSTS_PRELOAD.map((e) => [e.name, { includeSubDomains: true, includeSubDomainsForPinning: false, mode: 'force-https', pinned: false }])),
);
function primePreloadList(): void {
  if (preloadListPrimed) return;
  const mutableFs = fs as unknown as { readFileSync: (...args: unknown[]) => unknown };
  const original = mutableFs.readFileSync;
  const listFile = path.join('conf', 'hsts-preload.json');
  mutableFs.readFileSync = (...args: unknown[]) =>
    typeof args[0] === 'string' && args[0].endsWith(listFile) ? OBSERVATORY_PRELOAD_JSON : original.apply(fs, args);
  try {
    isHstsPreloaded('example.invalid');
  } finally {
    mutableFs.readFileSync = original;
  }
  preloadListPrimed = true;
}

/** The Observatory's `Requests` for a variant, built as its tests build them. */
export function toObservatoryRequests(v: Variant): Requests {
  primePreloadList();
  const url = pageUrlOf(v);
  const req = emptyRequests(); // its test fixture: mozilla.org, empty 200 responses
  req.hostname = v.host;
  req.session = new Session(new URL(url));
  const html = htmlOf(v);
  req.resources.path = html;

  const auto = req.responses.auto!;
  replaceHeaders(auto.headers, asNodeHeaders(documentHeaders(v)));
  auto.data = html;
  auto.httpEquiv = isHtml(v) ? parseHttpEquivHeaders(html, url) : new Map();
  // As its cookie tests' setCookieStrings(): every Set-Cookie line goes through the session's cookie jar.
  for (const line of v.setCookies) req.session.jar.setCookieSync(line, url, { http: true });

  req.responses.https = v.https ? structuredClone(auto) : null;

  const cors = structuredClone(auto);
  replaceHeaders(cors.headers, asNodeHeaders([...documentHeaders(v), ...corsHeaders(v, OBSERVATORY_CORS_ORIGIN)]));
  cors.request = { headers: { origin: OBSERVATORY_CORS_ORIGIN } };
  req.responses.cors = cors;

  const r = v.redirect;
  if (r.kind === 'no-http') {
    req.responses.http = null;
    req.responses.httpRedirects = [];
  } else {
    const http = structuredClone(auto);
    http.verified = r.kind !== 'cert-error';
    req.responses.http = http;
    // 'browser-hsts': the Observatory asks the server over plain HTTP (no HSTS state), which redirects as usual.
    const route =
      r.kind === 'route'
        ? r.route
        : [
            { url: `http://${v.host}/`, status: 301 },
            { url: `https://${v.host}/`, status: 200 },
          ];
    req.responses.httpRedirects = route.map((h) => ({ url: new URL(h.url), status: h.status }));
  }
  req.responses.httpsRedirects = v.https ? [{ url: new URL(url), status: 200 }] : [];
  return req;
}

// ---------------------------------------------------------------------------------------------------------------
// Comparing.
// ---------------------------------------------------------------------------------------------------------------

export interface Comparison {
  variant: string;
  check: CheckId;
  note: string;
  observatory: { pass: boolean; result: string };
  ours: { pass: boolean; rules: string[] };
  agree: boolean;
  /** Both fail, but none of our rules the mapping pairs with the Observatory's result fired. */
  differentReason: boolean;
}

export function compareVariant(v: Variant): Comparison[] {
  const run = runRules(toEvidence(v), DEPLOYED_RULES, { platforms: [] });
  if (run.errors.length) throw new Error(`${v.id}: rule ${run.errors[0]!.ruleId} threw: ${run.errors[0]!.message}`);
  return v.checks.map((check) => {
    const m = MAPPING[check];
    const out = m.observatoryTest(toObservatoryRequests(v));
    const result = out.result ?? '(none)';
    const mapped = m.results[result];
    if (!mapped) throw new Error(`${v.id}: the Observatory's ${check} test returned "${result}", which MAPPING does not list`);
    if (mapped.pass !== (out.pass === true)) {
      throw new Error(`${v.id}: MAPPING says "${result}" ${mapped.pass ? 'passes' : 'fails'}, the Observatory says otherwise`);
    }
    const rules = [
      ...new Set(run.findings.filter((f) => m.ourRules.includes(f.ruleId) && f.severity !== 'info' && (m.counts?.(f) ?? true)).map((f) => f.ruleId)),
    ].sort();
    const ours = { pass: rules.length === 0, rules };
    return {
      variant: v.id,
      check,
      note: v.note,
      observatory: { pass: mapped.pass, result },
      ours,
      agree: mapped.pass === ours.pass,
      differentReason: !mapped.pass && !ours.pass && mapped.ours.length > 0 && !rules.some((id) => mapped.ours.includes(id)),
    };
  });
}

export function compareAll(variants: Variant[]): Comparison[] {
  return variants.flatMap(compareVariant);
}

/** "pass (result)" / "fail (result)": how the Observatory's verdict is written in the table and the doc. */
export const formatObservatory = (c: Comparison) => `${c.observatory.pass ? 'pass' : 'fail'} (${c.observatory.result})`;
/** "pass" / "fail (rule-a, rule-b)": how our verdict is written in the table and the doc. */
export const formatOurs = (c: Comparison) => (c.ours.pass ? 'pass' : `fail (${c.ours.rules.join(', ')})`);

// ---------------------------------------------------------------------------------------------------------------
// The deliberate differences (scripts/observatory-disagreements.md) and the report.
// ---------------------------------------------------------------------------------------------------------------

export const DISAGREEMENTS_DOC = path.join('scripts', 'observatory-disagreements.md');

/**
 * Why a disagreement is not a defect: `spec` (a spec or browser source shows the browser does what we say; the row
 * cites it) or `policy` (both readings are defensible; we chose, for the reason given).
 */
export const KINDS = ['spec', 'policy'] as const;
export type Kind = (typeof KINDS)[number];

export interface Deliberate {
  variant: string;
  check: string;
  observatory: string;
  ours: string;
  kind: Kind;
  why: string;
}

/** A spec-backed row names its source: an RFC, a W3C/WHATWG spec section, or browser source code. */
export const CITATION =
  /\b(RFC \d+(?:bis)?|W3C SRI|CSP3|Fetch|HTML|Mixed Content|Referrer Policy|URL Standard|Chromium|Firefox|WebKit|Public Suffix List|transport_security_state_static)\b/;

/** Reads the table rows of the disagreements doc: `| \`variant\` | check | Observatory says | we say | kind | why |`. */
export function parseDeliberate(markdown: string): Deliberate[] {
  const out: Deliberate[] = [];
  for (const line of markdown.split('\n')) {
    const m = /^\|\s*`([^`]+)`\s*\|(.*)\|\s*$/.exec(line.trim());
    if (!m) continue;
    const cells = m[2]!.split(/(?<!\\)\|/).map((c) => c.trim());
    if (cells.length !== 5) throw new Error(`${DISAGREEMENTS_DOC}: a row needs 6 cells: ${line}`);
    const [check, observatory, ours, kind, why] = cells as [string, string, string, string, string];
    if (!(KINDS as readonly string[]).includes(kind)) throw new Error(`${DISAGREEMENTS_DOC}: kind must be spec or policy: ${line}`);
    out.push({ variant: m[1]!, check, observatory, ours, kind: kind as Kind, why });
  }
  return out;
}

const checkTitle = (c: Comparison) => MAPPING[c.check].title;

export function documentedAs(c: Comparison, deliberate: Deliberate[]): Deliberate | undefined {
  return deliberate.find((d) => d.variant === c.variant && d.check === checkTitle(c) && d.observatory === formatObservatory(c) && d.ours === formatOurs(c));
}

export function isDocumented(c: Comparison, deliberate: Deliberate[]): boolean {
  return documentedAs(c, deliberate) !== undefined;
}

export interface Report {
  comparisons: Comparison[];
  disagreements: Comparison[];
  /** Disagreements not listed (exactly: variant, check and both verdicts) in the doc. */
  undocumented: Comparison[];
  /** Doc rows that no longer match a disagreement. */
  stale: Deliberate[];
}

export function report(comparisons: Comparison[], deliberate: Deliberate[]): Report {
  const disagreements = comparisons.filter((c) => !c.agree);
  return {
    comparisons,
    disagreements,
    undocumented: disagreements.filter((c) => !isDocumented(c, deliberate)),
    stale: deliberate.filter((d) => !disagreements.some((c) => isDocumented(c, [d]))),
  };
}

const code = (s: string) => `\`${s}\``;
const cell = (s: string) => s.replace(/\|/g, '\\|');

/** Per check: raw agreement, and agreement with the spec-backed disagreements counted as resolved. */
export interface CheckScore {
  check: CheckId;
  variants: number;
  agree: number;
  spec: number;
  policy: number;
  undocumented: number;
}

export function scores(comparisons: Comparison[], deliberate: Deliberate[]): CheckScore[] {
  return CHECK_IDS.map((check) => {
    const rows = comparisons.filter((c) => c.check === check);
    const kinds = rows.filter((c) => !c.agree).map((c) => documentedAs(c, deliberate)?.kind);
    return {
      check,
      variants: rows.length,
      agree: rows.length - kinds.length,
      spec: kinds.filter((k) => k === 'spec').length,
      policy: kinds.filter((k) => k === 'policy').length,
      undocumented: kinds.filter((k) => k === undefined).length,
    };
  });
}

export function renderSummaryTable(comparisons: Comparison[], deliberate: Deliberate[] = []): string {
  const lines = [
    '| Check | Variants | Agree | Raw agreement | Spec-backed | Agreement, spec-backed resolved | Policy choices | Disagreeing variants: Observatory vs ours |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  const total = { variants: 0, agree: 0, spec: 0, policy: 0 };
  for (const sc of scores(comparisons, deliberate)) {
    total.variants += sc.variants;
    total.agree += sc.agree;
    total.spec += sc.spec;
    total.policy += sc.policy;
    const diffs = comparisons
      .filter((c) => c.check === sc.check && !c.agree)
      .map(
        (c) =>
          `${code(c.variant)}: ${formatObservatory(c)} vs ${formatOurs(c)}${documentedAs(c, deliberate) ? ` [${documentedAs(c, deliberate)!.kind}]` : ' [undocumented]'}`,
      );
    lines.push(
      `| ${MAPPING[sc.check].title} | ${sc.variants} | ${sc.agree} | ${percent(sc.agree, sc.variants)} | ${sc.spec} | ${percent(sc.agree + sc.spec, sc.variants)} | ${sc.policy} | ${cell(diffs.join('<br>') || '—')} |`,
    );
  }
  lines.push(
    `| **All** | ${total.variants} | ${total.agree} | ${percent(total.agree, total.variants)} | ${total.spec} | ${percent(total.agree + total.spec, total.variants)} | ${total.policy} | |`,
  );
  return lines.join('\n');
}

function percent(n: number, d: number): string {
  return d === 0 ? '—' : `${((100 * n) / d).toFixed(1)}%`;
}

export function renderDeliberate(deliberate: Deliberate[]): string {
  return [
    '| Variant | Check | Observatory says | We say | Kind | Why we differ |',
    '| --- | --- | --- | --- | --- | --- |',
    ...deliberate.map((d) => `| ${code(d.variant)} | ${d.check} | ${d.observatory} | ${d.ours} | ${d.kind} | ${cell(d.why)} |`),
  ].join('\n');
}

export function renderDifferentReasons(comparisons: Comparison[]): string {
  const rows = comparisons.filter((c) => c.differentReason);
  if (!rows.length) return '';
  return [
    '| Variant | Check | Observatory says | We say |',
    '| --- | --- | --- | --- |',
    ...rows.map((c) => `| ${code(c.variant)} | ${checkTitle(c)} | ${formatObservatory(c)} | ${formatOurs(c)} |`),
  ].join('\n');
}
