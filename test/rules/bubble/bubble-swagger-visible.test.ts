import { describe, expect, it } from 'vitest';
import { fingerprint } from '@/engine/engine';
import rule from '@/rules/bubble/bubble-swagger-visible';
import { APP_ID, hardenedApp, leakyApp, minimalApp } from '../../fixtures/bubble/app';
import { bubbleEvidence } from '../../helpers/bubble';
import { describeRule, findingsOf } from '../../helpers/rule-cases';

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

// Found by mutation testing (docs/mutation.md): the finding pinned whole (it takes the rule's own severity), the
// wording for each API, the evidence for absent settings, and a model without the client-safe settings.
describe('bubble-swagger-visible, cases from mutation testing', () => {
  it('both APIs on: pinned whole', () => {
    const ev = bubbleEvidence(leakyApp());
    expect(findingsOf(rule, ev)).toEqual([
      {
        ruleId: rule.meta.id,
        title: rule.meta.title,
        severity: 'low',
        messageId: 'visible',
        message: 'The Data API and Workflow API is on and the Swagger documentation is not hidden: /api/1.1/meta/swagger.json describes it to anyone.',
        evidence: 'settings.client_safe: exposes_get_api true, exposes_wf_api true, hide_swagger_api false',
        location: { kind: 'builder', name: 'Settings → API' },
        fingerprint: fingerprint(rule.meta.id, ev.origin, 'swagger'),
        vars: { app: APP_ID },
      },
    ]);
  });
  it('the Data API alone, the Workflow API not set: named alone, the absent setting shown as false', () => {
    const [f] = findingsOf(rule, bubbleEvidence(minimalApp({ clientSafe: { exposes_get_api: true, exposes_wf_api: undefined, hide_swagger_api: false } })));
    expect(f!.message).toBe('The Data API is on and the Swagger documentation is not hidden: /api/1.1/meta/swagger.json describes it to anyone.');
    expect(f!.evidence).toBe('settings.client_safe: exposes_get_api true, exposes_wf_api false, hide_swagger_api false');
  });
  it('the Workflow API alone, hide_swagger_api absent: (absent)', () => {
    const [f] = findingsOf(rule, bubbleEvidence(minimalApp({ clientSafe: { exposes_get_api: undefined, exposes_wf_api: true, hide_swagger_api: undefined } })));
    expect(f!.message).toBe('The Workflow API is on and the Swagger documentation is not hidden: /api/1.1/meta/swagger.json describes it to anyone.');
    expect(f!.evidence).toBe('settings.client_safe: exposes_get_api false, exposes_wf_api true, hide_swagger_api (absent)');
  });
  it('a model that says its client-safe settings were not read is not checked', () => {
    expect(findingsOf(rule, bubbleEvidence({ user_types: {}, settings: {} }))).toEqual([]);
    const ev = bubbleEvidence(leakyApp());
    ev.builder!.bubble!.missing.push('settings.client_safe');
    expect(findingsOf(rule, ev)).toEqual([]);
  });
});
