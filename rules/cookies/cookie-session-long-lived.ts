import { defineRule } from '../../engine/rule';
import { cookieDraft, cookieFix, describeCookie, isSessionLike, storedCookies } from '../../utils/http/cookies';

const DAY = 86_400;
/**
 * NIST SP 800-63B §4.1.3 (AAL1, the level of a typical micro-app's password login): reauthenticate at least every
 * 30 days. Past that the session outlives any assurance level: low. Between a day (AAL2's bound, §4.2.3) and 30
 * days it is a choice to weigh for sensitive apps: info.
 */
const AAL1_DAYS = 30;

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
      'A stolen or forgotten session stays usable for as long as the cookie lives; short sessions (hours) limit the damage, with "remember me" off by default. NIST SP 800-63B asks for reauthentication at least every 30 days even at its lowest level (low past that) and within a day for apps holding sensitive data (info between a day and 30 days).',
    messages: {
      long: 'Session cookie "{name}" expires in {days} days: longer than the 30 days after which even low-assurance logins should be repeated.',
      weeks:
        'Session cookie "{name}" expires in {days} days: fine for a low-risk app, too long for one holding personal or payment data (reauthenticate within a day).',
    },
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
      .map((c) => {
        const days = Math.round((c.expires! - now) / DAY);
        const draft = cookieDraft(c, c.expires! - now > AAL1_DAYS * DAY ? 'long' : 'weeks', evidence.url, {
          data: { days },
          evidence: `${describeCookie(c)}; expires ${new Date(c.expires! * 1000).toISOString().slice(0, 10)}`,
        });
        return draft.messageId === 'long' ? draft : { ...draft, severity: 'info' as const };
      });
  },
});
