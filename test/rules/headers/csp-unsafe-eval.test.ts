import { describe, expect, it } from 'vitest';
import { fingerprint } from '@/engine/engine';
import rule from '@/rules/headers/csp-unsafe-eval';
import { PAGE, evidence } from '../../helpers/evidence';
import { fixHeaders } from '../../helpers/fix-guide';
import { describeRule, findingsOf } from '../../helpers/rule-cases';

const CSP = 'Content-Security-Policy';
const csp = (...values: string[]) => evidence({ headers: values.map((v): [string, string] => [CSP, v]) });

describeRule(rule, {
  flagged: [
    { name: "script-src 'unsafe-eval'", evidence: csp("script-src 'self' 'unsafe-eval'"), messages: ['evalAllowed'], severity: 'low' },
    { name: 'through default-src when script-src is absent', evidence: csp("default-src 'self' 'unsafe-eval'"), messages: ['evalAllowed'] },
    {
      name: 'keyword and header name in odd case',
      evidence: evidence({ headers: [['CONTENT-security-policy', "Script-Src 'Unsafe-Eval'"]] }),
      messages: ['evalAllowed'],
    },
    {
      name: 'meta policy (enforced)',
      evidence: evidence({ page: { meta: [{ httpEquiv: 'Content-Security-Policy', content: "script-src 'unsafe-eval'" }] } }),
      messages: ['evalAllowed'],
    },
    {
      name: 'a second policy that says nothing about scripts does not block eval',
      evidence: csp("script-src 'self' 'unsafe-eval'", "frame-ancestors 'none'"),
      messages: ['evalAllowed'],
    },
  ],
  clean: [
    { name: "'wasm-unsafe-eval' only allows WebAssembly", evidence: csp("script-src 'self' 'wasm-unsafe-eval'") },
    { name: 'a policy that never names script sources is left to the other CSP rules', evidence: csp("frame-ancestors 'self'") },
    { name: "'unsafe-inline' is not eval", evidence: csp("script-src 'self' 'unsafe-inline'") },
    { name: 'script-src overrides default-src', evidence: csp("default-src 'unsafe-eval'; script-src 'self'") },
    { name: 'a strict second policy blocks eval', evidence: csp("script-src 'unsafe-eval'", "script-src 'self'") },
    { name: 'comma-joined header with a strict second policy', evidence: csp("script-src 'unsafe-eval', default-src 'self'") },
    { name: 'report-only is not enforced', evidence: evidence({ headers: [['Content-Security-Policy-Report-Only', "script-src 'unsafe-eval'"]] }) },
    { name: 'no policy (csp-missing reports it)', evidence: evidence() },
  ],
  fixed: [{ name: 'the fix guide baseline', before: csp("script-src 'self' 'unsafe-eval'"), after: evidence({ headers: fixHeaders(rule) }) }],
});

// Found by mutation testing (docs/mutation.md): where the finding points and its stable identity.
describe('csp-unsafe-eval, cases from mutation testing', () => {
  it('quotes the policy, points at the page’s CSP header, one identity per page', () => {
    const [f] = findingsOf(rule, csp("script-src 'self' 'unsafe-eval'"));
    expect(f!.message).toBe("script-src allows 'unsafe-eval'.");
    expect(f!.evidence).toBe("header: script-src 'self' 'unsafe-eval'");
    expect(f!.location).toEqual({ kind: 'header', name: CSP, url: PAGE });
    expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, new URL(PAGE).origin, 'unsafe-eval'));
  });
});
