import { expect } from 'vitest';
import rule from '@/rules/bubble/bubble-type-public';
import { EVERYONE_CLOSED, OWNER_RULE, everyone, hardenedApp, leakyApp, minimalApp } from '../../fixtures/bubble/app';
import { bubbleEvidence } from '../../helpers/bubble';
import { describeRule } from '../../helpers/rule-cases';

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
