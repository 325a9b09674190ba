/**
 * Property-based tests of the HTTP parsers (headers, Set-Cookie, CSP, HSTS, CORS, URLs) over any input a server
 * or a page can send: each returns a handled result (a value or "invalid" with a reason), never throws, and the
 * rules over the parsed evidence still produce a well-formed audit. Inputs go up to 1 MB where the parser takes a
 * raw string (the evidence schema cuts header values at 8 KiB before rules see them).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildAudit } from '@/engine/audit';
import { DEPLOYED_RULES } from '@/rules';
import { AuditSchema } from '@/engine/audit-schema';
import { HeaderSchema, LIMITS } from '@/utils/evidence/evidence';
import { firstHeader, headerValues, parseDirectives, safeUrl, sameOrigin, showHeader } from '@/utils/http/http';
import { parseSetCookie, isSessionLike, brokenPrefix, describeCookie, isRefused } from '@/utils/http/cookies';
import {
  allowsDataScript,
  allowsEval,
  allowsInlineScript,
  broadScriptSources,
  effectiveSources,
  formActionHttpSources,
  objectSrcRestricted,
  parseCsp,
  trustsByNonceOrHash,
  withoutDirective,
} from '@/utils/http/csp';
import { parseHsts } from '@/utils/http/hsts';
import { corsView } from '@/utils/http/cors';
import { isInternalHost, mayFetch } from '@/utils/http/internal-host';
import { NOW, cookie, evidence } from '../../helpers/evidence';

const MB = 1024 * 1024;

/** Header-ish text: separators, quotes, CSP keywords and cookie attributes, in any order, plus any unicode. */
const TOKENS = [
  ';',
  ',',
  '=',
  '"',
  "'",
  ' ',
  '\t',
  'max-age=',
  'includeSubDomains',
  'preload',
  "'self'",
  "'unsafe-inline'",
  "'unsafe-eval'",
  "'strict-dynamic'",
  "'nonce-",
  "'sha256-",
  'script-src',
  'default-src',
  'object-src',
  'form-action',
  'frame-ancestors',
  'http:',
  'https:',
  'data:',
  '*',
  'Secure',
  'HttpOnly',
  'SameSite=None',
  'SameSite=',
  'Domain=',
  'Path=/',
  'Expires=Thu, 01 Jan 1970 00:00:00 GMT',
  'Max-Age=-1',
  'Max-Age=99999999999999999999',
  '__Host-',
  '__Secure-',
  'session',
  'sid',
  '\u0000',
  '\uffff',
  '\ud800',
];
const headerText = (maxLength = 400) =>
  fc.oneof(
    fc.string({ maxLength, unit: 'grapheme' }),
    fc.array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 8 })), { maxLength: 80 }).map((a) => a.join('')),
  );

/** Up to 1 MB of one adversarial pattern repeated. */
const huge = fc
  .tuple(fc.constantFrom(...TOKENS, "script-src 'self' ", 'a=b; ', '"""', '=;=,'), fc.integer({ min: 1, max: MB }))
  .map(([p, n]) => p.repeat(Math.ceil(n / p.length)).slice(0, n));

const HEADER_NAMES = [
  'content-security-policy',
  'strict-transport-security',
  'set-cookie',
  'x-frame-options',
  'x-content-type-options',
  'referrer-policy',
  'permissions-policy',
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'server',
  'x-powered-by',
  'x-bubble-appname',
  'content-type',
];
const header = fc.tuple(fc.oneof(fc.constantFrom(...HEADER_NAMES), fc.string({ maxLength: 40 })), headerText(600));

describe('header lists', () => {
  it('any headers: lookups by name never throw and return values of that name only', () => {
    fc.assert(
      fc.property(fc.array(header, { maxLength: 30 }), fc.constantFrom(...HEADER_NAMES), (headers, name) => {
        const values = headerValues(headers, name);
        expect(values.length).toBeLessThanOrEqual(headers.length);
        expect(firstHeader(headers, name)).toBe(headers.find(([n]) => n.toLowerCase() === name)?.[1]);
        expect(showHeader(name, values[0]).length).toBeLessThanOrEqual(400);
      }),
      { numRuns: 300 },
    );
  });

  it('parseDirectives: any text gives a map of lower-case names, never throwing; 1 MB too', () => {
    fc.assert(
      fc.property(fc.oneof(headerText(), huge), (v) => {
        const m = parseDirectives(v);
        for (const k of m.keys()) expect(k).toBe(k.toLowerCase());
      }),
      { numRuns: 60 },
    );
  });

  it('the evidence schema bounds every header: names at 256, values at the header limit', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 1000 }), fc.oneof(headerText(), huge), (name, value) => {
        const [n, v] = HeaderSchema.parse([name, value]);
        expect(n.length).toBeLessThanOrEqual(256);
        expect(v.length).toBeLessThanOrEqual(LIMITS.headerValue);
      }),
      { numRuns: 40 },
    );
  });
});

