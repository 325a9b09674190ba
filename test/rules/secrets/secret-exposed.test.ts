import { describe, expect, it } from 'vitest';
import rule from '@/rules/secrets/secret-exposed';
import type { Source } from '@/utils/evidence/evidence';
import { maskedContext } from '@/utils/secrets/sources';
import { scanSecrets } from '@/utils/secrets';
import { FAKE_KEYS, placeholderKeys, seeded } from '../../utils/secrets/fake-keys';
import { evidence } from '../../helpers/evidence';
import { describeRule } from '../../helpers/rule-cases';

const stripe = FAKE_KEYS['stripe-secret-key'](seeded(1)).value;
const anon = FAKE_KEYS['supabase-anon-jwt'](seeded(2)).value;
const serviceRole = FAKE_KEYS['supabase-service-role-jwt'](seeded(3)).value;
const slackHook = FAKE_KEYS['slack-webhook-url'](seeded(4)).value;
const stripeTest = FAKE_KEYS['stripe-test-secret-key'](seeded(5)).value;
const gemini = FAKE_KEYS['google-gemini-api-key'](seeded(6)).value;

const src = (text: string, over: Partial<Source> = {}): Source => ({
  kind: 'script',
  url: 'https://app.example.com/assets/index-3f2a.js',
  label: 'index-3f2a.js',
  text,
  truncated: false,
  ...over,
});
const page = (...sources: Source[]) => ({ ...evidence(), sources });

describeRule(rule, {
  flagged: [
    {
      name: 'a live Stripe secret key in a minified bundle, named by file, masked in the evidence',
      evidence: page(src(`!function(){var k={key:"${stripe}",c:1}}();`)),
      messages: ['secret'],
      severity: 'critical',
      check: ([f]) => {
        expect(f!.message).toContain('index-3f2a.js');
        expect(f!.evidence).toContain('index-3f2a.js: ');
        expect(f!.evidence).not.toContain(stripe);
        expect(f!.message).not.toContain(stripe);
        expect(f!.location).toMatchObject({ kind: 'script', name: 'index-3f2a.js' });
      },
    },
    {
      name: 'a service_role JWT in an inline script',
      evidence: page(src(`const supabase=createClient(u,"${serviceRole}")`, { kind: 'inline-script', label: 'inline script 2' })),
      messages: ['secret'],
      severity: 'critical',
    },
    {
      name: 'a webhook URL is a capability (medium)',
      evidence: page(src(`fetch("${slackHook}",{method:"POST"})`)),
      messages: ['capability'],
      severity: 'medium',
    },
    { name: 'a test-mode key is low', evidence: page(src(`k="${stripeTest}"`)), messages: ['test'], severity: 'low' },
    {
      name: 'a Google key sent to the Gemini API in a request URL is a secret',
      evidence: page(
        src(`https://generativelanguage.googleapis.com/v1beta/models/gemini:generateContent?key=${gemini}`, {
          kind: 'request-url',
          label: 'https://generativelanguage.googleapis.com/v1beta/models/gemini:generateContent',
          url: `https://generativelanguage.googleapis.com/v1beta/models/gemini:generateContent?key=${gemini}`,
        }),
      ),
      messages: ['secret'],
    },
    {
      name: 'the same key in the bundle and the HTML is one finding, reported at the bundle',
      evidence: page(src(`a="${stripe}"`), src(`<script>a="${stripe}"</script>`, { kind: 'html', label: 'page HTML', url: 'https://app.example.com/' })),
      messages: ['secret'],
      check: ([f]) => expect(f!.location.name).toBe('index-3f2a.js'),
    },
  ],
  clean: [
    { name: 'a bundle without keys', evidence: page(src('function a(b){return b+1}')) },
    {
      name: 'documentation placeholders and examples',
      evidence: page(
        src(
          placeholderKeys()
            .map((k, i) => `k${i}="${k}"`)
            .join(';'),
        ),
      ),
    },
    { name: 'a publishable key is left to publishable-key-in-page', evidence: page(src(`createClient("https://abcdefghijklmnopqrst.supabase.co","${anon}")`)) },
  ],
  fixed: [
    {
      name: 'the key moved server-side: the bundle calls your own endpoint instead',
      before: page(src(`fetch("https://api.stripe.com/v1/charges",{headers:{Authorization:"Bearer ${stripe}"}})`)),
      after: page(src('fetch("/api/charge",{method:"POST"})')),
    },
  ],
});

describe('maskedContext', () => {
  it('masks every key in the window, including one cut by the window edge', () => {
    const text = `x="${stripe}";y="${stripe.slice(0, 8)}${'Q'.repeat(30)}";`;
    const matches = scanSecrets(text);
    const ctx = maskedContext(text, matches[0]!, matches);
    expect(ctx).not.toContain(stripe);
    expect(ctx).toContain(matches[0]!.masked);
  });
});
