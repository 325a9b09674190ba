import { defineRule } from '../../engine/rule';
import { cookieDraft, cookieFix, isSessionLike, storedCookies } from '../../utils/http/cookies';

export default defineRule({
  meta: {
    id: 'cookie-session-no-samesite',
    title: 'Session cookie without SameSite',
    severity: 'low',
    category: 'cookies',
    checklist: 'sessions',
    surfaces: ['cookies'],
    confidence: 'medium',
    rationale:
      'SameSite=Lax or Strict stops other sites from sending the session along with forged requests (CSRF). Only Chromium treats a cookie without SameSite as Lax; Firefox and Safari send it on cross-site requests, forged form posts included, so say it explicitly.',
    messages: { missing: 'Session cookie "{name}" does not set SameSite.' },
    fix: cookieFix('Set SameSite=Lax (or Strict) on session cookies.', [
      'Find where the session cookie is set.',
      'Add `SameSite=Lax` (Strict if the app is never entered from links on other sites).',
      'Deploy and re-run the audit.',
    ]),
  },
  check(evidence) {
    return storedCookies(evidence)
      .filter((c) => isSessionLike(c) && c.sameSite === 'unspecified' && c.source !== 'page')
      .map((c) => cookieDraft(c, 'missing', evidence.url));
  },
});
