import { expect } from 'vitest';
import rule from '@/rules/headers/referrer-policy-weak';
import { evidence } from '../../helpers/evidence';
import { fixHeaders, metaFromSnippet, snippetOf } from '../../helpers/fix-guide';
import { describeRule } from '../../helpers/rule-cases';

const RP = 'Referrer-Policy';
const rp = (...values: string[]) => evidence({ headers: values.map((v): [string, string] => [RP, v]) });
const metaReferrer = (content: string) => ({ name: 'referrer', content });

describeRule(rule, {
  flagged: [
    // Issue 9: nothing sent at all is info (browsers default to strict-origin-when-cross-origin); was low.
    {
      name: 'no policy: info, browsers default to strict-origin-when-cross-origin',
      evidence: evidence(),
      messages: ['missing'],
      severity: 'info',
      check: ([f]) => expect(f!.message).toContain('strict-origin-when-cross-origin'),
    },
    // A header sent with no valid token stays low: the policy the owner meant is not applied.
    {
      name: 'a header with no valid token stays low',
      evidence: rp('no-referer'),
      messages: ['invalid'],
      severity: 'low',
      check: ([f]) => expect(f!.message).toContain('"no-referer"'),
    },
    { name: 'an empty header is a header with no valid token', evidence: rp(''), messages: ['invalid'], severity: 'low' },
    { name: 'unsafe-url', evidence: rp('unsafe-url'), messages: ['unsafe'], check: ([f]) => expect(f!.message).toContain('"unsafe-url"') },
    { name: 'no-referrer-when-downgrade', evidence: rp('no-referrer-when-downgrade'), messages: ['unsafe'] },
    { name: 'origin-when-cross-origin', evidence: rp('origin-when-cross-origin'), messages: ['unsafe'] },
    { name: 'value in upper case', evidence: rp('UNSAFE-URL'), messages: ['unsafe'] },
    { name: 'an unknown value is ignored, leaving no policy', evidence: rp('strict'), messages: ['invalid'] },
    { name: 'the last recognised token wins', evidence: rp('no-referrer, unsafe-url'), messages: ['unsafe'] },
    { name: 'across duplicated headers, the last one wins', evidence: rp('strict-origin', 'unsafe-url'), messages: ['unsafe'] },
    {
      name: 'a <meta name="referrer"> in the page overrides the header',
      evidence: evidence({ headers: [[RP, 'strict-origin-when-cross-origin']], page: { meta: [metaReferrer('unsafe-url')] } }),
      messages: ['unsafe'],
    },
    { name: 'legacy meta keyword "always" means unsafe-url', evidence: evidence({ page: { meta: [metaReferrer('always')] } }), messages: ['unsafe'] },
    {
      name: 'legacy meta keyword "always" overrides a safe header',
      evidence: evidence({ headers: [[RP, 'no-referrer']], page: { meta: [metaReferrer('Always')] } }),
      messages: ['unsafe'],
    },
    { name: '100 KB of garbage', evidence: rp('x'.repeat(100_000)), messages: ['invalid'], check: ([f]) => expect(f!.message.length).toBeLessThan(400) },
    {
      name: 'a page whose referrer meta names an object property (constructor, __proto__) gets no policy, and no crash',
      evidence: evidence({ page: { meta: [metaReferrer('constructor'), metaReferrer('__proto__'), metaReferrer('toString')] } }),
      messages: ['invalid'],
    },
  ],
  clean: [
    { name: 'strict-origin-when-cross-origin', evidence: rp('strict-origin-when-cross-origin') },
    { name: 'no-referrer', evidence: rp('no-referrer') },
    { name: 'same-origin, header name in odd case', evidence: evidence({ headers: [['REFERRER-policy', 'same-origin']] }) },
    { name: 'a fallback list ending in a safe policy', evidence: rp('unsafe-url, strict-origin') },
    { name: 'an unknown token after a safe one is ignored', evidence: rp('strict-origin, no-such-policy') },
    { name: 'safe policy set only in <meta name="referrer">', evidence: evidence({ page: { meta: [metaReferrer('no-referrer')] } }) },
    { name: 'legacy meta keyword "never" means no-referrer', evidence: evidence({ page: { meta: [metaReferrer('never')] } }) },
    { name: 'legacy meta keyword "default" means the (safe) default', evidence: evidence({ page: { meta: [metaReferrer('default')] } }) },
    {
      name: 'a <meta http-equiv="Referrer-Policy"> is not the referrer meta, the header still counts',
      evidence: evidence({ headers: [[RP, 'no-referrer']], page: { meta: [{ httpEquiv: 'Referrer-Policy', content: 'unsafe-url' }] } }),
    },
  ],
  fixed: [
    { name: 'the header from the fix guide', before: evidence(), after: evidence({ headers: fixHeaders(rule) }) },
    { name: 'replacing an unsafe policy (Cloudflare variant)', before: rp('unsafe-url'), after: evidence({ headers: fixHeaders(rule, 'cloudflare') }) },
    {
      name: 'the Bubble variant: a <meta name="referrer"> tag',
      before: evidence(),
      after: evidence({ page: { meta: metaFromSnippet(snippetOf(rule, 'bubble').code) } }),
    },
  ],
});
