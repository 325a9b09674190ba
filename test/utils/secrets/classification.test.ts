/** Classification beyond prefixes: context, names, hosts, JWT claims, checksums, placeholders. */
import { describe, expect, it } from 'vitest';
import { type SecretMatch, scanSecrets } from '../../../utils/secrets/index';
import { FAKE_KEYS, checksummed, seeded } from './fake-keys';

const fake = (provider: keyof typeof FAKE_KEYS, seed = 5) => FAKE_KEYS[provider](seeded(seed)).value;
const only = (text: string, options?: Parameters<typeof scanSecrets>[1]): SecretMatch => {
  const matches = scanSecrets(text, options);
  expect(matches, JSON.stringify(matches.map((m) => m.provider))).toHaveLength(1);
  return matches[0]!;
};
const b64url = (s: string) => Buffer.from(s).toString('base64url');
const jwtWith = (payload: string, signature = 'Q2hhbmdlZFNpZ25hdHVyZUJ5dGVzMDEyMzQ1Njc4OQ') =>
  [b64url('{"alg":"HS256","typ":"JWT"}'), payload, signature].join('.');

describe('Google AIza keys', () => {
  const key = fake('google-api-key');

  it('inside a Firebase web config: publishable', () => {
    const m = only(`firebase.initializeApp({apiKey:"${key}",authDomain:"demo-7.firebaseapp.com",projectId:"demo-7"})`);
    expect([m.provider, m.exposure, m.severity]).toEqual(['firebase-web-api-key', 'publishable', 'info']);
  });

  it('sent to generativelanguage.googleapis.com: a secret', () => {
    const m = only(`fetch("https://generativelanguage.googleapis.com/v1beta/models/gemini-pro:generateContent?key=${key}&cb=1")`);
    expect([m.provider, m.exposure, m.severity, m.reason]).toEqual([
      'google-gemini-api-key',
      'secret',
      'critical',
      'sent to generativelanguage.googleapis.com',
    ]);
  });

  it('the sentToHost option wins over the Firebase look of the context', () => {
    expect(only(key, { sentToHost: 'generativelanguage.googleapis.com' }).provider).toBe('google-gemini-api-key');
  });

  it('named for Gemini: a secret', () => {
    expect(only(`const GEMINI_API_KEY = "${key}";`).provider).toBe('google-gemini-api-key');
    expect(only(key, { fieldName: 'Gemini API key' }).provider).toBe('google-gemini-api-key');
  });

  it('in a Maps script URL: a browser key', () => {
    const m = only(`<script src="https://maps.googleapis.com/maps/api/js?key=${key}&callback=initMap"></script>`);
    expect([m.provider, m.exposure, m.confidence]).toEqual(['google-api-key', 'publishable', 'high']);
  });

  it('with no context: a browser key, low confidence', () => {
    const m = only(`k="${key}"`);
    expect([m.provider, m.exposure, m.confidence]).toEqual(['google-api-key', 'publishable', 'low']);
  });
});

describe('Algolia keys (same 32-hex shape for both flavours)', () => {
  const key = fake('algolia-search-key');

  it('named admin: a secret', () => {
    expect(only(`ALGOLIA_ADMIN_KEY=${key}`).provider).toBe('algolia-admin-key');
    expect(only(`{algoliaWriteKey:"${key}"}`).provider).toBe('algolia-admin-key');
  });

  it('the second argument of algoliasearch() with no write calls: search-only', () => {
    const m = only(`const c=algoliasearch("QWERTY1234","${key}");c.initIndex("items").search(q)`);
    expect([m.provider, m.exposure]).toEqual(['algolia-search-key', 'publishable']);
  });

  it('used for writes: a secret', () => {
    const m = only(`const c=algoliasearch("QWERTY1234","${key}");c.initIndex("items").saveObjects(rows)`);
    expect([m.provider, m.exposure, m.reason]).toEqual(['algolia-admin-key', 'secret', 'second argument of algoliasearch(), write calls nearby']);
  });

  it('named search: publishable, high confidence', () => {
    const m = only(`{algoliaSearchKey:"${key}"}`);
    expect([m.provider, m.confidence]).toEqual(['algolia-search-key', 'high']);
  });

  it('from a builder field name', () => {
    expect(only(key, { fieldName: 'Algolia Admin Key' }).provider).toBe('algolia-admin-key');
  });
});

