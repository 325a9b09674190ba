import { describe, expect, it } from 'vitest';
import { fingerprint } from '@/engine/engine';
import rule from '@/rules/cookies/cookie-session-no-httponly';
import { cookie, evidence } from '../../helpers/evidence';
import { fixCookie, setCookie } from '../../helpers/fix-guide';
import { describeRule, findingsOf } from '../../helpers/rule-cases';

const readable = (name: string) => cookie({ name, httpOnly: false });

describeRule(rule, {
  flagged: [
    {
      name: 'session cookie without HttpOnly',
      evidence: evidence({ cookies: [readable('session')] }),
      messages: ['readable'],
      severity: 'high',
      check: ([f]) => {
        expect(f!.message).toContain('"session"');
        expect(f!.location).toMatchObject({ kind: 'cookie', name: 'session' });
      },
    },
    {
      name: 'a session cookie page scripts can see is by definition not HttpOnly',
      evidence: evidence({ cookies: [cookie({ name: 'connect.sid', httpOnly: false, secure: false, source: 'page' })] }),
      messages: ['readable'],
    },
    { name: 'JWT kept in a cookie', evidence: evidence({ cookies: [readable('jwt')] }), messages: ['readable'] },
    {
      name: 'next-auth session token from Set-Cookie',
      evidence: evidence({ cookies: [setCookie('__Secure-next-auth.session-token=e30; Path=/; Secure; SameSite=Lax')] }),
      messages: ['readable'],
    },
    { name: 'Bubble login cookie', evidence: evidence({ cookies: [readable('myapp_live_u2main')] }), messages: ['readable'] },
    {
      name: 'page and cookie-API copies of one cookie give one finding',
      evidence: evidence({ cookies: [readable('sessionid'), cookie({ name: 'sessionid', httpOnly: false, secure: false, source: 'page' })] }),
      messages: ['readable'],
    },
  ],
  clean: [
    // Issue 9, defect 6: a cookie the browser refuses (broken __Host- rules) is never stored, so never readable.
    {
      name: 'refused __Host- cookie (with a Domain) is not judged',
      evidence: evidence({ cookies: [setCookie('__Host-session=x; Path=/; Secure; Domain=example.com')] }),
    },
    { name: 'HttpOnly session cookie', evidence: evidence({ cookies: [cookie({ name: 'session' })] }) },
    { name: 'non-session cookies readable by scripts', evidence: evidence({ cookies: [readable('theme'), readable('ui_lang')] }) },
    { name: 'Google Analytics cookies', evidence: evidence({ cookies: [readable('_ga'), readable('_ga_ABC123'), readable('_gid'), readable('AMP_TOKEN')] }) },
    {
      name: 'analytics cookies whose names look like sessions',
      evidence: evidence({ cookies: [readable('_hjSession_123'), readable('ai_session'), readable('_uetsid')] }),
    },
    { name: 'Stripe fraud-prevention cookie', evidence: evidence({ cookies: [readable('__stripe_sid'), readable('__stripe_mid')] }) },
    { name: 'consent cookies', evidence: evidence({ cookies: [readable('OptanonConsent'), readable('cookieconsent_status')] }) },
    {
      name: 'anti-CSRF tokens are readable by design (double-submit pattern)',
      evidence: evidence({ cookies: [readable('XSRF-TOKEN'), readable('csrftoken'), readable('_csrf')] }),
    },
    { name: 'UI state cookie starting with "sid" (shadcn sidebar_state)', evidence: evidence({ cookies: [readable('sidebar_state')] }) },
  ],
  fixed: [
    {
      name: 'setting the cookie as the fix snippet shows',
      before: evidence({ cookies: [readable('session')] }),
      after: evidence({ cookies: [fixCookie(rule)] }),
    },
  ],
});

// Found by mutation testing (docs/mutation.md): the message in full, evidence, location, identity.
describe('cookie-session-no-httponly, cases from mutation testing', () => {
  it('message, evidence, location, identity', () => {
    const ev = evidence({ cookies: [setCookie('sessionid=x; Path=/; Secure')] });
    const [f, ...rest] = findingsOf(rule, ev);
    expect(rest).toEqual([]);
    expect(f!.message).toBe('Session cookie "sessionid" has no HttpOnly attribute, so page scripts can read it.');
    expect(f!.severity).toBe('high');
    expect(f!.evidence).toBe('sessionid (Secure)');
    expect(f!.location).toEqual({ kind: 'cookie', name: 'sessionid', url: ev.url });
    expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, ev.origin, 'sessionid|/'));
  });
  it('only the readable session cookies of several', () => {
    const ev = evidence({ cookies: [readable('theme'), cookie({ name: 'session' }), readable('sid')] });
    expect(findingsOf(rule, ev).map((f) => f.location.name)).toEqual(['sid']);
  });
});
