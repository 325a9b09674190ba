import rule from '@/rules/glide/glide-visibility-only';
import { describeRule } from '../../helpers/rule-cases';
import { PRODUCTS, access, glide, noOwner, table } from '../../helpers/glide';

const ORDERS = noOwner('Orders', ['Item', 'Customer Email', 'Address']);
const priv = access({ mode: 'private', who: ['users-table'] });

describeRule(rule, {
  flagged: [
    { name: 'per-user orders, users sign in, no Row Owner', evidence: glide({ access: priv, tables: [ORDERS, PRODUCTS] }), messages: ['filter-only'] },
    {
      name: '"Public with email" counts as signing in',
      evidence: glide({ access: access({ mode: 'public-email' }), tables: [noOwner('Tasks', ['Title', 'Assigned To'])] }),
      messages: ['filter-only'],
    },
  ],
  clean: [
    {
      name: 'Row Owner set',
      evidence: glide({
        access: priv,
        tables: [{ ...ORDERS, columns: ORDERS.columns.map((c) => (c.name === 'Customer Email' ? { ...c, rowOwner: 'yes' as const } : c)) }],
      }),
    },
    { name: 'public app (no signed-in users: glide-no-row-owner speaks)', evidence: glide({ access: access({ mode: 'public' }), tables: [ORDERS] }) },
    { name: 'Row Owner state unknown: no verdict', evidence: glide({ access: priv, tables: [table('Orders', ['Item', 'Customer Email'])] }) },
  ],
  fixed: [
    {
      name: '"Make Row Owner" on Customer Email',
      before: glide({ access: priv, tables: [ORDERS] }),
      after: glide({
        access: priv,
        tables: [{ ...ORDERS, columns: ORDERS.columns.map((c) => (c.name === 'Customer Email' ? { ...c, rowOwner: 'yes' as const } : c)) }],
      }),
    },
  ],
});
