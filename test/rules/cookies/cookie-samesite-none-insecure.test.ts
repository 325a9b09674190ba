import { describe, expect, it } from 'vitest';
import { fingerprint } from '@/engine/engine';
import rule from '@/rules/cookies/cookie-samesite-none-insecure';
import { cookie, evidence } from '../../helpers/evidence';
import { setCookie } from '../../helpers/fix-guide';
import { describeRule, findingsOf } from '../../helpers/rule-cases';

describeRule(rule, {
  flagged: [
    {
      name: 'session cookie SameSite=None without Secure',
      evidence: evidence({ cookies: [cookie({ name: 'session', sameSite: 'none', secure: false })] }),
      messages: ['insecure'],
      severity: 'medium',
    },
    {
      name: 'any cookie, not only sessions (browsers drop it)',
      evidence: evidence({ cookies: [setCookie('embed_pref=1; SameSite=None')] }),
      messages: ['insecure'],
    },
    { name: 'attribute value in upper case', evidence: evidence({ cookies: [setCookie('widget=1; SAMESITE=NONE; HttpOnly')] }), messages: ['insecure'] },
    {
      name: 'what the server sent wins over a browser store that never kept it',
      evidence: evidence({ cookies: [setCookie('track=1; SameSite=None'), cookie({ name: 'track', domain: 'app.example.com', sameSite: 'lax' })] }),
      messages: ['insecure'],
    },
  ],
  clean: [
    // Issue 9, defect 6: refused for its prefix already; cookie-prefix reports that (info).
    { name: 'refused __Host- cookie is not judged', evidence: evidence({ cookies: [setCookie('__Host-embed=1; Path=/; SameSite=None')] }) },
    { name: 'SameSite=None with Secure', evidence: evidence({ cookies: [setCookie('embed=1; SameSite=None; Secure')] }) },
    { name: 'Lax without Secure (other rules cover sessions)', evidence: evidence({ cookies: [cookie({ name: 'theme', sameSite: 'lax', secure: false })] }) },
    { name: 'misspelt SameSite=Nonee is not None', evidence: evidence({ cookies: [setCookie('x=1; SameSite=Nonee')] }) },
    { name: 'no cookies', evidence: evidence() },
  ],
  fixed: [
    {
      name: 'adding Secure as the fix guide says',
      before: evidence({ cookies: [setCookie('embed_pref=1; Path=/; SameSite=None')] }),
      after: evidence({ cookies: [setCookie('embed_pref=1; Path=/; SameSite=None; Secure')] }),
    },
    {
      name: 'or switching to SameSite=Lax when it need not cross sites',
      before: evidence({ cookies: [setCookie('embed_pref=1; SameSite=None')] }),
      after: evidence({ cookies: [setCookie('embed_pref=1; SameSite=Lax')] }),
    },
  ],
});

// Found by mutation testing (docs/mutation.md): the message in full, evidence, location, identity.
describe('cookie-samesite-none-insecure, cases from mutation testing', () => {
  it('message, evidence, location, identity', () => {
    const ev = evidence({ cookies: [setCookie('embed_pref=1; Path=/; SameSite=None')] });
    const [f, ...rest] = findingsOf(rule, ev);
    expect(rest).toEqual([]);
    expect(f!.message).toBe('Cookie "embed_pref" is SameSite=None but not Secure; modern browsers drop it.');
    expect(f!.severity).toBe('medium');
    expect(f!.evidence).toBe('embed_pref (SameSite=None)');
    expect(f!.location).toEqual({ kind: 'cookie', name: 'embed_pref', url: ev.url });
    expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, ev.origin, 'embed_pref|/'));
  });
  it('only the insecure None ones of several', () => {
    const ev = evidence({ cookies: [setCookie('a=1; SameSite=None; Secure'), setCookie('b=1; SameSite=Strict'), setCookie('c=1; SameSite=None')] });
    expect(findingsOf(rule, ev).map((f) => f.location.name)).toEqual(['c']);
  });
});
