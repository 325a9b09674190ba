import { defineRule } from '../../engine/rule';
import { cookieDraft, cookieFix, isAntiCsrf, isSessionLike, storedCookies } from '../../utils/http/cookies';

export default defineRule({
  meta: {
    id: 'cookie-session-no-secure',
    title: 'Session cookie without Secure',
    severity: 'high',
    category: 'cookies',
    checklist: 'sessions',
    surfaces: ['cookies'],
    confidence: 'high',
    rationale: 'A session cookie without Secure is also sent over plain HTTP, where anyone on the network can copy it and take over the account.',
    messages: {
      insecure: 'Session cookie "{name}" is not marked Secure.',
      csrf: 'Anti-CSRF cookie "{name}" is not marked Secure, so a response over plain HTTP (any subdomain, any network attacker) can overwrite it with a value the attacker knows, defeating double-submit CSRF protection.',
    },
    fix: cookieFix('Mark session cookies Secure (and HttpOnly, SameSite).', [
      'Find where the session cookie is set (your code, auth library or platform).',
      'Add the Secure attribute (serve the app only over HTTPS).',
      'Deploy, sign in again and re-run the audit.',
    ]),
  },
  check(evidence) {
    const out = [];
    for (const c of storedCookies(evidence)) {
      if (c.secure || c.source === 'page') continue;
      if (isSessionLike(c)) out.push(cookieDraft(c, 'insecure', evidence.url));
      // RFC 6265bis §5.7 step 16 ("leave Secure cookies alone") protects only Secure cookies from plain-HTTP
      // overwrites. HttpOnly stays exempt for these tokens: page scripts must read them.
      else if (isAntiCsrf(c)) out.push({ ...cookieDraft(c, 'csrf', evidence.url), severity: 'low' as const });
    }
    return out;
  },
});
