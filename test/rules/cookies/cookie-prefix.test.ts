import { expect } from 'vitest';
import rule from '@/rules/cookies/cookie-prefix';
import { cookie, evidence } from '../../helpers/evidence';
import { fixCookie, setCookie } from '../../helpers/fix-guide';
import { describeRule } from '../../helpers/rule-cases';

describeRule(rule, {
  flagged: [
    {
      name: 'prefixes are matched case-insensitively (__HOST-sid is held to the __Host- rules)',
      evidence: evidence({ cookies: [setCookie('__HOST-sid=x; Path=/; Secure; Domain=app.example.com')] }),
      messages: ['broken'],
    },
    {
      name: 'session cookie without a prefix gets advice',
      evidence: evidence({ cookies: [cookie({ name: 'session' })] }),
      messages: ['advice'],
      severity: 'info',
      check: ([f]) => expect(f!.message).toContain('"__Host-session"'),
    },
    {
      name: '__Host- cookie without Secure is broken',
      evidence: evidence({ cookies: [setCookie('__Host-session=x; Path=/; HttpOnly')] }),
      messages: ['broken'],
      // Issue 9: the browser refuses the cookie (never stored): a login bug, info; was low.
      severity: 'info',
      check: ([f]) => expect(f!.message).toMatch(/\(Secure\).*browsers refuse it/),
    },
    {
      name: '__Host- cookie with a narrower Path',
      evidence: evidence({ cookies: [setCookie('__Host-session=x; Path=/app; Secure')] }),
      messages: ['broken'],
      severity: 'info',
      check: ([f]) => expect(f!.message).toContain('Path=/'),
    },
    {
      // RFC 6265bis §5.7: the default path does not count, even when the page is at "/" (Chromium and Firefox refuse it).
      name: '__Host- cookie without an explicit Path attribute, set from /',
      evidence: evidence({ cookies: [setCookie('__Host-session=x; Secure; HttpOnly; SameSite=Lax')] }),
      messages: ['broken'],
      severity: 'info',
      check: ([f]) => expect(f!.message).toContain('Path=/'),
    },
    {
      name: '__Host- cookie with a Domain',
      evidence: evidence({ cookies: [setCookie('__Host-session=x; Path=/; Secure; Domain=.example.com')] }),
      messages: ['broken'],
      check: ([f]) => expect(f!.message).toContain('no Domain'),
    },
    { name: '__Secure- cookie without Secure', evidence: evidence({ cookies: [setCookie('__Secure-token=x; Path=/')] }), messages: ['broken'] },
    {
      name: 'everything wrong at once is listed',
      evidence: evidence({ cookies: [setCookie('__Host-x=1; Path=/a; Domain=example.com')] }),
      messages: ['broken'],
      check: ([f]) => expect(f!.message).toContain('Secure, Path=/, no Domain'),
    },
  ],
  clean: [
    { name: 'a proper __Host- session cookie', evidence: evidence({ cookies: [setCookie('__Host-session=x; Path=/; Secure; HttpOnly; SameSite=Lax')] }) },
    { name: '__Secure- cookie with Secure and a Domain', evidence: evidence({ cookies: [setCookie('__Secure-sid=x; Domain=example.com; Secure')] }) },
    { name: 'non-session cookie', evidence: evidence({ cookies: [cookie({ name: 'theme' })] }) },
    { name: 'analytics cookie', evidence: evidence({ cookies: [cookie({ name: '_hjSessionUser_1' })] }) },
    {
      name: 'page-visible session cookie (no advice: its attributes are unknown)',
      evidence: evidence({ cookies: [cookie({ name: 'session', httpOnly: false, secure: false, source: 'page' })] }),
    },
    {
      name: 'page-visible __Host- cookie (Secure unknown there)',
      evidence: evidence({ cookies: [cookie({ name: '__Host-pref', httpOnly: false, secure: false, source: 'page' })] }),
    },
  ],
  fixed: [
    {
      name: 'renaming to __Host- as the fix snippet shows',
      before: evidence({ cookies: [setCookie('session=x; Path=/; Secure; HttpOnly')] }),
      after: evidence({ cookies: [fixCookie(rule)] }),
    },
    {
      name: 'dropping the Domain from a __Host- cookie',
      before: evidence({ cookies: [setCookie('__Host-s=x; Path=/; Secure; Domain=app.example.com')] }),
      after: evidence({ cookies: [setCookie('__Host-s=x; Path=/; Secure')] }),
    },
  ],
});
