import { expect } from 'vitest';
import rule from '@/rules/bubble/bubble-app-rights-open';
import { hardenedApp, leakyApp, minimalApp } from '../../fixtures/bubble/app';
import { bubbleEvidence } from '../../helpers/bubble';
import { describeRule } from '../../helpers/rule-cases';

describeRule(rule, {
  flagged: [
    {
      name: 'any value but "private" is shown as found',
      evidence: bubbleEvidence(leakyApp()),
      messages: ['not-private'],
      severity: 'high',
      check: ([f]) => expect(f!.message).toContain('“public”'),
    },
    {
      name: 'a value naming edit: critical (editor)',
      evidence: bubbleEvidence(minimalApp({ clientSafe: { app_rights: 'everyone_can_edit' } }), 'editor'),
      messages: ['not-private'],
      severity: 'critical',
    },
  ],
  clean: [
    { name: '"private"', evidence: bubbleEvidence(minimalApp()) },
    { name: 'not in the model (no guess)', evidence: bubbleEvidence(minimalApp({ clientSafe: { app_rights: undefined } })) },
  ],
  fixed: [{ name: 'set to Private app', before: bubbleEvidence(leakyApp()), after: bubbleEvidence(hardenedApp()) }],
});
