import { hash64 } from '../hash';

/** Values shorter than this (after the prefix) show no tail at all. */
const MIN_TAIL_BODY = 12;

/**
 * A preview that never reveals the key: the known literal prefix (if any) plus the last 4 chars, e.g.
 * `sk_live_…a1B2`. Short values show only the prefix.
 */
export function maskWithPrefix(value: string, prefix: string): string {
  const known = value.startsWith(prefix) ? prefix : '';
  const body = value.length - known.length;
  return body >= MIN_TAIL_BODY ? `${known}\u2026${value.slice(-4)}` : `${known}\u2026`;
}

/** Stable, non-reversible fingerprint of a credential for de-duplication and 'accept risk'. */
export function fingerprint(provider: string, value: string): string {
  return hash64(`${provider}\u0000${value}`);
}
