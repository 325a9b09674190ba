/** Cookie helpers: Set-Cookie parsing and "is this a session cookie?". Pure. */
import type { Cookie, Evidence } from '../evidence/evidence';
import type { FixGuide } from '../../engine/rule';

/** Names that mark a cookie as a session/auth cookie (the Observatory counts `sess` and `login`; we add common
 * framework and builder names, e.g. Bubble's `<app>_live_u2main`). */
const SESSION_NAME = /sess|sid$|^sid(?![a-z])|login|auth|token|jwt|u[12]main|remember|connect\.sid/i;
/** Analytics and consent cookies are not sessions even when their names look alike. */
const NOT_SESSION =
  /^(_ga|_gid|_gat|_fbp|_hj|__cf_bm|cf_clearance|_clck|_clsk|ajs_|amplitude|mp_|cookieconsent|OptanonConsent|AMP_TOKEN|_uet|ai_session|__stripe_)/i;
/** Anti-CSRF tokens are not sessions: the double-submit pattern needs page scripts to read them. */
const ANTI_CSRF = /csrf|xsrf/i;

export function isSessionLike(cookie: Pick<Cookie, 'name'>): boolean {
  return SESSION_NAME.test(cookie.name) && !NOT_SESSION.test(cookie.name) && !ANTI_CSRF.test(cookie.name);
}

/** An anti-CSRF token cookie (csrftoken, XSRF-TOKEN, _csrf…). */
export function isAntiCsrf(cookie: Pick<Cookie, 'name'>): boolean {
  return ANTI_CSRF.test(cookie.name);
}

/**
 * What a cookie's name prefix requires that its Set-Cookie line lacks (RFC 6265bis §4.1.3: `__Secure-` needs Secure;
 * `__Host-` needs Secure, an explicit Path=/ and no Domain; browsers match the prefixes case-insensitively). Empty when the cookie
 * has no prefix or keeps its rules. Secure is unknown for cookies read by page scripts, so not judged there.
 */
export function brokenPrefix(c: Cookie): { prefix: '__Host-' | '__Secure-'; missing: string[] } | undefined {
  const lower = c.name.toLowerCase();
  const prefix = lower.startsWith('__host-') ? '__Host-' : lower.startsWith('__secure-') ? '__Secure-' : undefined;
  if (!prefix) return undefined;
  const missing = [
    !c.secure && c.source !== 'page' ? 'Secure' : null,
    // RFC 6265bis §5.7 (storage model, the __Host- prefix): the line must carry a Path attribute whose value is "/";
    // the default path does not count, even on a page at "/".
    prefix === '__Host-' && (c.path !== '/' || c.pathAttribute === false) ? 'Path=/' : null,
    prefix === '__Host-' && c.hostOnly === false ? 'no Domain' : null,
  ].filter((m): m is string => m !== null);
  return missing.length ? { prefix, missing } : undefined;
}

/** A Set-Cookie line the browser throws away because it breaks its prefix rules: the cookie never exists. */
export function isRefused(c: Cookie): boolean {
  return c.source === 'set-cookie' && brokenPrefix(c) !== undefined;
}

/**
 * The cookies the browser actually keeps: mergedCookies without the refused ones. Rules that flag a cookie's flags
 * use this (a "session cookie without Secure" that the browser refused is no session at all); cookie-prefix reports
 * the refusal itself.
 */
export function storedCookies(evidence: Evidence): Cookie[] {
  return mergedCookies(evidence).filter((c) => !isRefused(c));
}

/**
 * Parses one Set-Cookie header value (RFC 6265bis §5.6, leniently). Returns undefined for a value without a name.
 * `now` (seconds) turns Max-Age into an absolute expiry.
 */
