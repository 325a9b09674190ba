import { defineRule } from '../../engine/rule';
import { allPolicies, allowsEval, cspDraft, cspFix, enforcedPolicies } from '../../utils/http/csp';

export default defineRule({
  meta: {
    id: 'csp-unsafe-eval',
    title: "CSP allows eval() ('unsafe-eval')",
    severity: 'low',
    category: 'headers',
    checklist: 'hardening',
    surfaces: ['responses'],
    confidence: 'high',
    rationale: "'unsafe-eval' lets strings become code (eval, new Function), which turns many data bugs into script injection.",
    messages: { evalAllowed: "script-src allows 'unsafe-eval'." },
    fix: cspFix("Remove 'unsafe-eval' from script-src.", [
      "Remove 'unsafe-eval' from script-src (and default-src).",
      'Reload with the console open; a library that still needs eval shows up as a blocked-eval error.',
      'Replace or update that library (most have a CSP-compatible build).',
    ]),
  },
  check(evidence) {
    const policies = enforcedPolicies(evidence);
    // A missing script-src/default-src also allows eval, but that is csp-missing's or the baseline's job:
    // only flag policies that name 'unsafe-eval' explicitly.
    const explicit = policies.filter((p) => allowsEval(p) && (p.directives.has('script-src') || p.directives.has('default-src')));
    if (policies.length === 0 || !allPolicies(policies, allowsEval) || explicit.length === 0) return [];
    return [cspDraft('evalAllowed', explicit, evidence.url, 'unsafe-eval')];
  },
});
