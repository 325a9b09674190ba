/**
 * Variants for the Observatory agreement benchmark: one hardened page (every header right, a good session cookie,
 * HTTP→HTTPS redirect, SRI on the CDN script), then one aspect changed at a time, generated systematically per check.
 * A variant is plain data; scripts/lib/observatory-compare.ts turns it into our Evidence and into the
 * Observatory's `Requests`, so both sides read the same headers, cookies and page.
 */

/** The Observatory's tests we compare with (CORP and COOP/COEP are left out: we have no rules for them). */
export const CHECK_IDS = ['csp', 'cookies', 'cors', 'redirection', 'referrer', 'hsts', 'sri', 'xcto', 'xfo'] as const;
export type CheckId = (typeof CHECK_IDS)[number];

/** In `cors.allowOrigin`: the server echoes whatever Origin the request carried. */
export const REFLECT = '<reflect request Origin>';

export interface ScriptSpec {
  /** The src attribute as written in the HTML (relative, protocol-relative or absolute); absent for an inline script. */
  src?: string;
  integrity?: string;
  crossorigin?: string;
}
export interface MetaSpec {
  httpEquiv?: string;
  name?: string;
  content: string;
}
/** What fetching http://host/ gives: the redirect chain (first entry is the plain-HTTP request), nothing, or a TLS error. */
export type RedirectSpec =
  | { kind: 'route'; route: { url: string; status: number }[] }
  | { kind: 'no-http' }
  | { kind: 'cert-error' }
  /** The server redirects to https, but our browser upgraded http:// itself (HSTS it stored): we never saw the server. */
  | { kind: 'browser-hsts' };
/** Headers the server adds when a request carries an Origin (the CORS probe of the page). */
export interface CorsSpec {
  allowOrigin?: string;
  allowCredentials?: string;
  setCookie?: string;
}

export interface Variant {
  /** `<check>/<what changed>`, unique and stable: scripts/observatory-disagreements.md refers to it. */
  id: string;
  /** The checks this variant exercises (only these are compared for it). */
  checks: CheckId[];
  note: string;
  host: string;
  /** Page served over HTTPS (true) or only over plain HTTP. */
  https: boolean;
  /** Top-document response headers in order, one entry per header line (duplicates allowed). */
  headers: [string, string][];
  /** Set-Cookie lines of the top document. */
  setCookies: string[];
  meta: MetaSpec[];
  scripts: ScriptSpec[];
  redirect: RedirectSpec;
  cors: CorsSpec;
}

export const HOST = 'app.example.com';
export const SRI_HASH = 'sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC';

export const HSTS_GOOD = 'max-age=63072000; includeSubDomains; preload';
const CSP_DIRECTIVES: [string, string][] = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'self'"],
  ['frame-ancestors', "'none'"],
  ['form-action', "'self'"],
];

/** The hardened policy with directives replaced (string), added (new name) or removed (null). */
export function csp(patch: Record<string, string | null> = {}): string {
  const out = CSP_DIRECTIVES.filter(([name]) => patch[name] !== null).map(([name, value]) => [name, patch[name] ?? value]);
  for (const [name, value] of Object.entries(patch)) {
    if (value !== null && !CSP_DIRECTIVES.some(([n]) => n === name)) out.push([name, value]);
  }
  return out.map(([n, v]) => (v ? `${n} ${v}` : n!)).join('; ');
}

const BASE_HEADERS: [string, string][] = [
  ['Content-Type', 'text/html; charset=utf-8'],
  ['Strict-Transport-Security', HSTS_GOOD],
  ['Content-Security-Policy', csp()],
  ['X-Frame-Options', 'DENY'],
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'strict-origin-when-cross-origin'],
];
const GOOD_COOKIE = '__Host-session=7f3a9c; Path=/; Secure; HttpOnly; SameSite=Lax';
const BASE_SCRIPTS: ScriptSpec[] = [
  { src: '/assets/app.js' },
  { src: 'https://cdn.jsdelivr.net/npm/lib@1.0.0/lib.min.js', integrity: SRI_HASH, crossorigin: 'anonymous' },
];

/** Header changes by name (case-insensitive): a value replaces, a list sends several lines, null removes. */
type HeaderPatch = Record<string, string | string[] | null>;
type Patch = Partial<Omit<Variant, 'id' | 'checks' | 'note' | 'headers'>> & { headers?: HeaderPatch };

function applyHeaders(base: [string, string][], patch: HeaderPatch): [string, string][] {
  const lower = new Map(Object.entries(patch).map(([k, v]) => [k.toLowerCase(), { name: k, value: v }]));
  const out: [string, string][] = [];
  for (const [name, value] of base) {
    const p = lower.get(name.toLowerCase());
    if (!p) out.push([name, value]);
    else if (p.value !== null) for (const v of [p.value].flat()) out.push([name, v]);
  }
  for (const [key, { name, value }] of lower) {
    if (value !== null && !base.some(([n]) => n.toLowerCase() === key)) for (const v of [value].flat()) out.push([name, v]);
  }
  return out;
}

