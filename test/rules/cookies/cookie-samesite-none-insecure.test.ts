import rule from '@/rules/cookies/cookie-samesite-none-insecure';
import { cookie, evidence } from '../../helpers/evidence';
import { setCookie } from '../../helpers/fix-guide';
import { describeRule } from '../../helpers/rule-cases';

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
