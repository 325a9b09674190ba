import { describe, expect, it } from 'vitest';
import { fingerprint } from '@/engine/engine';
import { resolveGuide } from '@/engine/fix';
import rule from '@/rules/secrets/secret-exposed';
import type { Source } from '@/utils/evidence/evidence';
import { maskedContext } from '@/utils/secrets/sources';
import { scanSecrets } from '@/utils/secrets';
import { FAKE_KEYS, placeholderKeys, seeded } from '../../utils/secrets/fake-keys';
import { evidence } from '../../helpers/evidence';
import { describeRule, findingsOf } from '../../helpers/rule-cases';

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

// Found by mutation testing (docs/mutation.md): each message in full with its severity and rotation link, the
// identity, and the guide's platform variants (deep links and docs).
describe('secret-exposed, cases from mutation testing', () => {
  const one = (key: string) => {
    const ev = page(src(`a="${key}"`));
    const [f, ...rest] = findingsOf(rule, ev);
    expect(rest).toEqual([]);
    const m = scanSecrets(key)[0]!;
    return { f: f!, m, ev };
  };
  it('secret: message, evidence, location, identity, vars', () => {
    const { f, m, ev } = one(stripe);
    expect(f.message).toBe(
      `Stripe live secret key (${m.masked}) is in the script index-3f2a.js. Anyone can copy it: rotate it now at https://dashboard.stripe.com/apikeys`,
    );
    expect(f.severity).toBe('critical');
    expect(f.evidence).toBe(`index-3f2a.js: a="${m.masked}"`);
    expect(f.location).toEqual({ kind: 'script', url: 'https://app.example.com/assets/index-3f2a.js', name: 'index-3f2a.js' });
    expect(f.fingerprint).toBe(fingerprint(rule.meta.id, ev.origin, m.fingerprint));
    expect(f.vars).toEqual({ rotate: 'https://dashboard.stripe.com/apikeys' });
  });
  it('capability and test: messages in full, their own severities and rotation links', () => {
    const hook = one(slackHook);
    expect(hook.f.message).toBe(`A Slack incoming webhook URL (${hook.m.masked}) is in the script index-3f2a.js: anyone can post to it.`);
    expect(hook.f.severity).toBe('medium');
    expect(hook.f.vars).toEqual({ rotate: hook.m.rotateUrl });
    const test = one(stripeTest);
    expect(test.f.message).toBe(`A Stripe test secret key (${test.m.masked}) is in the script index-3f2a.js: test-mode keys should not ship either.`);
    expect(test.f.severity).toBe('low');
    expect(test.f.vars).toEqual({ rotate: 'https://dashboard.stripe.com/test/apikeys' });
  });
  it('a publishable key next to a secret: only the secret', () => {
    const found = findingsOf(rule, page(src(`a="${anon}";b="${stripe}"`)));
    expect(found.map((f) => f.messageId)).toEqual(['secret']);
  });
  it('the guide: rotation link filled from the finding; Bubble, Supabase, Vercel and Netlify variants', () => {
    const g = resolveGuide(rule.meta.fix, [], { rotate: 'https://dashboard.stripe.com/apikeys' });
    expect(g.primary.deepLink).toBe('https://dashboard.stripe.com/apikeys');
    expect(g.primary.docs).toBe('https://owasp.org/www-project-top-ten/2017/A3_2017-Sensitive_Data_Exposure');
    expect(g.others.map((v) => v.target).sort()).toEqual(['bubble', 'netlify', 'supabase', 'vercel']);
    const bubble = resolveGuide(rule.meta.fix, ['bubble'], { app: 'tinypoll' }).primary;
    expect(bubble.deepLink).toBe('https://bubble.io/page?id=tinypoll&tab=Plugins');
    expect(bubble.docs).toBe('https://manual.bubble.io/help-guides/security/api-security/api-connector-security');
    expect(bubble.steps.join(' ')).toContain('"Private" ticked');
    const supa = resolveGuide(rule.meta.fix, ['supabase'], { ref: 'abcdefghijklmnopqrst' }).primary;
    expect(supa.deepLink).toBe('https://supabase.com/dashboard/project/abcdefghijklmnopqrst/settings/api-keys');
    expect(supa.docs).toBe('https://supabase.com/docs/guides/api/api-keys');
    expect(supa.steps.join(' ')).toContain('Deno.env.get()');
    const vercel = resolveGuide(rule.meta.fix, ['vercel'], {}).primary;
    expect(vercel.docs).toBe('https://vercel.com/docs/environment-variables');
    expect(vercel.steps.join(' ')).toContain('NEXT_PUBLIC_');
    const netlify = resolveGuide(rule.meta.fix, ['netlify'], {}).primary;
    expect(netlify.docs).toBe('https://docs.netlify.com/environment-variables/overview/');
    expect(netlify.steps.join(' ')).toContain('Netlify Function');
  });
});
