import { describe, expect, it } from 'vitest';
import { fingerprint } from '@/engine/engine';
import rule from '@/rules/bubble/bubble-type-public';
import { APP_ID, EVERYONE_CLOSED, OWNER_RULE, everyone, hardenedApp, leakyApp, minimalApp } from '../../fixtures/bubble/app';
import { bubbleEvidence } from '../../helpers/bubble';
import { describeRule, findingsOf } from '../../helpers/rule-cases';

const notes = (privacy_role?: object, exposed = false) => ({
  note: {
    display: 'Note',
    fields: { title_text: { display: 'Title', value: 'text' } },
    ...(privacy_role ? { privacy_role } : {}),
    ...(exposed ? { exposed_api: true } : {}),
  },
});

describeRule(rule, {
  flagged: [
    { name: 'no privacy_role at all (export)', evidence: bubbleEvidence(minimalApp({ types: notes() })), messages: ['no-rules'], severity: 'medium' },
    {
      name: 'no privacy_role at all (editor short codes)',
      evidence: bubbleEvidence(minimalApp({ types: notes() }), 'editor'),
      messages: ['no-rules'],
      severity: 'medium',
    },
    {
      name: 'everyone may view all fields of a type with an IBAN',
      evidence: bubbleEvidence(
        minimalApp({
          types: {
            invoice: {
              display: 'Invoice',
              fields: { iban_text: { display: 'IBAN', value: 'text' } },
              privacy_role: { everyone: everyone({ view_all: true }) },
            },
          },
        }),
        'editor',
      ),
      messages: ['views-all'],
      severity: 'high',
      check: ([f]) => expect(f!.message).toContain('IBAN'),
    },
    {
      name: 'a rule without a "When" finds the type in searches (view_fields is an index-keyed map)',
      evidence: bubbleEvidence(
        minimalApp({
          types: notes({ open_: { display: 'open', permissions: { search_for: true, view_fields: { '0': 'title_text' } } }, everyone: EVERYONE_CLOSED }),
        }),
      ),
      messages: ['finds'],
      check: ([f]) => expect(f!.message).toContain('visible fields: title_text'),
    },
    {
      name: 'higher again when the Data API serves it (User type: built-in email)',
      evidence: bubbleEvidence(minimalApp({ clientSafe: { exposes_get_api: true }, types: { user: { display: 'User', fields: {}, exposed_api: true } } })),
      messages: ['no-rules'],
      severity: 'critical',
      check: ([f]) => {
        expect(f!.message).toContain('email (built in)');
        expect(f!.message).toContain('Data API');
      },
    },
    { name: 'the leaky fixture: user, note, invoice', evidence: bubbleEvidence(leakyApp()), messages: ['no-rules', 'finds', 'views-all'] },
  ],
  clean: [
    {
      name: 'owner rule with a condition, everyone closed (reference 1b snippet)',
      evidence: bubbleEvidence(minimalApp({ types: notes({ owner_: OWNER_RULE, everyone: EVERYONE_CLOSED }) })),
    },
    { name: 'a deleted type', evidence: bubbleEvidence(minimalApp({ types: { gone: { display: 'Gone', deleted: true } } })) },
    { name: 'the hardened fixture (editor)', evidence: bubbleEvidence(hardenedApp(), 'editor') },
  ],
  fixed: [
    {
      name: 'adding an owner rule and closing everyone',
      before: bubbleEvidence(minimalApp({ types: notes() })),
      after: bubbleEvidence(minimalApp({ types: notes({ owner_: OWNER_RULE, everyone: EVERYONE_CLOSED }) })),
    },
    { name: 'leaky → hardened', before: bubbleEvidence(leakyApp()), after: bubbleEvidence(hardenedApp()) },
  ],
});

// Found by mutation testing (docs/mutation.md): findings pinned whole (wording with and without the personal and
// Data API parts, evidence, location, identity, vars), the severity served by the Data API without personal fields,
// and a search rule without visible fields.
describe('bubble-type-public, cases from mutation testing', () => {
  const id = rule.meta.id;
  it('the leaky fixture: its three findings pinned whole', () => {
    const ev = bubbleEvidence(leakyApp());
    const base = { ruleId: id, title: rule.meta.title, vars: { app: APP_ID } };
    const api = ' The Data API serves it too (/api/1.1/obj/…).';
    expect(findingsOf(rule, ev)).toEqual([
      {
        ...base,
        severity: 'critical',
        messageId: 'views-all',
        message: `Type Invoice (invoice): the rule “everyone” applies to everyone and lets them view all fields. It holds personal-looking fields: IBAN.${api}`,
        evidence: 'user_types.invoice: 1 rule(s); 2 field(s); exposed_api: true',
        location: { kind: 'builder', name: 'Invoice (invoice)' },
        fingerprint: fingerprint(id, ev.origin, 'type:invoice'),
      },
      {
        ...base,
        severity: 'critical',
        messageId: 'no-rules',
        message: `Type User (user) has no privacy rules: anyone can find every record and read all its fields. It holds personal-looking fields: email (built in), Phone number.${api}`,
        evidence: 'user_types.user: no privacy_role; 2 field(s); exposed_api: true',
        location: { kind: 'builder', name: 'User (user)' },
        fingerprint: fingerprint(id, ev.origin, 'type:user'),
      },
      {
        ...base,
        severity: 'medium',
        messageId: 'finds',
        message: 'Type Note (note): the rule “everyone” applies to everyone and lets them find records in searches (visible fields: title_text).',
        evidence: 'user_types.note: 1 rule(s); 2 field(s)',
        location: { kind: 'builder', name: 'Note (note)' },
        fingerprint: fingerprint(id, ev.origin, 'type:note'),
      },
    ]);
  });
  it('no rules, nothing personal, not served: medium, the sentence ends there', () => {
    const [f] = findingsOf(rule, bubbleEvidence(minimalApp({ types: notes() })));
    expect(f!.severity).toBe('medium');
    expect(f!.message).toBe('Type Note (note) has no privacy rules: anyone can find every record and read all its fields.');
    expect(f!.evidence).toBe('user_types.note: no privacy_role; 1 field(s)');
  });
  it('served by the Data API without personal fields: high, says the Data API serves it', () => {
    const [f] = findingsOf(rule, bubbleEvidence(minimalApp({ clientSafe: { exposes_get_api: true }, types: notes(undefined, true) })));
    expect(f!.severity).toBe('high');
    expect(f!.message).toBe(
      'Type Note (note) has no privacy rules: anyone can find every record and read all its fields. The Data API serves it too (/api/1.1/obj/…).',
    );
  });
  it('a search rule with no visible field: "none"', () => {
    const [f] = findingsOf(
      rule,
      bubbleEvidence(minimalApp({ types: notes({ open_: { display: 'open', permissions: { search_for: true } }, everyone: EVERYONE_CLOSED }) })),
    );
    expect(f!.message).toBe('Type Note (note): the rule “open” applies to everyone and lets them find records in searches (visible fields: none).');
    expect(f!.evidence).toBe('user_types.note: 2 rule(s); 1 field(s)');
  });
});
