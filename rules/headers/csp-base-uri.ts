import { defineRule } from '../../engine/rule';
import { cspDraft, cspFix, enforcedPolicies, trustsByNonceOrHash } from '../../utils/http/csp';

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
      'An injected <base> tag redirects every relative script URL to an attacker; where scripts are trusted by nonce or hash the browser runs them from there. base-uri is not covered by default-src.',
    messages: {
      open: 'The policy trusts scripts by nonce or hash but has no base-uri directive (default-src does not cover it): an injected <base> re-points the nonced relative scripts.',
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
    // Only a nonce or hash makes the re-pointed script run; a host allowlist still blocks it (info then).
    const nonced = policies.some(trustsByNonceOrHash);
    return [{ ...cspDraft(nonced ? 'open' : 'advice', policies, evidence.url, 'base-uri'), ...(nonced ? {} : { severity: 'info' as const }) }];
  },
});
