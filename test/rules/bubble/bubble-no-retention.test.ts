import { describe, expect, it } from 'vitest';
import { fingerprint } from '@/engine/engine';
import rule from '@/rules/bubble/bubble-no-retention';
import { APP_ID, hardenedApp, leakyApp, minimalApp } from '../../fixtures/bubble/app';
import { bubbleEvidence } from '../../helpers/bubble';
import { describeRule, findingsOf } from '../../helpers/rule-cases';

const people = { person: { display: 'Person', fields: { email_text: { display: 'Email', value: 'text' } } } };
const purge = (kind: string, selfSchedule: boolean) => ({
  bTp: {
    type: kind,
    id: 'bTp1',
    properties: { wf_name: 'purge', expose: false },
    actions: {
      '0': { type: 'DeleteListOfThings', properties: { type_to_delete: 'custom.person' } },
      ...(selfSchedule ? { '1': { type: 'ScheduleAPIEvent', properties: { api_event: 'bTp1' } } } : {}),
    },
  },
});

describeRule(rule, {
  flagged: [
    { name: 'personal fields and no workflow at all', evidence: bubbleEvidence(minimalApp({ types: people })), messages: ['no-job'], severity: 'low' },
    {
      name: 'a delete that never repeats (editor)',
      evidence: bubbleEvidence(minimalApp({ types: people, api: purge('APIEvent', false) }), 'editor'),
      messages: ['no-job'],
    },
    { name: 'leaky fixture (the webhook deletes, but not on a schedule)', evidence: bubbleEvidence(leakyApp()), messages: ['no-job'] },
  ],
  clean: [
    { name: 'a self-scheduling purge', evidence: bubbleEvidence(minimalApp({ types: people, api: purge('APIEvent', true) })) },
    { name: 'a recurring event that deletes', evidence: bubbleEvidence(minimalApp({ types: people, api: purge('RecurringEvent', false) })) },
    {
      name: 'no personal-looking fields',
      evidence: bubbleEvidence(minimalApp({ types: { product: { display: 'Product', fields: { title_text: { display: 'Title' } } } } })),
    },
    { name: 'no backend workflows section in the model: not checked', evidence: bubbleEvidence({ user_types: people, settings: { client_safe: {} } }) },
  ],
  fixed: [
    {
      name: 'adding the guide’s self-scheduling purge',
      before: bubbleEvidence(minimalApp({ types: people })),
      after: bubbleEvidence(minimalApp({ types: people, api: purge('APIEvent', true) })),
    },
    { name: 'leaky → hardened', before: bubbleEvidence(leakyApp()), after: bubbleEvidence(hardenedApp()) },
  ],
});

// Found by mutation testing (docs/mutation.md): the finding pinned whole (evidence with the workflow count and the
// type keys, location, identity, vars).
describe('bubble-no-retention, cases from mutation testing', () => {
  it('the leaky fixture: pinned whole', () => {
    const ev = bubbleEvidence(leakyApp());
    expect(findingsOf(rule, ev)).toEqual([
      {
        ruleId: rule.meta.id,
        title: rule.meta.title,
        severity: 'low',
        messageId: 'no-job',
        message: 'No backend workflow deletes old records on a schedule, while User (user), Invoice (invoice) hold personal-looking fields.',
        evidence: '3 backend workflow(s), none a recurring delete; personal-looking types: user, invoice',
        location: { kind: 'builder', name: 'Backend workflows' },
        fingerprint: fingerprint(rule.meta.id, ev.origin, 'retention'),
        vars: { app: APP_ID },
      },
    ]);
  });
});
