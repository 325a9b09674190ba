import { defineRule } from '../core/rule';
import { cookieFix, describeCookie, isSessionLike, mergedCookies } from '../core/cookies';

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
      const location = { kind: 'cookie' as const, name: c.name, url: evidence.url };
      const identity = `${c.name}|${c.path}`;
      if (c.name.startsWith('__Host-') || c.name.startsWith('__Secure-')) {
        const prefix = c.name.startsWith('__Host-') ? '__Host-' : '__Secure-';
        const missing = [
          !c.secure && c.source !== 'page' ? 'Secure' : null,
          prefix === '__Host-' && c.path !== '/' ? 'Path=/' : null,
          prefix === '__Host-' && c.hostOnly === false ? 'no Domain' : null,
        ].filter(Boolean);
        if (missing.length) out.push({ messageId: 'broken' as const, data: { name: c.name, prefix, missing: missing.join(', ') }, evidence: describeCookie(c), location, identity, severity: 'low' as const });
        continue;
      }
      if (isSessionLike(c) && c.source !== 'page') out.push({ messageId: 'advice' as const, data: { name: c.name }, evidence: describeCookie(c), location, identity });
    }
    return out;
  },
});
