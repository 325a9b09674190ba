import { LIMITS, clip } from '@/utils/evidence/evidence';
import { describe, expect, it } from 'vitest';
import { HSTS_RECOMMENDED, hstsFix, ONE_YEAR, pageHsts, parseHsts, preloadedHost, preloadExplanation, SIX_MONTHS } from '@/utils/http/hsts';
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

// Cases from mutation testing (docs/mutation.md, "Parsers target"): each pins one way the parser could go wrong.
describe('parseHsts, directive by directive (RFC 6797 §6.1)', () => {
  const valid = (raw: string) => {
    const h = parseHsts(raw);
    expect(h.state, raw).toBe('valid');
    return h as Extract<ReturnType<typeof parseHsts>, { state: 'valid' }>;
  };
  const invalid = (raw: string) => {
    const h = parseHsts(raw);
    expect(h.state, raw).toBe('invalid');
    return h as Extract<ReturnType<typeof parseHsts>, { state: 'invalid' }>;
  };

  it('keeps the header as received in every state', () => {
    expect(valid(' max-age=1 ').raw).toBe(' max-age=1 ');
    expect(invalid('max-age=x').raw).toBe('max-age=x');
  });

  it('skips empty directives and spaces around names, values and the equals sign', () => {
    expect(valid(';max-age=300;; ; includeSubDomains;')).toMatchObject({ maxAge: 300, includeSubDomains: true, preload: false });
    expect(valid('max-age = 300 ;preload')).toMatchObject({ maxAge: 300, includeSubDomains: false, preload: true });
    expect(valid('\tmax-age=300\t')).toMatchObject({ maxAge: 300 });
    // Blank directives (only spaces) are empty too, however many.
    expect(valid('max-age=300; ; \t;  ')).toMatchObject({ maxAge: 300 });
  });

  it('reads directive names in any case, and only includeSubDomains and preload as the flags', () => {
    expect(valid('MAX-AGE=10; IncludeSubdomains')).toMatchObject({ maxAge: 10, includeSubDomains: true, preload: false });
    expect(valid('max-age=10; PRELOAD')).toMatchObject({ includeSubDomains: false, preload: true });
    // Near misses are unknown directives: ignored, not flags.
    expect(valid('max-age=10; includeSubDomain; preloaded; include-subdomains')).toMatchObject({ includeSubDomains: false, preload: false });
    expect(invalid('maxage=10').reason).toBe('no max-age directive');
    expect(invalid('max_age=10').reason).toBe('no max-age directive');
  });

  it('a max-age without a value is no max-age', () => {
    expect(invalid('max-age').reason).toBe('no max-age directive');
    expect(invalid('max-age; includeSubDomains').reason).toBe('no max-age directive');
  });

  it('unquotes only a value quoted at both ends', () => {
    expect(valid('max-age="300"; includeSubDomains').maxAge).toBe(300);
    expect(valid('max-age = "7"').maxAge).toBe(7);
    expect(invalid('max-age="300').reason).toBe('max-age ""300" is not a number');
    expect(invalid('max-age=300"').reason).toBe('max-age "300"" is not a number');
    expect(invalid('max-age="3"00"').reason).toContain('is not a number');
    expect(invalid('max-age=3"00"').reason).toContain('is not a number');
    expect(invalid('max-age="300"5').reason).toBe('max-age ""300"5" is not a number');
    expect(invalid("max-age='300'").reason).toContain('is not a number');
    expect(invalid('max-age=""').reason).toBe('max-age "" is not a number');
  });

  it('max-age is digits only: no sign, space inside, unit or hex', () => {
    for (const raw of ['max-age=+300', 'max-age=3 00', 'max-age=300s', 'max-age=0x10', 'max-age=300a', 'max-age=a300', 'max-age=-0']) {
      expect(invalid(raw).reason, raw).toMatch(/^max-age ".*" is not a number$/);
    }
    expect(valid('max-age=007').maxAge).toBe(7);
    expect(valid('max-age=15552000').maxAge).toBe(15_552_000);
  });

  it('names the repeated directive, in lower case, whatever the case it was sent in', () => {
    expect(invalid('max-age=1; MAX-AGE=1').reason).toBe('the max-age directive appears twice');
    expect(invalid('max-age=1; preload; Preload').reason).toBe('the preload directive appears twice');
    expect(invalid('max-age=1; includeSubDomains; INCLUDESUBDOMAINS').reason).toBe('the includesubdomains directive appears twice');
    // An unknown directive twice breaks the rule too.
    expect(invalid('max-age=1; foo; foo=2').reason).toBe('the foo directive appears twice');
  });

  it('includeSubDomains and preload take no value, whatever the value', () => {
    expect(invalid('max-age=1; includeSubDomains="true"').reason).toBe('includeSubDomains takes no value');
    expect(invalid('max-age=1; preload=yes').reason).toBe('preload takes no value');
    expect(invalid('preload=1; max-age=1; includeSubDomains').reason).toBe('preload takes no value');
    // A valued unknown directive is fine.
    expect(valid('max-age=1; report-uri="https://r.example/"')).toMatchObject({ maxAge: 1 });
  });

  it('checks max-age before the flags', () => {
    expect(invalid('max-age=x; preload=1').reason).toBe('max-age "x" is not a number');
  });
});

