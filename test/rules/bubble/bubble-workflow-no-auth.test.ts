import { expect } from 'vitest';
import rule from '@/rules/bubble/bubble-workflow-no-auth';
import { hardenedApp, leakyApp, minimalApp } from '../../fixtures/bubble/app';
import { bubbleEvidence } from '../../helpers/bubble';
import { describeRule } from '../../helpers/rule-cases';

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
