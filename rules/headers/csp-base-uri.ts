import { defineRule } from '../../engine/rule';
import { cspDraft, cspFix, enforcedPolicies } from '../../utils/http/csp';

export default defineRule({
  meta: {
    id: 'csp-base-uri',
    title: 'CSP does not restrict base-uri',
    severity: 'low',
    category: 'headers',
    checklist: 'transport',
    surfaces: ['responses'],
    confidence: 'high',
    rationale: 'An injected <base> tag can redirect every relative script URL to an attacker; base-uri is not covered by default-src.',
    messages: { open: "The policy has no base-uri directive (default-src does not cover it)." },
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
    return [cspDraft('open', policies, evidence.url, 'base-uri')];
  },
});
