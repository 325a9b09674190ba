/** The engine's front door (scanSecretsDetailed's options), its last safety net (redactSecrets) and the shared advice texts. */
import { describe, expect, it } from 'vitest';
import { capabilityUrl, identifier, publishable, rotateThen, testSecret } from '@/utils/secrets/advice';
import { providerById, scanSecrets, scanSecretsDetailed } from '@/utils/secrets/index';
import { maskMatches, redactSecrets } from '@/utils/secrets/redact';
import { FAKE_KEYS, seeded } from './fake-keys';

describe('maskMatches', () => {
  const m = (start: number, end: number, masked: string) => ({ start, end, masked });
  const text = '0123456789abcdefghij';

  it('masks each match inside [from, to) in text order, and keeps the rest of the span', () => {
    expect(maskMatches(text, [m(12, 14, '[B]'), m(2, 5, '[A]')])).toBe('01[A]56789ab[B]efghij');
    expect(maskMatches(text, [m(2, 5, '[A]')], 4, 10)).toBe('[A]56789');
    expect(maskMatches(text, [m(8, 12, '[C]')], 4, 10)).toBe('4567[C]');
    expect(maskMatches(text, [m(0, 2, '[D]'), m(18, 20, '[E]')], 4, 10)).toBe('456789');
    expect(maskMatches(text, [m(4, 10, '[F]')], 4, 10)).toBe('[F]');
    expect(maskMatches(text, [])).toBe(text);
  });

  it('masks an overlapping match whole, and one inside a masked one not again', () => {
    expect(maskMatches(text, [m(2, 8, '[A]'), m(4, 12, '[X]')])).toBe('01[A][X]cdefghij');
    expect(maskMatches(text, [m(2, 8, '[A]'), m(2, 8, '[A2]'), m(3, 6, '[in]')])).toBe('01[A]89abcdefghij');
  });
});

describe('redactSecrets', () => {
  const r = seeded(77);
  const stripe = FAKE_KEYS['stripe-secret-key'](r).value;
  const openai = FAKE_KEYS['openai-api-key'](r).value;

  it('replaces each key by its masked preview, in place, and keeps every other character', () => {
    const text = `a ${stripe} b\n"${openai}" c`;
    const [m1, m2] = scanSecrets(text);
    expect(redactSecrets(text)).toBe(`a ${m1!.masked} b\n"${m2!.masked}" c`);
    expect(redactSecrets(`${stripe}`)).toBe(scanSecrets(stripe)[0]!.masked);
    expect(redactSecrets(`${stripe}${' '.repeat(3)}`)).toBe(`${scanSecrets(stripe)[0]!.masked}   `);
  });

  it('returns a text with no key, or shorter than any key, unchanged', () => {
    expect(redactSecrets('')).toBe('');
    expect(redactSecrets('sk_live')).toBe('sk_live');
    expect(redactSecrets('nothing to see here, just words')).toBe('nothing to see here, just words');
  });
});

describe('advice texts', () => {
  const store =
    "a 'Private' header or parameter in Bubble's API Connector, a Glide Secret used by a Call API action, a Supabase Edge Function secret (or Vault), or a server-only environment variable of your host";

  it('reads as written, with and without the extra sentence', () => {
    expect(rotateThen()).toBe(`Rotate it now and keep the new one server-side: ${store}.`);
    expect(rotateThen('Then check the logs.')).toBe(`Rotate it now and keep the new one server-side: ${store}. Then check the logs.`);
    expect(capabilityUrl('post to your channel')).toBe(
      'Anyone who has this URL can post to your channel. Regenerate it and call it only from server-side code (a Bubble backend workflow, a Glide Call API action with the URL in a Secret, a Supabase Edge Function).',
    );
    expect(publishable('Restrict it to your domain.')).toBe('Meant for browsers; nothing to rotate. Restrict it to your domain.');
    const test =
      'A test-mode secret: no real money or data at stake, but it should not ship either; a live key is likely handled the same way. Rotate it and keep keys server-side.';
    expect(testSecret()).toBe(test);
    expect(testSecret('Use restricted keys.')).toBe(`${test} Use restricted keys.`);
    expect(identifier('Its auth token is the secret.')).toBe(
      'An identifier, not a credential: it cannot be used alone and there is nothing to rotate. Its auth token is the secret.',
    );
  });
});

describe('scanSecretsDetailed: the options', () => {
  const r = seeded(78);
  const stripe = FAKE_KEYS['stripe-secret-key'](r).value;
  const gemini = FAKE_KEYS['google-api-key'](r).value;

  it('cuts at maxBytes, whole characters only, and never below nothing', () => {
    const text = `ab ${stripe}`;
    expect(scanSecretsDetailed(text, { maxBytes: text.length + 0.9 })).toMatchObject({ truncated: false, scannedBytes: text.length });
    expect(scanSecretsDetailed(text, { maxBytes: text.length - 0.5 })).toMatchObject({ truncated: true, scannedBytes: text.length - 1 });
    expect(scanSecretsDetailed(text, { maxBytes: -5 })).toEqual({ matches: [], truncated: true, scannedBytes: 0 });
    expect(scanSecretsDetailed('', { maxBytes: 0 })).toEqual({ matches: [], truncated: false, scannedBytes: 0 });
    expect(scanSecretsDetailed(text, { maxBytes: text.length }).matches.map((m) => m.provider)).toEqual(['stripe-secret-key']);
  });

  it('takes the host and the field name as hints, trimmed and in any case, and reports positions in the text', () => {
    const hinted = scanSecretsDetailed(`x ${gemini}`, { sentToHost: '  GenerativeLanguage.GOOGLEAPIS.com ', fieldName: '  my field  ' }).matches;
    expect(hinted.map((m) => [m.provider, m.start, m.end])).toEqual([['google-gemini-api-key', 2, 2 + gemini.length]]);
    expect(scanSecretsDetailed(`x ${gemini}`, { fieldName: ' GEMINI_API_KEY ' }).matches[0]!.provider).toBe('google-gemini-api-key');
    expect(scanSecretsDetailed(`x ${gemini}`).matches[0]!.provider).toBe('google-api-key');
  });

  it('never reports the hints themselves: a key in the field name or host is not in the text', () => {
    expect(scanSecretsDetailed('', { fieldName: stripe })).toEqual({ matches: [], truncated: false, scannedBytes: 0 });
    expect(scanSecretsDetailed('value', { sentToHost: stripe, fieldName: stripe }).matches).toEqual([]);
  });

  it('copies what the catalogue says of the provider into each match', () => {
    const m = scanSecrets(stripe)[0]!;
    const p = providerById('stripe-secret-key');
    expect([m.providerName, m.exposure, m.rotateUrl, m.advice]).toEqual([p.name, p.exposure, p.rotateUrl, p.advice]);
    expect(() => providerById('no-such-provider')).toThrow('unknown secret provider: no-such-provider');
  });
});

describe('the masked preview of a key whose provider has nested prefixes', () => {
  it('keeps the longest known prefix (tvly-dev- rather than tvly-)', () => {
    const key = FAKE_KEYS['tavily-api-key'](seeded(79)).value;
    const m = scanSecrets(`k=${key}`)[0]!;
    expect(m.provider).toBe('tavily-api-key');
    expect(m.masked).toBe(`tvly-dev-…${key.slice(-4)}`);
  });
});
