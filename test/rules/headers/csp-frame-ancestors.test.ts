import { describe, expect, it } from 'vitest';
import { fingerprint } from '@/engine/engine';
import rule from '@/rules/headers/csp-frame-ancestors';
import { PAGE, evidence } from '../../helpers/evidence';
import { fixHeaders } from '../../helpers/fix-guide';
import { describeRule, findingsOf } from '../../helpers/rule-cases';

const CSP = 'Content-Security-Policy';
const XFO = 'X-Frame-Options';
const metaCsp = (content: string) => ({ httpEquiv: 'Content-Security-Policy', content });

describeRule(rule, {
  flagged: [
    {
      name: 'policy without frame-ancestors, page protected by X-Frame-Options only',
      evidence: evidence({
        headers: [
          [CSP, "default-src 'self'"],
          [XFO, 'DENY'],
        ],
      }),
      messages: ['missing'],
      // Issue 9: X-Frame-Options protects the page, so this is advice (info); was low.
      severity: 'info',
    },
    {
      name: 'frame-ancestors only in a <meta> policy, where browsers ignore it',
      evidence: evidence({ page: { meta: [metaCsp("default-src 'self'; frame-ancestors 'none'")] } }),
      messages: ['metaOnly'],
      severity: 'low',
    },
    {
      name: 'a page that fakes frame-ancestors in <meta> next to a header policy without it',
      evidence: evidence({
        headers: [
          [CSP, "default-src 'self'"],
          [XFO, 'SAMEORIGIN'],
        ],
        page: { meta: [metaCsp("frame-ancestors 'none'")] },
      }),
      messages: ['metaOnly'],
      severity: 'info',
    },
    {
      name: 'X-Frame-Options header name in odd case',
      evidence: evidence({
        headers: [
          [CSP, "script-src 'self'"],
          ['x-FRAME-options', 'sameorigin'],
        ],
      }),
      messages: ['missing'],
    },
  ],
  clean: [
    { name: "frame-ancestors 'self' in the header", evidence: evidence({ headers: [[CSP, "default-src 'self'; frame-ancestors 'self'"]] }) },
    {
      name: 'frame-ancestors in a second header policy',
      evidence: evidence({
        headers: [
          [CSP, "default-src 'self'"],
          [CSP, "frame-ancestors 'none'"],
        ],
      }),
    },
    { name: 'frame-ancestors in the second of comma-joined policies', evidence: evidence({ headers: [[CSP, "default-src 'self', frame-ancestors 'none'"]] }) },
    { name: 'no policy at all (csp-missing reports it)', evidence: evidence({ headers: [[XFO, 'DENY']] }) },
    {
      name: 'policy without frame-ancestors and no X-Frame-Options (clickjacking-unprotected reports it)',
      evidence: evidence({ headers: [[CSP, "default-src 'self'"]] }),
    },
    {
      name: 'X-Frame-Options that does not protect (ALLOWALL) is left to clickjacking-unprotected',
      evidence: evidence({
        headers: [
          [CSP, "default-src 'self'"],
          [XFO, 'ALLOWALL'],
        ],
      }),
    },
  ],
  fixed: [
    {
      name: 'sending the fix guide policy as a header',
      before: evidence({
        headers: [
          [CSP, "default-src 'self'"],
          [XFO, 'DENY'],
        ],
      }),
      after: evidence({ headers: [...fixHeaders(rule), [XFO, 'DENY']] }),
    },
    {
      name: 'moving frame-ancestors from <meta> to the header (Netlify variant)',
      before: evidence({ page: { meta: [metaCsp("frame-ancestors 'none'")] } }),
      after: evidence({ headers: fixHeaders(rule, 'netlify') }),
    },
  ],
});

it('offers no <meta> variant (a <meta> policy cannot carry frame-ancestors, so following it would not clear this)', () => {
  for (const builder of ['bubble', 'webflow', 'softr'] as const) expect(rule.meta.fix.platforms?.[builder]).toBeUndefined();
});

// Found by mutation testing (docs/mutation.md): both messages in full, evidence, location, identity, severities
// (info while X-Frame-Options protects, low for a <meta>-only frame-ancestors on an unprotected page).
describe('csp-frame-ancestors, cases from mutation testing', () => {
  it('missing: message, evidence, location, identity in full', () => {
    const ev = evidence({
      headers: [
        [CSP, "default-src 'self'"],
        [XFO, 'DENY'],
      ],
    });
    const [f, ...rest] = findingsOf(rule, ev);
    expect(rest).toEqual([]);
    expect(f!.message).toBe('The policy has no frame-ancestors directive (X-Frame-Options still protects the page).');
    expect(f!.severity).toBe('info');
    expect(f!.evidence).toBe("header: default-src 'self'");
    expect(f!.location).toEqual({ kind: 'header', name: 'Content-Security-Policy', url: PAGE });
    expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, new URL(PAGE).origin, 'frame-ancestors'));
  });
  it('metaOnly: message in full, low without X-Frame-Options', () => {
    const [f] = findingsOf(rule, evidence({ page: { meta: [metaCsp("frame-ancestors 'none'")] } }));
    expect(f!.message).toBe('frame-ancestors is set in a <meta> policy, where browsers ignore it; send it as a header.');
    expect(f!.severity).toBe('low');
    expect(f!.evidence).toBe("meta: frame-ancestors 'none'");
  });
});
