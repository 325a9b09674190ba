import { describe, expect, it } from 'vitest';
import { bounded, boundedList, CookieSchema, EvidenceSchema, HeaderSchema, HttpResponseSchema, LIMITS } from '@/utils/evidence/evidence';
import { z } from 'zod';
import { cookie, evidence, PAGE } from '../../helpers/evidence';

const raw = () => JSON.parse(JSON.stringify(evidence()));

describe('bounded', () => {
  it('keeps short strings and cuts long ones with an ellipsis', () => {
    expect(bounded(5).parse('abcde')).toBe('abcde');
    expect(bounded(5).parse('abcdef')).toBe('abcd…'); // the bound counts its own ellipsis
    expect(bounded(5).parse('')).toBe('');
  });
  it('rejects non-strings', () => expect(bounded(5).safeParse(5).success).toBe(false));
});

describe('boundedList', () => {
  it('cuts to the maximum and drops invalid entries one by one', () => {
    const list = boundedList(z.number(), 3);
    expect(list.parse([1, 'x', 2, null, 3, 4])).toEqual([1, 2]);
    expect(list.parse([1, 2, 3, 4, 5])).toEqual([1, 2, 3]);
    expect(list.parse([])).toEqual([]);
  });
  it('rejects a non-list', () => expect(boundedList(z.number(), 3).safeParse('1,2').success).toBe(false));
  it('handles 10 000 entries without throwing', () => {
    expect(boundedList(z.string(), LIMITS.cookies).parse(Array.from({ length: 10_000 }, (_, i) => `c${i}`))).toHaveLength(LIMITS.cookies);
  });
});

describe('HeaderSchema and HttpResponseSchema', () => {
  it('cuts a 100 KB header value to the limit', () => {
    const [, v] = HeaderSchema.parse(['X-Big', 'v'.repeat(100_000)]);
    expect(v.length).toBe(LIMITS.headerValue);
    expect(v.endsWith('…')).toBe(true);
  });
  it('keeps header name case, duplicates and order; caps the count', () => {
    const headers = [['A', '1'], ['a', '2'], ['A', '3'], ...Array.from({ length: 500 }, (_, i) => [`X-${i}`, 'x'])];
    const r = HttpResponseSchema.parse({ url: PAGE, status: 200, type: 'main_frame', headers, source: 'webRequest' });
    expect(r.headers.slice(0, 3)).toEqual([
      ['A', '1'],
      ['a', '2'],
      ['A', '3'],
    ]);
    expect(r.headers).toHaveLength(LIMITS.headersPerResponse);
  });
  it('drops a malformed header, keeps the rest; maps an unknown resource type to other', () => {
    const r = HttpResponseSchema.parse({
      url: PAGE,
      status: 200,
      type: 'websocket',
      headers: [['A', '1'], ['B'], [1, 2], 'C: 3', ['D', '4']],
      source: 'refetch',
    });
    expect(r.headers).toEqual([
      ['A', '1'],
      ['D', '4'],
    ]);
    expect(r.type).toBe('other');
  });
  it('rejects an impossible status', () => {
    expect(HttpResponseSchema.safeParse({ url: PAGE, status: 1000, type: 'main_frame', headers: [], source: 'probe' }).success).toBe(false);
  });
});

describe('CookieSchema', () => {
  it('defaults domain and path, maps an odd SameSite to unspecified', () => {
    expect(CookieSchema.parse({ name: 'a', secure: true, httpOnly: false, sameSite: 'no_restriction', source: 'cookies-api' })).toEqual({
      name: 'a',
      domain: '',
      path: '/',
      secure: true,
      httpOnly: false,
      sameSite: 'unspecified',
      source: 'cookies-api',
    });
  });
  it.each([
    ['a non-boolean flag', { secure: 'yes' }],
    ['an infinite expiry', { expires: Infinity }],
    ['an unknown source', { source: 'guess' }],
    ['a missing name', { name: undefined }],
  ])('rejects %s', (_, over) => expect(CookieSchema.safeParse({ ...cookie({ name: 'a' }), ...over }).success).toBe(false));
});

describe('EvidenceSchema', () => {
  it('one invalid cookie does not drop the others', () => {
    const e = EvidenceSchema.parse({
      ...raw(),
      cookies: [cookie({ name: 'good1' }), { name: 'bad', secure: 'maybe' }, null, 'session=1', cookie({ name: 'good2' })],
    });
    expect(e.cookies.map((c) => c.name)).toEqual(['good1', 'good2']);
  });

  it('never throws on 10 000-entry lists: every list is cut to its limit', () => {
    const many = <T>(n: number, f: (i: number) => T) => Array.from({ length: n }, (_, i) => f(i));
    const input = {
      ...raw(),
      responses: many(10_000, (i) => ({ url: `${PAGE}${i}`, status: 200, type: 'fetch', headers: [], source: 'webRequest' })),
      cookies: many(10_000, (i) => cookie({ name: `c${i}` })),
      gaps: many(10_000, (i) => ({ collector: 'x', message: `m${i}` })),
      page: {
        ...raw().page,
        scripts: many(10_000, (i) => ({ src: `https://cdn.example.net/${i}.js` })),
        meta: many(10_000, () => ({ name: 'x', content: 'y' })),
        iframes: many(10_000, () => ({ src: 'https://x.example/' })),
        forms: many(10_000, () => ({ action: '/', method: 'get', hasPassword: false })),
        mixedContent: many(10_000, () => ({ tag: 'img', url: 'http://x.example/a.png' })),
        resources: many(10_000, (i) => `https://x.example/${i}`),
      },
    };
    const e = EvidenceSchema.parse(input);
    expect(e.responses).toHaveLength(LIMITS.responses);
    expect(e.cookies).toHaveLength(LIMITS.cookies);
    expect(e.gaps).toHaveLength(50);
    expect(e.page!.scripts).toHaveLength(LIMITS.scripts);
    expect(e.page!.meta).toHaveLength(LIMITS.meta);
    expect(e.page!.iframes).toHaveLength(LIMITS.iframes);
    expect(e.page!.forms).toHaveLength(LIMITS.forms);
    expect(e.page!.mixedContent).toHaveLength(LIMITS.mixed);
    expect(e.page!.resources).toHaveLength(300);
  });

  it('cuts long strings everywhere (URL, meta content, cookie name, global values)', () => {
    const long = 'x'.repeat(100_000);
    const e = EvidenceSchema.parse({
      ...raw(),
      url: `https://app.example.com/${long}`,
      cookies: [cookie({ name: long })],
      globals: { bubble_version: long },
      page: { ...raw().page, meta: [{ name: 'generator', content: long }] },
    });
    expect(e.url.length).toBe(LIMITS.url);
    expect(e.cookies[0]!.name.length).toBe(256);
    expect(e.globals.bubble_version).toHaveLength(128);
    expect(e.page!.meta[0]!.content.length).toBe(LIMITS.headerValue);
  });

  it('fills defaults for optional parts', () => {
    const { page: _page, globals: _globals, ...rest } = raw();
    const e = EvidenceSchema.parse(rest);
    expect(e.page).toBeUndefined();
    expect(e.globals).toEqual({});
  });

  it('fails (without throwing under safeParse) on a wrong top-level shape', () => {
    expect(EvidenceSchema.safeParse({ ...raw(), responses: 'nope' }).success).toBe(false);
    expect(EvidenceSchema.safeParse({ ...raw(), collectedAt: 'now' }).success).toBe(false);
    expect(EvidenceSchema.safeParse(null).success).toBe(false);
  });
});
