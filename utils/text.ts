/**
 * Page strings shown to a person: bidi controls and other invisible format characters are shown escaped, so a page
 * cannot reorder or hide what we display (`evil\u202Egnp.session` must not read as `evil` + `noisses.png`). Pure;
 * used by the popup, the in-page warnings and the reports.
 */

/**
 * Characters escaped as `\uXXXX`: C0/C1 controls other than tab and newline, the bidi embeddings, overrides and
 * isolates (U+202A–U+202E, U+2066–U+2069), marks (U+200E/F, U+061C), zero-width and other format characters
 * (Unicode category Cf, e.g. U+200B–U+200D, U+2060–U+2064, U+FEFF, U+00AD), line/paragraph separators, and lone
 * surrogates (which render as nothing or as a replacement box).
 */
const INVISIBLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF\uFFF9-\uFFFB\p{Cf}]|\p{Cs}/gu;

const hex = (c: string) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Printable ASCII, tabs and newlines: nothing to escape. Tested first because most text is that, and the class above
 * (its Unicode property escapes) is slow to compile: its first use took 0.7–2.7 ms in a fresh Chromium page (7 pages,
 * 2026-12-07; in Node, 0.12–0.19 ms against 0.05 ms for this test).
 */
const PLAIN = /^[\t\n\x20-\x7E]*$/;

/** Shows invisible and direction-changing characters as `\uXXXX` text; everything else is kept as it is. */
export function showInvisible(s: string): string {
  if (PLAIN.test(s)) return s;
  return s.replace(INVISIBLE, (c) => (c.length === 1 ? hex(c) : [...c].map(hex).join('')));
}

/** True when the text holds a character showInvisible would escape. */
export function hasInvisible(s: string): boolean {
  if (PLAIN.test(s)) return false;
  INVISIBLE.lastIndex = 0;
  const found = INVISIBLE.test(s);
  INVISIBLE.lastIndex = 0;
  return found;
}

/** Printable ASCII words with single spaces between them: nothing for normWords to change but case (most UI text). */
const ALREADY_NORMAL = /^[!-~]+(?: [!-~]+)*$/;

/**
 * A builder's UI text made comparable with the wording the readers look for (entrypoints/glide.content/anchors.ts,
 * entrypoints/supabase.content/studio.ts) and with what "Show me" looks for (in-page/show-me.ts): curly quotes
 * straightened, the arrow `→` written `->`, whitespace collapsed and trimmed, lower case. Plain ASCII text (most labels and buttons) takes a fast path with the same result: the
 * readers normalise the name of every button of a busy editor on each pass.
 */
export function normWords(s: string | null | undefined): string {
  if (!s) return '';
  if (ALREADY_NORMAL.test(s)) return s.toLowerCase();
  return s
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\u2192/g, '->')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}
