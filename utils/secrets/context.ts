/**
 * Reading the neighbourhood of a candidate: character classes, the name a value is assigned to, and the text
 * around it. Everything here looks at a bounded window, so its cost does not depend on the size of the input.
 */
import type { ScanContext } from './types';

export type CharClass = Uint8Array;

/** A lookup table for ASCII chars from a list of single chars and `a-z` style ranges. */
export function charClass(spec: string): CharClass {
  const table = new Uint8Array(128);
  for (let i = 0; i < spec.length; i++) {
    const from = spec.charCodeAt(i);
    if (spec[i + 1] === '-' && i + 2 < spec.length) {
      for (let c = from; c <= spec.charCodeAt(i + 2); c++) table[c] = 1;
      i += 2;
    } else {
      table[from] = 1;
    }
  }
  return table;
}

export const inClass = (table: CharClass, code: number): boolean => code < 128 && table[code] === 1;

export const ALNUM = charClass('A-Za-z0-9');
/** Characters that continue a token: a match followed by one of these is part of something longer. */
export const TOKEN = charClass('A-Za-z0-9_-');
export const BASE64 = charClass('A-Za-z0-9+/=');
export const BASE64URL = charClass('A-Za-z0-9_-');
export const UUID = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/;
/**
 * One char of standard base64 where `/` may be JSON-escaped (`\/`, as PHP's json_encode writes it): an escaped
 * slash alone is too common in code to trigger the escape layer, so base64-alphabet values accept it directly.
 */
export const B64_CHAR = /(?:[A-Za-z0-9+]|\\?\/)/.source;
/** Identifiers and property paths: `apiKey`, `config.algolia.adminKey`, `data-api-key`, `$token`. */
const NAME = charClass('A-Za-z0-9_$.-');
/** Between a name and its value: quotes, operators, spaces (`=`, `:`, `=>`, `:=`, `?=`, `.=`, `("`, `>`). */
const GLUE = charClass(' \t\r\n"\'`\\:=>(,?|!.[]+');
const ASSIGN = charClass(':=>(,\n');
const SCHEME_WORDS = new Set(['bearer', 'basic', 'token', 'bot']);
const SCHEME_WORD = /(?:Bearer|Basic|Token|Bot)[ \t]+/iy;
const TYPE_WORD = /[ \t]+[A-Za-z]{1,12}/y;
const ENTITIES = ['&quot;', '&#34;', '&#39;', '&#x27;', '&apos;'];
const MAX_ENTITY = Math.max(...ENTITIES.map((e) => e.length));
const MAX_GLUE = 16;
const MAX_NAME = 64;

/** True when the char before `at` does not continue a word (start of text, quote, operator, ...). */
export const startsClean = (text: string, at: number, before: CharClass = ALNUM): boolean => at === 0 || !inClass(before, text.charCodeAt(at - 1));

/** True when the char at `end` does not continue the token. */
export const endsClean = (text: string, end: number, after: CharClass = TOKEN): boolean => end >= text.length || !inClass(after, text.charCodeAt(end));

/** Runs a sticky regex at `at`; returns the end of the match or -1. */
export function matchEnd(re: RegExp, text: string, at: number): number {
  re.lastIndex = at;
  return re.test(text) ? re.lastIndex : -1;
}

/** Runs a sticky regex at `at`, requiring clean boundaries on both sides; returns the end or -1. */
export function tokenEnd(re: RegExp, text: string, at: number, boundaries: { before?: CharClass; after?: CharClass } = {}): number {
  if (!startsClean(text, at, boundaries.before)) return -1;
  const end = matchEnd(re, text, at);
  return end >= 0 && endsClean(text, end, boundaries.after) ? end : -1;
}

function entityEndingAt(text: string, end: number): number {
  // Every entity ends with `;` (near the start of the text startsWith clamps the position: the full check).
  if (end >= MAX_ENTITY && text.charCodeAt(end - 1) !== 59 /* ; */) return 0;
  for (const e of ENTITIES) if (text.startsWith(e, end - e.length)) return e.length;
  return 0;
}

function entityAt(text: string, at: number): number {
  if (text.charCodeAt(at) !== 38 /* & */) return 0;
  for (const e of ENTITIES) if (text.startsWith(e, at)) return e.length;
  return 0;
}

/** Skips glue backwards from `end` (exclusive); returns the new end and whether an assignment char was seen. */
function glueBefore(text: string, end: number): { end: number; assigns: boolean } {
  let i = end;
  let assigns = false;
  while (i > 0 && end - i < MAX_GLUE) {
    const entity = entityEndingAt(text, i);
    if (entity) {
      i -= entity;
      continue;
    }
    const c = text.charCodeAt(i - 1);
    if (!inClass(GLUE, c)) break;
    if (inClass(ASSIGN, c)) assigns = true;
    i--;
  }
  return { end: i, assigns };
}