function variant(id: string, checks: CheckId[], note: string, patch: Patch = {}): Variant {
  const host = patch.host ?? HOST;
  const https = patch.https ?? true;
  const { headers, ...rest } = patch;
  return {
    id,
    checks,
    note,
    host,
    https,
    headers: applyHeaders(BASE_HEADERS, { ...(https ? {} : { 'Strict-Transport-Security': null }), ...headers }),
    setCookies: [GOOD_COOKIE],
    meta: [],
    scripts: BASE_SCRIPTS,
    redirect: https
      ? {
          kind: 'route',
          route: [
            { url: `http://${host}/`, status: 301 },
            { url: `https://${host}/`, status: 200 },
          ],
        }
      : { kind: 'route', route: [{ url: `http://${host}/`, status: 200 }] },
    cors: {},
    ...rest,
  };
}

function hstsVariants(): Variant[] {
  const out = [variant('hsts/absent', ['hsts'], 'no Strict-Transport-Security', { headers: { 'Strict-Transport-Security': null } })];
  for (const maxAge of [0, 300, 86400, 15552000, 31536000, 63072000]) {
    for (const sub of [true, false]) {
      const value = `max-age=${maxAge}${sub ? '; includeSubDomains' : ''}`;
      out.push(variant(`hsts/max-age-${maxAge}${sub ? '-subdomains' : ''}`, ['hsts'], value, { headers: { 'Strict-Transport-Security': value } }));
    }
  }
  const odd: [string, string | string[]][] = [
    ['preload', HSTS_GOOD],
    ['max-age-not-a-number', 'max-age=abc; includeSubDomains'],
    ['max-age-empty', 'max-age=; includeSubDomains'],
    ['no-max-age', 'includeSubDomains; preload'],
    ['max-age-negative', 'max-age=-1; includeSubDomains'],
    ['max-age-quoted', 'max-age="31536000"; includeSubDomains'],
    ['uppercase', 'MAX-AGE=31536000; INCLUDESUBDOMAINS'],
    ['no-spaces', 'max-age=31536000;includeSubDomains'],
    ['duplicated-header', ['max-age=31536000; includeSubDomains', 'max-age=31536000; includeSubDomains']],
    ['first-header-invalid', ['max-age=abc', 'max-age=31536000; includeSubDomains']],
  ];
  for (const [slug, value] of odd) {
    out.push(variant(`hsts/${slug}`, ['hsts'], [value].flat().join(' + '), { headers: { 'Strict-Transport-Security': value } }));
  }
  out.push(variant('hsts/plain-http-site', ['hsts', 'redirection'], 'the app is served over plain HTTP only', { https: false }));
  return out;
}

