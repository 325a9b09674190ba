import { describe, expect, it } from 'vitest';
import rule from '@/rules/glide/glide-visibility-only';
import { fingerprint } from '@/engine/engine';
import { describeRule, findingsOf } from '../../helpers/rule-cases';
import { evidence } from '../../helpers/evidence';
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

// Found by mutation testing (docs/mutation.md): the rule's own severity, wording, evidence, location and identity
// (one finding per table).
describe('glide-visibility-only, cases from mutation testing', () => {
  it('names the table and its owner-like column; high; one identity per table', () => {
    const e = glide({ access: priv, tables: [ORDERS, noOwner('Tasks', ['Title', 'Assigned To'])] });
    const found = findingsOf(rule, e);
    expect(found.map((f) => f.location.name).sort()).toEqual(['Data → Orders', 'Data → Tasks']);
    const f = found.find((x) => x.location.name === 'Data → Orders')!;
    expect(f.severity).toBe('high');
    expect(f.message).toBe(
      'Rows of Orders belong to individual users (column Customer Email) but no column is a Row Owner: filters and visibility conditions only hide other users’ rows, every signed-in device downloads them all.',
    );
    expect(f.evidence).toBe('Data → Orders: owner-like column Customer Email, no Row Owner');
    expect(f.location).toEqual({ kind: 'builder', name: 'Data → Orders' });
    expect(f.fingerprint).toBe(fingerprint(rule.meta.id, e.origin, 'table:Orders'));
    expect(f.vars).toEqual({ appId: 'AbCdEfGhIjKlMnOpQrSt' });
  });
  it('the rule alone returns nothing without Glide builder evidence', () => {
    expect(rule.check(evidence(), { platforms: [] })).toEqual([]);
  });
});
