import { describe, expect, it } from 'vitest';
import { fingerprint } from '@/engine/engine';
import rule from '@/rules/headers/permissions-policy-missing';
import { PAGE, evidence, subresourcesOnly } from '../../helpers/evidence';
import { fixHeaders } from '../../helpers/fix-guide';
import { describeRule, findingsOf } from '../../helpers/rule-cases';

describeRule(rule, {
  flagged: [
    { name: 'no Permissions-Policy', evidence: evidence(), messages: ['missing'], severity: 'low' },
    {
      name: 'only as a <meta http-equiv> (not supported there)',
      evidence: evidence({ page: { meta: [{ httpEquiv: 'Permissions-Policy', content: 'camera=()' }] } }),
      messages: ['missing'],
    },
    {
      name: 'only on a subresource',
      evidence: evidence({
        responses: [{ url: 'https://app.example.com/api', status: 200, type: 'fetch', headers: [['Permissions-Policy', 'camera=()']], source: 'webRequest' }],
      }),
      messages: ['missing'],
    },
    { name: 'a similarly named header is not it', evidence: evidence({ headers: [['Permission-Policy', 'camera=()']] }), messages: ['missing'] },
  ],
  clean: [
    { name: 'Permissions-Policy present', evidence: evidence({ headers: [['Permissions-Policy', 'camera=(), microphone=()']] }) },
    { name: 'header name in odd case', evidence: evidence({ headers: [['PERMISSIONS-policy', 'geolocation=()']] }) },
    { name: 'legacy Feature-Policy', evidence: evidence({ headers: [['Feature-Policy', "camera 'none'"]] }) },
    {
      name: 'duplicated headers',
      evidence: evidence({
        headers: [
          ['Permissions-Policy', 'camera=()'],
          ['Permissions-Policy', 'usb=()'],
        ],
      }),
    },
    { name: '100 KB value', evidence: evidence({ headers: [['Permissions-Policy', 'camera=(), '.repeat(10_000)]] }) },
  ],
  fixed: [
    { name: 'the header from the fix guide', before: evidence(), after: evidence({ headers: fixHeaders(rule) }) },
    { name: 'the Vercel variant', before: evidence(), after: evidence({ headers: fixHeaders(rule, 'vercel') }) },
  ],
});

// Found by mutation testing (docs/mutation.md): the message in full, evidence, location, identity; no document
// response; the guide's recommended policy.
describe('permissions-policy-missing, cases from mutation testing', () => {
  it('message, evidence, location, identity in full', () => {
    const [f, ...rest] = findingsOf(rule, evidence());
    expect(rest).toEqual([]);
    expect(f!.message).toBe('The page sends no Permissions-Policy header.');
    expect(f!.evidence).toBe('Permissions-Policy: (absent)');
    expect(f!.location).toEqual({ kind: 'header', name: 'Permissions-Policy', url: PAGE });
    expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, new URL(PAGE).origin, 'missing'));
  });
  it('no document response: nothing to judge', () => expect(findingsOf(rule, { ...evidence(), responses: [] })).toEqual([]));
  it('the guide recommends turning off the usual features', () => {
    expect(rule.meta.fix.snippet).toEqual({
      language: 'text',
      code: 'Permissions-Policy: camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
    });
  });
});

describe('permissions-policy-missing fix guide docs, cases from mutation testing', () => {
  it('the MDN page', () => expect(rule.meta.fix.docs).toBe('https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Permissions-Policy'));
});

// From the first Stryker run: a response list with subresources only (no document) is not judged.
describe('permissions-policy-missing, only subresource responses', () => {
  it('no document among the responses: nothing', () => expect(findingsOf(rule, subresourcesOnly(evidence()))).toEqual([]));
});
