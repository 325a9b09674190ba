import { LIMITS, clip } from '@/utils/evidence/evidence';
import { describe, expect, it } from 'vitest';
import { HSTS_RECOMMENDED, hstsFix, ONE_YEAR, pageHsts, parseHsts } from '@/utils/http/hsts';
import { evidence } from '../../helpers/evidence';

describe('parseHsts', () => {
  it('absent header', () => expect(parseHsts(undefined)).toEqual({ state: 'absent' }));

  it('valid header with every directive, in any case and order', () => {
    expect(parseHsts('preload; INCLUDESUBDOMAINS; Max-Age=63072000')).toEqual({
      state: 'valid',
      raw: 'preload; INCLUDESUBDOMAINS; Max-Age=63072000',
      maxAge: 63_072_000,
      includeSubDomains: true,
      preload: true,
    });
  });

  it('accepts a quoted max-age and max-age=0', () => {
    expect(parseHsts('max-age="31536000"')).toMatchObject({ state: 'valid', maxAge: ONE_YEAR, includeSubDomains: false, preload: false });
    expect(parseHsts('max-age=0')).toMatchObject({ state: 'valid', maxAge: 0 });
  });

  it.each([
    ['includeSubDomains', 'no max-age directive'],
    ['', 'no max-age directive'],
    ['max-age=-1', 'max-age "-1" is not a number'],
    ['max-age=1.5', 'is not a number'],
    ['max-age=', 'is not a number'],
    ['max-age=forever', 'is not a number'],
    ['max-age=1e9', 'is not a number'],
  ])('%j is invalid (%s)', (raw, reason) => {
    const h = parseHsts(raw);
    expect(h.state).toBe('invalid');
    if (h.state === 'invalid') expect(h.reason).toContain(reason);
  });

  it('keeps the reason short for an enormous value', () => {
    const h = parseHsts(`max-age=${'9'.repeat(100_000)}x`);
    expect(h.state === 'invalid' && h.reason.length).toBeLessThan(80);
  });

  it('a value cut at the evidence bound: directives after the cut are not read, and the result says so', () => {
    const cut = (v: string) => clip(v, LIMITS.headerValue);
    expect(parseHsts(cut(`max-age=31536000; ${'x'.repeat(9000)}; includeSubDomains`))).toMatchObject({ state: 'valid', includeSubDomains: false, cut: true });
    expect(parseHsts(cut(`${'x'.repeat(9000)}; max-age=31536000`))).toMatchObject({ state: 'cut' });
    // Exactly at the bound but not cut (no ellipsis): read as is.
    expect(parseHsts(`max-age=31536000; ${'x'.repeat(LIMITS.headerValue - 18)}`)).not.toHaveProperty('cut');
  });

  it('a max-age of 13+ digits is clamped by browsers (valid), not invalid', () => {
    expect(parseHsts('max-age=99999999999999999999')).toMatchObject({ state: 'valid', maxAge: Number.MAX_SAFE_INTEGER });
  });
  it('a duplicated directive or a valued includeSubDomains makes browsers ignore the header (RFC 6797 §6.1)', () => {
    expect(parseHsts('max-age=31536000; includeSubDomains; includeSubDomains')).toMatchObject({ state: 'invalid', reason: expect.stringContaining('twice') });
    expect(parseHsts('max-age=1; max-age=31536000')).toMatchObject({ state: 'invalid' });
    expect(parseHsts('max-age=31536000; includeSubDomains=true')).toMatchObject({ state: 'invalid', reason: expect.stringContaining('no value') });
  });

  it('ignores unknown directives', () => {
    expect(parseHsts('max-age=31536000; foo=bar; baz')).toMatchObject({ state: 'valid', maxAge: ONE_YEAR });
  });
});

describe('pageHsts', () => {
  it('reads the first header of the HTTPS page', () => {
    const ev = evidence({
      headers: [
        ['strict-transport-security', 'max-age=5'],
        ['Strict-Transport-Security', HSTS_RECOMMENDED],
      ],
    });
    expect(pageHsts(ev)).toMatchObject({ state: 'valid', maxAge: 5 });
  });
  it('is absent on an HTTPS page without the header', () => expect(pageHsts(evidence())).toEqual({ state: 'absent' }));
  it('does not apply to a plain-HTTP page (browsers ignore it there)', () => {
    expect(pageHsts(evidence({ url: 'http://app.example.com/', headers: [['Strict-Transport-Security', HSTS_RECOMMENDED]] }))).toBeUndefined();
  });
  it('does not apply without a document response', () => {
    const ev = evidence();
    expect(pageHsts({ ...ev, responses: [] })).toBeUndefined();
  });
});

describe('hstsFix', () => {
  it('recommends a value that parses as valid, one year, with includeSubDomains', () => {
    expect(parseHsts(HSTS_RECOMMENDED)).toMatchObject({ state: 'valid', maxAge: ONE_YEAR, includeSubDomains: true });
    expect(hstsFix.snippet?.code).toBe(`Strict-Transport-Security: ${HSTS_RECOMMENDED}`);
  });
  it('has host variants and builder notes without snippets', () => {
    expect(Object.keys(hstsFix.platforms ?? {})).toEqual(
      expect.arrayContaining(['netlify', 'vercel', 'cloudflare', 'firebase-hosting', 'server', 'bubble', 'webflow']),
    );
    expect(hstsFix.platforms?.bubble?.snippet).toBeUndefined();
  });
});
