import { describe, expect, it } from 'vitest';
import { fingerprint } from '@/engine/engine';
import rule from '@/rules/headers/csp-broad-script-src';
import { PAGE, evidence } from '../../helpers/evidence';
import { fixHeaders } from '../../helpers/fix-guide';
import { describeRule, findingsOf } from '../../helpers/rule-cases';

// Issue 9, defect 1: a script-src open to every host passed every rule before this one.
const CSP = 'Content-Security-Policy';
const csp = (...values: string[]) => evidence({ headers: values.map((v): [string, string] => [CSP, v]) });
const metaCsp = (content: string) => ({ httpEquiv: 'Content-Security-Policy', content });

describeRule(rule, {
  flagged: [
    {
      name: "script-src 'self' https:",
      evidence: csp("default-src 'self'; script-src 'self' https:"),
      messages: ['broad'],
      severity: 'medium',
      check: ([f]) => expect(f!.message).toContain('https:'),
    },
    { name: 'script-src *', evidence: csp("script-src *; object-src 'none'"), messages: ['broad'] },
    { name: 'script-src http:', evidence: csp("script-src 'self' http:"), messages: ['broad'] },
    { name: 'script-src https://*', evidence: csp("script-src 'self' https://*"), messages: ['broad'] },
    { name: 'default-src * with no script-src (the fallback)', evidence: csp("default-src *; object-src 'none'"), messages: ['broad'] },
    { name: "a nonce without 'strict-dynamic' does not cancel https:", evidence: csp("script-src 'nonce-r4nd0m' https:"), messages: ['broad'] },
    { name: 'upper-case scheme source', evidence: csp("SCRIPT-SRC 'SELF' HTTPS:"), messages: ['broad'] },
    { name: 'broad in a <meta> policy', evidence: evidence({ page: { meta: [metaCsp("script-src 'self' https:")] } }), messages: ['broad'] },
    {
      name: 'two policies, both broad',
      evidence: csp('script-src https:', 'default-src *'),
      messages: ['broad'],
      check: ([f]) => expect(f!.message).toContain('https: *'),
    },
  ],
  clean: [
    { name: "script-src 'self' with named hosts", evidence: csp("script-src 'self' https://cdn.jsdelivr.net https://*.stripe.com") },
    {
      name: "'strict-dynamic' with a nonce: host sources are ignored (CSP3 §8.2)",
      evidence: csp("script-src 'nonce-r4nd0m' 'strict-dynamic' https: 'unsafe-inline'"),
    },
    { name: "'strict-dynamic' with a hash", evidence: csp("script-src 'sha256-B2yPHKaXnvFWtRChIbabYmUBFZdVfKKXHbWtWidDVF8=' 'strict-dynamic' *") },
    { name: 'broad img-src only', evidence: csp("default-src 'self'; img-src *") },
    { name: 'script-src narrows a broad default-src', evidence: csp("default-src *; script-src 'self'") },
    { name: 'a second policy restricts scripts (both must allow)', evidence: csp('script-src https:', "script-src 'self'") },
    { name: 'data: is csp-unsafe-inline’s finding', evidence: csp("script-src 'self' data:") },
    { name: 'no policy (csp-missing reports it)', evidence: evidence() },
    {
      name: 'broad only in a report-only policy',
      evidence: evidence({
        headers: [
          [CSP, "script-src 'self'"],
          ['Content-Security-Policy-Report-Only', 'script-src *'],
        ],
      }),
    },
  ],
  fixed: [{ name: 'the fix guide baseline', before: csp("default-src 'self'; script-src 'self' https:"), after: evidence({ headers: fixHeaders(rule) }) }],
});

// Found by mutation testing (docs/mutation.md): the message in full with the sources (each once), evidence,
// location, identity.
describe('csp-broad-script-src, cases from mutation testing', () => {
  it('message, evidence, location, identity in full', () => {
    const ev = csp("default-src 'self'; script-src 'self' https: *");
    const [f, ...rest] = findingsOf(rule, ev);
    expect(rest).toEqual([]);
    expect(f!.message).toBe('script-src (or default-src, which it falls back to) allows scripts from any host: https: *.');
    expect(f!.severity).toBe('medium');
    expect(f!.evidence).toBe("header: default-src 'self'; script-src 'self' https: *");
    expect(f!.location).toEqual({ kind: 'header', name: 'Content-Security-Policy', url: PAGE });
    expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, new URL(PAGE).origin, 'broad-script-src'));
  });
  it('a source broad in two policies is named once', () => {
    const [f] = findingsOf(rule, csp('script-src https:', 'script-src https: http:'));
    expect(f!.message).toBe('script-src (or default-src, which it falls back to) allows scripts from any host: https: http:.');
  });
});
