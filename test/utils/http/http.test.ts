import { describe, expect, it } from 'vitest';
import { documentResponse, firstHeader, headerValues, isHttps, parseDirectives, safeUrl, sameOrigin, showHeader } from '@/utils/http/http';
import type { z } from 'zod';
import type { HttpResponseSchema } from '@/utils/evidence/evidence';
import { evidence, PAGE } from '../../helpers/evidence';

type Response = z.input<typeof HttpResponseSchema>;
const doc = (status: number, url = PAGE, headers: [string, string][] = []): Response => ({ url, status, type: 'main_frame', headers, source: 'webRequest' });

describe('headerValues / firstHeader', () => {
  const headers: [string, string][] = [
    ['Set-Cookie', 'a=1'],
    ['X-Other', 'x'],
    ['set-cookie', 'b=2'],
    ['SET-COOKIE', 'c=3, d=4'],
  ];
  it('returns every value of a header in order, matching the name in any case, without splitting', () => {
    expect(headerValues(headers, 'Set-Cookie')).toEqual(['a=1', 'b=2', 'c=3, d=4']);
    expect(headerValues(headers, 'x-OTHER')).toEqual(['x']);
    expect(headerValues(headers, 'missing')).toEqual([]);
  });
  it('firstHeader is the first value or undefined', () => {
    expect(firstHeader(headers, 'set-cookie')).toBe('a=1');
    expect(firstHeader(headers, 'nope')).toBeUndefined();
    expect(firstHeader([['X-Empty', '']], 'x-empty')).toBe('');
  });
});

describe('documentResponse', () => {
  it('is the last top-document response that is not a redirect', () => {
    const ev = evidence({ status: 301, responses: [doc(302, `${PAGE}b`), doc(200, `${PAGE}final`), doc(200, `${PAGE}x.js`, [])] });
    expect(documentResponse(ev)?.url).toBe(`${PAGE}x.js`);
    const ev2 = evidence({ status: 301, responses: [doc(200, `${PAGE}final`), { ...doc(200, `${PAGE}x.js`), type: 'script' }] });
    expect(documentResponse(ev2)?.url).toBe(`${PAGE}final`);
  });
  it('counts 4xx/5xx pages (they are what was served) and falls back to the last redirect', () => {
    expect(documentResponse(evidence({ status: 404 }))?.status).toBe(404);
    expect(documentResponse(evidence({ status: 301, responses: [doc(308, `${PAGE}b`)] }))?.url).toBe(`${PAGE}b`);
  });
  it('is undefined without a top-document response', () => {
    const ev = evidence();
    expect(documentResponse({ ...ev, responses: ev.responses.map((r) => ({ ...r, type: 'sub_frame' as const })) })).toBeUndefined();
  });
});

describe('isHttps / safeUrl / sameOrigin', () => {
  it('isHttps looks at the scheme in any case', () => {
    expect(isHttps('https://a.example/')).toBe(true);
    expect(isHttps('HTTPS://A.EXAMPLE/')).toBe(true);
    expect(isHttps('http://a.example/')).toBe(false);
    expect(isHttps('wss://a.example/')).toBe(false);
    expect(isHttps('')).toBe(false);
  });
  it('safeUrl never throws', () => {
    expect(safeUrl('not a url')).toBeUndefined();
    expect(safeUrl('http://[::1')).toBeUndefined();
    expect(safeUrl('/a?b', PAGE)?.href).toBe('https://app.example.com/a?b');
    expect(safeUrl('x', 'garbage')).toBeUndefined();
  });
  it('sameOrigin compares scheme, host and port', () => {
    expect(sameOrigin('https://app.example.com/a', 'https://APP.example.com:443/b')).toBe(true);
    expect(sameOrigin('https://app.example.com', 'http://app.example.com')).toBe(false);
    expect(sameOrigin('https://app.example.com', 'https://app.example.com:8443')).toBe(false);
    expect(sameOrigin('https://app.example.com', 'https://evil.example.com')).toBe(false);
    expect(sameOrigin('null', 'null')).toBe(false);
  });
});

