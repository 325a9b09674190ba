import { expect } from 'vitest';
import rule from '@/rules/bubble/bubble-api-connector-key';
import { fixtureKeys, hardenedApp, leakyApp, minimalApp } from '../../fixtures/bubble/app';
import { bubbleEvidence } from '../../helpers/bubble';
import { describeRule } from '../../helpers/rule-cases';

const k = fixtureKeys(3);
const connector = (group: object) => minimalApp({ clientSafe: { apiconnector2: { bTAPI0: { human: 'OpenAI', ...group } } } });
const header = (row: object) => connector({ shared_headers: { bTH: { key: 'Authorization', ...row } } });

describeRule(rule, {
  flagged: [
    {
      name: 'a secret key in a non-private shared header (export)',
      evidence: bubbleEvidence(header({ value: `Bearer ${k.openai}`, private: false })),
      messages: ['secret'],
      severity: 'critical',
      check: ([f]) => {
        expect(f!.message).not.toContain(k.openai);
        expect(f!.evidence).not.toContain(k.openai);
      },
    },
    {
      name: 'same in the editor serialisation (%v)',
      evidence: bubbleEvidence(header({ value: `Bearer ${k.openai}`, private: false }), 'editor'),
      messages: ['secret'],
    },
    {
      name: 'a publishable key: info',
      evidence: bubbleEvidence(connector({ shared_params: { bTP: { key: 'pk', value: k.stripePublishable, private: false } } })),
      messages: ['publishable'],
      severity: 'info',
    },
    {
      name: 'a typed-in Authorization value the engine does not know',
      evidence: bubbleEvidence(header({ value: 'Token team-shared-value', private: false })),
      messages: ['named'],
      severity: 'medium',
    },
    {
      name: 'a key typed into the call URL',
      evidence: bubbleEvidence(
        connector({ calls: { bTC: { name: 'Geocode', url: `https://maps.example.test/geo?q=[q]&api_key=${'v'.repeat(3)}-typed-in` } } }),
      ),
      messages: ['url'],
      check: ([f]) => expect(f!.message).toContain('“api_key”'),
    },
    {
      name: 'tokens baked into the initialised test response (types)',
      evidence: bubbleEvidence(
        connector({
          calls: { bTC: { name: 'Login', url: 'https://auth.example.test/token', types: JSON.stringify({ refresh_token: 'rt-live-session-0042' }) } },
        }),
        'editor',
      ),
      messages: ['test-response'],
    },
    { name: 'leaky fixture', evidence: bubbleEvidence(leakyApp()), messages: ['secret', 'publishable', 'named', 'url', 'test-response'] },
  ],
  clean: [
    {
      name: 'a private header is only {"private": true} client-side (reference 1c)',
      evidence: bubbleEvidence(connector({ shared_headers: { bTH: { private: true } } })),
    },
    { name: 'a dynamic value <token>', evidence: bubbleEvidence(header({ value: '<token>', private: false })) },
    {
      name: 'a URL parameter filled at run time',
      evidence: bubbleEvidence(connector({ calls: { bTC: { name: 'Geo', url: 'https://maps.example.test/geo?key=[key]' } } })),
    },
    {
      name: 'a non-credential parameter',
      evidence: bubbleEvidence(
        connector({
          calls: { bTC: { name: 'Files', url: 'https://x.test/f', params: { r: { key: 'file', value: '//cdn.bubble.io/f/a.csv', private: false } } } },
        }),
      ),
    },
    { name: 'hardened fixture', evidence: bubbleEvidence(hardenedApp()) },
  ],
  fixed: [
    {
      name: 'ticking Private',
      before: bubbleEvidence(header({ value: `Bearer ${k.openai}`, private: false })),
      after: bubbleEvidence(header({ private: true })),
    },
    { name: 'leaky → hardened (editor)', before: bubbleEvidence(leakyApp(), 'editor'), after: bubbleEvidence(hardenedApp(), 'editor') },
  ],
});
