import rule from '@/rules/bubble/bubble-data-api-type-open';
import { EVERYONE_CLOSED, OWNER_RULE, everyone, hardenedApp, leakyApp, minimalApp } from '../../fixtures/bubble/app';
import { bubbleEvidence } from '../../helpers/bubble';
import { describeRule } from '../../helpers/rule-cases';

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
