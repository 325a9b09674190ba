import { describe, expect, it } from 'vitest';
import rule from '@/rules/cookies/cookie-session-no-samesite';
import { cookie, evidence } from '../../helpers/evidence';
import { fixCookie, setCookie } from '../../helpers/fix-guide';
import { describeRule, findingsOf } from '../../helpers/rule-cases';

describeRule(rule, {
  flagged: [
    {
      name: 'session cookie with no SameSite',
      evidence: evidence({ cookies: [cookie({ name: 'session', sameSite: 'unspecified' })] }),
      messages: ['missing'],
      severity: 'low',
    },
    { name: 'Set-Cookie without SameSite', evidence: evidence({ cookies: [setCookie('laravel_session=x; Path=/; Secure; HttpOnly')] }), messages: ['missing'] },
    {
      name: 'invalid SameSite value counts as none given',
      evidence: evidence({ cookies: [setCookie('session=x; Secure; HttpOnly; SameSite=Strictest')] }),
      messages: ['missing'],
    },
    { name: 'empty SameSite attribute', evidence: evidence({ cookies: [setCookie('session=x; Secure; HttpOnly; SameSite')] }), messages: ['missing'] },
    {
      name: 'bad sameSite from the cookie store is treated as unspecified',
      evidence: evidence({ cookies: [{ ...cookie({ name: 'auth' }), sameSite: 'no_restriction' as never }] }),
      messages: ['missing'],
    },
  ],
  clean: [
    // Issue 9, defect 6: refused by the browser (__Host- without Secure): never stored, not judged here.
    { name: 'refused __Host- cookie is not judged', evidence: evidence({ cookies: [setCookie('__Host-session=x; Path=/; HttpOnly')] }) },
    { name: 'SameSite=Lax', evidence: evidence({ cookies: [cookie({ name: 'session', sameSite: 'lax' })] }) },
    { name: 'SameSite=Strict in odd case', evidence: evidence({ cookies: [setCookie('session=x; Secure; HttpOnly; SAMESITE=sTrIcT')] }) },
    {
      name: 'explicit SameSite=None (cookie-samesite-none-insecure checks its Secure)',
      evidence: evidence({ cookies: [cookie({ name: 'session', sameSite: 'none' })] }),
    },
    {
      name: 'page-visible cookie (SameSite unknown there)',
      evidence: evidence({ cookies: [cookie({ name: 'session', sameSite: 'unspecified', httpOnly: false, source: 'page' })] }),
    },
    { name: 'non-session cookie', evidence: evidence({ cookies: [cookie({ name: 'theme', sameSite: 'unspecified' })] }) },
  ],
  fixed: [
    {
      name: 'setting the cookie as the fix snippet shows',
      before: evidence({ cookies: [setCookie('session=x; Secure; HttpOnly')] }),
      after: evidence({ cookies: [fixCookie(rule)] }),
    },
    {
      name: 'adding SameSite=Lax',
      before: evidence({ cookies: [setCookie('session=x; Secure; HttpOnly')] }),
      after: evidence({ cookies: [setCookie('session=x; Secure; HttpOnly; SameSite=Lax')] }),
    },
  ],
});

// Found by mutation testing (docs/mutation.md): the wording of the finding.
describe('cookie-session-no-samesite, cases from mutation testing', () => {
  it('names the cookie', () => {
    const [f] = findingsOf(rule, evidence({ cookies: [cookie({ name: 'session', sameSite: 'unspecified' })] }));
    expect(f!.message).toBe('Session cookie "session" does not set SameSite.');
  });
});