function cspVariants(): Variant[] {
  const out: Variant[] = [];
  // script-src source lists, sent in the header policy (the rest of the policy stays hardened).
  const scriptSrc: [string, string][] = [
    ['self', "'self'"],
    ['unsafe-inline', "'self' 'unsafe-inline'"],
    ['unsafe-eval', "'self' 'unsafe-eval'"],
    ['unsafe-inline-and-eval', "'self' 'unsafe-inline' 'unsafe-eval'"],
    ['nonce-with-unsafe-inline', "'nonce-r4nd0m' 'unsafe-inline'"],
    ['hash-with-unsafe-inline', "'sha256-B2yPHKaXnvFWtRChIbabYmUBFZdVfKKXHbWtWidDVF8=' 'unsafe-inline'"],
    ['nonce-only', "'self' 'nonce-r4nd0m'"],
    ['strict-dynamic-nonce', "'nonce-r4nd0m' 'strict-dynamic'"],
    ['strict-dynamic-with-fallbacks', "'nonce-r4nd0m' 'strict-dynamic' 'unsafe-inline' https:"],
    ['strict-dynamic-without-nonce', "'strict-dynamic' 'unsafe-inline'"],
    ['https-scheme', "'self' https:"],
    ['wildcard', '*'],
    ['data-scheme', "'self' data:"],
    ['http-host', "'self' http://cdn.example.net"],
    ['http-scheme', "'self' http:"],
    ['https-wildcard-host', "'self' https://*"],
    ['nonce-with-https-scheme', "'nonce-r4nd0m' https:"],
    ['empty-source-list', ''],
  ];
  for (const [slug, value] of scriptSrc) {
    const policy = csp({ 'script-src': value });
    out.push(variant(`csp/script-src-${slug}`, ['csp'], policy, { headers: { 'Content-Security-Policy': policy } }));
  }
  const structural: [string, string, Patch][] = [
    ['absent', 'no CSP at all', { headers: { 'Content-Security-Policy': null } }],
    ['report-only', 'only Content-Security-Policy-Report-Only', { headers: { 'Content-Security-Policy': null, 'Content-Security-Policy-Report-Only': csp() } }],
    [
      'enforced-and-report-only',
      'hardened policy plus a report-only one',
      { headers: { 'Content-Security-Policy-Report-Only': csp({ 'script-src': "'none'" }) } },
    ],
    [
      'default-src-unsafe-inline',
      "no script-src; default-src 'self' 'unsafe-inline'",
      { headers: { 'Content-Security-Policy': csp({ 'script-src': null, 'default-src': "'self' 'unsafe-inline'" }) } },
    ],
    [
      'no-script-src-no-default-src',
      'neither script-src nor default-src',
      { headers: { 'Content-Security-Policy': csp({ 'script-src': null, 'default-src': null }) } },
    ],
    ['no-object-src', "no object-src (default-src 'self')", { headers: { 'Content-Security-Policy': csp({ 'object-src': null }) } }],
    [
      'no-object-src-no-default-src',
      'neither object-src nor default-src',
      { headers: { 'Content-Security-Policy': csp({ 'object-src': null, 'default-src': null }) } },
    ],
    ['object-src-self', "object-src 'self'", { headers: { 'Content-Security-Policy': csp({ 'object-src': "'self'" }) } }],
    ['no-base-uri', 'no base-uri', { headers: { 'Content-Security-Policy': csp({ 'base-uri': null }) } }],
    [
      'no-base-uri-nonce',
      "no base-uri; script-src 'nonce-r4nd0m' (a nonced relative script follows an injected <base>)",
      { headers: { 'Content-Security-Policy': csp({ 'base-uri': null, 'script-src': "'nonce-r4nd0m'" }) } },
    ],
    ['form-action-http', "form-action 'self' http:", { headers: { 'Content-Security-Policy': csp({ 'form-action': "'self' http:" }) } }],
    [
      'form-action-http-host',
      "form-action 'self' http://newsletter.example.net",
      { headers: { 'Content-Security-Policy': csp({ 'form-action': "'self' http://newsletter.example.net" }) } },
    ],
    ['form-action-wildcard', 'form-action * (CSP3: * matches http: URLs)', { headers: { 'Content-Security-Policy': csp({ 'form-action': '*' }) } }],
    [
      'no-frame-ancestors',
      'no frame-ancestors (X-Frame-Options: DENY still sent)',
      { headers: { 'Content-Security-Policy': csp({ 'frame-ancestors': null }) } },
    ],
    [
      'no-frame-ancestors-no-xfo',
      'no frame-ancestors and no X-Frame-Options',
      { headers: { 'Content-Security-Policy': csp({ 'frame-ancestors': null }), 'X-Frame-Options': null } },
    ],
    [
      'default-src-none',
      "default-src 'none' with explicit allowances",
      {
        headers: {
          'Content-Security-Policy': csp({ 'default-src': "'none'", 'object-src': null, 'connect-src': "'self'", 'img-src': "'self'", 'style-src': "'self'" }),
        },
      },
    ],
    ['style-src-unsafe-inline', "style-src 'self' 'unsafe-inline'", { headers: { 'Content-Security-Policy': csp({ 'style-src': "'self' 'unsafe-inline'" }) } }],
    ['style-src-unsafe-eval', "style-src 'self' 'unsafe-eval'", { headers: { 'Content-Security-Policy': csp({ 'style-src': "'self' 'unsafe-eval'" }) } }],
    ['img-src-http', 'img-src allows http: (passive content)', { headers: { 'Content-Security-Policy': csp({ 'img-src': "'self' http:" }) } }],
    [
      'duplicate-directive',
      "script-src twice: 'self', then 'unsafe-inline'",
      { headers: { 'Content-Security-Policy': `${csp()}; script-src 'unsafe-inline'` } },
    ],
    ['duplicate-report-uri', 'report-uri twice', { headers: { 'Content-Security-Policy': `${csp()}; report-uri /csp-a; report-uri /csp-b` } }],
    [
      'two-policies-one-unsafe',
      'two header policies, the second allows unsafe-inline',
      { headers: { 'Content-Security-Policy': [csp(), "script-src 'self' 'unsafe-inline'"] } },
    ],
    [
      'uppercase-unsafe-inline',
      'directive and keyword in upper case',
      { headers: { 'Content-Security-Policy': csp({ 'script-src': "'SELF' 'UNSAFE-INLINE'" }).toUpperCase() } },
    ],
    ['empty-header', 'an empty Content-Security-Policy header', { headers: { 'Content-Security-Policy': '' } }],
    [
      'meta-only',
      'the hardened policy in <meta http-equiv> only',
      { headers: { 'Content-Security-Policy': null }, meta: [{ httpEquiv: 'Content-Security-Policy', content: csp({ 'frame-ancestors': null }) }] },
    ],
    [
      'meta-only-unsafe-inline',
      "<meta> policy with 'unsafe-inline'",
      {
        headers: { 'Content-Security-Policy': null },
        meta: [{ httpEquiv: 'Content-Security-Policy', content: csp({ 'frame-ancestors': null, 'script-src': "'self' 'unsafe-inline'" }) }],
      },
    ],
    [
      'meta-only-with-frame-ancestors',
      '<meta> policy that also names frame-ancestors (ignored there)',
      { headers: { 'Content-Security-Policy': null }, meta: [{ httpEquiv: 'Content-Security-Policy', content: csp() }] },
    ],
    [
      'header-and-meta-unsafe',
      "hardened header policy, <meta> policy adds 'unsafe-inline'",
      { meta: [{ httpEquiv: 'Content-Security-Policy', content: "script-src 'self' 'unsafe-inline'" }] },
    ],
    [
      'header-unsafe-meta-strict',
      "header policy with 'unsafe-inline', strict <meta> policy",
      {
        headers: { 'Content-Security-Policy': csp({ 'script-src': "'self' 'unsafe-inline'" }) },
        meta: [{ httpEquiv: 'Content-Security-Policy', content: "script-src 'self'" }],
      },
    ],
  ];
  for (const [slug, note, patch] of structural) out.push(variant(`csp/${slug}`, ['csp'], note, patch));
  return out;
}

