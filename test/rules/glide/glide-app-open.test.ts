import { describe, expect, it } from 'vitest';
import rule from '@/rules/glide/glide-app-open';
import { fingerprint } from '@/engine/engine';
import { describeRule, findingsOf } from '../../helpers/rule-cases';
import { evidence } from '../../helpers/evidence';
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

// Found by mutation testing (docs/mutation.md): phone numbers alone count as personal, evidence line, location and
// identity; no Glide visit, no verdict.
describe('glide-app-open, cases from mutation testing', () => {
  it('phone numbers alone on screen are personal: high, counted in message and evidence', () => {
    const e = glideApp({ visible: { emails: 0, phones: 2 }, requests: [{ kind: 'api-function', url: 'api.glideapp.io/api/function/queryTables', count: 4 }] });
    const [f] = findingsOf(rule, e);
    expect(f!.messageId).toBe('open-personal');
    expect(f!.severity).toBe('high');
    expect(f!.message).toBe(
      'A logged-out visit opened the app without a sign-in screen and the page shows personal-looking values (0 email address(es), 2 phone number(s)).',
    );
    expect(f!.evidence).toBe('no sign-in screen; 0 email(s), 2 phone(s) on screen; 4 data request(s)');
    expect(f!.location).toEqual({ kind: 'page', url: 'https://tinyshop.glide.page/dl/a1b2c3' });
    expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, e.origin, 'open'));
  });
  it('as many emails as phones is still personal', () => {
    expect(findingsOf(rule, glideApp({ visible: { emails: 3, phones: 3 } })).map((f) => f.messageId)).toEqual(['open-personal']);
  });
  it('nothing personal: the plain wording with the data request count', () => {
    const [f] = findingsOf(rule, glideApp({ requests: [{ kind: 'firestore-rows', url: 'firestore.googleapis.com/x', count: 7 }] }));
    expect(f!.message).toBe(
      'A logged-out visit opened the app without a sign-in screen; it downloaded 7 data request(s). Check in the builder whether it should be public.',
    );
    expect(f!.evidence).toBe('no sign-in screen; 0 email(s), 0 phone(s) on screen; 7 data request(s)');
  });
  it('the rule alone returns nothing without a Glide app visit', () => {
    expect(rule.check(evidence(), { platforms: [] })).toEqual([]);
  });
});