/** Skips glue forwards from `start`; returns the new start and whether an assignment char (or `,`) was seen. */
export function glueAfter(text: string, start: number): { start: number; assigns: boolean } {
  let i = start;
  let assigns = false;
  while (i < text.length && i - start < MAX_GLUE) {
    const entity = entityAt(text, i);
    if (entity) {
      i += entity;
      continue;
    }
    const c = text.charCodeAt(i);
    if (!inClass(GLUE, c)) break;
    if (inClass(ASSIGN, c)) assigns = true;
    i++;
  }
  return { start: i, assigns };
}

const isDotOrDash = (c: number) => c === 46 /* . */ || c === 45; /* - */

function nameEndingAt(text: string, end: number): string {
  let i = end;
  while (i > 0 && end - i < MAX_NAME && inClass(NAME, text.charCodeAt(i - 1))) i--;
  // A path ends at its last segment's dot: `a.b.` is `a.b` (dots and dashes are trimmed on both sides).
  let to = end;
  while (i < to && isDotOrDash(text.charCodeAt(i))) i++;
  while (to > i && isDotOrDash(text.charCodeAt(to - 1))) to--;
  return text.slice(i, to);
}

/**
 * The name a value starting at `start` is assigned to: `name = "v"`, `"name": "v"`, `name => 'v'`, `?name=v`,
 * `<name>v`, `name="v"` (HTML), `set("NAME", "v")`, `Authorization: Bearer v`. '' when there is none.
 */
export function nameBefore(text: string, start: number): string {
  let end = start;
  let assigns = false;
  for (let words = 0; words < 2; words++) {
    const glue = glueBefore(text, end);
    assigns ||= glue.assigns;
    const name = nameEndingAt(text, glue.end);
    if (!name) return '';
    // A scheme word is followed by spaces (`Bearer v`); one followed by `=` or `:` is a name (`token = v`, `?token=v`).
    if (glue.assigns || !SCHEME_WORDS.has(name.toLowerCase())) return assigns ? name : '';
    end = glue.end - name.length;
  }
  return '';
}

/** The bounds of the name (identifier or property path) that contains position `at`. */
export function nameAround(text: string, at: number): { start: number; end: number } {
  let start = at;
  let end = at;
  while (start > 0 && at - start < MAX_NAME && inClass(NAME, text.charCodeAt(start - 1))) start--;
  while (end < text.length && end - at < MAX_NAME && inClass(NAME, text.charCodeAt(end))) end++;
  return { start, end };
}

/**
 * Where the value assigned to a name ending at `nameEnd` starts, or -1. Also accepts a short type word between
 * name and operator (`var key string = "v"`) and a scheme word before the value (`key: "Bearer v"`).
 */
export function valueAfter(text: string, nameEnd: number): number {
  let glue = glueAfter(text, nameEnd);
  if (!glue.assigns) {
    const end = matchEnd(TYPE_WORD, text, nameEnd);
    if (end < 0) return -1;
    glue = glueAfter(text, end);
    if (!glue.assigns) return -1;
  }
  const afterScheme = matchEnd(SCHEME_WORD, text, glue.start);
  return afterScheme >= 0 ? afterScheme : glue.start;
}

/** The two chars that toLowerCase turns into ASCII letters: U+212A (Kelvin sign) → `k`, U+0130 → `i̇`. */
const LOWERS_TO_ASCII = /[\u212a\u0130]/;

/**
 * True when `re` matches the text within `radius` of [start, end), or one of the caller's hints (host, field
 * name). `re` is an ASCII pattern in lower case with the `i` flag, and the verdict is the same as testing it
 * (without `i`) on the lower-cased window, which is what detectors mean by "named nearby". The window is not
 * lower-cased (a copy of up to a few KB per candidate): for ASCII, `i` and toLowerCase agree, and the only
 * chars toLowerCase turns into ASCII letters are U+212A and U+0130, so only a window holding one of them is
 * lower-cased.
 */
export function nearby(text: string, start: number, end: number, radius: number, ctx: ScanContext, re: RegExp): boolean {
  const span = text.slice(Math.max(0, start - radius), Math.min(text.length, end + radius));
  if (re.test(span) || re.test(ctx.host) || re.test(ctx.field)) return true;
  return LOWERS_TO_ASCII.test(span) && re.test(span.toLowerCase());
}
