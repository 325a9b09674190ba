import { describe, expect, it } from 'vitest';
import { fingerprint } from '@/engine/engine';
import { resolveGuide } from '@/engine/fix';
import rule from '@/rules/secrets/secret-in-builder-field';
import type { BuilderSecret } from '@/utils/evidence/evidence';
import { evidence } from '../../helpers/evidence';
import { describeRule, findingsOf } from '../../helpers/rule-cases';

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

// Found by mutation testing (docs/mutation.md): each message in full (with the builder's name), evidence, location,
// identity (key and field), vars, severity, and the guide's builder variants.
describe('secret-in-builder-field, cases from mutation testing', () => {
  const one = (s: BuilderSecret, platform: 'bubble' | 'glide' | 'supabase' = 'bubble') => {
    const ev = editor([s], platform);
    const [f, ...rest] = findingsOf(rule, ev);
    expect(rest).toEqual([]);
    return { f: f!, ev };
  };
  it('secret: message, evidence, location, identity, vars in full', () => {
    const { f, ev } = one(secret());
    expect(f.message).toBe(
      'Stripe live secret key (sk_live_…a1B2) was entered in “Shared header value” in the Bubble editor. Rotate it: https://dashboard.stripe.com/apikeys',
    );
    expect(f.evidence).toBe('Shared header value: sk_live_…a1B2');
    expect(f.location).toEqual({ kind: 'builder', name: 'Shared header value', url: EDITOR });
    expect(f.fingerprint).toBe(fingerprint(rule.meta.id, ev.origin, '0123456789abcdef|Shared header value'));
    expect(f.severity).toBe('critical');
    expect(f.vars).toEqual({ rotate: 'https://dashboard.stripe.com/apikeys' });
  });
  it('the builder is named: Glide, Supabase', () => {
    expect(one(secret(), 'glide').f.message).toContain('in the Glide editor.');
    expect(one(secret(), 'supabase').f.message).toContain('in the Supabase editor.');
  });
  it('capability, test and publishable: messages in full, the severity each secret carries', () => {
    const cap = one(secret({ providerName: 'Slack incoming webhook URL', masked: 'https://hooks…x', exposure: 'capability', severity: 'medium' })).f;
    expect(cap.message).toBe('A Slack incoming webhook URL (https://hooks…x) was entered in “Shared header value”: anyone who sees the URL can post to it.');
    expect(cap.severity).toBe('medium');
    const test = one(secret({ providerName: 'Stripe test secret key', exposure: 'test', severity: 'low' })).f;
    expect(test.message).toBe('A Stripe test secret key (sk_live_…a1B2) was entered in “Shared header value”: fine while developing, but it must not ship.');
    const pub = one(secret({ providerName: 'Supabase anon key', exposure: 'publishable', severity: 'info', advice: 'Keep RLS on.' }), 'supabase').f;
    expect(pub.message).toBe('Supabase anon key (sk_live_…a1B2) in “Shared header value” is publishable by design. Keep RLS on.');
    expect(pub.severity).toBe('info');
  });
  it('only the unsafe ones of several', () => {
    const found = findingsOf(rule, editor([secret({ safe: true, field: 'A' }), secret({ field: 'B' })]));
    expect(found.map((f) => f.location.name)).toEqual(['B']);
  });
  it('the guide: rotation link, and the Bubble, Glide and Supabase variants', () => {
    const g = resolveGuide(rule.meta.fix, [], { rotate: 'https://dashboard.stripe.com/apikeys' });
    expect(g.primary.deepLink).toBe('https://dashboard.stripe.com/apikeys');
    expect(g.primary.docs).toBe('https://owasp.org/www-community/vulnerabilities/Use_of_hard-coded_password');
    expect(g.primary.steps[0]).toBe('Rotate (revoke and re-create) the key at the provider first: it has already been saved where others can read it.');
    expect(g.others.map((v) => v.target).sort()).toEqual(['bubble', 'glide', 'supabase']);
    const bubble = resolveGuide(rule.meta.fix, ['bubble'], { app: 'tinypoll' }).primary;
    expect(bubble.deepLink).toBe('https://bubble.io/page?id=tinypoll&tab=Plugins');
    expect(bubble.docs).toMatch(/^https:\/\/manual\.bubble\.io\//);
    expect(bubble.steps[0]).toBe(g.primary.steps[0]);
    const glide = resolveGuide(rule.meta.fix, ['glide'], {}).primary;
    expect(glide.docs).toMatch(/glide/);
    expect(glide.steps[0]).toBe(g.primary.steps[0]);
    const supa = resolveGuide(rule.meta.fix, ['supabase'], {}).primary;
    expect(supa.docs).toMatch(/supabase/);
    expect(supa.steps[0]).toBe(g.primary.steps[0]);
    expect(supa.snippet).toEqual({
      language: 'sql',
      code: "select vault.create_secret('<new key>', 'stripe_key');\n-- use it:\nselect decrypted_secret from vault.decrypted_secrets where name = 'stripe_key';",
    });
  });
});