function xfoVariants(): Variant[] {
  const noFa = csp({ 'frame-ancestors': null });
  const withFa = (fa: string) => csp({ 'frame-ancestors': fa });
  const cases: [string, string | string[] | null, string, MetaSpec[]?][] = [
    ['deny', 'DENY', noFa],
    ['sameorigin', 'SAMEORIGIN', noFa],
    ['deny-lowercase', 'deny', noFa],
    ['sameorigin-padded', '  SAMEORIGIN ', noFa],
    ['allow-from', 'ALLOW-FROM https://partner.example.net/', noFa],
    ['invalid', 'garbage', noFa],
    ['allowall', 'ALLOWALL', noFa],
    ['duplicated-deny', ['DENY', 'DENY'], noFa],
    ['duplicated-conflict', ['DENY', 'SAMEORIGIN'], noFa],
    ['combined-conflict', 'DENY, SAMEORIGIN', noFa],
    ['absent', null, noFa],
    ['absent-frame-ancestors-none', null, withFa("'none'")],
    ['absent-frame-ancestors-self', null, withFa("'self'")],
    ['absent-frame-ancestors-host', null, withFa('https://partner.example.net')],
    ['absent-frame-ancestors-wildcard', null, withFa('*')],
    ['absent-frame-ancestors-https-scheme', null, withFa('https:')],
    ['absent-frame-ancestors-in-meta', null, '', [{ httpEquiv: 'Content-Security-Policy', content: withFa("'none'") }]],
    ['allow-from-frame-ancestors-none', 'ALLOW-FROM https://partner.example.net/', withFa("'none'")],
    ['invalid-frame-ancestors-self', 'garbage', withFa("'self'")],
  ];
  const out = cases.map(([slug, xfo, policy, meta]) =>
    variant(
      `xfo/${slug}`,
      ['xfo'],
      `X-Frame-Options: ${xfo === null ? '(absent)' : [xfo].flat().join(' + ')}; CSP: ${policy || '(none)'}${meta ? ' (+ <meta> CSP)' : ''}`,
      {
        headers: { 'X-Frame-Options': xfo, 'Content-Security-Policy': policy || null },
        ...(meta ? { meta } : {}),
      },
    ),
  );
  out.push(
    variant('xfo/absent-frame-ancestors-report-only', ['xfo'], "no X-Frame-Options; frame-ancestors 'none' only in a report-only policy", {
      headers: { 'X-Frame-Options': null, 'Content-Security-Policy': noFa, 'Content-Security-Policy-Report-Only': withFa("'none'") },
    }),
  );
  return out;
}

function xctoVariants(): Variant[] {
  const cases: [string, string | string[] | null][] = [
    ['nosniff', 'nosniff'],
    ['uppercase', 'NOSNIFF'],
    ['padded', '  nosniff '],
    ['absent', null],
    ['garbage', 'sniff'],
    ['empty', ''],
    ['duplicated-header', ['nosniff', 'nosniff']],
    ['combined-list', 'nosniff, nosniff'],
  ];
  return cases.map(([slug, value]) =>
    variant(`xcto/${slug}`, ['xcto'], `X-Content-Type-Options: ${value === null ? '(absent)' : JSON.stringify(value)}`, {
      headers: { 'X-Content-Type-Options': value },
    }),
  );
}

function referrerVariants(): Variant[] {
  const tokens = [
    'no-referrer',
    'same-origin',
    'strict-origin',
    'strict-origin-when-cross-origin',
    'origin',
    'origin-when-cross-origin',
    'unsafe-url',
    'no-referrer-when-downgrade',
  ];
  const out: Variant[] = [];
  for (const t of tokens) {
    out.push(variant(`referrer/header-${t}`, ['referrer'], `Referrer-Policy: ${t}`, { headers: { 'Referrer-Policy': t } }));
    out.push(
      variant(`referrer/meta-${t}`, ['referrer'], `<meta name="referrer" content="${t}">`, {
        headers: { 'Referrer-Policy': null },
        meta: [{ name: 'referrer', content: t }],
      }),
    );
  }
  const odd: [string, Patch][] = [
    ['absent', { headers: { 'Referrer-Policy': null } }],
    ['invalid', { headers: { 'Referrer-Policy': 'foo' } }],
    ['empty', { headers: { 'Referrer-Policy': '' } }],
    ['uppercase-unsafe-url', { headers: { 'Referrer-Policy': 'Unsafe-URL' } }],
    ['tokens-safe-then-unsafe', { headers: { 'Referrer-Policy': 'no-referrer, unsafe-url' } }],
    ['tokens-unsafe-then-safe', { headers: { 'Referrer-Policy': 'unsafe-url, strict-origin-when-cross-origin' } }],
    ['tokens-safe-then-unknown', { headers: { 'Referrer-Policy': 'no-referrer, foo' } }],
    ['tokens-unsafe-then-unknown', { headers: { 'Referrer-Policy': 'unsafe-url, foo' } }],
    ['two-headers-unsafe-last', { headers: { 'Referrer-Policy': ['strict-origin', 'unsafe-url'] } }],
    ['header-safe-meta-unsafe', { headers: { 'Referrer-Policy': 'no-referrer' }, meta: [{ name: 'referrer', content: 'unsafe-url' }] }],
    ['header-unsafe-meta-safe', { headers: { 'Referrer-Policy': 'unsafe-url' }, meta: [{ name: 'referrer', content: 'no-referrer' }] }],
    [
      'meta-valid-then-invalid',
      {
        headers: { 'Referrer-Policy': null },
        meta: [
          { name: 'referrer', content: 'no-referrer' },
          { name: 'referrer', content: 'foo' },
        ],
      },
    ],
    ['meta-legacy-never', { headers: { 'Referrer-Policy': null }, meta: [{ name: 'referrer', content: 'never' }] }],
    ['meta-legacy-always', { headers: { 'Referrer-Policy': null }, meta: [{ name: 'referrer', content: 'always' }] }],
  ];
  for (const [slug, patch] of odd) {
    const h = patch.headers?.['Referrer-Policy'];
    const note = [
      h === undefined
        ? ''
        : h === null
          ? 'no Referrer-Policy header'
          : `Referrer-Policy: ${[h]
              .flat()
              .map((x) => JSON.stringify(x))
              .join(' + ')}`,
      ...(patch.meta ?? []).map((m) => `<meta name="referrer" content="${m.content}">`),
    ]
      .filter(Boolean)
      .join('; ');
    out.push(variant(`referrer/${slug}`, ['referrer'], note, patch));
  }
  return out;
}

