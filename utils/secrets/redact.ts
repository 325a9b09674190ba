/** Replaces every key in a text by its masked preview: the last safety net before anything is stored or shown. */
import { scanSecrets, type SecretMatch } from './index';

export function redactSecrets(text: string): string {
  if (text.length < 8) return text;
  const matches = scanSecrets(text);
  if (matches.length === 0) return text;
  return maskMatches(text, matches);
}

/**
 * The text from `from` to `to` with every match in it replaced by its masked preview. A match cut by either end, or
 * overlapping the one before it, is masked whole: no part of a key is ever shown (a match wholly inside one already
 * masked, the same span under another provider, adds nothing).
 */
export function maskMatches(text: string, matches: readonly Pick<SecretMatch, 'start' | 'end' | 'masked'>[], from = 0, to = text.length): string {
  let out = '';
  let at = from;
  for (const m of matches.filter((x) => x.end > from && x.start < to).sort((a, b) => a.start - b.start)) {
    if (m.end <= at) continue;
    out += text.slice(at, Math.max(at, m.start)) + m.masked;
    at = m.end;
  }
  return at < to ? out + text.slice(at, to) : out;
}
