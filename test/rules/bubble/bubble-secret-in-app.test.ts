import { expect } from 'vitest';
import rule from '@/rules/bubble/bubble-secret-in-app';
import { fixtureKeys, hardenedApp, leakyApp, minimalApp } from '../../fixtures/bubble/app';
import { bubbleEvidence } from '../../helpers/bubble';
import { describeRule } from '../../helpers/rule-cases';

const k = fixtureKeys(5);
const page = (text: string) => ({ bTp: { name: 'checkout', elements: { e1: { type: 'Text', properties: { text } } } } });

describeRule(rule, {
  flagged: [
    {
      name: 'a live secret typed into a page element (export)',
      evidence: bubbleEvidence(minimalApp({ pages: page(`key ${k.stripeSecret}`) })),
      messages: ['secret'],
      severity: 'critical',
      check: ([f]) => {
        expect(f!.message).toContain('page checkout');
        expect(JSON.stringify(f)).not.toContain(k.stripeSecret);
      },
    },
    {
      name: 'same in a reusable, editor serialisation (%ed, %el, %p)',
      evidence: bubbleEvidence(
        minimalApp({ reusables: { bTr: { name: 'Header', elements: { e: { type: 'Text', properties: { text: k.stripeSecret } } } } } }),
        'editor',
      ),
      messages: ['secret'],
    },
    {
      name: 'one of the app’s own API tokens appears in a workflow action',
      evidence: bubbleEvidence(
        minimalApp({
          secure: { api_tokens: { t: { name: 'zap', private_key: k.bubbleToken } } },
          api: {
            w: {
              type: 'APIEvent',
              properties: { wf_name: 'sync', expose: false },
              actions: { '0': { type: 'apiconnector2-x.y', properties: { headers_Auth: `Bearer ${k.bubbleToken}` } } },
            },
          },
        }),
      ),
      messages: ['api-token'],
      severity: 'critical',
    },
    { name: 'leaky fixture', evidence: bubbleEvidence(leakyApp()), messages: ['secret', 'api-token'] },
  ],
  clean: [
    { name: 'a publishable key in a page (left to the page rules)', evidence: bubbleEvidence(minimalApp({ pages: page(k.stripePublishable) })) },
    {
      name: 'the token only in settings.secure',
      evidence: bubbleEvidence(minimalApp({ secure: { api_tokens: { t: { name: 'zap', private_key: k.bubbleToken } } } })),
    },
    { name: 'hardened fixture', evidence: bubbleEvidence(hardenedApp()) },
  ],
  fixed: [
    {
      name: 'deleting the typed-in key',
      before: bubbleEvidence(minimalApp({ pages: page(k.stripeSecret) })),
      after: bubbleEvidence(minimalApp({ pages: page('Pay with Stripe') })),
    },
  ],
});