function cookieVariants(): Variant[] {
  // Names: a session cookie by both heuristics, a plain preference cookie, one only our broader heuristic calls a
  // session (auth/token), and an anti-CSRF token.
  const names = ['sessionid', 'prefs', 'auth_token', 'csrftoken'];
  const flags: [string, string][] = [
    ['secure-httponly-lax', 'Path=/; Secure; HttpOnly; SameSite=Lax'],
    ['secure-httponly', 'Path=/; Secure; HttpOnly'],
    ['no-secure', 'Path=/; HttpOnly; SameSite=Lax'],
    ['no-httponly', 'Path=/; Secure; SameSite=Lax'],
    ['samesite-none-insecure', 'Path=/; HttpOnly; SameSite=None'],
    ['samesite-none-secure', 'Path=/; Secure; HttpOnly; SameSite=None'],
    ['samesite-invalid', 'Path=/; Secure; HttpOnly; SameSite=Bogus'],
    ['no-flags', 'Path=/'],
  ];
  const out: Variant[] = [];
  for (const name of names) {
    for (const [slug, attrs] of flags) {
      const line = `${name}=c0ffee; ${attrs}`;
      out.push(variant(`cookies/${name}-${slug}`, ['cookies'], line, { setCookies: [line] }));
    }
  }
  const odd: [string, string[]][] = [
    ['none', []],
    ['host-prefix-good', ['__Host-session=c0ffee; Path=/; Secure; HttpOnly; SameSite=Lax']],
    ['host-prefix-with-domain', [`__Host-session=c0ffee; Path=/; Domain=${HOST}; Secure; HttpOnly; SameSite=Lax`]],
    ['host-prefix-no-secure', ['__Host-session=c0ffee; Path=/; HttpOnly; SameSite=Lax']],
    ['secure-prefix-no-secure', ['__Secure-session=c0ffee; Path=/; HttpOnly; SameSite=Lax']],
    ['session-long-lived', ['sessionid=c0ffee; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=2592000']],
    ['samesite-empty', ['sessionid=c0ffee; Path=/; Secure; HttpOnly; SameSite=']],
    ['bubble-u2main-no-httponly', ['myapp_live_u2main=c0ffee; Path=/; Secure; SameSite=Lax']],
    ['host-prefix-narrow-path', ['__Host-session=c0ffee; Path=/app; Secure; HttpOnly; SameSite=Lax']],
    ['refused-and-good-session', ['__Host-session=c0ffee; Path=/; HttpOnly; SameSite=Lax', 'sessionid=c0ffee; Path=/; Secure; HttpOnly; SameSite=Lax']],
    ['phpsessid-no-flags', ['PHPSESSID=c0ffee; Path=/']],
    ['xsrf-token-readable', ['XSRF-TOKEN=c0ffee; Path=/; Secure; SameSite=Lax']],
    ['analytics-no-secure', ['_ga=GA1.1.123.456; Path=/; Max-Age=63072000; SameSite=Lax']],
    ['good-session-and-insecure-pref', ['sessionid=c0ffee; Path=/; Secure; HttpOnly; SameSite=Lax', 'theme=dark; Path=/']],
  ];
  // A cookie for the whole domain while HSTS covers only this host: subdomains are still reached over plain HTTP.
  out.push(
    variant('cookies/domain-pref-hsts-without-subdomains', ['cookies'], `lang=en; Path=/; Domain=${HOST} (HSTS max-age=63072000 only)`, {
      setCookies: [`lang=en; Path=/; Domain=${HOST}`],
      headers: { 'Strict-Transport-Security': 'max-age=63072000' },
    }),
  );
  for (const [slug, lines] of odd) out.push(variant(`cookies/${slug}`, ['cookies'], lines.join(' + ') || 'no cookies', { setCookies: lines }));
  // The same cookies on a site that sends no HSTS header (HTTPS with a redirect, but the browser may still try http://).
  const noHsts: [string, string][] = [
    ['sessionid-no-secure', 'sessionid=c0ffee; Path=/; HttpOnly; SameSite=Lax'],
    ['csrftoken-no-secure', 'csrftoken=c0ffee; Path=/; SameSite=Lax'],
    ['xsrf-token-no-secure', 'XSRF-TOKEN=c0ffee; Path=/; SameSite=Lax'],
    ['prefs-no-secure', 'prefs=dark; Path=/; SameSite=Lax'],
    ['secure-session', 'sessionid=c0ffee; Path=/; Secure; HttpOnly; SameSite=Lax'],
  ];
  for (const [slug, line] of noHsts) {
    out.push(
      variant(`cookies/no-hsts-${slug}`, ['cookies'], `${line} (no Strict-Transport-Security)`, {
        setCookies: [line],
        headers: { 'Strict-Transport-Security': null },
      }),
    );
  }
  return out;
}

