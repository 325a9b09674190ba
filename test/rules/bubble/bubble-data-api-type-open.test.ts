import { describe, expect, it } from 'vitest';
import { fingerprint } from '@/engine/engine';
import rule from '@/rules/bubble/bubble-data-api-type-open';
import { APP_ID, EVERYONE_CLOSED, OWNER_RULE, everyone, hardenedApp, leakyApp, minimalApp } from '../../fixtures/bubble/app';
import { bubbleEvidence } from '../../helpers/bubble';
import { describeRule, findingsOf } from '../../helpers/rule-cases';

const on = { exposes_get_api: true };
const invoice = (extra: object) => ({
  invoice: { display: 'Invoice', fields: { amount_number: { display: 'Amount', value: 'number' } }, exposed_api: true, ...extra },
});

describeRule(rule, {
  flagged: [
    {
      name: 'Data API on, type ticked, no privacy rules',
      evidence: bubbleEvidence(minimalApp({ clientSafe: on, types: invoice({}) })),
      messages: ['open'],
      severity: 'high',
    },
    { name: 'same, editor serialisation', evidence: bubbleEvidence(minimalApp({ clientSafe: on, types: invoice({}) }), 'editor'), messages: ['open'] },
    {
      name: 'everyone may delete via API (create/modify/delete_via_api keys)',
      evidence: bubbleEvidence(
        minimalApp({ clientSafe: on, types: invoice({ privacy_role: { owner_: OWNER_RULE, everyone: everyone({ delete_via_api: true }) } }) }),
      ),
      messages: ['writes'],
      severity: 'critical',
    },
    { name: 'leaky fixture: user and invoice', evidence: bubbleEvidence(leakyApp()), messages: ['open', 'open'], severity: 'critical' },
  ],
  clean: [
    { name: 'Data API off', evidence: bubbleEvidence(minimalApp({ types: invoice({}) })) },
    { name: 'type not ticked', evidence: bubbleEvidence(minimalApp({ clientSafe: on, types: { invoice: { display: 'Invoice', fields: {} } } })) },
    {
      name: 'ticked but protected',
      evidence: bubbleEvidence(minimalApp({ clientSafe: on, types: invoice({ privacy_role: { owner_: OWNER_RULE, everyone: EVERYONE_CLOSED } }) })),
    },
    { name: 'hardened fixture', evidence: bubbleEvidence(hardenedApp()) },
  ],
  fixed: [
    {
      name: 'unticking the type',
      before: bubbleEvidence(minimalApp({ clientSafe: on, types: invoice({}) })),
      after: bubbleEvidence(minimalApp({ clientSafe: on, types: { invoice: { display: 'Invoice', fields: {}, exposed_api: false } } })),
    },
    {
      name: 'adding privacy rules',
      before: bubbleEvidence(minimalApp({ clientSafe: on, types: invoice({}) })),
      after: bubbleEvidence(minimalApp({ clientSafe: on, types: invoice({ privacy_role: { owner_: OWNER_RULE, everyone: EVERYONE_CLOSED } }) })),
    },
  ],
});

// Found by mutation testing (docs/mutation.md): findings pinned whole (wording with and without personal fields,
// evidence for rules or none, location, identity, vars), which operations are listed, and rules with a "When".
describe('bubble-data-api-type-open, cases from mutation testing', () => {
  const id = rule.meta.id;
  const withRule = (everyoneRule: object, extra: object = {}) =>
    bubbleEvidence(minimalApp({ clientSafe: on, types: invoice({ privacy_role: { everyone: everyoneRule, ...extra } }) }));

  it('the leaky fixture: both types pinned, with personal fields and either evidence', () => {
    const ev = bubbleEvidence(leakyApp());
    const open = (key: string, label: string, personal: string, why: string) => ({
      ruleId: id,
      title: rule.meta.title,
      severity: 'critical',
      messageId: 'open',
      message: `The Data API exposes ${label} and its privacy rules let anyone read it: GET /api/1.1/obj/${key} lists its records. Personal-looking fields: ${personal}.`,
      evidence: `settings.client_safe.exposes_get_api: true; user_types.${key}.exposed_api: true; ${why}`,
      location: { kind: 'builder', name: label },
      fingerprint: fingerprint(id, ev.origin, `open:${key}`),
      vars: { app: APP_ID },
    });
    expect(findingsOf(rule, ev)).toEqual([
      open('invoice', 'Invoice (invoice)', 'IBAN', 'rules let everyone read it'),
      open('user', 'User (user)', 'email (built in), Phone number', 'no privacy_role'),
    ]);
  });

  it('no personal-looking field: the sentence ends after "lists its records."', () => {
    const [f] = findingsOf(rule, bubbleEvidence(minimalApp({ clientSafe: on, types: invoice({}) })));
    expect(f!.message).toBe('The Data API exposes Invoice (invoice) and its privacy rules let anyone read it: GET /api/1.1/obj/invoice lists its records.');
  });

  it('everyone may create and modify: critical, both named, the permissions in the evidence', () => {
    const ev = withRule(everyone({ create_via_api: true, modify_via_api: true, delete_via_api: false }));
    expect(findingsOf(rule, ev)).toEqual([
      {
        ruleId: id,
        title: rule.meta.title,
        severity: 'critical',
        messageId: 'writes',
        message: 'The rule “everyone” of Invoice (invoice) applies to everyone and allows create, modify via the Data API.',
        evidence: 'user_types.invoice.privacy_role.everyone.permissions: create_via_api: true, modify_via_api: true',
        location: { kind: 'builder', name: 'Invoice (invoice)' },
        fingerprint: fingerprint(id, ev.origin, 'writes:invoice:everyone'),
        vars: { app: APP_ID },
      },
    ]);
  });

  it('each operation alone is named alone', () => {
    for (const op of ['create', 'modify', 'delete']) {
      const [f] = findingsOf(rule, withRule(everyone({ [`${op}_via_api`]: true })));
      expect(f!.message).toBe(`The rule “everyone” of Invoice (invoice) applies to everyone and allows ${op} via the Data API.`);
    }
  });

  it('a rule with a "When" that allows deleting via the API is not everyone’s', () => {
    const owner = { ...OWNER_RULE, permissions: { ...OWNER_RULE.permissions, delete_via_api: true } };
    expect(findingsOf(rule, withRule(EVERYONE_CLOSED, { owner_: owner }))).toEqual([]);
  });

  it('write permissions all false: nothing', () => {
    expect(findingsOf(rule, withRule(everyone({ create_via_api: false, modify_via_api: false, delete_via_api: false })))).toEqual([]);
  });
});
