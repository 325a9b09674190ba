import { describe, expect, it } from 'vitest';
import { fingerprint } from '@/engine/engine';
import rule from '@/rules/headers/referrer-policy-weak';
import { PAGE, evidence, subresourcesOnly } from '../../helpers/evidence';
import { fixHeaders, metaFromSnippet, snippetOf } from '../../helpers/fix-guide';
import { describeRule, findingsOf } from '../../helpers/rule-cases';

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

// Found by mutation testing (docs/mutation.md): the three messages in full, evidence (headers joined), location,
// identity, severities; each keyword; the legacy meta keywords; the invalid value cut at 120; no document response.
describe('referrer-policy-weak, cases from mutation testing', () => {
  const ids = (ev: ReturnType<typeof evidence>) => findingsOf(rule, ev).map((f) => f.messageId);
  it('missing: message, evidence, location, identity in full', () => {
    const [f, ...rest] = findingsOf(rule, evidence());
    expect(rest).toEqual([]);
    expect(f!.message).toBe(
      'No Referrer-Policy is set; browsers default to strict-origin-when-cross-origin, which is safe, but set it explicitly so older browsers and embedded views do the same.',
    );
    expect(f!.severity).toBe('info');
    expect(f!.evidence).toBe('Referrer-Policy: (absent)');
    expect(f!.location).toEqual({ kind: 'header', name: 'Referrer-Policy', url: PAGE });
    expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, new URL(PAGE).origin, 'policy'));
  });
  it('invalid and unsafe: messages and evidence in full', () => {
    const [i] = findingsOf(rule, rp('no-referer', 'nope'));
    expect(i!.message).toBe(
      'Referrer-Policy is sent ("no-referer, nope") but has no valid token, so browsers ignore it and the policy you meant is not applied.',
    );
    expect(i!.severity).toBe('low');
    expect(i!.evidence).toBe('Referrer-Policy: no-referer, nope');
    expect(i!.fingerprint).toBe(fingerprint(rule.meta.id, new URL(PAGE).origin, 'policy'));
    const [u] = findingsOf(rule, rp('strict-origin', 'Unsafe-URL'));
    expect(u!.message).toBe('Referrer-Policy "unsafe-url" sends full addresses (path and query) to other sites.');
    expect(u!.severity).toBe('low');
    expect(u!.evidence).toBe('Referrer-Policy: strict-origin, Unsafe-URL');
    expect(u!.location).toEqual({ kind: 'header', name: 'Referrer-Policy', url: PAGE });
    expect(u!.fingerprint).toBe(fingerprint(rule.meta.id, new URL(PAGE).origin, 'policy'));
  });
  it('an invalid value is cut at 120 characters; an invalid meta alone is shown too', () => {
    const [f] = findingsOf(rule, rp(`${'x'.repeat(119)}yz`));
    expect(f!.message).toContain(`("${'x'.repeat(119)}y")`);
    const [m] = findingsOf(rule, evidence({ page: { meta: [metaReferrer('bogus')] } }));
    expect(m!.message).toContain('("bogus")');
    expect(m!.evidence).toBe('Referrer-Policy: (absent)');
  });
  it('every keyword: the safe ones clean, the unsafe ones flagged, the last valid one wins', () => {
    for (const p of ['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin']) {
      expect(ids(rp(p)), p).toEqual([]);
      expect(ids(rp('unsafe-url', p)), p).toEqual([]);
    }
    for (const p of ['unsafe-url', 'no-referrer-when-downgrade', 'origin-when-cross-origin', 'origin']) {
      expect(ids(rp(p)), p).toEqual(['unsafe']);
      expect(ids(rp(` ${p.toUpperCase()} `)), p).toEqual(['unsafe']);
      expect(ids(rp('no-referrer', p)), p).toEqual(['unsafe']);
    }
  });
  it('legacy meta keywords, in any case and spacing; a meta with another name does not count', () => {
    const meta = (content: string, name = 'referrer') => evidence({ headers: [[RP, 'unsafe-url']], page: { meta: [{ name, content }] } });
    expect(ids(meta(' Never '))).toEqual([]);
    expect(ids(meta('DEFAULT'))).toEqual([]);
    expect(ids(evidence({ headers: [[RP, 'no-referrer']], page: { meta: [metaReferrer('origin-when-crossorigin')] } }))).toEqual(['unsafe']);
    expect(ids(meta('no-referrer', 'Referrer'))).toEqual([]);
    expect(ids(meta('no-referrer', 'description'))).toEqual(['unsafe']);
  });
  it('no document response: nothing to judge', () => expect(findingsOf(rule, { ...evidence(), responses: [] })).toEqual([]));
  it('page not read: the header alone decides', () => {
    expect(findingsOf(rule, evidence({ page: null })).map((f) => f.messageId)).toEqual(['missing']);
    expect(findingsOf(rule, evidence({ page: null, headers: [[RP, 'origin']] })).map((f) => f.messageId)).toEqual(['unsafe']);
  });
});

describe('referrer-policy-weak fix guide, cases from mutation testing', () => {
  it('the header as the snippet, the MDN page', () => {
    expect(rule.meta.fix.snippet).toEqual({ language: 'text', code: 'Referrer-Policy: strict-origin-when-cross-origin' });
    expect(rule.meta.fix.docs).toBe('https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Referrer-Policy');
  });
});

// From the first Stryker run: a response list with subresources only (no document) is not judged.
describe('referrer-policy-weak, only subresource responses', () => {
  it('no document among the responses: nothing', () => expect(findingsOf(rule, subresourcesOnly(evidence()))).toEqual([]));
});
