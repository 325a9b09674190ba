import { defineRule } from '../../engine/rule';
import { cookieDraft, cookieFix, isSessionLike, mergedCookies } from '../../utils/http/cookies';

export default defineRule({
  meta: {
    id: 'cookie-prefix',
    title: 'Session cookie could use the __Host- prefix',
    severity: 'info',
    category: 'cookies',
    checklist: 'auth',
    surfaces: ['cookies'],
    confidence: 'medium',
    rationale:
      'A `__Host-` name makes the browser enforce Secure, Path=/ and no Domain, so a sibling subdomain cannot plant or overwrite the session cookie.',
    messages: {
      advice: 'Session cookie "{name}" could be named "__Host-{name}" so the browser enforces its safe attributes.',
      broken: 'Cookie "{name}" uses the {prefix} prefix but lacks what the prefix requires ({missing}); browsers reject it.',
    },
    fix: cookieFix('Name session cookies `__Host-…` and set them with Secure, Path=/ and no Domain.', [
      'Rename the session cookie to start with `__Host-` in your session settings.',
      'Make sure it is set with Secure, Path=/ and without a Domain attribute.',
      'Deploy and re-run the audit (users sign in once more).',
    ]),
  },
  check(evidence) {
    const out = [];
    for (const c of mergedCookies(evidence)) {
      // Browsers match the prefixes case-insensitively (__HOST-sid is held to the __Host- rules).
      const lower = c.name.toLowerCase();
      const prefix = lower.startsWith('__host-') ? '__Host-' : lower.startsWith('__secure-') ? '__Secure-' : undefined;
      if (prefix) {
        const missing = [
          !c.secure && c.source !== 'page' ? 'Secure' : null,
          prefix === '__Host-' && c.path !== '/' ? 'Path=/' : null,
          prefix === '__Host-' && c.hostOnly === false ? 'no Domain' : null,
        ].filter(Boolean);
        if (missing.length) out.push({ ...cookieDraft(c, 'broken', evidence.url, { data: { prefix, missing: missing.join(', ') } }), severity: 'low' as const });
        continue;
      }
      if (isSessionLike(c) && c.source !== 'page') out.push(cookieDraft(c, 'advice', evidence.url));
    }
    return out;
  },
});
