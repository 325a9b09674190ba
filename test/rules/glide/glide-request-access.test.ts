import { describe, expect, it } from 'vitest';
import rule from '@/rules/glide/glide-request-access';
import { fingerprint } from '@/engine/engine';
import { describeRule, findingsOf } from '../../helpers/rule-cases';
import { evidence } from '../../helpers/evidence';
import { PEOPLE, PRODUCTS, access, glide } from '../../helpers/glide';

const priv = (requestAccess: boolean) => access({ mode: 'private', who: ['users-table'], requestAccess });

describeRule(rule, {
  flagged: [{ name: 'request access on, personal data', evidence: glide({ access: priv(true), tables: [PEOPLE] }), messages: ['request-access'] }],
  clean: [
    { name: 'request access off', evidence: glide({ access: priv(false), tables: [PEOPLE] }) },
    { name: 'request access on, no personal data', evidence: glide({ access: priv(true), tables: [PRODUCTS] }) },
    { name: 'switch not shown', evidence: glide({ access: access({ mode: 'private' }), tables: [PEOPLE] }) },
  ],
  fixed: [{ name: 'switched off', before: glide({ access: priv(true), tables: [PEOPLE] }), after: glide({ access: priv(false), tables: [PEOPLE] }) }],
});

// Found by mutation testing (docs/mutation.md): a public app (no request needed), no Access reading, the rule's own
// severity, wording, evidence, location and identity.
describe('glide-request-access, cases from mutation testing', () => {
  it('wording, severity, evidence, location and identity', () => {
    const e = glide({ access: priv(true), tables: [PEOPLE] });
    const [f] = findingsOf(rule, e);
    expect(f!.severity).toBe('low');
    expect(f!.message).toBe('"Allow visitors to request access" is on while the tables hold personal-looking columns: Customers (Name, Email, Phone Number…).');
    expect(f!.evidence).toBe('Settings → Access: Allow visitors to request access = on');
    expect(f!.location).toEqual({ kind: 'builder', name: 'Settings → Access' });
    expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, e.origin, 'request_access'));
    expect(f!.vars).toEqual({ appId: 'AbCdEfGhIjKlMnOpQrSt' });
  });
  it('a public app needs no request: nothing', () => {
    expect(findingsOf(rule, glide({ access: access({ mode: 'public', requestAccess: true }), tables: [PEOPLE] }))).toEqual([]);
  });
  it('Access screen not read: nothing', () => {
    expect(findingsOf(rule, glide({ tables: [PEOPLE] }))).toEqual([]);
  });
  it('the rule alone returns nothing without Glide builder evidence', () => {
    expect(rule.check(evidence(), { platforms: [] })).toEqual([]);
  });
});
