import { expect } from 'vitest';
import rule from '@/rules/headers/csp-form-action-http';
import { evidence } from '../../helpers/evidence';
import { fixHeaders } from '../../helpers/fix-guide';
import { describeRule } from '../../helpers/rule-cases';

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