function corsVariants(): Variant[] {
  const cases: [string, CorsSpec][] = [
    ['none', {}],
    ['wildcard', { allowOrigin: '*' }],
    ['wildcard-credentials', { allowOrigin: '*', allowCredentials: 'true' }],
    ['wildcard-sets-cookie', { allowOrigin: '*', setCookie: 'sessionid=c0ffee; Path=/; Secure; HttpOnly; SameSite=Lax' }],
    ['reflected', { allowOrigin: REFLECT }],
    ['reflected-credentials', { allowOrigin: REFLECT, allowCredentials: 'true' }],
    ['reflected-credentials-uppercase', { allowOrigin: REFLECT, allowCredentials: 'TRUE' }],
    ['reflected-credentials-false', { allowOrigin: REFLECT, allowCredentials: 'false' }],
    ['fixed-partner-credentials', { allowOrigin: 'https://partner.example.net', allowCredentials: 'true' }],
    ['own-origin-credentials', { allowOrigin: `https://${HOST}`, allowCredentials: 'true' }],
    ['null-credentials', { allowOrigin: 'null', allowCredentials: 'true' }],
    ['null', { allowOrigin: 'null' }],
  ];
  return cases.map(([slug, cors]) =>
    variant(
      `cors/${slug}`,
      ['cors'],
      Object.entries(cors)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ') || 'no CORS headers',
      { cors, setCookies: [] },
    ),
  );
}

function redirectionVariants(): Variant[] {
  const h = `http://${HOST}/`;
  const s = `https://${HOST}/`;
  const route = (...hops: [string, number][]): RedirectSpec => ({ kind: 'route', route: hops.map(([url, status]) => ({ url, status })) });
  const cases: [string, RedirectSpec][] = [
    ...[301, 302, 307, 308].map((code): [string, RedirectSpec] => [`same-host-${code}`, route([h, code], [s, 200])]),
    ['same-host-to-path', route([h, 302], [`${s}login`, 200])],
    ['no-redirect', route([h, 200])],
    ['stays-on-http', route([h, 301], [`http://${HOST}/home`, 200])],
    ['http-then-https', route([h, 301], [`http://www.${HOST}/`, 301], [`https://www.${HOST}/`, 200])],
    ['off-host-to-https', route([h, 301], [`https://www.${HOST}/`, 200])],
    ['off-site-to-https', route([h, 302], ['https://login.example.net/', 200])],
    ['same-host-then-off-site', route([h, 301], [s, 302], ['https://login.example.net/', 200])],
    ['https-then-back-to-http', route([h, 301], [s, 302], [`http://${HOST}/legacy`, 200])],
    ['no-http-listener', { kind: 'no-http' }],
    ['certificate-error', { kind: 'cert-error' }],
    ['browser-hsts-upgrade', { kind: 'browser-hsts' }],
  ];
  const out = cases.map(([slug, redirect]) =>
    variant(`redirection/${slug}`, ['redirection'], redirect.kind === 'route' ? redirect.route.map((r) => `${r.status} ${r.url}`).join(' → ') : redirect.kind, {
      redirect,
    }),
  );
  // A preloaded host: browsers never ask over plain HTTP; the Observatory's redirection test knows it from the list.
  out.push(
    variant('redirection/preloaded-host-no-redirect', ['redirection'], 'myapp.web.app answers http:// without a redirect, but .app is preloaded', {
      host: 'myapp.web.app',
      redirect: { kind: 'route', route: [{ url: 'http://myapp.web.app/', status: 200 }] },
    }),
  );
  return out;
}