describe('the sk_/pk_ family (Stripe, Clerk)', () => {
  it('sk_live_ next to Clerk is a Clerk secret key; elsewhere a Stripe one', () => {
    const key = fake('clerk-secret-key');
    expect(only(`CLERK_SECRET_KEY=${key}`).provider).toBe('clerk-secret-key');
    expect(only(`new Stripe("${key}")`).provider).toBe('stripe-secret-key');
  });

  it('a pk_ key that encodes a host and `$` is Clerk publishable', () => {
    expect(only(fake('clerk-publishable-key')).provider).toBe('clerk-publishable-key');
    expect(only(fake('stripe-publishable-key')).provider).toBe('stripe-publishable-key');
  });

  it('test-mode keys are low severity', () => {
    const m = only(fake('stripe-test-secret-key'));
    expect([m.exposure, m.severity]).toEqual(['test', 'low']);
  });
});

describe('Supabase JWTs', () => {
  const claims = (o: object) => b64url(JSON.stringify(o));

  it('role=service_role: critical secret; role=anon: publishable; iss=supabase-demo: test', () => {
    const service = only(jwtWith(claims({ iss: 'supabase', ref: 'abcdwxyzqrstmnopefgh', role: 'service_role' })));
    expect([service.provider, service.exposure, service.severity, service.reason]).toEqual([
      'supabase-service-role-jwt',
      'secret',
      'critical',
      'JWT role=service_role',
    ]);
    const anon = only(jwtWith(claims({ iss: 'supabase', role: 'anon' })));
    expect([anon.provider, anon.exposure, anon.severity]).toEqual(['supabase-anon-jwt', 'publishable', 'info']);
    const demo = only(jwtWith(claims({ iss: 'supabase-demo', role: 'service_role' })));
    expect([demo.provider, demo.exposure, demo.severity]).toEqual(['supabase-local-dev-jwt', 'test', 'low']);
  });

  it('other JWTs (user sessions) are not credentials we report', () => {
    expect(scanSecrets(jwtWith(claims({ sub: 'user-1', role: 'authenticated' })))).toEqual([]);
    expect(scanSecrets(jwtWith(claims({ sub: 'user-1' })))).toEqual([]);
  });

  it('tolerates garbage payloads', () => {
    // Truncated JSON: the claims that survived still count.
    const truncated = b64url('{"iss":"supabase","role":"service_role","exp":19');
    expect(only(jwtWith(truncated)).provider).toBe('supabase-service-role-jwt');
    // Not JSON, binary, non-string claims, invalid base64url: nothing, and no throw.
    for (const payload of [b64url('not json at all'), b64url('\u0000\u00ff\u0010binary'), claims({ role: 42 }), 'eyJ!!!']) {
      expect(scanSecrets(jwtWith(payload))).toEqual([]);
    }
  });

  it('unsigned tokens and Mapbox tokens are not Supabase keys', () => {
    expect(scanSecrets(jwtWith(claims({ role: 'service_role' }), ''))).toEqual([]);
    expect(only(fake('mapbox-public-token')).provider).toBe('mapbox-public-token');
  });
});

describe('GitHub token checksum', () => {
  it('a valid checksum: high confidence, critical', () => {
    const m = only(checksummed(seeded(9), 'gh' + 'p_'));
    expect([m.confidence, m.severity, m.reason]).toEqual(['high', 'critical', 'prefix "ghp_", checksum valid']);
  });

  it('an invalid checksum: kept, but low confidence and high severity (documented in README)', () => {
    const token = checksummed(seeded(9), 'gh' + 'p_');
    const broken = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    const m = only(broken);
    expect([m.provider, m.confidence, m.severity, m.reason]).toEqual(['github-pat', 'low', 'high', 'prefix "ghp_", checksum invalid']);
  });
});

describe('hints from the caller', () => {
  it('a UUID sent to the Glide API as Bearer token is a Glide API token; spans stay relative to the text', () => {
    const uuid = fake('glide-api-token');
    const m = only(`Bearer ${uuid}`, { sentToHost: 'api.glideapp.io', fieldName: 'Authorization' });
    expect([m.provider, m.start, m.end]).toEqual(['glide-api-token', 7, 7 + uuid.length]);
    expect(scanSecrets(`Bearer ${uuid}`)).toEqual([]);
  });

  it('a field name gives an otherwise anonymous value its meaning', () => {
    const secret = FAKE_KEYS['aws-secret-access-key'](seeded(2)).value;
    expect(only(secret, { fieldName: 'AWS_SECRET_ACCESS_KEY' }).provider).toBe('aws-secret-access-key');
    expect(only(fake('postmark-server-token'), { fieldName: 'X-Postmark-Server-Token' }).provider).toBe('postmark-server-token');
    expect(scanSecrets(secret)).toEqual([]);
  });
});

