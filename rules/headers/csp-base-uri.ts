import { defineRule } from '../../engine/rule';
import { baseUriExposure, cspDraft, cspFix, enforcedPolicies } from '../../utils/http/csp';

export default defineRule({
  meta: {
    id: 'csp-base-uri',
    title: 'CSP does not restrict base-uri',
    severity: 'low',
    category: 'headers',
    checklist: 'hardening',
    surfaces: ['responses'],
    confidence: 'high',
    rationale:
      "An injected <base> tag redirects every relative script URL to an attacker; where scripts are trusted by nonce (or by hash with 'strict-dynamic') the browser runs them from there. base-uri is not covered by default-src.",
    messages: {
      open: "The policy trusts scripts by nonce (or by hash with 'strict-dynamic') but has no base-uri directive (default-src does not cover it): an injected <base> re-points the trusted relative scripts to another host and the browser runs them.",
      hashes:
        "The policy has no base-uri directive (default-src does not cover it); scripts are trusted by hash without 'strict-dynamic' here, so a re-pointed script must still match its hash and is blocked. Add base-uri 'self' before you move to nonces or 'strict-dynamic'.",
      advice:
        "The policy has no base-uri directive (default-src does not cover it); scripts are allowed by host here, so a re-pointed relative script is still blocked. Add base-uri 'self' before you move to nonces.",
    },
    fix: cspFix("Add `base-uri 'self'` (or 'none') to the policy.", ["Add `base-uri 'self'` to your Content-Security-Policy.", 'Deploy and re-run the audit.']),
  },
  check(evidence) {
    const policies = enforcedPolicies(evidence);
    // `base-uri *` or a scheme-only source restricts nothing.
    const restricts = policies.some((p) => {
      const v = p.directives.get('base-uri');
      return !!v && !v.some((s) => s === '*' || /^[a-z][a-z0-9+.-]*:$/i.test(s));
    });
    if (policies.length === 0 || restricts) return [];
    // Only a nonce (or a hash with 'strict-dynamic') makes the re-pointed script run; a hash or a host allowlist still
    // blocks it (info then). With several policies a script must pass each: the strictest one decides.
    const exposure = policies.map(baseUriExposure).filter((e) => e !== undefined);
    if (exposure.length > 0 && exposure.every((e) => e === 'runs')) return [cspDraft('open', policies, evidence.url, 'base-uri')];
    const id = exposure.length === 0 || exposure.includes('host') ? 'advice' : 'hashes';
    return [{ ...cspDraft(id, policies, evidence.url, 'base-uri'), severity: 'info' as const }];
  },
});