function sriVariants(): Variant[] {
  const cases: [string, ScriptSpec[], Patch?][] = [
    ['no-scripts', []],
    ['inline-only', [{}]],
    ['same-origin-relative', [{ src: '/assets/app.js' }]],
    ['same-origin-absolute', [{ src: `https://${HOST}/assets/app.js` }]],
    ['same-origin-integrity', [{ src: '/assets/app.js', integrity: SRI_HASH }]],
    ['external-https-integrity', [{ src: 'https://cdn.jsdelivr.net/npm/lib@1.0.0/lib.min.js', integrity: SRI_HASH, crossorigin: 'anonymous' }]],
    ['external-https-no-integrity', [{ src: 'https://cdn.jsdelivr.net/npm/lib@1.0.0/lib.min.js' }]],
    ['external-http-integrity', [{ src: 'http://cdn.jsdelivr.net/npm/lib@1.0.0/lib.min.js', integrity: SRI_HASH, crossorigin: 'anonymous' }]],
    ['external-http-no-integrity', [{ src: 'http://cdn.jsdelivr.net/npm/lib@1.0.0/lib.min.js' }]],
    ['protocol-relative-external', [{ src: '//cdn.jsdelivr.net/npm/lib@1.0.0/lib.min.js' }]],
    ['protocol-relative-same-site', [{ src: '//static.example.com/app.js' }]],
    ['same-site-subdomain-https', [{ src: 'https://static.example.com/app.js' }]],
    ['same-site-subdomain-http', [{ src: 'http://static.example.com/app.js' }]],
    ['analytics-no-integrity', [{ src: 'https://www.googletagmanager.com/gtag/js?id=G-TEST123' }]],
    ['payment-sdk-no-integrity', [{ src: 'https://js.stripe.com/v3/' }]],
    [
      'one-with-one-without',
      [{ src: 'https://cdn.jsdelivr.net/npm/a@1/a.js', integrity: SRI_HASH, crossorigin: 'anonymous' }, { src: 'https://unpkg.com/b@1/b.js' }],
    ],
    ['public-suffix-co-uk', [{ src: 'https://cdn.attacker.co.uk/x.js' }], { host: 'myshop.co.uk' }],
    ['public-suffix-com-au', [{ src: 'https://cdn.attacker.com.au/x.js' }], { host: 'myshop.com.au' }],
    ['hosting-suffix-netlify', [{ src: 'https://attacker.netlify.app/x.js' }], { host: 'myapp.netlify.app' }],
    // Versioned files on Google's hosts never change: SRI works on them, so they are not exempt.
    ['google-ajax-libs-versioned', [{ src: 'https://ajax.googleapis.com/ajax/libs/jquery/3.7.1/jquery.min.js' }]],
    [
      'google-ajax-libs-versioned-integrity',
      [{ src: 'https://ajax.googleapis.com/ajax/libs/jquery/3.7.1/jquery.min.js', integrity: SRI_HASH, crossorigin: 'anonymous' }],
    ],
    ['firebasejs-versioned', [{ src: 'https://www.gstatic.com/firebasejs/10.12.2/firebase-app-compat.js' }]],
    // Loaders that change by design, exempt by path.
    ['google-maps-loader', [{ src: 'https://maps.googleapis.com/maps/api/js?key=k&callback=initMap' }]],
    ['recaptcha-loader', [{ src: 'https://www.google.com/recaptcha/api.js' }]],
    ['not-html', [], { headers: { 'Content-Type': 'application/json' } }],
  ];
  return cases.map(([slug, scripts, patch]) =>
    variant(
      `sri/${slug}`,
      ['sri'],
      scripts.map((s) => (s.src ? `<script src="${s.src}"${s.integrity ? ' integrity' : ''}>` : '<script>inline</script>')).join(' ') || 'no scripts',
      {
        scripts,
        ...patch,
      },
    ),
  );
}

/**
 * Header sets real platforms and their users ship, each from a public source (named in the note): the page keeps the
 * hardened cookie, redirect and scripts, and takes exactly the headers the source shows (others absent).
 */
