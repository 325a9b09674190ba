import { describe, expect, it } from 'vitest';
import { fingerprint } from '@/engine/engine';
import rule from '@/rules/headers/csp-form-action-http';
import { PAGE, evidence } from '../../helpers/evidence';
import { fixHeaders } from '../../helpers/fix-guide';
import { describeRule, findingsOf } from '../../helpers/rule-cases';

// Issue 9, defect 7: a form-action that allows http: was not checked at all.
const CSP = 'Content-Security-Policy';
const csp = (...values: string[]) => evidence({ headers: values.map((v): [string, string] => [CSP, v]) });

describeRule(rule, {
  flagged: [
    {
      name: "form-action 'self' http:",
      evidence: csp("default-src 'self'; form-action 'self' http:"),
      messages: ['http'],
      severity: 'low',
      check: ([f]) => expect(f!.message).toContain('http:'),
    },
    {
      name: 'form-action with an http:// host',
      evidence: csp("form-action 'self' http://newsletter.example.net"),
      messages: ['http'],
      check: ([f]) => expect(f!.message).toContain('http://newsletter.example.net'),
    },
    { name: 'form-action * (matches http: URLs too)', evidence: csp('form-action *'), messages: ['http'] },
    { name: 'form-action http://*', evidence: csp("form-action 'self' http://*"), messages: ['http'] },
    { name: 'directive in upper case', evidence: csp("FORM-ACTION 'SELF' HTTP:"), messages: ['http'] },
    { name: 'a second policy without form-action does not restrict it', evidence: csp('form-action http:', "script-src 'self'"), messages: ['http'] },
  ],
  clean: [
    { name: "form-action 'self'", evidence: csp("default-src 'self'; form-action 'self'") },
    { name: 'form-action with https:// hosts', evidence: csp("form-action 'self' https://checkout.example.net https:") },
    { name: 'no form-action (default-src does not cover it; nothing to judge)', evidence: csp("default-src 'self'") },
    { name: 'a second policy restricts form-action to https', evidence: csp('form-action http:', "form-action 'self'") },
    { name: 'no policy', evidence: evidence() },
  ],
  fixed: [{ name: 'the fix guide baseline', before: csp("default-src 'self'; form-action 'self' http:"), after: evidence({ headers: fixHeaders(rule) }) }],
});

// Found by mutation testing (docs/mutation.md): the message in full with the sources (each once, from the policies
// that restrict), evidence, location, identity.
describe('csp-form-action-http, cases from mutation testing', () => {
  it('message, evidence, location, identity in full', () => {
    const ev = csp("form-action 'self' http: http://a.example.net", "script-src 'self'");
    const [f, ...rest] = findingsOf(rule, ev);
    expect(rest).toEqual([]);
    expect(f!.message).toBe('form-action allows submitting forms to plain http:// addresses: http: http://a.example.net.');
    expect(f!.severity).toBe('low');
    expect(f!.evidence).toBe("header: form-action 'self' http: http://a.example.net\nheader: script-src 'self'");
    expect(f!.location).toEqual({ kind: 'header', name: 'Content-Security-Policy', url: PAGE });
    expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, new URL(PAGE).origin, 'form-action-http'));
  });
  it('two restricting policies that both allow http: name each source once', () => {
    const [f] = findingsOf(rule, csp('form-action http: *', 'form-action http:'));
    expect(f!.message).toBe('form-action allows submitting forms to plain http:// addresses: http: *.');
  });
});
