import { describe, expect, it } from 'vitest';
import { fingerprint } from '@/engine/engine';
import rule from '@/rules/headers/clickjacking-unprotected';
import { PAGE, evidence } from '../../helpers/evidence';
import { fixHeaders } from '../../helpers/fix-guide';
import { describeRule, findingsOf } from '../../helpers/rule-cases';

const CSP = 'Content-Security-Policy';
const XFO = 'X-Frame-Options';

describeRule(rule, {
  flagged: [
    {
      name: 'neither X-Frame-Options nor frame-ancestors',
      evidence: evidence(),
      messages: ['unprotected'],
      severity: 'medium',
      check: ([f]) => expect(f!.message).toContain('no X-Frame-Options, no frame-ancestors'),
    },
    { name: 'obsolete ALLOW-FROM', evidence: evidence({ headers: [[XFO, 'ALLOW-FROM https://partner.example']] }), messages: ['unprotected'] },
    { name: 'ALLOWALL', evidence: evidence({ headers: [[XFO, 'ALLOWALL']] }), messages: ['unprotected'] },
    {
      name: 'frame-ancestors https://* (a wildcard host) is as open as https:',
      evidence: evidence({ headers: [[CSP, 'frame-ancestors https://*']] }),
      messages: ['unprotected'],
    },
    { name: 'frame-ancestors *:443', evidence: evidence({ headers: [[CSP, 'frame-ancestors *:443']] }), messages: ['unprotected'] },
    { name: 'quoted value is not a keyword', evidence: evidence({ headers: [[XFO, '"DENY"']] }), messages: ['unprotected'] },
    {
      name: 'several values, none of them DENY or SAMEORIGIN',
      evidence: evidence({
        headers: [
          [XFO, 'ALLOW-FROM https://a.example'],
          [XFO, 'FOO'],
        ],
      }),
      messages: ['unprotected'],
    },
    { name: 'frame-ancestors * lets every site frame the page', evidence: evidence({ headers: [[CSP, 'frame-ancestors *']] }), messages: ['unprotected'] },
    { name: 'frame-ancestors with a scheme-only source', evidence: evidence({ headers: [[CSP, "frame-ancestors 'self' https:"]] }), messages: ['unprotected'] },
    {
      name: 'a permissive frame-ancestors overrides X-Frame-Options (browsers then ignore X-Frame-Options)',
      evidence: evidence({
        headers: [
          [CSP, 'frame-ancestors *'],
          [XFO, 'DENY'],
        ],
      }),
      messages: ['unprotected'],
    },
    {
      name: 'frame-ancestors in a <meta> policy is ignored by browsers',
      evidence: evidence({ page: { meta: [{ httpEquiv: 'Content-Security-Policy', content: "frame-ancestors 'none'" }] } }),
      messages: ['unprotected'],
    },
    {
      name: 'X-Frame-Options in a <meta> tag has no effect',
      evidence: evidence({ page: { meta: [{ httpEquiv: 'X-Frame-Options', content: 'DENY' }] } }),
      messages: ['unprotected'],
    },
    {
      name: 'X-Frame-Options only on a subresource',
      evidence: evidence({
        responses: [{ url: 'https://app.example.com/embed', status: 200, type: 'sub_frame', headers: [[XFO, 'DENY']], source: 'webRequest' }],
      }),
      messages: ['unprotected'],
    },
    {
      name: '100 KB garbage value',
      evidence: evidence({ headers: [[XFO, 'x'.repeat(100_000)]] }),
      messages: ['unprotected'],
      check: ([f]) => expect(f!.evidence.length).toBeLessThanOrEqual(301),
    },
  ],
  clean: [
    { name: 'X-Frame-Options: DENY', evidence: evidence({ headers: [[XFO, 'DENY']] }) },
    { name: 'sameorigin in lower case with spaces, header name in odd case', evidence: evidence({ headers: [['x-frame-OPTIONS', '  sameorigin ']] }) },
    {
      name: 'the same value duplicated',
      evidence: evidence({
        headers: [
          [XFO, 'DENY'],
          [XFO, 'deny'],
        ],
      }),
    },
    { name: 'comma-joined duplicates', evidence: evidence({ headers: [[XFO, 'SAMEORIGIN, SAMEORIGIN']] }) },
    {
      name: 'conflicting DENY and SAMEORIGIN (browsers then block all framing)',
      evidence: evidence({
        headers: [
          [XFO, 'DENY'],
          [XFO, 'SAMEORIGIN'],
        ],
      }),
    },
    { name: "frame-ancestors 'none'", evidence: evidence({ headers: [[CSP, "default-src 'self'; frame-ancestors 'none'"]] }) },
    { name: 'frame-ancestors listing a partner site', evidence: evidence({ headers: [[CSP, "frame-ancestors 'self' https://partner.example"]] }) },
    { name: 'an empty frame-ancestors list matches nothing', evidence: evidence({ headers: [[CSP, "default-src 'self'; frame-ancestors"]] }) },
    {
      name: 'frame-ancestors wins over a permissive X-Frame-Options',
      evidence: evidence({
        headers: [
          [CSP, "frame-ancestors 'self'"],
          [XFO, 'ALLOWALL'],
        ],
      }),
    },
    {
      name: 'restrictive frame-ancestors in one of several header policies',
      evidence: evidence({
        headers: [
          [CSP, 'frame-ancestors *'],
          [CSP, "frame-ancestors 'none'"],
        ],
      }),
    },
  ],
  fixed: [
    { name: 'both headers from the fix guide snippet', before: evidence(), after: evidence({ headers: fixHeaders(rule) }) },
    { name: 'the Netlify variant (X-Frame-Options: SAMEORIGIN)', before: evidence(), after: evidence({ headers: fixHeaders(rule, 'netlify') }) },
    { name: 'the own-server (nginx) variant', before: evidence({ headers: [[XFO, 'ALLOWALL']] }), after: evidence({ headers: fixHeaders(rule, 'server') }) },
  ],
});

// Found by mutation testing (docs/mutation.md): where the finding points and its stable identity.
describe('clickjacking-unprotected, cases from mutation testing', () => {
  it('points at the X-Frame-Options header of the page, with one identity per page', () => {
    const [f] = findingsOf(rule, evidence());
    expect(f!.location).toEqual({ kind: 'header', name: XFO, url: PAGE });
    expect(f!.evidence.length).toBeGreaterThan(0);
    expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, new URL(PAGE).origin, 'frame'));
  });
});
