import { describe, expect, it } from 'vitest';
import { frameProtection } from '@/utils/http/frame';
import { evidence } from '../../helpers/evidence';

const XFO = 'X-Frame-Options';
const CSP = 'Content-Security-Policy';
const protectedBy = (headers: [string, string][], meta: { httpEquiv: string; content: string }[] = []) =>
  frameProtection(evidence({ headers, page: { meta } }));

describe('frameProtection: X-Frame-Options', () => {
  it.each([
    ['DENY', true],
    ['SAMEORIGIN', true],
    [' deny ', true],
    ['sameOrigin', true],
    ['ALLOW-FROM https://partner.example', false],
    ['ALLOWALL', false],
    ['"DENY"', false],
    ['', false],
    ['DENY, DENY', true],
  ])('%j → protected %s', (value, expected) => expect(protectedBy([[XFO, value]]).protected).toBe(expected));

  it('duplicated equal headers protect', () =>
    expect(
      protectedBy([
        [XFO, 'DENY'],
        ['x-frame-options', 'deny'],
      ]).protected,
    ).toBe(true));

  it('conflicting values block all framing when one is DENY, SAMEORIGIN or ALLOWALL (HTML spec)', () => {
    expect(
      protectedBy([
        [XFO, 'DENY'],
        [XFO, 'SAMEORIGIN'],
      ]).protected,
    ).toBe(true);
    expect(protectedBy([[XFO, 'SAMEORIGIN, INVALID']]).protected).toBe(true);
    expect(
      protectedBy([
        [XFO, 'ALLOWALL'],
        [XFO, 'garbage'],
      ]).protected,
    ).toBe(true);
    const p = protectedBy([
      [XFO, 'DENY'],
      [XFO, 'SAMEORIGIN'],
    ]);
    expect(p.detail).toContain('conflicting');
  });

  it('several values none of which is a keyword are ignored', () => {
    expect(
      protectedBy([
        [XFO, 'foo'],
        [XFO, 'bar'],
      ]).protected,
    ).toBe(false);
  });

  it('explains what it saw', () => {
    expect(protectedBy([]).detail).toBe('no X-Frame-Options, no frame-ancestors');
    expect(protectedBy([[XFO, 'ALLOWALL']]).detail).toBe('X-Frame-Options: ALLOWALL (not DENY or SAMEORIGIN)');
    expect(protectedBy([[XFO, 'DENY']]).detail).toBe('X-Frame-Options: DENY');
  });

  it('an X-Frame-Options <meta> tag does nothing', () => {
    expect(protectedBy([], [{ httpEquiv: XFO, content: 'DENY' }]).protected).toBe(false);
  });
});

describe('frameProtection: CSP frame-ancestors', () => {
  it.each([
    ["frame-ancestors 'none'", true],
    ["frame-ancestors 'self'", true],
    ["frame-ancestors 'self' https://partner.example", true],
    ['frame-ancestors', true],
    ['frame-ancestors *', false],
    ["frame-ancestors 'self' https:", false],
    ['frame-ancestors HTTP:', false],
    ['frame-ancestors data:', false],
  ])('%j → protected %s', (value, expected) => expect(protectedBy([[CSP, value]]).protected).toBe(expected));

  it('is ignored in a <meta> policy', () => {
    expect(protectedBy([], [{ httpEquiv: CSP, content: "frame-ancestors 'none'" }]).protected).toBe(false);
  });

  it('takes precedence over X-Frame-Options either way', () => {
    expect(
      protectedBy([
        [CSP, "frame-ancestors 'self'"],
        [XFO, 'ALLOWALL'],
      ]).protected,
    ).toBe(true);
    const open = protectedBy([
      [CSP, 'frame-ancestors *'],
      [XFO, 'DENY'],
    ]);
    expect(open.protected).toBe(false);
    expect(open.detail).toContain('X-Frame-Options is ignored');
  });

  it('a <meta> frame-ancestors does not switch X-Frame-Options off', () => {
    expect(protectedBy([[XFO, 'DENY']], [{ httpEquiv: CSP, content: 'frame-ancestors *' }]).protected).toBe(true);
  });

  it('any restrictive header policy protects, whatever the others say', () => {
    expect(protectedBy([[CSP, 'frame-ancestors *, frame-ancestors https://a.example']]).protected).toBe(true);
    expect(
      protectedBy([
        [CSP, 'frame-ancestors *'],
        [CSP, "frame-ancestors 'none'"],
      ]).detail,
    ).toBe("frame-ancestors 'none'");
  });
});

