import { describe, expect, it } from 'vitest';
import rule from '@/rules/glide/glide-weak-sign-in';
import { fingerprint } from '@/engine/engine';
import { describeRule, findingsOf } from '../../helpers/rule-cases';
import { evidence } from '../../helpers/evidence';
import { PEOPLE, PRODUCTS, access, glide } from '../../helpers/glide';

describeRule(rule, {
  flagged: [
    {
      name: 'old "Public with email": any email signs in to personal data',
      evidence: glide({ access: access({ mode: 'public-email', wording: 'old' }), tables: [PEOPLE] }),
      messages: ['any-email'],
      severity: 'high',
    },
    {
      name: 'one shared password over personal data',
      evidence: glide({ access: access({ mode: 'private', who: ['password'], wording: 'old' }), tables: [PEOPLE] }),
      messages: ['shared-password'],
      severity: 'medium',
    },
    {
      name: 'magic link without PIN over personal data',
      evidence: glide({ access: access({ mode: 'private', who: ['users-table'], signIn: ['glide-pin', 'magic-link'] }), tables: [PEOPLE] }),
      messages: ['magic-link'],
      severity: 'low',
    },
  ],
  clean: [
    { name: 'users table + PIN', evidence: glide({ access: access({ mode: 'private', who: ['users-table'], signIn: ['glide-pin'] }), tables: [PEOPLE] }) },
    { name: 'shared password over product data only', evidence: glide({ access: access({ mode: 'private', who: ['password'] }), tables: [PRODUCTS] }) },
    {
      name: 'magic link with SSO',
      evidence: glide({ access: access({ mode: 'private', who: ['team-members'], signIn: ['sso', 'magic-link'] }), tables: [PEOPLE] }),
    },
    { name: 'Data tab not read: no verdict', evidence: glide({ access: access({ mode: 'public-email' }), tables: [PEOPLE], screens: [] }) },
  ],
  fixed: [
    {
      name: 'users table instead of any email',
      before: glide({ access: access({ mode: 'public-email' }), tables: [PEOPLE] }),
      after: glide({ access: access({ mode: 'private', who: ['users-table'], signIn: ['glide-pin'] }), tables: [PEOPLE] }),
    },
    {
      name: 'magic link turned off',
      before: glide({ access: access({ mode: 'private', who: ['users-table'], signIn: ['glide-pin', 'magic-link'] }), tables: [PEOPLE] }),
      after: glide({ access: access({ mode: 'private', who: ['users-table'], signIn: ['glide-pin'] }), tables: [PEOPLE] }),
    },
  ],
});

// Found by mutation testing (docs/mutation.md): the password and magic-link weaknesses are the private mode's,
// evidence lines naming the setting, location, identity; no Access reading, no verdict.
describe('glide-weak-sign-in, cases from mutation testing', () => {
  const one = (a: Parameters<typeof access>[0]) => findingsOf(rule, glide({ access: access(a), tables: [PEOPLE] }));
  it('each weakness names its setting in the evidence, on Settings → Access, one identity per weakness', () => {
    const cases: [Parameters<typeof access>[0], string, string][] = [
      [{ mode: 'public-email' }, 'any-email', 'Settings → Access: Public with email'],
      [{ mode: 'private', who: ['password'] }, 'shared-password', 'Settings → Access: Limit access by password'],
      [{ mode: 'private', who: ['users-table'], signIn: ['magic-link'] }, 'magic-link', 'Settings → Access: Include magic link to sign in without PIN'],
    ];
    for (const [a, id, ev] of cases) {
      const e = glide({ access: access(a), tables: [PEOPLE] });
      const [f, ...rest] = findingsOf(rule, e);
      expect(rest).toEqual([]);
      expect(f!.messageId).toBe(id);
      expect(f!.evidence).toBe(ev);
      expect(f!.location).toEqual({ kind: 'builder', name: 'Settings → Access' });
      expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, e.origin, id));
      expect(f!.vars).toEqual({ appId: 'AbCdEfGhIjKlMnOpQrSt' });
    }
  });
  it('a password or magic link listed while the app is "Public with email" is only the any-email weakness', () => {
    expect(one({ mode: 'public-email', who: ['password'], signIn: ['magic-link'] }).map((f) => f.messageId)).toEqual(['any-email']);
  });
  it('a public app is not judged here (no sign-in to weaken)', () => {
    expect(one({ mode: 'public', who: ['password'], signIn: ['magic-link'] })).toEqual([]);
  });
  it('both private weaknesses at once: two findings', () => {
    expect(
      one({ mode: 'private', who: ['password'], signIn: ['magic-link'] })
        .map((f) => f.messageId)
        .sort(),
    ).toEqual(['magic-link', 'shared-password']);
  });
  it('Access screen not read: nothing, however personal the data', () => {
    expect(findingsOf(rule, glide({ tables: [PEOPLE] }))).toEqual([]);
  });
  it('the rule alone returns nothing without Glide builder evidence', () => {
    expect(rule.check(evidence(), { platforms: [] })).toEqual([]);
  });
});
