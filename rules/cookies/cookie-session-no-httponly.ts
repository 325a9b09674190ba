import { defineRule } from '../../engine/rule';
import { cookieDraft, cookieFix, isSessionLike, storedCookies } from '../../utils/http/cookies';

export default defineRule({
  meta: {
    id: 'cookie-session-no-httponly',
    title: 'Session cookie readable by page scripts (no HttpOnly)',
    severity: 'high',
    category: 'cookies',
    checklist: 'sessions',
    surfaces: ['cookies'],
    confidence: 'high',
    rationale:
      'Without HttpOnly any script on the page, including an injected one or a compromised third-party library, can read the session and send it away.',
    messages: { readable: 'Session cookie "{name}" has no HttpOnly attribute, so page scripts can read it.' },
    fix: cookieFix('Mark session cookies HttpOnly.', [
      'Find where the session cookie is set (your code, auth library or platform).',
      'Add the HttpOnly attribute; front-end code that reads the cookie should call an endpoint instead.',
      'Deploy, sign in again and re-run the audit.',
    ]),
  },
  check(evidence) {
    return storedCookies(evidence)
      .filter((c) => isSessionLike(c) && !c.httpOnly)
      .map((c) => cookieDraft(c, 'readable', evidence.url));
  },
});
