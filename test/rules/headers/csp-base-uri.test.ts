import rule from '@/rules/headers/csp-base-uri';
import { evidence } from '../../helpers/evidence';
import { fixHeaders } from '../../helpers/fix-guide';
import { describeRule } from '../../helpers/rule-cases';

const CSP = 'Content-Security-Policy';
const csp = (...values: string[]) => evidence({ headers: values.map((v): [string, string] => [CSP, v]) });

describeRule(rule, {
  flagged: [
    // Issue 9: without a nonce or hash a re-pointed relative script is still blocked by the host allowlist: info
    // (was low); with a nonce or hash the browser runs it from the attacker's host: low.
    { name: 'nonce-based policy without base-uri: low', evidence: csp("script-src 'nonce-r4nd0m'"), messages: ['open'], severity: 'low' },
    // A hash binds the script's content, so a re-pointed script is blocked unless 'strict-dynamic' passes the trust
    // on to what a hashed script loads by relative URL (bench:observatory, platform/cloudflare-pages-passkeys-dev).
    {
      name: 'hash-based policy without base-uri: info (a re-pointed script must still match its hash)',
      evidence: csp("default-src 'self'; script-src 'sha256-B2yPHKaXnvFWtRChIbabYmUBFZdVfKKXHbWtWidDVF8='"),
      messages: ['hashes'],
      severity: 'info',
    },
    {
      name: "hash with 'strict-dynamic' without base-uri: low (the hashed script's relative loads follow <base>)",
      evidence: csp("script-src 'strict-dynamic' 'sha256-B2yPHKaXnvFWtRChIbabYmUBFZdVfKKXHbWtWidDVF8='"),
      messages: ['open'],
      severity: 'low',
    },
    {
      name: 'a second policy with a host allowlist blocks the re-pointed nonced script: info',
      evidence: csp("script-src 'nonce-r4nd0m'", "script-src 'self'"),
      messages: ['advice'],
      severity: 'info',
    },
    {
      name: 'a second policy that does not restrict scripts leaves the nonced one exposed',
      evidence: csp("script-src 'nonce-r4nd0m'", "frame-ancestors 'self'"),
      messages: ['open'],
      severity: 'low',
    },
    { name: 'nonce in default-src (script-src falls back to it)', evidence: csp("default-src 'self' 'nonce-abc'"), messages: ['open'], severity: 'low' },
    { name: 'host-allowlist policy without base-uri: info', evidence: csp("script-src 'self'"), messages: ['advice'], severity: 'info' },
    { name: "default-src 'none' does not cover base-uri", evidence: csp("default-src 'none'"), messages: ['advice'], severity: 'info' },
    {
      name: 'meta policy without base-uri',
      evidence: evidence({ page: { meta: [{ httpEquiv: 'Content-Security-Policy', content: "default-src 'self'; script-src 'nonce-x'" }] } }),
      messages: ['open'],
    },
    { name: 'misspelt directive (base-url)', evidence: csp("default-src 'self'; script-src 'nonce-x'; base-url 'self'"), messages: ['open'] },
    { name: 'base-uri * restricts nothing', evidence: csp("default-src 'self'; script-src 'nonce-x'; base-uri *"), messages: ['open'] },
    { name: 'base-uri https: (scheme only) restricts nothing', evidence: csp("default-src 'self'; base-uri https:"), messages: ['advice'] },
  ],
  clean: [
    { name: "base-uri 'self'", evidence: csp("default-src 'self'; base-uri 'self'") },
    { name: "base-uri 'none' in odd case", evidence: csp("BASE-URI 'NONE'") },
    { name: 'set in a second policy', evidence: csp("default-src 'self'", "base-uri 'none'") },
    {
      name: 'set in a <meta> policy (honoured there)',
      evidence: evidence({ headers: [[CSP, "default-src 'self'"]], page: { meta: [{ httpEquiv: 'Content-Security-Policy', content: "base-uri 'self'" }] } }),
    },
    { name: 'no policy (csp-missing reports it)', evidence: evidence() },
  ],
  fixed: [
    { name: 'the fix guide baseline', before: csp("default-src 'self'"), after: evidence({ headers: fixHeaders(rule) }) },
    { name: 'base-uri added to a nonce-based policy', before: csp("script-src 'nonce-x'"), after: csp("script-src 'nonce-x'; base-uri 'self'") },
  ],
});
