import { describe, expect, it } from 'vitest';
import { fingerprint } from '@/engine/engine';
import rule from '@/rules/headers/csp-object-src';
import { PAGE, evidence } from '../../helpers/evidence';
import { fixHeaders } from '../../helpers/fix-guide';
import { describeRule, findingsOf } from '../../helpers/rule-cases';

const CSP = 'Content-Security-Policy';
const csp = (...values: string[]) => evidence({ headers: values.map((v): [string, string] => [CSP, v]) });

describeRule(rule, {
  flagged: [
    // No current browser runs plugins: limited to 'self', <object>/<embed> only shows the app's own resources (info).
    { name: "default-src 'self' limits objects to the app's origin: info", evidence: csp("default-src 'self'"), messages: ['self'], severity: 'info' },
    { name: "object-src 'self': info", evidence: csp("default-src 'none'; object-src 'self'"), messages: ['self'], severity: 'info' },
    { name: "'self' beside an ignored 'none'", evidence: csp("object-src 'none' 'self'"), messages: ['self'], severity: 'info' },
    { name: "a second policy limiting objects to 'self' is enough", evidence: csp('default-src *', "object-src 'self'"), messages: ['self'] },
    { name: "'self' with another host is open", evidence: csp("object-src 'self' https://cdn.example.net"), messages: ['open'], severity: 'low' },
    { name: "'none' mixed with other sources is not 'none'", evidence: csp("object-src 'none' https://cdn.example.net"), messages: ['open'] },
    { name: 'a policy without object-src or default-src', evidence: csp("script-src 'self'"), messages: ['open'] },
    { name: 'comma-joined policies, neither restricting plugins', evidence: csp("script-src 'self', default-src *"), messages: ['open'] },
    { name: 'a later duplicate object-src is ignored', evidence: csp("object-src *; object-src 'none'"), messages: ['open'] },
  ],
  clean: [
    { name: "object-src 'none'", evidence: csp("object-src 'none'") },
    { name: "default-src 'none' covers object-src", evidence: csp("default-src 'none'; script-src 'self'") },
    { name: 'keyword in upper case', evidence: csp("OBJECT-SRC 'NONE'") },
    { name: 'one restrictive policy among several is enough', evidence: csp('default-src *', "object-src 'none'") },
    {
      name: 'a <meta> policy is enforced',
      evidence: evidence({ headers: [[CSP, "default-src 'self'"]], page: { meta: [{ httpEquiv: 'Content-Security-Policy', content: "object-src 'none'" }] } }),
    },
    { name: 'an empty object-src source list matches nothing, like none', evidence: csp("default-src 'self'; object-src") },
    { name: 'no policy (csp-missing reports it)', evidence: evidence() },
  ],
  fixed: [
    { name: 'the fix guide baseline', before: csp("default-src 'self'"), after: evidence({ headers: fixHeaders(rule) }) },
    { name: 'the fix guide baseline on an open policy', before: csp('default-src *'), after: evidence({ headers: fixHeaders(rule) }) },
  ],
});

// Found by mutation testing (docs/mutation.md): the wording and the stable identity of the finding.
describe('csp-object-src, cases from mutation testing', () => {
  it('says what is missing, one identity per page', () => {
    const [f] = findingsOf(rule, evidence({ headers: [['Content-Security-Policy', "script-src 'self'"]] }));
    expect(f!.message).toBe(
      "The policy does not restrict object-src to 'none' or 'self' (directly or through default-src), so <object>/<embed> may load content from other hosts.",
    );
    expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, new URL(PAGE).origin, 'object-src'));
  });
});
