import { describe, expect, it } from 'vitest';
import { fingerprint } from '@/engine/engine';
import rule from '@/rules/bubble/bubble-workflow-no-auth';
import { APP_ID, OWNER_RULE, hardenedApp, leakyApp, minimalApp } from '../../fixtures/bubble/app';
import { bubbleEvidence } from '../../helpers/bubble';
import { describeRule, findingsOf } from '../../helpers/rule-cases';

const wf = (props: object, actions: object = {}) =>
  minimalApp({ clientSafe: { exposes_wf_api: true }, api: { bTw: { type: 'APIEvent', id: 'bTw1', properties: { wf_name: 'hook', ...props }, actions } } });
const DELETE = { '0': { type: 'DeleteListOfThings', properties: { type_to_delete: 'custom.order' } } };

describeRule(rule, {
  flagged: [
    {
      name: 'exposed, without authentication',
      evidence: bubbleEvidence(wf({ expose: true, auth_unecessary: true })),
      messages: ['no-auth'],
      severity: 'medium',
    },
    { name: '`expose` absent means exposed (reference 1d)', evidence: bubbleEvidence(wf({ auth_unecessary: true }), 'editor'), messages: ['no-auth'] },
    {
      name: 'it deletes things',
      evidence: bubbleEvidence(wf({ auth_unecessary: true }, DELETE)),
      messages: ['writes'],
      severity: 'high',
      check: ([f]) => expect(f!.message).toContain('deletes order'),
    },
    {
      name: 'ignore privacy rules and creates (reference 1d pattern)',
      evidence: bubbleEvidence(
        wf({ auth_unecessary: true, ignore_privacy_rules: true }, { '0': { type: 'NewThing', properties: { thing_type: 'custom.user_row' } } }),
      ),
      messages: ['ignores-privacy'],
      severity: 'critical',
    },
    { name: 'leaky fixture', evidence: bubbleEvidence(leakyApp()), messages: ['writes', 'ignores-privacy'] },
  ],
  clean: [
    { name: 'not exposed', evidence: bubbleEvidence(wf({ expose: false, auth_unecessary: true })) },
    { name: 'needs authentication', evidence: bubbleEvidence(wf({ expose: true, auth_unecessary: false })) },
    {
      name: 'Workflow API off',
      evidence: bubbleEvidence(
        minimalApp({ clientSafe: { exposes_wf_api: false }, api: { bTw: { type: 'APIEvent', properties: { auth_unecessary: true } } } }),
      ),
    },
    {
      name: 'a recurring event is not a public API',
      evidence: bubbleEvidence(
        minimalApp({ clientSafe: { exposes_wf_api: true }, api: { bTr: { type: 'RecurringEvent', properties: { auth_unecessary: true } } } }),
      ),
    },
    { name: 'hardened fixture', evidence: bubbleEvidence(hardenedApp()) },
  ],
  fixed: [
    {
      name: 'unticking "can be run without authentication"',
      before: bubbleEvidence(wf({ auth_unecessary: true }, DELETE)),
      after: bubbleEvidence(wf({ auth_unecessary: false }, DELETE)),
    },
    {
      name: 'unticking "Expose as a public API workflow"',
      before: bubbleEvidence(wf({ auth_unecessary: true })),
      after: bubbleEvidence(wf({ expose: false, auth_unecessary: true })),
    },
  ],
});

// Found by mutation testing (docs/mutation.md): findings pinned whole (wording for each message with and without
// writes, "Only when" and webhook parts, evidence with and without actions, location, identity, vars).
describe('bubble-workflow-no-auth, cases from mutation testing', () => {
  const id = rule.meta.id;
  it('the leaky fixture: both findings pinned whole', () => {
    const ev = bubbleEvidence(leakyApp());
    const base = { ruleId: id, title: rule.meta.title, vars: { app: APP_ID } };
    expect(findingsOf(rule, ev)).toEqual([
      {
        ...base,
        severity: 'critical',
        messageId: 'ignores-privacy',
        message:
          'Backend workflow “stripe_webhook” runs without authentication and ignores privacy rules, and deletes invoice. It detects request data (a webhook): the stored sample may hold real personal data.',
        evidence: 'api.bTwH1: expose true, auth_unecessary true, ignore_privacy_rules true; actions: deletes invoice',
        location: { kind: 'builder', name: 'backend workflow stripe_webhook' },
        fingerprint: fingerprint(id, ev.origin, 'wf:bTwH1'),
      },
      {
        ...base,
        severity: 'high',
        messageId: 'writes',
        message: 'Backend workflow “create_json_file” runs without authentication and creates note.',
        evidence: 'api.bTvkQ1: expose true, auth_unecessary true, ignore_privacy_rules false; actions: creates note',
        location: { kind: 'builder', name: 'backend workflow create_json_file' },
        fingerprint: fingerprint(id, ev.origin, 'wf:bTvkQ1'),
      },
    ]);
  });
  it('no writes, no condition, not a webhook: the short wording and evidence', () => {
    const [f] = findingsOf(rule, bubbleEvidence(wf({ expose: true, auth_unecessary: true })));
    expect(f!.message).toBe('Backend workflow “hook” is a public API workflow that runs without authentication.');
    expect(f!.evidence).toBe('api.bTw1: expose true, auth_unecessary true, ignore_privacy_rules false');
  });
  it('ignores privacy rules without writing: high, nothing appended', () => {
    const [f] = findingsOf(rule, bubbleEvidence(wf({ auth_unecessary: true, ignore_privacy_rules: true })));
    expect(f!.severity).toBe('high');
    expect(f!.message).toBe('Backend workflow “hook” runs without authentication and ignores privacy rules.');
  });
  it('changes things, with an "Only when" condition: both named', () => {
    const ev = bubbleEvidence(wf({ auth_unecessary: true, condition: OWNER_RULE.condition }, { ...DELETE, '1': { type: 'ChangeThing', properties: {} } }));
    const [f] = findingsOf(rule, ev);
    expect(f!.messageId).toBe('writes');
    expect(f!.message).toBe(
      'Backend workflow “hook” runs without authentication and changes things, deletes order (it has an “Only when” condition: check it is a real secret).',
    );
    expect(f!.evidence).toBe('api.bTw1: expose true, auth_unecessary true, ignore_privacy_rules false; actions: changes things; deletes order');
  });
});
