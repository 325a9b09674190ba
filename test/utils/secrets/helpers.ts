/** Shared helpers for the secret-engine tests. */
import { expect } from 'vitest';
import { PROVIDERS, type SecretMatch, scanSecrets } from '../../../utils/secrets/index';
import type { PlantedKey } from './fake-keys';

export const providerIds = PROVIDERS.map((p) => p.id);

/** The match of `provider` that spans exactly [start, start + length), if any. */
export function matchAt(matches: readonly SecretMatch[], provider: string, start: number, length: number) {
  return matches.find((m) => m.provider === provider && m.start === start && m.end === start + length);
}

/** Scans `text` and expects `planted` reported at the exact span of its value (first occurrence). */
export function expectPlanted(text: string, planted: PlantedKey, valueStart = text.indexOf(planted.value)): SecretMatch {
  const matches = scanSecrets(text);
  const match = matchAt(matches, planted.provider, valueStart, planted.value.length);
  expect(
    match,
    `${planted.provider} at ${valueStart} in ${text.slice(0, 160)}: got ${JSON.stringify(matches.map((m) => [m.provider, m.start, m.end]))}`,
  ).toBeDefined();
  return match!;
}
