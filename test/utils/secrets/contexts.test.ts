/** Keys in minified, escaped and encoded contexts are found, classified the same way, at the right span. */
import { describe, expect, it } from 'vitest';
import { scanSecrets } from '../../../utils/secrets/index';
import { CONTEXTS } from './contexts';
import { plantedKeys } from './fake-keys';
import { matchAt } from './helpers';

const planted = plantedKeys(3);

describe.each(CONTEXTS.map((c) => [c.name, c] as const))('%s', (_, context) => {
  it.each(planted.map((p) => [p.provider, p] as const))('finds %s at the span of its encoded form', (_, key) => {
    const { text, start, end } = context.embed(key);
    const matches = scanSecrets(text);
    const match = matchAt(matches, key.provider, start, end - start);
    expect(match, `${text.slice(0, 200)}\n→ ${JSON.stringify(matches.map((m) => [m.provider, m.start, m.end]))}, want [${start}, ${end}]`).toBeDefined();
    expect(match!.exposure).toBe(key.exposure);
  });
});

describe('decoded values', () => {
  it('fingerprint the decoded credential, so an escaped copy de-duplicates with the plain one', () => {
    const key = planted.find((p) => p.provider === 'stripe-secret-key')!;
    const plain = scanSecrets(`k="${key.value}"`)[0]!;
    const escaped = scanSecrets(`k="${key.value.replace(/_/g, '\\u005f')}"`)[0]!;
    expect(escaped.fingerprint).toBe(plain.fingerprint);
    expect(escaped.end - escaped.start).toBe(key.value.length + 2 * 5);
  });

  it('nested encodings: base64 inside an escaped string', () => {
    const key = planted.find((p) => p.provider === 'github-pat')!;
    const blob = Buffer.from(JSON.stringify({ token: key.value })).toString('base64');
    const text = `x="${blob.replace(/=/g, '\\u003d')}"`;
    expect(scanSecrets(text).map((m) => m.provider)).toEqual(['github-pat']);
  });

  it('ignores base64 that decodes to binary', () => {
    const binary = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 37 + 11) % 256)).toString('base64');
    expect(scanSecrets(`src="data:font/woff2;base64,eyJ${binary}"`)).toEqual([]);
  });
});