describe('Set-Cookie', () => {
  it('any value: a cookie with a name, or undefined; the helpers over it never throw', () => {
    fc.assert(
      fc.property(fc.oneof(headerText(), huge), fc.oneof(fc.webUrl(), fc.string({ maxLength: 40 })), fc.integer({ min: 0, max: 2 ** 40 }), (v, url, now) => {
        const c = parseSetCookie(v, url, now);
        if (!c) return;
        expect(c.name.length).toBeGreaterThan(0);
        expect(typeof isSessionLike(c)).toBe('boolean');
        expect(typeof isRefused(c)).toBe('boolean');
        brokenPrefix(c);
        expect(typeof describeCookie(c)).toBe('string');
      }),
      { numRuns: 80 },
    );
  });
});

describe('Content-Security-Policy', () => {
  it('any value: well-formed policies, and every question the rules ask has an answer', () => {
    fc.assert(
      fc.property(fc.oneof(headerText(), huge), fc.constantFrom('header' as const, 'meta' as const), (v, source) => {
        for (const p of parseCsp(v, source)) {
          expect(p.directives.size).toBeGreaterThan(0);
          for (const name of p.directives.keys()) expect(name).toMatch(/^[a-z-]+$/);
          for (const f of [allowsInlineScript, allowsDataScript, allowsEval, trustsByNonceOrHash, objectSrcRestricted]) expect(typeof f(p)).toBe('boolean');
          expect(Array.isArray(broadScriptSources(p))).toBe(true);
          expect(Array.isArray(formActionHttpSources(p))).toBe(true);
          effectiveSources(p, 'script-src');
          expect(typeof withoutDirective(p.raw, 'frame-ancestors')).toBe('string');
        }
      }),
      { numRuns: 80 },
    );
  });
});

describe('Strict-Transport-Security', () => {
  it('any value: absent, invalid with a bounded reason, or valid with a finite max-age', () => {
    fc.assert(
      fc.property(fc.option(fc.oneof(headerText(), huge), { nil: undefined }), (v) => {
        const h = parseHsts(v);
        if (h.state === 'invalid') expect(h.reason.length).toBeLessThan(200);
        if (h.state === 'valid') {
          expect(Number.isFinite(h.maxAge)).toBe(true);
          expect(h.maxAge).toBeGreaterThanOrEqual(0);
        }
        if (v === undefined) expect(h.state).toBe('absent');
      }),
      { numRuns: 80 },
    );
  });
});

describe('CORS and URLs', () => {
  it('corsView over any headers never throws', () => {
    fc.assert(
      fc.property(fc.array(header, { maxLength: 20 }), (headers) => {
        const v = corsView({ url: 'https://api.example.com/', status: 200, type: 'fetch', headers, source: 'webRequest' });
        expect(typeof v.allowCredentials).toBe('boolean');
      }),
      { numRuns: 200 },
    );
  });

  it('safeUrl, sameOrigin, mayFetch and isInternalHost over any text never throw', () => {
    fc.assert(
      fc.property(fc.oneof(fc.webUrl(), fc.string({ maxLength: 200 })), fc.oneof(fc.webUrl(), fc.string({ maxLength: 60 })), (a, b) => {
        const u = safeUrl(a, b);
        if (u) expect(u).toBeInstanceOf(URL);
        expect(typeof sameOrigin(a, b)).toBe('boolean');
        expect(typeof mayFetch(a, b)).toBe('boolean');
        expect(typeof isInternalHost(a)).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });
});

describe('rules over any headers and cookies', () => {
  it('a page with any headers and Set-Cookie values gets a well-formed audit', () => {
    const setCookie = headerText(300).map((v) => ['set-cookie', v] as [string, string]);
    fc.assert(
      fc.property(
        fc.array(fc.oneof(header, setCookie), { maxLength: 25 }),
        fc.array(
          fc.record({
            name: fc.string({ minLength: 1, maxLength: 30 }),
            secure: fc.boolean(),
            httpOnly: fc.boolean(),
            sameSite: fc.constantFrom('lax', 'strict', 'no_restriction', 'unspecified'),
          }),
          { maxLength: 5 },
        ),
        (headers, cookies) => {
          const audit = buildAudit(evidence({ headers, cookies: cookies.map((c) => cookie(c as never)) }), DEPLOYED_RULES, {
            mode: 'click',
            fullAccess: true,
            retentionDays: 30,
            startedAt: NOW - 1000,
            now: NOW,
          });
          expect(AuditSchema.safeParse(audit).success).toBe(true);
          expect(audit.findings.every((f) => f.ruleId && f.severity)).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });
});