describe('connection URLs and private keys', () => {
  it('a database URL with a password is a secret; local and placeholder ones are not findings', () => {
    const password = 'Vq3zK8pLm2Xw9Rt4';
    expect(only(`DATABASE_URL=postgresql://app:${password}@db.prod-eu.internal.example.io:5432/app`).provider).toBe('postgres-url');
    expect(scanSecrets(`postgres://postgres:${password}@localhost:5432/postgres`)).toEqual([]);
    expect(scanSecrets(['postgres://postgres', 'postgres@db.prod-eu.internal.example.io:5432/app'].join(':'))).toEqual([]);
    expect(scanSecrets('redis://:${REDIS_PASSWORD}@cache.prod.example.io:6379')).toEqual([]);
  });

  it('private key blocks; encrypted ones with medium confidence; service-account JSON named as such', () => {
    const pem = fake('private-key');
    expect(only(pem).provider).toBe('private-key');
    const encrypted = pem.replace(/RSA PRIVATE KEY/g, 'ENCRYPTED PRIVATE KEY');
    expect(only(encrypted).confidence).toBe('medium');
    const sa = FAKE_KEYS['gcp-service-account'](seeded(4));
    expect(only(sa.snippet!).provider).toBe('gcp-service-account');
    const dashes = '-'.repeat(5);
    expect(scanSecrets(`${dashes}BEGIN PRIVATE KEY${dashes}\nMIIEvQ...\n${dashes}END PRIVATE KEY${dashes}`)).toEqual([]);
  });
});

describe('Typeform tokens', () => {
  it('end where the token chars end: 80 after the prefix is a token, 81 is something longer', () => {
    const body = (n: number) => 'a1B2c3.D4_e5=F6-'.repeat(6).slice(0, n);
    expect(only(`t=${'tf'}p_${body(80)};`).provider).toBe('typeform-token');
    expect(scanSecrets(`t=${'tf'}p_${body(81)};`).filter((m) => m.provider === 'typeform-token')).toEqual([]);
  });
});

describe('Telegram bot tokens', () => {
  it('the canonical shape stands alone; a looser one needs the word telegram nearby', () => {
    expect(only(fake('telegram-bot-token')).confidence).toBe('high');
    const loose = `48213:A${'k3Jd9s-Lq2Wx7Zc_Vb5Nm1Qa8Ys4Eu6Ti0'.slice(0, 34)}`;
    expect(scanSecrets(`id=${loose}`)).toEqual([]);
    expect(only(`telegramToken=${loose}`).confidence).toBe('medium');
  });
});

describe('detectors that search a window around a vendor word', () => {
  it('take `token` assigned a value as the name, in code and in a query string (not the word before it)', () => {
    // Before the fix the scheme word `token` was skipped as in `Token v`, and `const` or the path was the name.
    const uuid = fake('glide-api-token');
    const host = 'https://api.glideapp.io/api/function/queryTables';
    expect(only(`fetch("${host}"); const token = "${uuid}";`).provider).toBe('glide-api-token');
    expect(only(`fetch("${host}?token=${uuid}")`).provider).toBe('glide-api-token');
    expect(only(`{"url":"${host}","token":"${uuid}"}`).provider).toBe('glide-api-token');
    // A name that does not say credential is still no token.
    expect(scanSecrets(`fetch("${host}"); const row = "${uuid}";`).filter((m) => m.provider === 'glide-api-token')).toEqual([]);
  });

  it('find every key when the vendor word repeats close by', () => {
    for (const provider of ['glide-app-id', 'glide-api-token', 'bubble-api-token'] as const) {
      const [a, b] = [1, 2].map((seed) => FAKE_KEYS[provider](seeded(seed)));
      const text = `${a!.snippet};${b!.snippet}`;
      const found = scanSecrets(text).filter((m) => m.provider === provider);
      expect(
        found.map((m) => text.slice(m.start, m.end)),
        provider,
      ).toEqual([a!.value, b!.value]);
    }
  });
});
