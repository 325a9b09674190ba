/** The catalogue, and one flagged and one near-miss case for every provider. */
import { describe, expect, it } from 'vitest';
import { PROVIDERS, maskSecret, scanSecrets } from '../../../utils/secrets/index';
import { FAKE_KEYS, plantedKeys, seeded } from './fake-keys';
import { expectPlanted } from './helpers';

const planted = plantedKeys(1);

describe('provider catalogue', () => {
  it('covers at least 80 credential types with unique kebab-case ids', () => {
    expect(PROVIDERS.length).toBeGreaterThanOrEqual(80);
    const ids = PROVIDERS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it.each(PROVIDERS.map((p) => [p.id, p] as const))('%s has a name, rotation page, advice and docs', (_, p) => {
    expect(p.name.length).toBeGreaterThan(5);
    expect(p.rotateUrl).toMatch(/^https:\/\//);
    expect(p.docs).toMatch(/^https:\/\//);
    expect(p.advice.length).toBeGreaterThan(30);
    expect(p.format.length).toBeGreaterThan(2);
    if (p.exposure !== 'secret') expect(p.secretSeverity).toBeUndefined();
  });

  it('includes every row of the classification table in secrets.md', () => {
    const required = [
      'stripe-publishable-key',
      'stripe-secret-key',
      'stripe-restricted-key',
      'stripe-webhook-secret',
      'stripe-test-secret-key',
      'supabase-project-url',
      'supabase-anon-jwt',
      'supabase-publishable-key',
      'supabase-service-role-jwt',
      'supabase-secret-key',
      'supabase-access-token',
      'firebase-web-api-key',
      'google-api-key',
      'google-gemini-api-key',
      'google-oauth-client-secret',
      'gcp-service-account',
      'algolia-search-key',
      'algolia-admin-key',
      'mapbox-public-token',
      'mapbox-secret-token',
      'posthog-project-key',
      'posthog-personal-key',
      'sentry-dsn',
      'sentry-user-token',
      'sentry-org-token',
      'clerk-publishable-key',
      'clerk-secret-key',
      'openai-project-key',
      'openai-service-account-key',
      'openai-admin-key',
      'openai-api-key',
      'anthropic-api-key',
      'anthropic-admin-key',
      'groq-api-key',
      'replicate-api-token',
      'perplexity-api-key',
      'xai-api-key',
      'openrouter-api-key',
      'huggingface-token',
      'aws-access-key-id',
      'aws-secret-access-key',
      'github-pat',
      'github-oauth-token',
      'github-user-token',
      'github-app-token',
      'github-refresh-token',
      'github-fine-grained-pat',
      'gitlab-pat',
      'slack-bot-token',
      'slack-user-token',
      'slack-app-token',
      'telegram-bot-token',
      'discord-bot-token',
      'slack-webhook-url',
      'discord-webhook-url',
      'zapier-webhook-url',
      'make-webhook-url',
      'teams-webhook-url',
      'mailgun-public-key',
      'sendgrid-api-key',
      'mailgun-api-key',
      'mailchimp-api-key',
      'brevo-api-key',
      'resend-api-key',
      'postmark-server-token',
      'glide-app-id',
      'airtable-pat',
      'notion-token',
      'glide-api-token',
      'hubspot-private-app-token',
      'shopify-access-token',
      'shopify-custom-app-token',
      'shopify-private-app-token',
      'shopify-shared-secret',
      'square-application-id',
      'paypal-client-id',
      'braintree-tokenization-key',
      'square-access-token',
      'square-oauth-secret',
      'paypal-client-secret',
      'braintree-access-token',
      'vercel-token',
      'netlify-token',
      'digitalocean-pat',
      'heroku-api-key',
      'databricks-token',
      'new-relic-user-key',
      'npm-token',
      'figma-token',
      'linear-api-key',
      'postgres-url',
      'mysql-url',
      'mongodb-url',
      'redis-url',
      'private-key',
    ];
    const ids = new Set<string>(PROVIDERS.map((p) => p.id));
    expect(required.filter((id) => !ids.has(id))).toEqual([]);
  });

  it('has a fake-key generator for every provider and nothing else', () => {
    expect(Object.keys(FAKE_KEYS).sort()).toEqual(PROVIDERS.map((p) => p.id).sort());
  });
});

describe.each(planted.map((p) => [p.provider, p] as const))('%s', (provider, key) => {
  it('is flagged at the exact span, with its exposure and severity', () => {
    const match = expectPlanted(key.snippet, key);
    expect(match.exposure).toBe(key.exposure);
    const expected = { publishable: ['info'], capability: ['medium'], test: ['low'], secret: ['critical', 'high'] }[key.exposure];
    expect(expected).toContain(match.severity);
    expect(match.rotateUrl).toMatch(/^https:\/\//);
    // Every detector says how sure it is and why (a verdict emptied or dropped leaves these blank).
    expect(['high', 'medium', 'low']).toContain(match.confidence);
    expect(match.reason.length, match.reason).toBeGreaterThan(3);
  });

  it("is previewed with its provider's longest literal prefix, when the catalogue lists prefixes", () => {
    const prefixes = PROVIDERS.find((p) => p.id === provider)!.prefixes ?? [];
    const own = prefixes.filter((p) => key.value.startsWith(p)).sort((a, b) => b.length - a.length)[0];
    if (prefixes.length) expect(own, `${provider}'s fake value starts with one of ${prefixes.join(' ')}`).toBeDefined();
    if (own) expect(maskSecret(key.value).startsWith(`${own}\u2026`), maskSecret(key.value)).toBe(true);
    // A detector that names the prefix it found: the catalogue lists it (or a longer or shorter form of it), so
    // previews keep it; an empty prefix is no prefix.
    expect(prefixes).not.toContain('');
    const said = /^prefix "([^"]+)"/.exec(expectPlanted(key.snippet, key).reason)?.[1];
    if (said)
      expect(
        prefixes.some((p) => said.startsWith(p) || p.startsWith(said)),
        `${provider} reports prefix "${said}"; lists ${prefixes.join(' ')}`,
      ).toBe(true);
  });

  it('is flagged for other seeds too', () => {
    for (let seed = 2; seed < 12; seed++) {
      const fake = FAKE_KEYS[provider](seeded(seed));
      expectPlanted(fake.snippet ?? fake.value, { ...key, value: fake.value, snippet: fake.snippet ?? fake.value });
    }
  });

  it('is not flagged when truncated (near miss)', () => {
    const prefix = PROVIDERS.find((p) => p.id === provider)!.prefixes?.find((p) => key.value.startsWith(p)) ?? '';
    const truncated = key.value.slice(0, prefix.length + 5);
    const text = key.snippet.replace(key.value, truncated);
    expect(scanSecrets(text).filter((m) => m.provider === provider)).toEqual([]);
  });
});
