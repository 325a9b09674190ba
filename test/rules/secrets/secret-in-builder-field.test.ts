import { expect } from 'vitest';
import rule from '@/rules/secrets/secret-in-builder-field';
import type { BuilderSecret } from '@/utils/evidence/evidence';
import { evidence } from '../../helpers/evidence';
import { describeRule } from '../../helpers/rule-cases';

const EDITOR = 'https://bubble.io/page?id=tinypoll&tab=Plugins';

function secret(over: Partial<BuilderSecret> = {}): BuilderSecret {
  return {
    field: 'Shared header value',
    page: EDITOR,
    provider: 'stripe-secret-key',
    providerName: 'Stripe live secret key',
    exposure: 'secret',
    severity: 'critical',
    masked: 'sk_live_…a1B2',
    fingerprint: '0123456789abcdef',
    advice: 'Use the API Connector with Private ticked.',
    rotateUrl: 'https://dashboard.stripe.com/apikeys',
    safe: false,
    seenAt: 0,
    ...over,
  };
}

function editor(secrets: BuilderSecret[], platform: 'bubble' | 'glide' | 'supabase' = 'bubble') {
  const ev = evidence({ url: EDITOR, page: null, headers: [] });
  return { ...ev, responses: [], builder: { platform, secrets } };
}

describeRule(rule, {
  flagged: [
    {
      name: 'a live secret key typed into a non-private header value',
      evidence: editor([secret()]),
      messages: ['secret'],
      severity: 'critical',
      check: ([f]) => {
        expect(f!.message).toContain('sk_live_…a1B2');
        expect(f!.message).toContain('https://dashboard.stripe.com/apikeys');
        expect(f!.vars?.rotate).toBe('https://dashboard.stripe.com/apikeys');
      },
    },
    {
      name: 'a webhook URL (capability) is medium',
      evidence: editor([secret({ provider: 'slack-webhook', exposure: 'capability', severity: 'medium' })]),
      messages: ['capability'],
      severity: 'medium',
    },
    {
      name: 'a test key is low',
      evidence: editor([secret({ provider: 'stripe-test-secret-key', exposure: 'test', severity: 'low' })]),
      messages: ['test'],
      severity: 'low',
    },
    {
      name: 'a publishable key is an info note only',
      evidence: editor([secret({ provider: 'supabase-anon-jwt', exposure: 'publishable', severity: 'info' })], 'supabase'),
      messages: ['publishable'],
      severity: 'info',
    },
    {
      name: 'the same key in two fields is two findings; twice in one field is one',
      evidence: editor([secret(), secret({ field: 'Text' }), secret()]),
      messages: ['secret', 'secret'],
    },
  ],
  clean: [
    { name: 'no keys seen', evidence: editor([]) },
    { name: 'a key in a field kept private (Bubble "Private" ticked, a secrets page)', evidence: editor([secret({ safe: true })]) },
  ],
  fixed: [
    {
      name: 'the key was moved to the private store (field cleared, private row used)',
      before: editor([secret()]),
      after: editor([secret({ safe: true, field: 'Private header value' })]),
    },
  ],
});