function platformVariants(): Variant[] {
  const only = (headers: Record<string, string>): HeaderPatch => ({
    'Strict-Transport-Security': null,
    'Content-Security-Policy': null,
    'X-Frame-Options': null,
    'X-Content-Type-Options': null,
    'Referrer-Policy': null,
    ...headers,
  });
  const all: CheckId[] = ['csp', 'hsts', 'xfo', 'xcto', 'referrer'];
  const cases: [string, string, string, HeaderPatch, CorsSpec?][] = [
    // github.com/storj-archived/tardigrade.io pull 43 (netlify.toml [[headers]] for "/*").
    [
      'netlify-toml-short-hsts',
      'tardigrade-io.netlify.app',
      'Netlify, netlify.toml from storj-archived/tardigrade.io#43: X-Frame-Options deny, HSTS max-age=300',
      only({ 'X-Frame-Options': 'deny', 'Strict-Transport-Security': 'max-age=300; includeSubDomains' }),
    ],
    // github.com/taskcluster/taskcluster-tools pull 442 (netlify.toml for /index.html; "always" is an nginx keyword).
    [
      'netlify-toml-frame-ancestors',
      'tools.taskcluster.example.net',
      'Netlify on a custom domain, netlify.toml from taskcluster/taskcluster-tools#442',
      only({
        'Content-Security-Policy': "frame-ancestors 'self'",
        'Referrer-Policy': 'origin',
        'Strict-Transport-Security': 'max-age=31536000; includeSubDomains; always;',
      }),
    ],
    // github.com/kodadot/nft-gallery issue 1894 (their netlify.toml, quoted).
    [
      'netlify-toml-no-hsts',
      'kodadot.example.xyz',
      'Netlify on a custom domain, netlify.toml from kodadot/nft-gallery#1894 (no HSTS)',
      only({
        'X-Frame-Options': 'DENY',
        'Referrer-Policy': 'strict-origin-when-cross-origin',
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "frame-ancestors 'self';",
      }),
    ],
    // github.com/tempoxyz/docs pull 454 (vercel.json).
    [
      'vercel-json-hsts-only',
      'tempo-docs.vercel.app',
      'Vercel, vercel.json from tempoxyz/docs#454: HSTS only',
      only({ 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains' }),
    ],
    // github.com/hotwax/bopis pull 668 (firebase.json, the CSP after the change).
    [
      'firebase-json-unsafe-csp',
      'bopis.web.app',
      'Firebase Hosting, firebase.json from hotwax/bopis#668',
      only({
        'Content-Security-Policy':
          "default-src 'self';font-src 'self' data: *;script-src 'self' 'unsafe-inline' 'unsafe-eval' fonts.googleapis.com https://www.gstatic.com *.firebaseapp.com;img-src 'self' 'unsafe-inline' *.shopify.com javascript: ;style-src 'self' 'unsafe-inline' *;connect-src 'self'; frame-ancestors https://admin.shopify.com https://*",
      }),
    ],
    // github.com/firebase/firebase-tools issue 790 (firebase.json headers, quoted).
    [
      'firebase-json-downgrade-referrer',
      'yourproject.firebaseapp.com',
      'Firebase Hosting, firebase.json from firebase/firebase-tools#790',
      only({
        'Referrer-Policy': 'no-referrer-when-downgrade',
        'X-XSS-Protection': '1; mode=block',
        'X-Content-Type-Options': 'nosniff',
        'X-Frame-Options': 'DENY',
      }),
    ],
    // developers.cloudflare.com/pages/configuration/headers/ (the documented _headers example, on *.pages.dev).
    [
      'cloudflare-pages-docs-example',
      'myproject.pages.dev',
      'Cloudflare Pages, the _headers example in its docs (no HSTS header; .dev is preloaded)',
      only({ 'X-Frame-Options': 'DENY', 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' }),
    ],
    // github.com/passkeydeveloper/passkeys.dev issue 263 (a Netlify-made _headers served by Cloudflare Pages).
    [
      'cloudflare-pages-passkeys-dev',
      'passkeys.example.dev',
      'Cloudflare Pages, _headers quoted in passkeydeveloper/passkeys.dev#263 (script-src abridged: its two sha512 hashes and one sha256 left out)',
      only({
        'Strict-Transport-Security': 'max-age=31536000; includeSubDomains; preload',
        'X-Content-Type-Options': 'nosniff',
        'X-Frame-Options': 'SAMEORIGIN',
        'Referrer-Policy': 'strict-origin',
        'Content-Security-Policy':
          "default-src 'self'; frame-ancestors https://jamstackthemes.dev; manifest-src 'self' https://*.netlify.app; connect-src 'self' https://*.netlify.app; font-src 'self' https://*.netlify.app; img-src 'self' https://*.netlify.app data: https://i.giphy.com; script-src 'self' https://*.netlify.app 'sha256-aWZ3y/RxbBYKHXH0z8+8ljrHG1mSBvyzSfxSMjBSaXk='; style-src 'self' https://*.netlify.app 'unsafe-inline'",
      }),
      { allowOrigin: '*' },
    ],
  ];
  const out = cases.map(([slug, host, note, headers, cors]) =>
    variant(`platform/${slug}`, cors ? [...all, 'cors'] : all, note, { host, headers, ...(cors ? { cors } : {}) }),
  );
  // forum.webflow.com/t/how-do-i-add-strict-transport-security/123436 (read 2026-12-06; the capture shows no post
  // dates): a Webflow-hosted site with "Use secure frame headers" on, scanned by securityheaders.com, lacks
  // Strict-Transport-Security, X-Content-Type-Options and Referrer-Policy. The thread does not quote the
  // X-Frame-Options or CSP values, so only the three checks it shows are compared.
  out.push(
    variant(
      'platform/webflow-forum-scan',
      ['hsts', 'xcto', 'referrer'],
      'Webflow hosting on a custom domain, securityheaders.com scan quoted in forum.webflow.com thread 123436: no HSTS, nosniff or Referrer-Policy',
      { host: 'www.webflow-client.example.com', headers: only({}) },
    ),
  );
  // Bubble (*.bubbleapps.io), Glide (*.glide.page) and Softr (*.softr.app): no public capture or platform document of
  // the security headers their hosted apps send was found (searches of 2026-12-06, listed in docs/benchmarks.md), so
  // they have no variant rather than invented headers.
  return out;
}

/** Every variant, in a stable order. Ids are unique. */
export function buildVariants(): Variant[] {
  const all = [
    variant('all/hardened', [...CHECK_IDS], 'every header right, a good session cookie, HTTP→HTTPS, SRI on the CDN script'),
    variant('all/bare', [...CHECK_IDS], 'no security headers, an unprotected session cookie, no redirect, a CDN script without SRI', {
      headers: {
        'Strict-Transport-Security': null,
        'Content-Security-Policy': null,
        'X-Frame-Options': null,
        'X-Content-Type-Options': null,
        'Referrer-Policy': null,
      },
      setCookies: ['sessionid=c0ffee; Path=/'],
      scripts: [{ src: 'https://cdn.jsdelivr.net/npm/lib@1.0.0/lib.min.js' }],
      redirect: { kind: 'route', route: [{ url: `http://${HOST}/`, status: 200 }] },
      cors: { allowOrigin: REFLECT, allowCredentials: 'true' },
    }),
    ...hstsVariants(),
    ...cspVariants(),
    ...xfoVariants(),
    ...xctoVariants(),
    ...referrerVariants(),
    ...cookieVariants(),
    ...corsVariants(),
    ...redirectionVariants(),
    ...sriVariants(),
    ...platformVariants(),
  ];
  const seen = new Set<string>();
  for (const v of all) {
    if (seen.has(v.id)) throw new Error(`duplicate variant id ${v.id}`);
    seen.add(v.id);
  }
  return all;
}
