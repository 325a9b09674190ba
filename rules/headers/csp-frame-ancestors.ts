import { defineRule } from '../../engine/rule';
import { cspDraft, cspFix, enforcedPolicies, hasDirective } from '../../utils/http/csp';
import { frameProtection } from '../../utils/http/frame';

export default defineRule({
  meta: {
    id: 'csp-frame-ancestors',
    title: 'CSP has no frame-ancestors directive',
    severity: 'low',
    category: 'headers',
    checklist: 'hardening',
    surfaces: ['responses'],
    confidence: 'high',
    rationale:
      'frame-ancestors is the modern, standard way to say who may embed the app; it replaces X-Frame-Options and only works as a header, not in <meta>.',
    messages: {
      missing: 'The policy has no frame-ancestors directive (X-Frame-Options still protects the page).',
      metaOnly: 'frame-ancestors is set in a <meta> policy, where browsers ignore it; send it as a header.',
    },
    fix: cspFix(
      "Add `frame-ancestors 'self'` (or 'none') to the Content-Security-Policy header.",
      ["Add `frame-ancestors 'self'` to the Content-Security-Policy response header (not a <meta> tag).", 'Deploy and re-run the audit.'],
      { headerOnly: true },
    ),
  },
  check(evidence) {
    const policies = enforcedPolicies(evidence);
    if (policies.length === 0 || hasDirective(policies, 'frame-ancestors', { metaCounts: false })) return [];
    const metaOnly = hasDirective(policies, 'frame-ancestors');
    const xfoProtects = frameProtection(evidence).protected;
    // Unless X-Frame-Options really protects the page, clickjacking-unprotected reports the real problem.
    if (!metaOnly && !xfoProtects) return [];
    // While X-Frame-Options protects, this is advice (info); a <meta>-only frame-ancestors on an unprotected page is a
    // mistake that leaves it open (low).
    return [
      { ...cspDraft(metaOnly ? 'metaOnly' : 'missing', policies, evidence.url, 'frame-ancestors'), ...(xfoProtects ? { severity: 'info' as const } : {}) },
    ];
  },
});