describe('parseHsts, a value the evidence cut', () => {
  const cut = (v: string) => clip(v, LIMITS.headerValue);

  it('a cut value is one of exactly the evidence bound that ends with the ellipsis', () => {
    const long = `max-age=31536000; includeSubDomains; ${'x'.repeat(9000)}`;
    expect(cut(long)).toHaveLength(LIMITS.headerValue);
    expect(parseHsts(cut(long))).toEqual({ state: 'valid', raw: cut(long), maxAge: ONE_YEAR, includeSubDomains: true, preload: false, cut: true });
    // One character shorter, the same ending: a value as sent, read whole (the last directive is "x…", unknown).
    const shorter = `${cut(long).slice(0, -2)}…`;
    expect(parseHsts(shorter)).toEqual({ state: 'valid', raw: shorter, maxAge: ONE_YEAR, includeSubDomains: true, preload: false });
  });

  it('the directive the cut falls in is not read, even when it would parse', () => {
    // The kept part ends in a long max-age value: read whole it would be a number.
    const value = cut(`includeSubDomains; max-age=${'1'.repeat(9000)}`);
    expect(parseHsts(value)).toEqual({ state: 'cut', raw: value });
  });

  it('a cut value with no ";" at all has nothing read: cut, not invalid', () => {
    const value = cut(`max-age=${'1'.repeat(9000)}`);
    expect(parseHsts(value)).toEqual({ state: 'cut', raw: value });
  });

  it('a cut value whose read part has a bad max-age is invalid, not cut', () => {
    const value = cut(`max-age=soon; ${'x'.repeat(9000)}`);
    expect(parseHsts(value)).toMatchObject({ state: 'invalid', reason: 'max-age "soon" is not a number' });
  });
});

describe('pageHsts: which response', () => {
  it('reads the page that was served after redirects, not the redirect', () => {
    const ev = evidence({
      headers: [['Strict-Transport-Security', 'max-age=100']],
      status: 301,
      responses: [
        { url: 'https://app.example.com/home', status: 200, type: 'main_frame', headers: [['Strict-Transport-Security', 'max-age=200']], source: 'webRequest' },
      ],
    });
    expect(pageHsts(ev)).toMatchObject({ state: 'valid', maxAge: 200 });
  });
  it('does not read a subresource’s header', () => {
    const ev = evidence({
      responses: [
        { url: 'https://app.example.com/app.js', status: 200, type: 'script', headers: [['Strict-Transport-Security', 'max-age=200']], source: 'webRequest' },
      ],
    });
    expect(pageHsts(ev)).toEqual({ state: 'absent' });
  });
});

describe('preloadedHost / preloadExplanation', () => {
  it('finds the preload entry covering the audited host', () => {
    expect(preloadedHost(evidence({ url: 'https://my-app.netlify.app/page' }))).toEqual({
      host: 'my-app.netlify.app',
      entry: { name: 'app', source: 'chromium@007cea81' },
    });
    expect(preloadedHost(evidence({ url: 'https://x.now.sh/' }))?.entry.name).toBe('now.sh');
  });
  it('is undefined for a host outside the list, or a URL that does not parse', () => {
    expect(preloadedHost(evidence({ url: 'https://app.example.com/' }))).toBeUndefined();
    expect(preloadedHost({ ...evidence(), url: 'not a url' })).toBeUndefined();
  });
  it('says which names the entry covers: every name of a TLD, a wildcard under a suffix', () => {
    expect(preloadExplanation({ host: 'my-app.netlify.app', entry: { name: 'app', source: 'chromium@007cea81' } })).toBe(
      "my-app.netlify.app is covered by the browsers' HSTS preload list (every .app name, includeSubDomains), so browsers never load it over plain HTTP, whatever this header says; nothing to fix for visitors, worth setting only for other clients",
    );
    expect(preloadExplanation({ host: 'x.now.sh', entry: { name: 'now.sh', source: 'chromium@007cea81' } })).toContain('(*.now.sh, includeSubDomains)');
  });
});

describe('hstsFix variants', () => {
  it('every variant has real steps and an https link; Bubble and Webflow name their own settings', () => {
    const variants = [hstsFix, ...Object.values(hstsFix.platforms ?? {})];
    for (const v of variants) {
      expect(v.steps.length).toBeGreaterThan(0);
      for (const s of v.steps) expect(s.trim().length).toBeGreaterThan(5);
      expect(v.docs).toMatch(/^https:\/\//);
    }
    expect(hstsFix.docs).toBe('https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Strict-Transport-Security');
    expect(hstsFix.snippet).toEqual({ language: 'text', code: `Strict-Transport-Security: ${HSTS_RECOMMENDED}` });
    expect(hstsFix.platforms?.bubble?.docs).toBe('https://manual.bubble.io/core-resources/bubbles-interface/settings-tab');
    expect(hstsFix.platforms?.webflow?.docs).toBe('https://university.webflow.com/lesson/advanced-publishing-options');
    expect(hstsFix.summary).toBe(`Send \`Strict-Transport-Security: ${HSTS_RECOMMENDED}\` on every HTTPS response.`);
    expect(hstsFix.steps[1]).toBe(`Add the header \`Strict-Transport-Security\` with value \`${HSTS_RECOMMENDED}\`.`);
    expect(hstsFix.platforms?.webflow?.steps.join(' ')).toContain('Enable HSTS');
    expect(hstsFix.platforms?.bubble?.steps.join(' ')).toContain('Bubble sets the HSTS header');
    expect(hstsFix.platforms?.netlify?.snippet?.code).toContain(`Strict-Transport-Security: ${HSTS_RECOMMENDED}`);
  });
  it('the recommended value meets the six-month minimum', () => {
    const h = parseHsts(HSTS_RECOMMENDED);
    expect(h.state === 'valid' && h.maxAge >= SIX_MONTHS).toBe(true);
    expect(SIX_MONTHS).toBe(180 * 24 * 3600);
    expect(ONE_YEAR).toBe(365 * 24 * 3600);
  });
});
