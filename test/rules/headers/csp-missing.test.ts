import { describe, expect, it } from 'vitest';
import { fingerprint } from '@/engine/engine';
import rule from '@/rules/headers/csp-missing';
import { CSP_BASELINE_META } from '@/utils/http/csp';
import { evidence, PAGE } from '../../helpers/evidence';
import { fixHeaders, metaFromSnippet, snippetOf } from '../../helpers/fix-guide';
import { describeRule, findingsOf } from '../../helpers/rule-cases';

const CSP = 'Content-Security-Policy';

describeRule(rule, {
  flagged: [
    { name: 'no policy at all', evidence: evidence(), messages: ['absent'], severity: 'medium' },
    {
      name: 'report-only policy blocks nothing',
      evidence: evidence({ headers: [['Content-Security-Policy-Report-Only', "default-src 'self'"]] }),
      messages: ['reportOnly'],
    },
    { name: 'garbage policy with no valid directive', evidence: evidence({ headers: [[CSP, "!!! ??? 'self'"]] }), messages: ['absent'] },
    { name: 'empty header value', evidence: evidence({ headers: [[CSP, '  ']] }), messages: ['absent'] },
    {
      name: '<meta name="Content-Security-Policy"> (name, not http-equiv) is not a policy',
      evidence: evidence({ page: { meta: [{ name: 'Content-Security-Policy', content: "default-src 'self'" }] } }),
      messages: ['absent'],
    },
    {
      name: 'a policy only on the redirect hop does not cover the page served after it',
      evidence: evidence({
        status: 302,
        headers: [
          [CSP, "default-src 'self'"],
          ['Location', '/home'],
        ],
        responses: [{ url: `${PAGE}home`, status: 200, type: 'main_frame', headers: [], source: 'webRequest' }],
      }),
      messages: ['absent'],
    },
    {
      name: 'a policy only on a script response does not cover the page',
      evidence: evidence({ responses: [{ url: `${PAGE}app.js`, status: 200, type: 'script', headers: [[CSP, "default-src 'self'"]], source: 'webRequest' }] }),
      messages: ['absent'],
    },
  ],
  clean: [
    { name: 'policy in a header', evidence: evidence({ headers: [[CSP, "default-src 'self'"]] }) },
    { name: 'header name in odd case', evidence: evidence({ headers: [['content-SECURITY-policy', "script-src 'self'"]] }) },
    {
      name: 'policy in <meta http-equiv> (browsers enforce a meta CSP)',
      evidence: evidence({ page: { meta: [{ httpEquiv: 'content-security-policy', content: "script-src 'self'" }] } }),
    },
    {
      name: 'report-only next to an enforced policy',
      evidence: evidence({
        headers: [
          ['Content-Security-Policy-Report-Only', "default-src 'none'"],
          [CSP, "default-src 'self'"],
        ],
      }),
    },
    {
      name: '100 KB policy (cut to 8 KB, still a policy)',
      evidence: evidence({ headers: [[CSP, `default-src 'self' ${'https://a.example.net '.repeat(5000)}`]] }),
    },
    { name: 'page headers not collected: the rule is skipped, not guessed', evidence: { ...evidence(), responses: [] } },
  ],
  fixed: [
    { name: 'sending the policy from the fix guide', before: evidence(), after: evidence({ headers: fixHeaders(rule) }) },
    { name: 'the Netlify _headers variant', before: evidence(), after: evidence({ headers: fixHeaders(rule, 'netlify') }) },
    {
      name: 'the Bubble variant: a <meta> policy in the page header',
      before: evidence(),
      after: evidence({ page: { meta: metaFromSnippet(snippetOf(rule, 'bubble').code) } }),
    },
    {
      name: 'the meta baseline works on its own',
      before: evidence({ headers: [['Content-Security-Policy-Report-Only', CSP_BASELINE_META]] }),
      after: evidence({ page: { meta: [{ httpEquiv: CSP, content: CSP_BASELINE_META }] } }),
    },
  ],
});

// Found by mutation testing (docs/mutation.md): what the finding shows and where it points.
describe('csp-missing, cases from mutation testing', () => {
  it('no policy: the evidence says the header is absent, the location is the page’s CSP header', () => {
    const [f] = findingsOf(rule, evidence());
    expect(f!.message).toBe('The page sets no Content-Security-Policy (header or <meta>).');
    expect(f!.evidence).toBe('Content-Security-Policy: (absent)');
    expect(f!.location).toEqual({ kind: 'header', name: CSP, url: PAGE });
    expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, new URL(PAGE).origin, 'absent'));
  });
  it('report-only policy: the evidence quotes the report-only header', () => {
    const [f] = findingsOf(rule, evidence({ headers: [['Content-Security-Policy-Report-Only', "default-src 'self'"]] }));
    expect(f!.messageId).toBe('reportOnly');
    expect(f!.message).toBe('The page only sends Content-Security-Policy-Report-Only, which reports but blocks nothing.');
    expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, new URL(PAGE).origin, 'absent'));
    expect(f!.evidence).toBe("Content-Security-Policy-Report-Only: default-src 'self'");
    expect(f!.location).toEqual({ kind: 'header', name: CSP, url: PAGE });
  });
});
