import { describe, expect, it } from 'vitest';
import rule from '@/rules/glide/glide-no-row-owner';
import { fingerprint } from '@/engine/engine';
import { describeRule, findingsOf } from '../../helpers/rule-cases';
import { evidence } from '../../helpers/evidence';
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

// Found by mutation testing (docs/mutation.md): severity by access mode, per-user tables whose Row Owners were not
// read, the five-column cap, evidence lines, locations and identities.
describe('glide-no-row-owner, cases from mutation testing', () => {
  const PATIENTS = noOwner('Patients', ['Name', 'Phone Number', 'Diagnosis']);
  it('"Public with email" is not private: high', () => {
    const [f] = findingsOf(rule, glide({ access: access({ mode: 'public-email' }), tables: [PATIENTS] }));
    expect(f!.messageId).toBe('no-row-owner');
    expect(f!.severity).toBe('high');
  });
  it('no Access reading: high', () => {
    expect(findingsOf(rule, glide({ tables: [PATIENTS] })).map((f) => [f.messageId, f.severity])).toEqual([['no-row-owner', 'high']]);
  });
  it('a per-user table whose Row Owners were not read is listed as not checked', () => {
    const e = glide({ access: access({ mode: 'private', who: ['users-table'] }), tables: [table('Orders', ['Item', 'Customer Email'])] });
    const [f, ...rest] = findingsOf(rule, e);
    expect(rest).toEqual([]);
    expect(f!.messageId).toBe('not-read');
    expect(f!.severity).toBe('info');
    expect(f!.message).toBe(
      'Not checked: whether Orders have a Row Owner column. The builder does not show it on the grid; open each email column’s menu in the Data tab (a column whose menu offers "Make Row Owner" is not one).',
    );
    expect(f!.evidence).toBe('Row Owners not shown for: Orders');
    expect(f!.location).toEqual({ kind: 'builder', name: 'Data' });
    expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, e.origin, 'not_read'));
    expect(f!.vars).toEqual({ appId: 'AbCdEfGhIjKlMnOpQrSt' });
  });
  it('names at most five personal columns, in evidence, message and location, one identity per table', () => {
    const WIDE = noOwner('Members', ['Name', 'Email', 'Phone', 'Address', 'Birthday', 'Passport', 'Plan']);
    const e = glide({ access: access({ mode: 'public' }), tables: [WIDE, PATIENTS] });
    const found = findingsOf(rule, e);
    const f = found.find((x) => x.location.name === 'Data → Members')!;
    expect(f.evidence).toBe('Data → Members: no Row Owner column; personal-looking: Name, Email, Phone, Address, Birthday');
    expect(f.message).toBe(
      'Table Members holds personal-looking columns (Name, Email, Phone, Address, Birthday) and none of its columns is a Row Owner: every row downloads to every user.',
    );
    expect(f.location).toEqual({ kind: 'builder', name: 'Data → Members' });
    expect(f.fingerprint).toBe(fingerprint(rule.meta.id, e.origin, 'table:Members'));
    expect(found.map((x) => x.location.name).sort()).toEqual(['Data → Members', 'Data → Patients']);
  });
  it('the rule alone returns nothing without Glide builder evidence', () => {
    expect(rule.check(evidence(), { platforms: [] })).toEqual([]);
  });
});