// Cases from mutation testing (docs/mutation.md, "Parsers target"): wildcard sources of every shape (CSP3 host-source
// grammar), the exact detail shown to the user, and pages without a document response.
describe('frameProtection: wildcard frame-ancestors sources', () => {
  it.each([
    ['frame-ancestors https://*', false],
    ['frame-ancestors *:443', false],
    ['frame-ancestors https://*:*', false],
    ['frame-ancestors http://*/', false],
    ['frame-ancestors blob:', false],
    ['frame-ancestors BLOB:', false],
    ["frame-ancestors 'self' *", false],
    ['frame-ancestors https://*.example.com', true],
    ['frame-ancestors https://partner.example:*', true],
    // A scheme that only ends like a network scheme is not one.
    ["frame-ancestors 'self' xhttps:", true],
    ["frame-ancestors 'self' web+data:", true],
  ])('%j → protected %s', (value, expected) => expect(protectedBy([[CSP, value]]).protected).toBe(expected));
});

describe('frameProtection: what it says', () => {
  it('names the protecting frame-ancestors sources as sent', () => {
    expect(protectedBy([[CSP, "frame-ancestors 'self' https://Partner.example"]]).detail).toBe("frame-ancestors 'self' https://Partner.example");
    expect(protectedBy([[CSP, "default-src 'self'; frame-ancestors"]])).toEqual({ protected: true, detail: 'frame-ancestors ' });
  });
  it('names the first open frame-ancestors and says X-Frame-Options is ignored', () => {
    expect(
      protectedBy([
        [CSP, 'frame-ancestors https: *'],
        [CSP, 'frame-ancestors *'],
      ]),
    ).toEqual({ protected: false, detail: 'frame-ancestors https: * (X-Frame-Options is ignored when frame-ancestors is set)' });
  });
  it('conflicting X-Frame-Options values are listed, upper-cased, once each', () => {
    expect(
      protectedBy([
        [XFO, 'deny'],
        [XFO, 'SAMEORIGIN, deny'],
      ]),
    ).toEqual({ protected: true, detail: 'X-Frame-Options: DENY, SAMEORIGIN (conflicting values: browsers block all framing)' });
  });
  it('a keyword with an empty list item is one value', () => {
    expect(protectedBy([[XFO, 'sameorigin,']])).toEqual({ protected: true, detail: 'X-Frame-Options: SAMEORIGIN' });
  });
  it('several unprotecting values are shown as sent', () => {
    expect(
      protectedBy([
        [XFO, 'foo'],
        [XFO, 'Bar'],
      ]),
    ).toEqual({ protected: false, detail: 'X-Frame-Options: foo, Bar (not DENY or SAMEORIGIN)' });
    expect(protectedBy([[XFO, 'ALLOW-FROM https://a.example, DENY']]).protected).toBe(true);
  });
});

describe('frameProtection without a document response', () => {
  it('no header to read: unprotected, and says so', () => {
    const e = evidence({ headers: [[XFO, 'DENY']] });
    const scriptOnly = {
      ...e,
      responses: [
        {
          url: 'https://app.example.com/app.js',
          status: 200,
          type: 'script' as const,
          headers: [[XFO, 'DENY']] as [string, string][],
          source: 'webRequest' as const,
        },
      ],
    };
    expect(frameProtection(scriptOnly)).toEqual({ protected: false, detail: 'no X-Frame-Options, no frame-ancestors' });
  });
});
