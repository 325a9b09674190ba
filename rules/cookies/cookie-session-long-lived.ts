import { defineRule } from '../../engine/rule';
import { cookieDraft, cookieFix, describeCookie, isSessionLike, storedCookies } from '../../utils/http/cookies';

const DAY = 86_400;

export default defineRule({
  meta: {
    id: 'cookie-session-long-lived',
    title: 'Session cookie lives longer than a day',
    severity: 'low',
    category: 'cookies',
    checklist: 'sessions',
    surfaces: ['cookies'],
    confidence: 'medium',
    rationale:
      'A stolen or forgotten session stays usable for as long as the cookie lives; short sessions (hours) limit the damage, with "remember me" off by default.',
    messages: { long: 'Session cookie "{name}" expires in {days} days.' },
    fix: cookieFix('Give session cookies a lifetime of hours (1–8 h for sensitive apps), with "remember me" opt-in.', [
      'Find the session lifetime setting in your auth library or platform (Max-Age / expires / session timeout).',
      'Lower it to hours; keep long-lived "remember me" as an explicit, opt-in choice.',
      'Deploy and re-run the audit.',
    ]),
  },
  check(evidence) {
    const now = evidence.collectedAt / 1000;
    return storedCookies(evidence)
      .filter((c) => isSessionLike(c) && c.expires !== undefined && c.expires - now > DAY)
      .map((c) =>
        cookieDraft(c, 'long', evidence.url, {
          data: { days: Math.round((c.expires! - now) / DAY) },
          evidence: `${describeCookie(c)}; expires ${new Date(c.expires! * 1000).toISOString().slice(0, 10)}`,
        }),
      );
  },
});
