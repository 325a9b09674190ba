import { expect } from 'vitest';
import rule from '@/rules/glide/glide-app-open';
import { describeRule } from '../../helpers/rule-cases';
import { glideApp } from '../../helpers/glide';
import { resolveGuide } from '@/engine/fix';

describeRule(rule, {
  flagged: [
    {
      name: 'no sign-in screen, nothing personal shown',
      evidence: glideApp({ requests: [{ kind: 'api-function', url: 'api.glideapp.io/api/function/queryTables', count: 2 }] }),
      messages: ['open'],
      severity: 'medium',
    },
    {
      name: 'no sign-in screen, emails on screen: high, linked to the builder when the app id is known',
      evidence: glideApp({ appId: 'AbCdEfGhIjKlMnOpQrSt', visible: { emails: 12, phones: 3 } }, 'https://go.glideapps.com/play/AbCdEfGhIjKlMnOpQrSt'),
      messages: ['open-personal'],
      severity: 'high',
      check: ([f]) =>
        expect(resolveGuide(rule.meta.fix, ['glide'], f!.vars!).primary.deepLink).toBe('https://go.glideapps.com/app/AbCdEfGhIjKlMnOpQrSt/settings/privacy'),
    },
  ],
  clean: [
    { name: 'sign-in screen shown', evidence: glideApp({ signIn: 'shown' }) },
    { name: 'page unclear: no verdict', evidence: glideApp({ signIn: 'unknown', visible: { emails: 3, phones: 0 } }) },
  ],
  fixed: [
    { name: 'made private: the visit gets the sign-in screen', before: glideApp({ visible: { emails: 4, phones: 0 } }), after: glideApp({ signIn: 'shown' }) },
  ],
});
