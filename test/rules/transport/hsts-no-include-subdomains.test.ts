import { expect } from 'vitest';
import rule from '@/rules/transport/hsts-no-include-subdomains';
import { fingerprint } from '@/engine/engine';
import { PAGE, evidence } from '../../helpers/evidence';
import { fixHeaders } from '../../helpers/fix-guide';
import { describeRule } from '../../helpers/rule-cases';

const STS = 'Strict-Transport-Security';
const sts = (value: string): [string, string] => [STS, value];

describeRule(rule, {
  flagged: [
    // Issue 9, defect 2: on a preloaded host (*.netlify.app is under the preloaded .app TLD) browsers never use plain
    // HTTP, so the finding is info with that explanation (it was low, and could not be acted on).
    {
      name: 'preloaded host (*.netlify.app): info, with why',
      evidence: evidence({ url: 'https://my-poll.netlify.app/', headers: [sts('max-age=31536000')] }),
      messages: ['preloaded'],
      severity: 'info',
      check: ([f]) => expect(f!.message).toContain('HSTS preload list'),
    },
    {
      name: 'one year without includeSubDomains',
      evidence: evidence({ headers: [sts('max-age=31536000')] }),
      messages: ['missing'],
      severity: 'low',
      check: ([f]) => {
        expect(f!.message).toBe('The HSTS header has no includeSubDomains directive.');
        expect(f!.evidence).toBe('Strict-Transport-Security: max-age=31536000');
        expect(f!.location).toEqual({ kind: 'header', name: 'Strict-Transport-Security', url: PAGE });
        expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, new URL(PAGE).origin, 'no-subdomains'));
      },
    },
    { name: 'preload alone does not cover subdomains', evidence: evidence({ headers: [sts('max-age=63072000; preload')] }), messages: ['missing'] },
    {
      name: 'misspelt directive (includeSubDomain) is unknown and ignored',
      evidence: evidence({ headers: [sts('max-age=31536000; includeSubDomain')] }),
      messages: ['missing'],
    },
    { name: 'header name in odd case', evidence: evidence({ headers: [['sTrIcT-tRaNsPoRt-SeCuRiTy', 'max-age=31536000']] }), messages: ['missing'] },
    {
      name: 'only the first of duplicated headers counts (the second has includeSubDomains)',
      evidence: evidence({ headers: [sts('max-age=31536000'), sts('max-age=31536000; includeSubDomains')] }),
      messages: ['missing'],
    },
    {
      name: '100 KB of unknown directives after a valid max-age: cut at 8 KB, so not called missing (info, says why)',
      evidence: evidence({ headers: [sts(`max-age=31536000; ${'x'.repeat(100_000)}`)] }),
      messages: ['cut'],
      severity: 'info',
      check: ([f]) => expect(f!.message).toContain('longer than 8 KB'),
    },
    {
      name: 'includeSubDomains beyond the 8 KB cut is not seen: info, never "missing"',
      evidence: evidence({ headers: [sts(`max-age=31536000; ${'x'.repeat(9000)}; includeSubDomains`)] }),
      messages: ['cut'],
      severity: 'info',
    },
  ],
  clean: [
    { name: 'includeSubDomains present', evidence: evidence({ headers: [sts('max-age=31536000; includeSubDomains')] }) },
    {
      name: 'a long header with includeSubDomains before the cut',
      evidence: evidence({ headers: [sts(`max-age=31536000; includeSubDomains; ${'x'.repeat(9000)}`)] }),
    },
    { name: 'directive in any case and order', evidence: evidence({ headers: [sts('INCLUDESUBDOMAINS;MAX-AGE=31536000')] }) },
    { name: 'max-age=0 (HSTS switched off on purpose; nothing to extend)', evidence: evidence({ headers: [sts('max-age=0')] }) },
    { name: 'invalid header (hsts-missing reports it)', evidence: evidence({ headers: [sts('max-age=-1')] }) },
    { name: 'no header (hsts-missing reports it)', evidence: evidence() },
    { name: 'plain HTTP page, where browsers ignore HSTS', evidence: evidence({ url: 'http://app.example.com/', headers: [sts('max-age=31536000')] }) },
    {
      name: 'header only on a subresource, not the page',
      evidence: evidence({
        headers: [sts('max-age=31536000; includeSubDomains')],
        responses: [{ url: 'https://app.example.com/a.js', status: 200, type: 'script', headers: [sts('max-age=5')], source: 'webRequest' }],
      }),
    },
  ],
  fixed: [
    { name: 'sending the header from the fix guide', before: evidence({ headers: [sts('max-age=31536000')] }), after: evidence({ headers: fixHeaders(rule) }) },
    {
      name: 'the Vercel variant (vercel.json)',
      before: evidence({ headers: [sts('max-age=31536000')] }),
      after: evidence({ headers: fixHeaders(rule, 'vercel') }),
    },
  ],
});
