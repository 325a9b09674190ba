import rule from '@/rules/bubble/bubble-swagger-visible';
import { hardenedApp, leakyApp, minimalApp } from '../../fixtures/bubble/app';
import { bubbleEvidence } from '../../helpers/bubble';
import { describeRule } from '../../helpers/rule-cases';

describeRule(rule, {
  flagged: [
    {
      name: 'Data API on, Swagger not hidden',
      evidence: bubbleEvidence(minimalApp({ clientSafe: { exposes_get_api: true, hide_swagger_api: false } })),
      messages: ['visible'],
    },
    {
      name: 'Workflow API on, hide_swagger_api absent (editor)',
      evidence: bubbleEvidence(minimalApp({ clientSafe: { exposes_wf_api: true, hide_swagger_api: undefined } }), 'editor'),
      messages: ['visible'],
    },
    { name: 'leaky fixture', evidence: bubbleEvidence(leakyApp()), messages: ['visible'] },
  ],
  clean: [
    { name: 'hidden', evidence: bubbleEvidence(minimalApp({ clientSafe: { exposes_get_api: true, hide_swagger_api: true } })) },
    { name: 'no API on', evidence: bubbleEvidence(minimalApp({ clientSafe: { hide_swagger_api: false } })) },
    { name: 'hardened fixture', evidence: bubbleEvidence(hardenedApp()) },
  ],
  fixed: [{ name: 'ticking Hide Swagger', before: bubbleEvidence(leakyApp()), after: bubbleEvidence(hardenedApp()) }],
});
