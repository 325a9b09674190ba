import { defineRule } from '../../engine/rule';
import { cookieDraft, cookieFix, storedCookies } from '../../utils/http/cookies';

export default defineRule({
  meta: {
    id: 'cookie-samesite-none-insecure',
    title: 'SameSite=None cookie without Secure',
    severity: 'medium',
    category: 'cookies',
    checklist: 'sessions',
    surfaces: ['cookies'],
    confidence: 'high',
    rationale:
      'Browsers reject SameSite=None cookies without Secure (so the feature silently breaks), and where accepted the cookie rides along on cross-site requests over plain HTTP.',
    messages: { insecure: 'Cookie "{name}" is SameSite=None but not Secure; modern browsers drop it.' },
    fix: cookieFix('Add Secure to every SameSite=None cookie, or use SameSite=Lax if it need not cross sites.', [
      'Find where the cookie is set.',
      'If the cookie must be sent from other sites (embeds, payment return pages), add Secure; otherwise change it to SameSite=Lax.',
      'Deploy and re-run the audit.',
    ]),
  },
  check(evidence) {
    return storedCookies(evidence)
      .filter((c) => c.sameSite === 'none' && !c.secure)
      .map((c) => cookieDraft(c, 'insecure', evidence.url));
  },
});
