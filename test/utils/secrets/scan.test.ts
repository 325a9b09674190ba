/**
 * The scanner itself (utils/secrets/scan.ts): overlapping matches, decoded layers and how their spans map back.
 * Keys are built at run time by the seeded generators (fake-keys.ts); no credential-shaped literal is written here.
 */
import { describe, expect, it } from 'vitest';
import { scanSecrets } from '../../../utils/secrets/index';
import { findSecrets } from '../../../utils/secrets/scan';
import { FAKE_KEYS, seeded } from './fake-keys';

const rng = seeded(20261207);
const hex32 = FAKE_KEYS['loops-api-key'](rng).value;
const uuid = FAKE_KEYS['hubspot-api-key'](rng).value;
const stripe = FAKE_KEYS['stripe-secret-key'](rng).value;
const b64 = (s: string) => Buffer.from(s).toString('base64');

/** Provider, start and end of each match, in order. */
const spans = (text: string) => findSecrets(text, { host: '', field: '' }).map((f) => [f.provider, f.start, f.end]);

describe('cases from mutation testing', () => {
  describe('overlapping matches', () => {
    it('on the same span, the more dangerous exposure wins, whichever detector found it first', () => {
      // Alone, each vendor word names its own key: Algolia's search key is publishable, Loops' key is a secret.
      expect(scanSecrets(`algoliaKey = "${hex32}"`).map((m) => [m.provider, m.exposure])).toEqual([['algolia-search-key', 'publishable']]);
      expect(scanSecrets(`loopsKey = "${hex32}"`).map((m) => [m.provider, m.exposure])).toEqual([['loops-api-key', 'secret']]);
      // One name with both words: both detectors report the same value, and the secret is kept.
      for (const name of ['algoliaLoopsKey', 'loopsAlgoliaKey', 'ALGOLIA_LOOPS_KEY']) {
        const text = `${name} = "${hex32}"`;
        const start = text.indexOf(hex32);
        expect(spans(text), name).toEqual([['loops-api-key', start, start + 32]]);
      }
    });

    it('on the same span and exposure, the surer match wins, whichever came first', () => {
      expect(scanSecrets(`herokuKey = "${uuid}"`).map((m) => [m.provider, m.confidence])).toEqual([['heroku-api-key', 'medium']]);
      expect(scanSecrets(`postmarkToken = "${uuid}"`).map((m) => [m.provider, m.confidence])).toEqual([['postmark-server-token', 'high']]);
      for (const name of ['herokuPostmarkToken', 'postmarkHerokuToken']) {
        const text = `${name} = "${uuid}"`;
        const start = text.indexOf(uuid);
        expect(spans(text), name).toEqual([['postmark-server-token', start, start + uuid.length]]);
      }
    });

    it('the longer span wins over a key inside it (a connection URL whose password is a key)', () => {
      const url = `rediss://default:${stripe}@eu1-cache.upstash.io:6379`;
      const text = `REDIS_URL=${url}\n`;
      expect(spans(stripe)).toEqual([['stripe-secret-key', 0, stripe.length]]);
      expect(spans(text)).toEqual([['redis-url', 10, 10 + url.length]]);
    });

    it('the longer span wins over a more dangerous key inside it (a webhook URL over the Gemini key in it)', () => {
      const webhook = FAKE_KEYS['google-chat-webhook-url'](rng).value;
      const key = webhook.slice(webhook.indexOf('key=') + 4, webhook.indexOf('&'));
      expect(spans(`const geminiAlerts = "${key}"`)).toEqual([['google-gemini-api-key', 22, 22 + key.length]]);
      expect(spans(`const geminiAlerts = "${webhook}"`)).toEqual([['google-chat-webhook-url', 22, 22 + webhook.length]]);
    });

    it('matches that touch (one ends where the next starts) are both kept', () => {
      const aws = FAKE_KEYS['aws-access-key-id'](rng).value;
      const pem = FAKE_KEYS['private-key'](rng).value;
      expect(spans(aws + pem)).toEqual([
        ['aws-access-key-id', 0, aws.length],
        ['private-key', aws.length, aws.length + pem.length],
      ]);
    });

    it('separate matches are all kept, in order', () => {
      const a = `loopsKey = "${hex32}"`;
      const b = `postmarkToken = "${uuid}"`;
      const text = `${a}\n${stripe}\n${b}`;
      const at = (s: string) => text.indexOf(s);
      expect(spans(text)).toEqual([
        ['loops-api-key', at(hex32), at(hex32) + 32],
        ['stripe-secret-key', at(stripe), at(stripe) + stripe.length],
        ['postmark-server-token', at(uuid), at(uuid) + uuid.length],
      ]);
    });
  });

  describe('decoded layers', () => {
    const one = b64(JSON.stringify({ key: stripe }));
    const two = b64(JSON.stringify({ blob: one }));
    const three = b64(JSON.stringify({ blob: two }));

    it('a key in a base64 JSON blob is reported at the 4-char groups of the blob that encode it', () => {
      const text = `x = atob("${one}")`;
      const blob = text.indexOf(one);
      // `{"key":"` is 8 bytes: the key is bytes 8 to 8 + length; 3 bytes are 4 chars.
      const from = blob + Math.floor(8 / 3) * 4;
      const to = Math.min(blob + one.length, blob + Math.ceil((8 + stripe.length) / 3) * 4);
      const [match] = findSecrets(text, { host: '', field: '' });
      expect(match).toMatchObject({ provider: 'stripe-secret-key', start: from, end: to, value: stripe });
    });

    it('two keys fewer than 3 bytes apart in a base64 blob (a comma-separated list) are both reported, without overlapping', () => {
      const github = FAKE_KEYS['github-pat'](rng).value;
      for (const list of [`x ${stripe},${github}`, `${stripe} ${github}`, `xx ${stripe},${github}`, `${stripe}, ${github}`]) {
        const blob = b64(JSON.stringify({ keys: list }));
        const text = `cfg = "${blob}"`;
        const found = findSecrets(text, { host: '', field: '' });
        expect(
          found.map((f) => [f.provider, f.value]),
          list.slice(0, 3),
        ).toEqual([
          ['stripe-secret-key', stripe],
          ['github-pat', github],
        ]);
        const [a, b] = found;
        expect(a!.start).toBeGreaterThanOrEqual(text.indexOf(blob));
        expect(b!.start).toBeGreaterThanOrEqual(a!.end);
        expect(b!.end).toBeLessThanOrEqual(text.indexOf(blob) + blob.length);
      }
    });

    it('decodes two nested levels (base64 in base64), not a third', () => {
      expect(spans(`x = atob("${two}")`).map(([p]) => p)).toEqual(['stripe-secret-key']);
      expect(spans(`x = atob("${three}")`)).toEqual([]);
    });

    it('a key written with escapes is reported at the span of its escaped form, with its decoded value', () => {
      const escaped = stripe.replaceAll('_', '\\u005f');
      const text = `var c = "${escaped}"`;
      const [match] = findSecrets(text, { host: '', field: '' });
      expect(match).toMatchObject({ provider: 'stripe-secret-key', start: 9, end: 9 + escaped.length, value: stripe });
    });

    it('a JSON-escaped URL (`:\\/\\/`) is decoded and reported at the span of its escaped form', () => {
      const url = FAKE_KEYS['postgres-url'](rng).value;
      const escaped = url.replaceAll('/', '\\/');
      const text = `{"DATABASE_URL":"${escaped}"}`;
      expect(findSecrets(text, { host: '', field: '' }).map((f) => [f.provider, f.start, f.end, f.value])).toEqual([
        ['postgres-url', 17, 17 + escaped.length, url],
      ]);
    });

    it('the decoded region reaches 256 chars past the escape: a URL ending there is read whole', () => {
      // The escape of `:\\/\\/` is its `\\/`, one char after the colon; the URL ends 256 chars after it.
      const password = FAKE_KEYS['plivo-auth-token'](rng).value.repeat(6).slice(0, 220);
      const escaped = `postgresql:\\/\\/app:${password}@db-eu1.pooler-host.com:6543`;
      const text = `{"DATABASE_URL":"${escaped}"}`;
      expect(text.indexOf(':\\/') + 1 + 256).toBe(17 + escaped.length);
      expect(spans(text)).toEqual([['postgres-url', 17, 17 + escaped.length]]);
    });

    it('an escaped key is decoded inside one base64 level, not inside two', () => {
      const raw = `{"k":"${stripe.replace('_', '\\u005f')}"}`;
      expect(spans(raw).map(([p]) => p)).toEqual(['stripe-secret-key']);
      expect(spans(`x = "${b64(raw)}"`).map(([p]) => p)).toEqual(['stripe-secret-key']);
      expect(spans(`x = "${b64(JSON.stringify({ blob: b64(raw) }))}"`)).toEqual([]);
    });

    it('a JSON-escaped slash is the same key as a plain one: same fingerprint and mask, span of the escaped form', () => {
      const random = FAKE_KEYS['aws-secret-access-key'](rng).value;
      const aws = `${random.slice(0, 10)}/${random.slice(11, 25)}/${random.slice(26)}`;
      const plain = scanSecrets(`secretAccessKey:"${aws}"`);
      const escaped = scanSecrets(`secretAccessKey:"${aws.replaceAll('/', '\\/')}"`);
      expect(plain).toHaveLength(1);
      expect(escaped).toHaveLength(1);
      expect(escaped[0]).toEqual({ ...plain[0], end: 17 + aws.replaceAll('/', '\\/').length });
    });
  });
});
