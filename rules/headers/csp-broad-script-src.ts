import { defineRule } from '../../engine/rule';
import { allPolicies, broadScriptSources, cspDraft, cspFix, enforcedPolicies } from '../../utils/http/csp';

export default defineRule({
  meta: {
    id: 'csp-broad-script-src',
    title: 'CSP lets scripts load from any host',
    severity: 'medium',
    category: 'headers',
    checklist: 'hardening',
    surfaces: ['responses'],
    confidence: 'high',
    rationale:
      "A script-src that allows `*`, `https:` or `https://*` lets an injected <script src> load the attacker's file from any server, which defeats the policy as badly as 'unsafe-inline'. A nonce does not help unless 'strict-dynamic' makes browsers ignore the host sources.",
    messages: {
      broad: 'script-src (or default-src, which it falls back to) allows scripts from any host: {sources}.',
    },
    fix: cspFix("List the hosts your scripts come from instead of `*` / `https:`, or use nonces with 'strict-dynamic'.", [
      'Open the browser console on the app and note the hosts scripts load from (Network tab, filter "JS").',
      "Replace `*`, `https:`, `http:` or `https://*` in script-src (and default-src) with those hosts, e.g. `'self' https://cdn.jsdelivr.net`.",
      "Or give every <script> a per-response nonce and add 'strict-dynamic': browsers then ignore host sources.",
      'Reload with the console open, fix anything blocked, and re-run the audit.',
    ]),
  },
  check(evidence) {
    const policies = enforcedPolicies(evidence);
    if (policies.length === 0) return [];
    // With several policies a script runs only if every one allows it.
    if (!allPolicies(policies, (p) => broadScriptSources(p).length > 0)) return [];
    const sources = [...new Set(policies.flatMap(broadScriptSources))].join(' ');
    return [{ ...cspDraft('broad', policies, evidence.url, 'broad-script-src'), data: { sources } }];
  },
});