describe('parseDirectives', () => {
  it('lower-cases names, unquotes values, trims, and keeps the first of duplicates', () => {
    const d = parseDirectives(' Max-Age="300" ;includeSubDomains; ; max-age=5; Foo = bar ');
    expect([...d]).toEqual([
      ['max-age', '300'],
      ['includesubdomains', ''],
      ['foo', 'bar'],
    ]);
  });
  it('returns an empty map for an empty value', () => expect(parseDirectives('').size).toBe(0));
});

describe('showHeader', () => {
  it('shows absent headers and cuts long values', () => {
    expect(showHeader('X-Frame-Options', undefined)).toBe('X-Frame-Options: (absent)');
    expect(showHeader('A', 'b')).toBe('A: b');
    const shown = showHeader('A', 'x'.repeat(500), 10);
    expect(shown).toBe(`A: ${'x'.repeat(10)}…`);
  });
});

// Cases from mutation testing (docs/mutation.md, "Parsers target").
describe('documentResponse: where the redirect range starts and ends', () => {
  const served = (...statuses: number[]) => {
    const [first, ...rest] = statuses;
    return documentResponse(evidence({ status: first, responses: rest.map((s, i) => doc(s, `${PAGE}r${i}`)) }))?.status;
  };
  it('takes the last response outside 300–399, wherever it is in the list', () => {
    expect(served(200, 302)).toBe(200);
    expect(served(200, 302, 307)).toBe(200);
    expect(served(302, 200, 301)).toBe(200);
  });
  it('300 and 399 are redirects; 299 and 400 are pages', () => {
    expect(served(200, 300)).toBe(200);
    expect(served(200, 399)).toBe(200);
    expect(served(200, 299)).toBe(299);
    expect(served(200, 400)).toBe(400);
  });
  it('only redirects: the last of them', () => expect(served(301, 302, 308)).toBe(308));
});

describe('headerValues keeps empty values and never matches a prefix of the name', () => {
  it('matches whole names only', () => {
    const headers: [string, string][] = [
      ['Content-Security-Policy-Report-Only', 'a'],
      ['Content-Security-Policy', ''],
    ];
    expect(headerValues(headers, 'content-security-policy')).toEqual(['']);
    expect(headerValues(headers, 'Content-Security')).toEqual([]);
  });
});

describe('sameOrigin with opaque origins', () => {
  it('two URLs whose origin is opaque ("null": data:, file:) are never the same origin', () => {
    expect(sameOrigin('data:text/html,a', 'data:text/html,a')).toBe(false);
    expect(sameOrigin('file:///a', 'file:///a')).toBe(false);
    expect(sameOrigin('https://app.example.com', 'data:text/html,a')).toBe(false);
  });
  it('one side that does not parse is never the same origin', () => {
    expect(sameOrigin('https://app.example.com', 'no url')).toBe(false);
    expect(sameOrigin('no url', 'https://app.example.com')).toBe(false);
  });
});

describe('parseDirectives, more', () => {
  it('unquotes only a value quoted at both ends, and keeps a valueless directive as ""', () => {
    const d = parseDirectives('a="x"; b="x; c=x"; d="x"y"; e=x"y"; f; g=""; h="x"y');
    expect(Object.fromEntries(d)).toEqual({ a: 'x', b: '"x', c: 'x"', d: 'x"y', e: 'x"y"', f: '', g: '', h: '"x"y' });
  });
  it('keeps "=" inside a value and trims around the first "="', () => {
    expect(Object.fromEntries(parseDirectives('report-to = a=b ; X'))).toEqual({ 'report-to': 'a=b', x: '' });
  });
  it('keeps the first of duplicates even when the first is valueless', () => {
    expect(parseDirectives('preload; PRELOAD=1').get('preload')).toBe('');
  });
});

describe('showHeader, at the bound', () => {
  it('a value of exactly the bound is shown whole; one more character is cut', () => {
    expect(showHeader('A', 'xxxxx', 5)).toBe('A: xxxxx');
    expect(showHeader('A', 'xxxxxy', 5)).toBe('A: xxxxx…');
  });
  it('the default bound is 160 characters', () => {
    expect(showHeader('A', 'x'.repeat(160))).toBe(`A: ${'x'.repeat(160)}`);
    expect(showHeader('A', 'x'.repeat(161))).toBe(`A: ${'x'.repeat(160)}…`);
  });
  it('an empty value is shown as empty, not absent', () => expect(showHeader('A', '')).toBe('A: '));
});
