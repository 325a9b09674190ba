import { describe, expect, it } from 'vitest';
import rule from '@/rules/glide/glide-public-email';
import { fingerprint } from '@/engine/engine';
import { describeRule, findingsOf } from '../../helpers/rule-cases';
import { PEOPLE, PRODUCTS, access, glide, table } from '../../helpers/glide';

describeRule(rule, {
  flagged: [
    { name: 'public app, Email column', evidence: glide({ access: access({ mode: 'public' }), tables: [PEOPLE, PRODUCTS] }), messages: ['email-public'] },
  ],
  clean: [
    { name: 'private app', evidence: glide({ access: access({ mode: 'private' }), tables: [PEOPLE] }) },
    {
      name: 'public app, "Email verified" is a flag, not an address',
      evidence: glide({ access: access({ mode: 'public' }), tables: [table('Signups', ['Email verified', 'Count'])] }),
    },
  ],
  fixed: [
    {
      name: 'email column removed from the public app’s table',
      before: glide({ access: access({ mode: 'public' }), tables: [PEOPLE] }),
      after: glide({ access: access({ mode: 'public' }), tables: [table('Customers', ['Name'])] }),
    },
  ],
});

// Found by mutation testing (docs/mutation.md): the rule's own severity, wording (email columns only), evidence,
// location and identity.
describe('glide-public-email, cases from mutation testing', () => {
  it('names the tables and their email columns; medium, on the Data screen', () => {
    const e = glide({ access: access({ mode: 'public' }), tables: [PEOPLE, PRODUCTS, table('Leads', ['Work email', 'Company'])] });
    const [f] = findingsOf(rule, e);
    expect(f!.severity).toBe('medium');
    expect(f!.message).toBe('The app is public and Customers (Email), Leads (Work email) hold email addresses: anyone with the link can download them.');
    expect(f!.evidence).toBe('public app; email columns: Customers (Email), Leads (Work email)');
    expect(f!.location).toEqual({ kind: 'builder', name: 'Data' });
    expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, e.origin, 'public_email'));
    expect(f!.vars).toEqual({ appId: 'AbCdEfGhIjKlMnOpQrSt' });
  });
});
