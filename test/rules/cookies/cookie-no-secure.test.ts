import { describe, expect, it } from 'vitest';
import { fingerprint } from '@/engine/engine';
import rule from '@/rules/cookies/cookie-no-secure';
import { cookie, evidence } from '../../helpers/evidence';
import { setCookie } from '../../helpers/fix-guide';
import { describeRule, findingsOf } from '../../helpers/rule-cases';

const HSTS: [string, string] = ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'];
const HSTS_HOST_ONLY: [string, string] = ['Strict-Transport-Security', 'max-age=31536000'];

describeRule(rule, {
  flagged: [
    {
      name: 'preference cookie without Secure on a site without HSTS: sent in clear on a plain-HTTP request',
      evidence: evidence({ cookies: [setCookie('prefs=dark; Path=/; SameSite=Lax')] }),
      messages: ['exposed'],
      severity: 'low',
      check: ([f]) => expect(f!.message).toContain('"prefs"'),
    },
    {
      name: 'an invalid HSTS header protects nothing (browsers ignore it)',
      evidence: evidence({ headers: [['Strict-Transport-Security', 'max-age=abc']], cookies: [setCookie('theme=dark; Path=/')] }),
      messages: ['exposed'],
      severity: 'low',
    },
    {
      name: 'domain cookie while HSTS lacks includeSubDomains: subdomains are reached over HTTP',
      evidence: evidence({ headers: [HSTS_HOST_ONLY], cookies: [setCookie('lang=en; Path=/; Domain=example.com')] }),
      messages: ['subdomains'],
      severity: 'low',
    },
    {
      name: 'HSTS protects the host: info (hardening)',
      evidence: evidence({ headers: [HSTS], cookies: [setCookie('theme=dark; Path=/')] }),
      messages: ['protected'],
      severity: 'info',
      check: ([f]) => expect(f!.message).toContain('HSTS keeps'),
    },
    {
      name: 'host-only cookie with HSTS without includeSubDomains: protected',
      evidence: evidence({ headers: [HSTS_HOST_ONLY], cookies: [setCookie('theme=dark; Path=/')] }),
      messages: ['protected'],
      severity: 'info',
    },
    {
      name: 'preloaded host (*.web.app) without any HSTS header: protected',
      evidence: evidence({ url: 'https://myapp.web.app/', cookies: [setCookie('theme=dark; Path=/; Domain=myapp.web.app', 'https://myapp.web.app/')] }),
      messages: ['protected'],
      severity: 'info',
    },
    {
      name: 'analytics cookie from the cookie store (Secure known there)',
      evidence: evidence({ cookies: [cookie({ name: '_ga', secure: false, httpOnly: false })] }),
      messages: ['exposed'],
    },
  ],
  clean: [
    { name: 'cookie with Secure', evidence: evidence({ cookies: [setCookie('theme=dark; Path=/; Secure')] }) },
    { name: 'session cookie without Secure is cookie-session-no-secure’s', evidence: evidence({ cookies: [setCookie('sessionid=x; Path=/; HttpOnly')] }) },
    { name: 'anti-CSRF cookie without Secure is cookie-session-no-secure’s', evidence: evidence({ cookies: [setCookie('csrftoken=x; Path=/')] }) },
    {
      name: 'SameSite=None without Secure is cookie-samesite-none-insecure’s (not reported twice)',
      evidence: evidence({ cookies: [setCookie('prefs=compact; Path=/; SameSite=None')] }),
    },
    {
      name: 'cookie read by page scripts (Secure unknown)',
      evidence: evidence({ cookies: [cookie({ name: 'theme', secure: false, httpOnly: false, source: 'page' })] }),
    },
    {
      name: 'page served over plain HTTP (https-not-used reports that)',
      evidence: evidence({ url: 'http://app.example.com/', cookies: [setCookie('theme=dark; Path=/', 'http://app.example.com/')] }),
    },
    {
      name: '__Secure- cookie without Secure is refused by the browser (cookie-prefix)',
      evidence: evidence({ cookies: [setCookie('__Secure-theme=dark; Path=/')] }),
    },
  ],
  fixed: [
    {
      name: 'adding Secure',
      before: evidence({ cookies: [setCookie('prefs=dark; Path=/; SameSite=Lax')] }),
      after: evidence({ cookies: [setCookie('prefs=dark; Path=/; SameSite=Lax; Secure')] }),
    },
  ],
});

// Found by mutation testing (docs/mutation.md): the three messages in full, evidence, location, identity, severities,
// and what protects subdomains (a preloaded host, valid HSTS with includeSubDomains).
describe('cookie-no-secure, cases from mutation testing', () => {
  const one = (headers: [string, string][], line: string, url = 'https://app.example.com/') => {
    const ev = evidence({ url, headers, cookies: [setCookie(line, url)] });
    const [f, ...rest] = findingsOf(rule, ev);
    expect(rest).toEqual([]);
    return { f: f!, ev };
  };
  it('exposed: message, evidence, location, identity in full', () => {
    const { f, ev } = one([], 'prefs=dark; Path=/; SameSite=Lax');
    expect(f.message).toBe(
      'Cookie "prefs" is not marked Secure and the site sends no valid HSTS header, so a plain-HTTP request to the site (which a network attacker can trigger) carries it in clear, and a plain-HTTP response can replace it.',
    );
    expect(f.severity).toBe('low');
    expect(f.evidence).toBe('prefs (SameSite=Lax)');
    expect(f.location).toEqual({ kind: 'cookie', name: 'prefs', url: ev.url });
    expect(f.fingerprint).toBe(fingerprint(rule.meta.id, ev.origin, 'prefs|/'));
  });
  it('subdomains and protected: messages in full', () => {
    expect(one([HSTS_HOST_ONLY], 'lang=en; Path=/; Domain=example.com').f.message).toBe(
      'Cookie "lang" is not marked Secure and is set for the whole domain; HSTS here lacks includeSubDomains, so a plain-HTTP request to any subdomain carries it in clear.',
    );
    const p = one([HSTS], 'theme=dark; Path=/').f;
    expect(p.message).toBe('Cookie "theme" is not marked Secure; HSTS keeps browsers from sending it over plain HTTP to this site, so this is hardening only.');
    expect(p.severity).toBe('info');
  });
  it('a domain cookie under HSTS with includeSubDomains is protected; an invalid HSTS with includeSubDomains is not', () => {
    expect(one([HSTS], 'lang=en; Path=/; Domain=example.com').f.messageId).toBe('protected');
    expect(one([['Strict-Transport-Security', 'max-age=abc; includeSubDomains']], 'lang=en; Path=/; Domain=example.com').f.messageId).toBe('exposed');
    expect(one([['Strict-Transport-Security', 'max-age=abc; includeSubDomains']], 'lang=en; Path=/').f.messageId).toBe('exposed');
  });
  it('a preloaded host protects its subdomains without includeSubDomains', () => {
    const url = 'https://myapp.web.app/';
    expect(one([HSTS_HOST_ONLY], 'lang=en; Path=/; Domain=myapp.web.app', url).f.messageId).toBe('protected');
  });
});

// From the first Stryker run: without the document response there is no HSTS to read, so nothing protects.
describe('cookie-no-secure, no document response', () => {
  it('a cookie without Secure is exposed', () => {
    const ev = { ...evidence({ cookies: [setCookie('prefs=dark; Path=/')] }), responses: [] };
    expect(findingsOf(rule, ev).map((f) => f.messageId)).toEqual(['exposed']);
  });
});
