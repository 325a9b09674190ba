/** Replaces every key in a text by its masked preview: the last safety net before anything is stored or shown. */
import { scanSecrets } from './index';

export function redactSecrets(text: string): string {
  if (text.length < 8) return text;
  const matches = scanSecrets(text);
  if (matches.length === 0) return text;
  let out = '';
  let at = 0;
  for (const m of [...matches].sort((a, b) => a.start - b.start)) {
    if (m.start < at) continue;
    out += text.slice(at, m.start) + m.masked;
    at = m.end;
  }
  return out + text.slice(at);
}
