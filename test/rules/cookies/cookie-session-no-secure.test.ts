import { describe, expect, it } from 'vitest';
import { fingerprint } from '@/engine/engine';
import rule from '@/rules/cookies/cookie-session-no-secure';
import { cookie, evidence } from '../../helpers/evidence';
import { fixCookie, setCookie } from '../../helpers/fix-guide';
import { describeRule, findingsOf } from '../../helpers/rule-cases';

describeRule(rule, {
  flagged: [
    {
      name: 'session cookie without Secure',
      evidence: evidence({ cookies: [cookie({ name: 'session', secure: false })] }),
      messages: ['insecure'],
      severity: 'high',
      check: ([f]) => expect(f!.message).toContain('"session"'),
    },
    { name: 'PHP session id', evidence: evidence({ cookies: [cookie({ name: 'PHPSESSID', secure: false })] }), messages: ['insecure'] },
    { name: 'Bubble login cookie', evidence: evidence({ cookies: [cookie({ name: 'tinypoll_live_u2main', secure: false })] }), messages: ['insecure'] },
    {
      name: 'as the server sent it (Set-Cookie without Secure)',
      evidence: evidence({ cookies: [setCookie('sessionid=abc; Path=/; HttpOnly; SameSite=Lax')] }),
      messages: ['insecure'],
    },
    {
      name: 'attribute names in odd case, Secure missing',
      evidence: evidence({ cookies: [setCookie('auth_token=x; HTTPONLY; samesite=STRICT; path=/')] }),
      messages: ['insecure'],
    },
    {
      name: 'Set-Cookie wins over the browser store (which may have dropped or changed the cookie)',
      evidence: evidence({ cookies: [cookie({ name: 'sid', secure: true }), setCookie('sid=1; HttpOnly')] }),
      messages: ['insecure'],
    },
    // Issue 9, defect 5: anti-CSRF tokens without Secure can be overwritten over plain HTTP (RFC 6265bis protects
    // only Secure cookies); they were exempt from every rule.
    {
      name: 'anti-CSRF cookie without Secure: low',
      evidence: evidence({ cookies: [setCookie('csrftoken=abc; Path=/; SameSite=Lax')] }),
      messages: ['csrf'],
      severity: 'low',
      check: ([f]) => expect(f!.message).toContain('overwrite'),
    },
    {
      name: 'XSRF-TOKEN without Secure (readable by scripts, as it must be)',
      evidence: evidence({ cookies: [cookie({ name: 'XSRF-TOKEN', secure: false, httpOnly: false })] }),
      messages: ['csrf'],
      severity: 'low',
    },
    {
      name: 'the same name on two paths is two cookies',
      evidence: evidence({ cookies: [cookie({ name: 'session', secure: false }), cookie({ name: 'session', path: '/admin', secure: false })] }),
      messages: ['insecure', 'insecure'],
    },
  ],
  clean: [
    { name: 'session cookie with Secure', evidence: evidence({ cookies: [cookie({ name: 'session' })] }) },
    {
      name: 'cookie visible to page scripts (Secure unknown there)',
      evidence: evidence({ cookies: [cookie({ name: 'session', secure: false, httpOnly: false, source: 'page' })] }),
    },
    { name: 'analytics cookie that looks like a session', evidence: evidence({ cookies: [cookie({ name: '_hjSessionUser_12345', secure: false })] }) },
    { name: 'non-session cookie', evidence: evidence({ cookies: [cookie({ name: 'theme', secure: false }), cookie({ name: 'lang', secure: false })] }) },
    { name: 'Set-Cookie without a name is dropped by the collector', evidence: evidence({ cookies: [] }) },
    {
      name: 'anti-CSRF cookie with Secure (HttpOnly not asked: scripts read it)',
      evidence: evidence({ cookies: [cookie({ name: 'csrftoken', httpOnly: false })] }),
    },
    // Issue 9, defect 6: the browser refuses these (prefix rules), so there is no insecure session cookie at all;
    // cookie-prefix reports the refusal as info.
    {
      name: '__Host- session cookie without Secure is refused by the browser',
      evidence: evidence({ cookies: [setCookie('__Host-session=x; Path=/; HttpOnly; SameSite=Lax')] }),
    },
    {
      name: '__Secure- session cookie without Secure is refused by the browser',
      evidence: evidence({ cookies: [setCookie('__Secure-sid=x; Path=/; HttpOnly')] }),
    },
  ],
  fixed: [
    {
      name: 'setting the cookie as the fix snippet shows',
      before: evidence({ cookies: [setCookie('session=abc; Path=/; HttpOnly')] }),
      after: evidence({ cookies: [fixCookie(rule)] }),
    },
    {
      name: 'adding Secure to the same cookie',
      before: evidence({ cookies: [cookie({ name: 'session', secure: false })] }),
      after: evidence({ cookies: [cookie({ name: 'session', secure: true })] }),
    },
  ],
});

// Found by mutation testing (docs/mutation.md): both messages in full, evidence, location, identity, severities.
describe('cookie-session-no-secure, cases from mutation testing', () => {
  const one = (line: string) => {
    const ev = evidence({ cookies: [setCookie(line)] });
    const [f, ...rest] = findingsOf(rule, ev);
    expect(rest).toEqual([]);
    return { f: f!, ev };
  };
  it('insecure: message, evidence, location, identity', () => {
    const { f, ev } = one('sessionid=abc; Path=/; HttpOnly; SameSite=Lax');
    expect(f.message).toBe('Session cookie "sessionid" is not marked Secure.');
    expect(f.severity).toBe('high');
    expect(f.evidence).toBe('sessionid (HttpOnly; SameSite=Lax)');
    expect(f.location).toEqual({ kind: 'cookie', name: 'sessionid', url: ev.url });
    expect(f.fingerprint).toBe(fingerprint(rule.meta.id, ev.origin, 'sessionid|/'));
  });
  it('csrf: message and severity', () => {
    const { f } = one('csrftoken=abc; Path=/; SameSite=Lax');
    expect(f.message).toBe(
      'Anti-CSRF cookie "csrftoken" is not marked Secure, so a response over plain HTTP (any subdomain, any network attacker) can overwrite it with a value the attacker knows, defeating double-submit CSRF protection.',
    );
    expect(f.severity).toBe('low');
    expect(f.evidence).toBe('csrftoken (SameSite=Lax)');
  });
  it('an anti-CSRF cookie read by page scripts, or Secure: nothing', () => {
    expect(findingsOf(rule, evidence({ cookies: [cookie({ name: 'csrftoken', secure: false, httpOnly: false, source: 'page' })] }))).toEqual([]);
    expect(findingsOf(rule, evidence({ cookies: [setCookie('csrftoken=abc; Path=/; Secure')] }))).toEqual([]);
  });
});
