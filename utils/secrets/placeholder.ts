/**
 * Placeholders and documentation examples are never findings: `AKIA…EXAMPLE`, `sk_live_xxxx…`,
 * `YOUR_API_KEY`, `<your-key>`, repeated chars, `1234567890abcdef` runs. Checked on the random part of a value,
 * so fixed prefixes (`sk_test_`) and ids (Slack team numbers) do not count.
 */

const WORDS =
  /example|sample|dummy|placeholder|redacted|changeme|change[_-]me|replace[_-]?(?:me|with)|insert[_-]?(?:your|key|here)|your[_-]?(?:api|secret|access|own|private|app|project|key|token|password)|x{4}|\.\.\.|\u2026/i;
const TEMPLATE = /\$\{|\{\{|%\(|<[\w -]{2,}>|&lt;[\w -]{2,}&gt;|\[[\w -]{2,}\]|\*{3}/;
/** Repeated chars (`(.)\1{5}`: six equal chars, line terminators excepted). */
const REPEAT_LENGTH = 6;
const SEQUENCE_LENGTH = 8;
const FEW_DISTINCT = 4;

const REPEATED = 1;
const SEQUENTIAL = 2;

/**
 * One pass for the two checks a regex does badly (a back-reference, a run of consecutive chars): REPEATED when
 * six equal chars other than line terminators follow each other, SEQUENTIAL when SEQUENCE_LENGTH consecutive
 * digits or letters do (`12345678`, `abcdefgh`, case-insensitive).
 */
function runs(body: string): number {
  let found = 0;
  let last = -1;
  let same = 0;
  let run = 0;
  let previous = -2;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === last) {
      if (++same >= REPEAT_LENGTH && c !== 10 && c !== 13 && c !== 0x2028 && c !== 0x2029) found |= REPEATED;
    } else {
      same = 1;
      last = c;
    }
    // Digits and letters, lower-cased (`a`/`A` → 97, `5` → 53); anything else -1.
    const lower = c | 0x20;
    const ordinal = c >= 48 && c <= 57 ? c : lower >= 97 && lower <= 122 ? lower : -1;
    run = ordinal >= 0 && ordinal === previous + 1 ? run + 1 : 1;
    if (run >= SEQUENCE_LENGTH) found |= SEQUENTIAL;
    previous = ordinal;
  }
  return found;
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
  const found = runs(body);
  if (found & REPEATED) return 'repeated characters';
  if (found & SEQUENTIAL) return 'sequential characters';
  if (body.length >= 16 && hasFewDistinct(body)) return 'too few distinct characters';
  return null;
}
