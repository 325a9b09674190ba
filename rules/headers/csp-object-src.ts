import { defineRule } from '../../engine/rule';
import { cspDraft, cspFix, enforcedPolicies, objectSrcRestricted, objectSrcSelfOnly } from '../../utils/http/csp';

export default defineRule({
  meta: {
    id: 'csp-object-src',
    title: "CSP does not set object-src 'none'",
    severity: 'low',
    category: 'headers',
    checklist: 'hardening',
    surfaces: ['responses'],
    confidence: 'high',
    rationale:
      "<object> and <embed> load content that script-src does not govern; object-src 'none' closes that side door. Limited to 'self' it only shows the app's own resources (no current browser runs plugins), so that is hardening only.",
    messages: {
      open: "The policy does not restrict object-src to 'none' or 'self' (directly or through default-src), so <object>/<embed> may load content from other hosts.",
      self: "object-src is limited to the app's own origin ('self', directly or through default-src); no current browser runs plugins, so this only lets the page embed its own resources, as an <iframe> could. object-src 'none' is still the strict-CSP advice.",
    },
    fix: cspFix("Add `object-src 'none'` to the policy.", ["Add `object-src 'none'` to your Content-Security-Policy.", 'Deploy and re-run the audit.']),
  },
  check(evidence) {
    const policies = enforcedPolicies(evidence);
    if (policies.length === 0 || policies.some(objectSrcRestricted)) return [];
    // Several enforced policies: a load must pass each, so one that limits objects to 'self' is enough.
    if (policies.some(objectSrcSelfOnly)) return [{ ...cspDraft('self', policies, evidence.url, 'object-src'), severity: 'info' as const }];
    return [cspDraft('open', policies, evidence.url, 'object-src')];
  },
});
