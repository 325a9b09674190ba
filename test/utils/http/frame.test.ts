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
