import { defineRule } from '../../engine/rule';
import { brokenPrefix, cookieDraft, cookieFix, isSessionLike, mergedCookies } from '../../utils/http/cookies';

export default defineRule({
  meta: {
    id: 'cookie-prefix',
    title: 'Session cookie could use the __Host- prefix',
    severity: 'info',
    category: 'cookies',
    checklist: 'sessions',
    surfaces: ['cookies'],
    confidence: 'medium',
    rationale: 'A `__Host-` name makes the browser enforce Secure, Path=/ and no Domain, so a sibling subdomain cannot plant or overwrite the session cookie.',
    messages: {
      advice: 'Session cookie "{name}" could be named "__Host-{name}" so the browser enforces its safe attributes.',
      broken:
        'Cookie "{name}" uses the {prefix} prefix but lacks what the prefix requires ({missing}), so browsers refuse it: it is never stored. Not a weakness, a bug: whatever needs this cookie (often sign-in) silently fails.',
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
      const broken = brokenPrefix(c);
      if (broken) {
        // Refused by the browser (the other cookie rules drop it): a login bug, reported as info.
        out.push(cookieDraft(c, 'broken', evidence.url, { data: { prefix: broken.prefix, missing: broken.missing.join(', ') } }));
        continue;
      }
      const lower = c.name.toLowerCase();
      if (lower.startsWith('__host-') || lower.startsWith('__secure-')) continue;
      if (isSessionLike(c) && c.source !== 'page') out.push(cookieDraft(c, 'advice', evidence.url));
    }
    return out;
  },
});
