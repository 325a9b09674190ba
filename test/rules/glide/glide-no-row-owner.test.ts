import { expect } from 'vitest';
import rule from '@/rules/glide/glide-no-row-owner';
import { describeRule } from '../../helpers/rule-cases';
import { PEOPLE, PRODUCTS, access, glide, noOwner, table } from '../../helpers/glide';

const MEDICAL = noOwner('Appointments', ['Date', 'Diagnosis', 'Phone']);
const withOwner = (t: ReturnType<typeof noOwner>, col: string) => ({
  ...t,
  columns: t.columns.map((c) => (c.name === col ? { ...c, rowOwner: 'yes' as const } : c)),
});

describeRule(rule, {
  flagged: [
    {
      name: 'public app: a personal table without Row Owner is high',
      evidence: glide({ access: access({ mode: 'public' }), tables: [PEOPLE, PRODUCTS] }),
      messages: ['no-row-owner'],
      severity: 'high',
      check: ([f]) => expect(f!.message).toContain('Customers'),
    },
    {
      name: 'private app: a personal table without owner-like column is medium',
      evidence: glide({ access: access({ mode: 'private', who: ['users-table'] }), tables: [MEDICAL] }),
      messages: ['no-row-owner'],
      severity: 'medium',
    },
    {
      name: 'columns whose menus were not opened: could not read, info',
      evidence: glide({ access: access({ mode: 'public' }), tables: [table('Customers', ['Name', 'Email'])] }),
      messages: ['not-read'],
      severity: 'info',
      check: ([f]) => expect(f!.message).toContain('Make Row Owner'),
    },
    {
      name: 'a computed column marked owner does not count',
      evidence: glide({
        access: access({ mode: 'public' }),
        tables: [
          table('Customers', [
            { name: 'Email', rowOwner: 'no' },
            { name: 'Owner email', rowOwner: 'yes', computed: 'yes' },
          ]),
        ],
      }),
      messages: ['no-row-owner'],
    },
  ],
  clean: [
    { name: 'Row Owner on the email column', evidence: glide({ access: access({ mode: 'public' }), tables: [withOwner(PEOPLE, 'Email')] }) },
    { name: 'no personal columns', evidence: glide({ access: access({ mode: 'public' }), tables: [PRODUCTS] }) },
    {
      name: 'per-user table in a sign-in app is left to glide-visibility-only',
      evidence: glide({ access: access({ mode: 'private', who: ['users-table'] }), tables: [noOwner('Orders', ['Item', 'Customer Email'])] }),
    },
  ],
  fixed: [
    {
      name: '"Make Row Owner" on Email',
      before: glide({ access: access({ mode: 'public' }), tables: [PEOPLE] }),
      after: glide({ access: access({ mode: 'public' }), tables: [withOwner(PEOPLE, 'Email')] }),
    },
  ],
});
