import { defineRule } from '../../engine/rule';
import { cspDraft, cspFix, enforcedPolicies, formActionHttpSources } from '../../utils/http/csp';

export default defineRule({
  meta: {
    id: 'csp-form-action-http',
    title: 'CSP form-action allows plain-HTTP submits',
    severity: 'low',
    category: 'headers',
    checklist: 'transport',
    surfaces: ['responses'],
    confidence: 'high',
    rationale:
      'A form-action that allows http: (or `*`) lets an injected or mistaken form send what visitors type over plain HTTP; browsers only show a warning before such a submit, and many people click through.',
    messages: {
      http: 'form-action allows submitting forms to plain http:// addresses: {sources}.',
    },
    fix: cspFix("Restrict form-action to `'self'` and the https:// addresses your forms post to.", [
      'List where your forms post (your own pages, a payment or newsletter provider).',
      "Set `form-action 'self'` plus those https:// addresses; remove `http:`, `http://…` and `*`.",
      'Submit each form once and re-run the audit.',
    ]),
  },
  check(evidence) {
    const policies = enforcedPolicies(evidence);
    // A submit is allowed only if every policy allows it; a policy without form-action allows every target.
    const restricting = policies.filter((p) => p.directives.has('form-action'));
    if (restricting.length === 0 || !restricting.every((p) => formActionHttpSources(p).length > 0)) return [];
    const sources = [...new Set(restricting.flatMap(formActionHttpSources))].join(' ');
    return [{ ...cspDraft('http', policies, evidence.url, 'form-action-http'), data: { sources } }];
  },
});
