/**
 * Decoding layers. Bundles and pages often carry config escaped (`\u002F`, `\x2d`, `%2F`, `\/`) or base64-encoded
 * (`atob("eyJ…")`). The scanner decodes such regions, scans the decoded text, and maps every match back to the
 * span of its encoded form in the outer text.
 */
import { decodeBase64, printableRatio } from './base64';
import { charClass, inClass, startsClean } from './context';

export interface Layer {
  readonly text: string;
  /** Offset in the outer text of decoded offset `k`, used as a match start / as a match end. */
  start(k: number): number;
  end(k: number): number;
}

/**
 * Triggers for the escape layer: `\u00XX` and `\xXX` escapes of ASCII, percent-escapes of the chars that
 * credentials and their syntax contain (`" $ + , / : = @ {`), and the `:\/\/` of JSON-escaped URLs.
 */
export const ESCAPE_ANCHORS = [
  '\\u00',
  '\\x2', '\\x3', '\\x4', '\\x5', '\\x6', '\\x7',
  '%22', '%24', '%2B', '%2b', '%2C', '%2c', '%2F', '%2f', '%3A', '%3a', '%3D', '%3d', '%40', '%7B', '%7b',
  ':\\/\\/',
];

/** Triggers for the base64 layer: base64 of JSON openers (`{"`, `{ "`, `{\n`, `[{"`). */
export const BASE64_ANCHORS = ['eyJ', 'eyAi', 'ewog', 'ewoi', 'W3si'];

const HEX = charClass('0-9A-Fa-f');
/** Decoded regions extend this far on each side of the escapes found. */
const PAD = 256;

function hexValue(text: string, at: number, digits: number): number {
  let value = 0;
  for (let i = at; i < at + digits; i++) {
    const c = text.charCodeAt(i);
    if (!inClass(HEX, c)) return -1;
    value = value * 16 + (c <= 57 ? c - 48 : (c | 0x20) - 87);
  }
  return value;
}

/**
 * The escape at `at`, packed as `length << 8 | char code`, if it encodes printable ASCII or a tab or newline;
 * else 0. (Packed, because it runs for every char of a decoded region.)
 */
export function escapeAt(text: string, at: number): number {
  const c = text.charCodeAt(at);
  if (c !== 92 /* \ */ && c !== 37 /* % */) return 0;
  const next = text.charCodeAt(at + 1);
  let length = 0;
  let code = -1;
  if (c === 37) [length, code] = [3, hexValue(text, at + 1, 2)];
  else if (next === 117 /* u */) [length, code] = [6, hexValue(text, at + 2, 4)];
  else if (next === 120 /* x */) [length, code] = [4, hexValue(text, at + 2, 2)];
  else if (next === 47 /* / */) [length, code] = [2, 47];
  return (code >= 0x20 && code < 0x7f) || code === 9 || code === 10 || code === 13 ? (length << 8) | code : 0;
}

/**
 * Merges escape positions into padded, non-overlapping regions. Positions arrive in nearly increasing order
 * (the prefilter reports anchors by window end), so merging with the last region is enough.
 */
export function escapeRegions(positions: readonly number[], textLength: number): { start: number; end: number }[] {
  const regions: { start: number; end: number }[] = [];
  for (const at of positions) {
    const start = Math.max(0, at - PAD);
    const end = Math.min(textLength, at + PAD);
    const last = regions[regions.length - 1];
    if (last && start <= last.end) {
      last.start = Math.min(last.start, start);
      last.end = Math.max(last.end, end);
    } else {
      regions.push({ start, end });
    }
  }
  return regions;
}

/** Decodes every escape in [from, to). */
export function decodeEscapes(text: string, from: number, to: number): Layer {
  const origin = new Int32Array(to - from + 1);
  let out = '';
  let plain = from;
  let k = 0;
  for (let i = from; i < to; k++) {
    origin[k] = i;
    const escape = escapeAt(text, i);
    if (escape && i + (escape >> 8) <= to) {
      out += text.slice(plain, i) + String.fromCharCode(escape & 0xff);
      i += escape >> 8;
      plain = i;
    } else {
      i++;
    }
  }
  origin[k] = to;
  const at = (j: number) => origin[j]!;
  return { text: out + text.slice(plain, to), start: at, end: at };
}

const RUN = charClass('A-Za-z0-9+/_-');
/** A blob starts after a char that is neither base64 nor the `.` of a JWT. */
const NOT_BLOB_START = charClass('A-Za-z0-9+/_.-');
const MIN_RUN = 24;
const MAX_RUN = 4 * 1024 * 1024;
const MIN_PRINTABLE = 0.9;

/** The base64 run starting at `at`, unless it is a JWT segment, too short, or part of a longer run. */
export function base64Run(text: string, at: number): { start: number; end: number } | null {
  if (!startsClean(text, at, NOT_BLOB_START)) return null;
  let end = at;
  while (end < text.length && end - at < MAX_RUN && inClass(RUN, text.charCodeAt(end))) end++;
  while (end < text.length && end - at < MAX_RUN && text.charCodeAt(end) === 61 /* = */) end++;
  if (end - at < MIN_RUN || text.charCodeAt(end) === 46 /* . */) return null;
  return { start: at, end };
}

/** Decodes a base64 run; null unless it decodes to mostly printable text. */
export function decodeBase64Run(text: string, run: { start: number; end: number }): Layer | null {
  const decoded = decodeBase64(text.slice(run.start, run.end));
  if (decoded === null || printableRatio(decoded) < MIN_PRINTABLE) return null;
  return {
    text: decoded,
    // Every 3 decoded bytes come from 4 encoded chars.
    start: (k) => run.start + Math.floor(k / 3) * 4,
    end: (k) => Math.min(run.end, run.start + Math.ceil(k / 3) * 4),
  };
}
