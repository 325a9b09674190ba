import { describe, expect, it } from 'vitest';
import { fingerprint } from '@/engine/engine';
import rule from '@/rules/headers/csp-unsafe-inline';
import { PAGE, evidence } from '../../helpers/evidence';
import { fixHeaders } from '../../helpers/fix-guide';
import { describeRule, findingsOf } from '../../helpers/rule-cases';

const CSP = 'Content-Security-Policy';
const csp = (...values: string[]) => evidence({ headers: values.map((v): [string, string] => [CSP, v]) });
const metaCsp = (content: string) => ({ httpEquiv: 'Content-Security-Policy', content });

describeRule(rule, {
  flagged: [
    {
      // Handlers fall back to script-src: an injected <img onerror=…> still runs.
      name: "script-src-elem 'self' alone leaves event handlers to script-src 'unsafe-inline'",
      evidence: csp("script-src 'self' 'unsafe-inline'; script-src-elem 'self'"),
      messages: ['inline'],
    },
    {
      name: "script-src-attr 'unsafe-inline' under a strict script-src",
      evidence: csp("script-src 'self'; script-src-attr 'unsafe-inline'"),
      messages: ['inline'],
    },
    {
      name: "script-src-elem 'unsafe-inline' under a strict default-src",
      evidence: csp("default-src 'self'; script-src-elem 'self' 'unsafe-inline'"),
      messages: ['inline'],
    },
    { name: "script-src 'unsafe-inline'", evidence: csp("script-src 'self' 'unsafe-inline'"), messages: ['inline'], severity: 'medium' },
    {
      name: "default-src 'unsafe-inline' governs scripts when script-src is absent",
      evidence: csp("default-src 'self' 'unsafe-inline'; object-src 'none'"),
      messages: ['inline'],
    },
    { name: 'keyword in upper case', evidence: csp("SCRIPT-SRC 'SELF' 'UNSAFE-INLINE'"), messages: ['inline'] },
    {
      name: 'a policy that restricts nothing about scripts lets inline scripts run',
      evidence: csp("frame-ancestors 'self'; upgrade-insecure-requests"),
      messages: ['inline'],
    },
    { name: 'first of duplicated directives wins', evidence: csp("script-src 'unsafe-inline'; script-src 'self'"), messages: ['inline'] },
    {
      name: 'a page that adds its own permissive <meta> policy next to a permissive header',
      evidence: evidence({ headers: [[CSP, "script-src * 'unsafe-inline'"]], page: { meta: [metaCsp("script-src 'unsafe-inline' 'unsafe-eval'")] } }),
      messages: ['inline'],
    },
    {
      name: 'meta policy alone (enforced like a header)',
      evidence: evidence({ page: { meta: [metaCsp("default-src 'unsafe-inline'")] } }),
      messages: ['inline'],
    },
    {
      name: 'comma-joined header where both policies allow inline',
      evidence: csp("script-src 'unsafe-inline', default-src * 'unsafe-inline'"),
      messages: ['inline'],
    },
    { name: 'a nonce in another directive does not cancel it', evidence: csp("script-src 'unsafe-inline'; style-src 'nonce-abc'"), messages: ['inline'] },
    { name: 'data: in script-src runs injected <script src="data:…">', evidence: csp("script-src 'self' data:"), messages: ['dataUrl'], severity: 'medium' },
    { name: 'data: is a scheme source: a nonce does not cancel it', evidence: csp("script-src 'nonce-abc' DATA:"), messages: ['dataUrl'] },
    { name: 'data: through default-src', evidence: csp("default-src 'self' data:"), messages: ['dataUrl'] },
    { name: "'unsafe-inline' and data: together are reported once, as inline", evidence: csp("script-src 'unsafe-inline' data:"), messages: ['inline'] },
  ],
  clean: [
    { name: 'a nonce cancels unsafe-inline (CSP2+ browsers ignore it)', evidence: csp("script-src 'self' 'unsafe-inline' 'nonce-r4nd0m'") },
    { name: 'a hash cancels unsafe-inline', evidence: csp("script-src 'unsafe-inline' 'sha256-B2yPHKaXnvFWtRChIbabYmUBFZdVfKKXHbWtWidDVF8='") },
    { name: "'strict-dynamic' cancels unsafe-inline", evidence: csp("script-src 'unsafe-inline' 'strict-dynamic' 'nonce-abc'") },
    { name: 'script-src overrides a permissive default-src', evidence: csp("default-src 'unsafe-inline'; script-src 'self'") },
    { name: "'unsafe-inline' only for styles", evidence: csp("script-src 'self'; style-src 'self' 'unsafe-inline'") },
    { name: 'a later duplicate directive is ignored', evidence: csp("script-src 'self'; script-src 'unsafe-inline'") },
    {
      name: 'a strict second policy blocks inline scripts even if the first allows them',
      evidence: evidence({ headers: [[CSP, "script-src 'unsafe-inline'"]], page: { meta: [metaCsp("script-src 'self'")] } }),
    },
    { name: 'comma-joined header where the second policy is strict', evidence: csp("script-src 'unsafe-inline', script-src 'self'") },
    {
      name: 'report-only policies are not enforced',
      evidence: evidence({
        headers: [
          ['Content-Security-Policy-Report-Only', "script-src 'unsafe-inline'"],
          [CSP, "script-src 'self'"],
        ],
      }),
    },
    { name: 'no policy at all (csp-missing reports it)', evidence: evidence() },
    // CSP3 §6.1.1: script-src-elem governs <script> elements, script-src-attr event handlers; both fall back to script-src.
    {
      name: "script-src 'unsafe-inline' overridden for both elements and handlers",
      evidence: csp("script-src 'self' 'unsafe-inline'; script-src-elem 'self'; script-src-attr 'none'"),
    },
    { name: "'strict-dynamic' drops data: as well", evidence: csp("script-src 'nonce-abc' 'strict-dynamic' data:") },
    { name: 'data: for images only', evidence: csp("script-src 'self'; img-src 'self' data:") },
    { name: 'a second policy without data: blocks data: scripts', evidence: csp("script-src 'self' data:", "script-src 'self'") },
  ],
  fixed: [
    {
      name: 'replacing the policy with the fix guide baseline',
      before: csp("script-src 'self' 'unsafe-inline'"),
      after: evidence({ headers: fixHeaders(rule) }),
    },
    { name: 'the Cloudflare transform-rule variant', before: csp("default-src 'unsafe-inline'"), after: evidence({ headers: fixHeaders(rule, 'cloudflare') }) },
  ],
});

