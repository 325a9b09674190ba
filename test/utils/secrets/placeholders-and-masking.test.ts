/** Placeholders are never findings, publishable keys never secrets, and masks never reveal a key. */
import { describe, expect, it } from 'vitest';
import { PROVIDERS, maskSecret, scanSecrets } from '../../../utils/secrets/index';
import { CONTEXTS } from './contexts';
import { placeholderKeys, plantedKeys } from './fake-keys';

describe('placeholders and documentation examples', () => {
  it.each(placeholderKeys().map((p) => [p] as const))('%s is not reported', (placeholder) => {
    for (const text of [placeholder, `const apiKey = "${placeholder}";`, `{"token":"${placeholder}"}`]) {
      expect(scanSecrets(text)).toEqual([]);
    }
  });

  it("'example', 'dummy' or 'sample' inside an otherwise valid key makes it a placeholder", () => {
    const key = plantedKeys(2).find((p) => p.provider === 'stripe-secret-key')!.value;
    for (const word of ['EXAMPLE', 'dummy', 'Sample']) {
      const text = key.slice(0, 20) + word + key.slice(20 + word.length);
      expect(scanSecrets(text)).toEqual([]);
    }
  });
});

describe('publishable keys', () => {
  const publishable = plantedKeys(4).filter((p) => p.exposure === 'publishable');

  it('are never reported as secrets, in any context', () => {
    expect(publishable.length).toBeGreaterThan(15);
    for (const key of publishable) {
      for (const context of CONTEXTS) {
        const secrets = scanSecrets(context.embed(key).text).filter((m) => m.exposure === 'secret');
        expect(secrets, `${key.provider} in ${context.name}`).toEqual([]);
      }
    }
  });
});

describe('masking and fingerprints', () => {
  const keys = plantedKeys(6);
  const prefixes = PROVIDERS.flatMap((p) => p.prefixes ?? []);

  it('a mask shows at most a known prefix and the last 4 chars', () => {
    for (const key of keys) {
      const [match] = scanSecrets(key.snippet).filter((m) => m.provider === key.provider);
      const masked = match!.masked;
      const [shown = '', tail = ''] = masked.split('\u2026');
      expect(masked).toContain('\u2026');
      expect(shown === '' || prefixes.includes(shown), `${key.provider}: ${masked}`).toBe(true);
      expect(key.value.startsWith(shown)).toBe(true);
      expect(tail.length).toBeLessThanOrEqual(4);
      expect(key.value.endsWith(tail)).toBe(true);
      expect(masked.length).toBeLessThanOrEqual(shown.length + 5);
    }
  });

  it('maskSecret finds the known prefix by itself and hides short values entirely', () => {
    const stripe = keys.find((k) => k.provider === 'stripe-secret-key')!.value;
    expect(maskSecret(stripe)).toBe(`sk_live_\u2026${stripe.slice(-4)}`);
    expect(maskSecret('Zq8Wm2Lp4Xr6Tn0V')).toBe(`\u2026${'Zq8Wm2Lp4Xr6Tn0V'.slice(-4)}`);
    expect(maskSecret('abc123')).toBe('\u2026');
  });

  it('fingerprints are stable 64-bit hex, distinct per provider and value', () => {
    const prints = keys.map((k) => scanSecrets(k.snippet).find((m) => m.provider === k.provider)!.fingerprint);
    for (const p of prints) expect(p).toMatch(/^[0-9a-f]{16}$/);
    expect(new Set(prints).size).toBe(prints.length);
    const again = keys.map((k) => scanSecrets(k.snippet).find((m) => m.provider === k.provider)!.fingerprint);
    expect(again).toEqual(prints);
  });
});
