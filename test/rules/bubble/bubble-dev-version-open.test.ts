import rule from '@/rules/bubble/bubble-dev-version-open';
import { hardenedApp, leakyApp, minimalApp } from '../../fixtures/bubble/app';
import { bubbleEvidence } from '../../helpers/bubble';
import { describeRule } from '../../helpers/rule-cases';

describeRule(rule, {
  flagged: [
    { name: 'pw_protection false', evidence: bubbleEvidence(leakyApp()), messages: ['no-password'] },
    {
      name: 'pw_protection absent (editor)',
      evidence: bubbleEvidence(minimalApp({ clientSafe: { pw_protection: undefined } }), 'editor'),
      messages: ['no-password'],
    },
  ],
  clean: [
    { name: 'protected', evidence: bubbleEvidence(minimalApp()) },
    { name: 'no client-safe settings in the model: not checked', evidence: bubbleEvidence({ user_types: {}, settings: {} }) },
  ],
  fixed: [{ name: 'turning on Limit access', before: bubbleEvidence(leakyApp()), after: bubbleEvidence(hardenedApp()) }],
});