// Found by mutation testing (docs/mutation.md): both messages in full, evidence, location, identity; inline wins over
// data: when both hold.
describe('csp-unsafe-inline, cases from mutation testing', () => {
  it('inline: message, evidence, location, identity in full', () => {
    const ev = csp("script-src 'self' 'unsafe-inline' data:");
    const [f, ...rest] = findingsOf(rule, ev);
    expect(rest).toEqual([]);
    expect(f!.messageId).toBe('inline');
    expect(f!.message).toBe(
      "script-src (or default-src, which it falls back to) allows inline scripts: 'unsafe-inline' without a nonce or hash, or no script restriction at all.",
    );
    expect(f!.severity).toBe('medium');
    expect(f!.evidence).toBe("header: script-src 'self' 'unsafe-inline' data:");
    expect(f!.location).toEqual({ kind: 'header', name: 'Content-Security-Policy', url: PAGE });
    expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, new URL(PAGE).origin, 'unsafe-inline'));
  });
  it('dataUrl: message in full', () => {
    const [f] = findingsOf(rule, csp("script-src 'self' data:"));
    expect(f!.messageId).toBe('dataUrl');
    expect(f!.message).toBe('script-src allows data: URLs, so an injected <script src="data:…"> runs like an inline script.');
  });
  it('inline in one policy and data: in the other: neither capability passes both', () => {
    expect(findingsOf(rule, csp("script-src 'unsafe-inline'", "script-src 'self' data:"))).toEqual([]);
  });
  it('the guide keeps the shared CSP guide: snippet, docs, host variants', () => {
    expect(rule.meta.fix.snippet?.code).toMatch(/^Content-Security-Policy: /);
    expect(rule.meta.fix.docs).toMatch(/^https:\/\//);
    expect(Object.keys(rule.meta.fix.platforms ?? {}).length).toBeGreaterThan(0);
  });
});
