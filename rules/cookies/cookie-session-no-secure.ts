import { defineRule } from '../../engine/rule';
import { cookieDraft, cookieFix, isSessionLike, mergedCookies } from '../../utils/http/cookies';

export default defineRule({
  meta: {
    id: 'cookie-session-no-secure',
    title: 'Session cookie without Secure',
    severity: 'high',
    category: 'cookies',
    checklist: 'auth',
    surfaces: ['cookies'],
    confidence: 'high',
    rationale: 'A session cookie without Secure is also sent over plain HTTP, where anyone on the network can copy it and take over the account.',
    messages: { insecure: 'Session cookie "{name}" is not marked Secure.' },
    fix: cookieFix('Mark session cookies Secure (and HttpOnly, SameSite).', [
      'Find where the session cookie is set (your code, auth library or platform).',
      'Add the Secure attribute (serve the app only over HTTPS).',
      'Deploy, sign in again and re-run the audit.',
    ]),
  },
  check(evidence) {
    return mergedCookies(evidence)
      .filter((c) => isSessionLike(c) && !c.secure && c.source !== 'page')
      .map((c) => cookieDraft(c, 'insecure', evidence.url));
  },
});
