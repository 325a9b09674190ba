import { defineRule } from '../../engine/rule';
import { allPolicies, allowsDataScript, allowsInlineScript, cspDraft, cspFix, enforcedPolicies } from '../../utils/http/csp';

export default defineRule({
  meta: {
    id: 'csp-unsafe-inline',
    title: "CSP allows inline scripts ('unsafe-inline')",
    severity: 'medium',
    category: 'headers',
    checklist: 'hardening',
    surfaces: ['responses'],
    confidence: 'high',
    rationale: "With 'unsafe-inline' in script-src (or default-src) the policy no longer stops injected scripts, which is the main thing a CSP is for.",
    messages: {
      inline:
        "script-src (or default-src, which it falls back to) allows inline scripts: 'unsafe-inline' without a nonce or hash, or no script restriction at all.",
      dataUrl: 'script-src allows data: URLs, so an injected <script src="data:…"> runs like an inline script.',
    },
    fix: {
      ...cspFix("Remove 'unsafe-inline' from script-src; allow the inline scripts you need with a nonce or hash.", [
        "Move inline <script> blocks into files, or give each a nonce ('nonce-…' generated per response) or a hash ('sha256-…').",
        "Remove 'unsafe-inline' and data: from script-src (and from default-src if script-src is absent).",
        'Reload the app with the browser console open and fix anything that is blocked.',
      ]),
    },
  },
  check(evidence) {
    const policies = enforcedPolicies(evidence);
    if (policies.length === 0) return [];
    const inline = allPolicies(policies, allowsInlineScript);
    if (!inline && !allPolicies(policies, allowsDataScript)) return [];
    return [cspDraft(inline ? 'inline' : 'dataUrl', policies, evidence.url, 'unsafe-inline')];
  },
});