export function parseSetCookie(header: string, requestUrl: string, now: number): Cookie | undefined {
  const parts = header.split(';');
  const pair = parts.shift() ?? '';
  const eq = pair.indexOf('=');
  const name = (eq === -1 ? '' : pair.slice(0, eq)).trim();
  if (!name) return undefined;
  let host = '';
  try {
    host = new URL(requestUrl).hostname;
  } catch {
    /* leave empty */
  }
  const cookie: Cookie = {
    name,
    domain: host,
    path: '/',
    secure: false,
    httpOnly: false,
    sameSite: 'unspecified',
    hostOnly: true,
    pathAttribute: false,
    source: 'set-cookie',
  };
  let maxAge: number | undefined;
  let expires: number | undefined;
  for (const attr of parts) {
    const i = attr.indexOf('=');
    const key = (i === -1 ? attr : attr.slice(0, i)).trim().toLowerCase();
    const val = i === -1 ? '' : attr.slice(i + 1).trim();
    switch (key) {
      case 'secure':
        cookie.secure = true;
        break;
      case 'httponly':
        cookie.httpOnly = true;
        break;
      case 'samesite': {
        const v = val.toLowerCase();
        cookie.sameSite = v === 'strict' || v === 'lax' || v === 'none' ? v : 'unspecified';
        break;
      }
      case 'domain':
        if (val) {
          cookie.domain = val.replace(/^\./, '').toLowerCase();
          cookie.hostOnly = false;
        }
        break;
      case 'path':
        if (val.startsWith('/')) {
          cookie.path = val;
          cookie.pathAttribute = true;
        }
        break;
      case 'max-age': {
        const n = Number(val);
        if (/^-?\d+$/.test(val) && Number.isFinite(n)) maxAge = n;
        break;
      }
      case 'expires': {
        const t = Date.parse(val);
        if (Number.isFinite(t)) expires = Math.floor(t / 1000);
        break;
      }
    }
  }
  // Max-Age wins over Expires (RFC 6265 §5.3 step 3).
  const exp = maxAge !== undefined ? now + maxAge : expires;
  if (exp !== undefined) cookie.expires = exp;
  return cookie;
}

const SOURCE_RANK: Record<Cookie['source'], number> = { 'set-cookie': 0, 'cookies-api': 1, page: 2 };

/**
 * One entry per named cookie (name + path + domain), preferring what the server sent (Set-Cookie) over what the browser
 * stored (a browser drops some bad cookies, e.g. SameSite=None without Secure) over what page scripts can see.
 */
export function mergedCookies(evidence: Evidence): Cookie[] {
  const byKey = new Map<string, Cookie>();
  for (const c of evidence.cookies) {
    // A nameless cookie (`Set-Cookie: =value`): Chromium stores it and lists it with name '' (cookies API,
    // cookieStore); it names nothing a reviewer could fix, so it is dropped whatever the source.
    if (!c.name) continue;
    const key = `${c.name}\u0000${c.path}\u0000${c.domain.replace(/^\./, '')}`;
    const prev = byKey.get(key);
    if (!prev || SOURCE_RANK[c.source] < SOURCE_RANK[prev.source]) byKey.set(key, c);
  }
  return [...byKey.values()];
}

/** The finding draft every cookie rule makes: about one cookie (name + path), described by its flags. */
export function cookieDraft<M extends string>(c: Cookie, messageId: M, url: string, extra: { data?: Record<string, string | number>; evidence?: string } = {}) {
  return {
    messageId,
    data: { name: c.name, ...extra.data },
    evidence: extra.evidence ?? describeCookie(c),
    location: { kind: 'cookie' as const, name: c.name, url },
    identity: `${c.name}|${c.path}`,
  };
}

export function describeCookie(c: Cookie): string {
  const flags = [
    c.secure ? 'Secure' : null,
    c.httpOnly ? 'HttpOnly' : null,
    c.sameSite !== 'unspecified' ? `SameSite=${c.sameSite[0]!.toUpperCase()}${c.sameSite.slice(1)}` : null,
  ].filter(Boolean);
  return `${c.name} (${flags.length ? flags.join('; ') : 'no Secure, HttpOnly or SameSite'}${c.source === 'page' ? '; visible to page scripts' : ''})`;
}

/** Fix guide shared by the cookie rules: cookie flags are set by whoever sets the cookie (your code or platform). */
export function cookieFix(summary: string, steps: string[]): FixGuide {
  return {
    summary,
    steps,
    snippet: { language: 'http', code: 'Set-Cookie: __Host-session=…; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=28800' },
    docs: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/Cookies#security',
    platforms: {
      server: {
        steps: [
          'Find where your code sets the session cookie (session middleware or auth library options).',
          'Set secure: true, httpOnly: true, sameSite: "lax" (or "strict"), and a lifetime of hours, not months.',
          'Deploy, sign in again, and re-run the audit.',
        ],
        snippet: {
          language: 'js',
          code: "// express-session\napp.use(session({\n  name: '__Host-session',\n  cookie: { secure: true, httpOnly: true, sameSite: 'lax', maxAge: 8 * 3600 * 1000 },\n}));",
        },
        docs: 'https://expressjs.com/en/advanced/best-practice-security.html#use-cookies-securely',
      },
      bubble: {
        steps: [
          'Bubble sets its own login cookies (names ending in _u2main); their flags are controlled by Bubble.',
          'If the flagged cookie is one your app sets (a plugin or custom code), change it there.',
          'Otherwise report it to Bubble support with this finding.',
        ],
        docs: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/Cookies#security',
      },
    },
  };
}
