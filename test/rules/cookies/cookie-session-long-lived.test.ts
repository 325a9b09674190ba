import { expect } from 'vitest';
import rule from '@/rules/cookies/cookie-session-long-lived';
import { cookie, evidence, NOW } from '../../helpers/evidence';
import { fixCookie, setCookie } from '../../helpers/fix-guide';
import { describeRule } from '../../helpers/rule-cases';

const NOW_S = NOW / 1000;
const DAY = 86_400;
const lasting = (name: string, seconds: number) => cookie({ name, expires: NOW_S + seconds });

describeRule(rule, {
  flagged: [
    {
      name: 'session cookie that lives 30 days: info (within NIST AAL1)',
      evidence: evidence({ cookies: [lasting('session', 30 * DAY)] }),
      messages: ['weeks'],
      severity: 'info',
      check: ([f]) => {
        expect(f!.message).toContain('Session cookie "session" expires in 30 days: fine for a low-risk app');
        expect(f!.evidence).toMatch(/; expires 2026-12-23$/); // the date only, not the time
      },
    },
    {
      name: 'just over 30 days: low',
      evidence: evidence({ cookies: [lasting('session', 30 * DAY + 60)] }),
      messages: ['long'],
      severity: 'low',
      check: ([f]) =>
        expect(f!.message).toBe(
          'Session cookie "session" expires in 30 days: longer than the 30 days after which even low-assurance logins should be repeated.',
        ),
    },
    { name: 'remember-me cookie for a year', evidence: evidence({ cookies: [lasting('remember_token', 365 * DAY)] }), messages: ['long'], severity: 'low' },
    { name: 'just over a day', evidence: evidence({ cookies: [lasting('sid', DAY + 60)] }), messages: ['weeks'], severity: 'info' },
    { name: 'Max-Age from Set-Cookie', evidence: evidence({ cookies: [setCookie('session=x; Max-Age=2592000; Secure; HttpOnly')] }), messages: ['weeks'] },
    {
      name: 'Max-Age wins over a short Expires',
      evidence: evidence({ cookies: [setCookie(`session=x; Expires=${new Date(NOW + 3_600_000).toUTCString()}; Max-Age=31536000`)] }),
      messages: ['long'],
      check: ([f]) => expect(f!.message).toContain('365 days'),
    },
  ],
  clean: [
    // Issue 9, defect 6: refused by the browser (__Secure- without Secure): never stored, not judged here.
    {
      name: 'refused __Secure- cookie is not judged',
      evidence: evidence({ cookies: [setCookie('__Secure-session=x; Path=/; HttpOnly; SameSite=Lax; Max-Age=2592000')] }),
    },
    { name: 'eight hours', evidence: evidence({ cookies: [lasting('session', 8 * 3600)] }) },
    { name: 'exactly one day', evidence: evidence({ cookies: [lasting('session', DAY)] }) },
    { name: 'browser-session cookie (no expiry)', evidence: evidence({ cookies: [cookie({ name: 'session' })] }) },
    { name: 'already expired', evidence: evidence({ cookies: [lasting('session', -DAY)] }) },
    { name: 'long-lived analytics cookie', evidence: evidence({ cookies: [lasting('_ga', 730 * DAY)] }) },
    { name: 'long-lived non-session cookie', evidence: evidence({ cookies: [lasting('theme', 365 * DAY)] }) },
    {
      name: 'a short Max-Age wins over a far Expires',
      evidence: evidence({ cookies: [setCookie('session=x; Max-Age=3600; Expires=Fri, 31 Dec 9999 23:59:59 GMT')] }),
    },
    { name: 'a garbage Expires is ignored (session cookie)', evidence: evidence({ cookies: [setCookie('session=x; Expires=someday')] }) },
  ],
  fixed: [
    {
      name: 'the lifetime from the fix snippet (8 h)',
      before: evidence({ cookies: [lasting('session', 90 * DAY)] }),
      after: evidence({ cookies: [fixCookie(rule)] }),
    },
  ],
});
