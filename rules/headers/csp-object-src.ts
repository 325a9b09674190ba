import { defineRule } from '../../engine/rule';
import { cspDraft, cspFix, enforcedPolicies, objectSrcRestricted } from '../../utils/http/csp';

export default defineRule({
  meta: {
    id: 'csp-object-src',
    title: "CSP does not set object-src 'none'",
    severity: 'low',
    category: 'headers',
    checklist: 'hardening',
    surfaces: ['responses'],
    confidence: 'high',
    rationale: "Plugins (<object>, <embed>) can run script outside script-src; object-src 'none' closes that side door.",
    messages: { open: "The policy does not restrict object-src to 'none' (directly or through default-src)." },
    fix: cspFix("Add `object-src 'none'` to the policy.", ["Add `object-src 'none'` to your Content-Security-Policy.", 'Deploy and re-run the audit.']),
  },
  check(evidence) {
    const policies = enforcedPolicies(evidence);
    if (policies.length === 0 || policies.some(objectSrcRestricted)) return [];
    return [cspDraft('open', policies, evidence.url, 'object-src')];
  },
});
