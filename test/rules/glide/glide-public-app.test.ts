import { expect } from 'vitest';
import rule from '@/rules/glide/glide-public-app';
import { describeRule } from '../../helpers/rule-cases';
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
