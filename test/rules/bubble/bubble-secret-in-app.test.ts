import { describe, expect, it } from 'vitest';
import { fingerprint } from '@/engine/engine';
import rule from '@/rules/bubble/bubble-secret-in-app';
import { APP_ID, fixtureKeys, hardenedApp, leakyApp, minimalApp } from '../../fixtures/bubble/app';
import { bubbleEvidence } from '../../helpers/bubble';
import { describeRule, findingsOf } from '../../helpers/rule-cases';

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

// Found by mutation testing (docs/mutation.md): the finding pinned whole (evidence, location, identity, vars).
describe('bubble-secret-in-app, cases from mutation testing', () => {
  it('a key on a page: pinned whole, masked, keyed on the place and the key', () => {
    const ev = bubbleEvidence(minimalApp({ pages: page(`key ${k.stripeSecret}`) }));
    const s = ev.builder!.bubble!.secrets[0]!;
    expect(findingsOf(rule, ev)).toEqual([
      {
        ruleId: rule.meta.id,
        title: rule.meta.title,
        severity: 'critical',
        messageId: 'secret',
        message: `page checkout contains a key (${s.providerName}, ${s.masked}): visitors’ browsers receive the app definition with it.`,
        evidence: `page checkout: ${s.providerName} ${s.masked}`,
        location: { kind: 'builder', name: 'page checkout' },
        fingerprint: fingerprint(rule.meta.id, ev.origin, `page checkout:${s.fingerprint}`),
        vars: { app: APP_ID },
      },
    ]);
  });
});
