import { describe, expect, it } from 'vitest';
import rule from '@/rules/glide/glide-public-app';
import { fingerprint } from '@/engine/engine';
import { describeRule, findingsOf } from '../../helpers/rule-cases';
import { PEOPLE, PRODUCTS, access, glide } from '../../helpers/glide';
import { resolveGuide } from '@/engine/fix';

describeRule(rule, {
  flagged: [
    {
      name: 'public app whose tables hold personal columns: high, with the Access deep link',
      evidence: glide({ access: access({ mode: 'public' }), tables: [PEOPLE, PRODUCTS] }),
      messages: ['public-personal'],
      severity: 'high',
      check: ([f]) => {
        expect(f!.message).toContain('Customers (Name, Email, Phone Number…)');
        expect(resolveGuide(rule.meta.fix, ['glide'], f!.vars!).primary.deepLink).toBe('https://go.glideapps.com/app/AbCdEfGhIjKlMnOpQrSt/settings/privacy');
      },
    },
    {
      name: 'public app, Data tab not read yet: medium, says what to open',
      evidence: glide({ access: access({ mode: 'public' }), screens: [] }),
      messages: ['public-unchecked'],
      severity: 'medium',
    },
    {
      name: 'public app with only product data: low',
      evidence: glide({ access: access({ mode: 'public' }), tables: [PRODUCTS] }),
      messages: ['public'],
      severity: 'low',
    },
  ],
  clean: [
    { name: 'private app with personal data', evidence: glide({ access: access({ mode: 'private', who: ['users-table'] }), tables: [PEOPLE] }) },
    { name: 'Access screen not read: no verdict', evidence: glide({ tables: [PEOPLE] }) },
    { name: 'Access screen read but unclear', evidence: glide({ access: access({ mode: 'unknown' }), tables: [PEOPLE] }) },
  ],
  fixed: [
    {
      name: 'switched to Private in Settings → Access',
      before: glide({ access: access({ mode: 'public' }), tables: [PEOPLE] }),
      after: glide({ access: access({ mode: 'private', who: ['users-table'] }), tables: [PEOPLE] }),
    },
  ],
});

// Found by mutation testing (docs/mutation.md): evidence line with and without personal columns, location, identity.
describe('glide-public-app, cases from mutation testing', () => {
  it('personal columns: named in the evidence, on Settings → Access, one identity per app', () => {
    const e = glide({ access: access({ mode: 'public' }), tables: [PEOPLE, PRODUCTS] });
    const [f] = findingsOf(rule, e);
    expect(f!.message).toBe(
      'The app is public (anyone with the link can open it) and its tables hold personal-looking columns: Customers (Name, Email, Phone Number…).',
    );
    expect(f!.evidence).toBe('Settings → Access: public; personal-looking columns: Customers (Name, Email, Phone Number…)');
    expect(f!.location).toEqual({ kind: 'builder', name: 'Settings → Access' });
    expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, e.origin, 'public_app'));
  });
  it('no personal columns: the evidence says only "public", the message counts the tables', () => {
    const [f] = findingsOf(rule, glide({ access: access({ mode: 'public' }), tables: [PRODUCTS] }));
    expect(f!.evidence).toBe('Settings → Access: public');
    expect(f!.message).toBe('The app is public (anyone with the link can open it); no personal-looking columns were seen in 1 table(s).');
  });
});
