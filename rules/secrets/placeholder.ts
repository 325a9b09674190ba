/**
 * Placeholders and documentation examples are never findings: `AKIA…EXAMPLE`, `sk_live_xxxx…`,
 * `YOUR_API_KEY`, `<your-key>`, repeated chars, `1234567890abcdef` runs. Checked on the random part of a value,
 * so fixed prefixes (`sk_test_`) and ids (Slack team numbers) do not count.
 */

const WORDS =
  /example|sample|dummy|placeholder|redacted|changeme|change[_-]me|replace[_-]?me|insert[_-]?(?:your|key|here)|your[_-]?(?:api|secret|access|own|private|app|project|key|token|password)|x{4}|\.\.\.|\u2026/i;
const TEMPLATE = /\$\{|\{\{|%\(|<[\w -]{2,}>|&lt;[\w -]{2,}&gt;|\[[\w -]{2,}\]|\*{3}/;
const REPEAT = /(.)\1{5}/;
const SEQUENCE_LENGTH = 8;
const FEW_DISTINCT = 4;

/** Lower-cased char code of a digit or letter, or -1: `a`/`A` → 97, `5` → 53. */
function ordinal(code: number): number {
  if (code >= 48 && code <= 57) return code;
  const lower = code | 0x20;
  return lower >= 97 && lower <= 122 ? lower : -1;
}

/** True when `body` has a run of SEQUENCE_LENGTH consecutive digits or letters (`12345678`, `abcdefgh`). */
function hasSequence(body: string): boolean {
  let run = 1;
  let prev = ordinal(body.charCodeAt(0));
  for (let i = 1; i < body.length; i++) {
    const next = ordinal(body.charCodeAt(i));
    run = prev >= 0 && next === prev + 1 ? run + 1 : 1;
    if (run >= SEQUENCE_LENGTH) return true;
    prev = next;
  }
  return false;
}

function hasFewDistinct(body: string): boolean {
  const seen: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (!seen.includes(c) && seen.push(c) > FEW_DISTINCT) return false;
  }
  return true;
}

/** Why `body` is a placeholder, or null when it looks like a real random value. */
export function placeholderReason(body: string): string | null {
  if (body.length === 0) return 'empty';
  const word = WORDS.exec(body);
  if (word) return `placeholder text "${word[0]}"`;
  if (TEMPLATE.test(body)) return 'template placeholder';
  if (REPEAT.test(body)) return 'repeated characters';
  if (hasSequence(body)) return 'sequential characters';
  if (body.length >= 16 && hasFewDistinct(body)) return 'too few distinct characters';
  return null;
}
