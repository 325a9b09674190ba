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
  '\\x2',
  '\\x3',
  '\\x4',
  '\\x5',
  '\\x6',
  '\\x7',
  '%22',
  '%24',
  '%2B',
  '%2b',
  '%2C',
  '%2c',
  '%2F',
  '%2f',
  '%3A',
  '%3a',
  '%3D',
  '%3d',
  '%40',
  '%7B',
  '%7b',
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
 * else 0. (Packed, because it runs for every escape of a decoded region.)
 */
export function escapeAt(text: string, at: number): number {
  const c = text.charCodeAt(at);
  let length: number;
  let code: number;
  if (c === 37 /* % */) {
    length = 3;
    code = hexValue(text, at + 1, 2);
  } else if (c === 92 /* \ */) {
    const next = text.charCodeAt(at + 1);
    if (next === 117 /* u */) {
      length = 6;
      code = hexValue(text, at + 2, 4);
    } else if (next === 120 /* x */) {
      length = 4;
      code = hexValue(text, at + 2, 2);
    } else if (next === 47 /* / */) {
      length = 2;
      code = 47;
    } else {
      return 0;
    }
  } else {
    return 0;
  }
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

/**
 * A decoded escape region. Offsets map back through the escapes, kept sparse: `records` holds one triple per
 * decoded escape (its index in the decoded text, its offset in the outer text, its length), and plain chars map
 * one to one from the previous escape (or the region start) on.
 */
class EscapeLayer implements Layer {
  constructor(
    readonly text: string,
    private readonly from: number,
    private readonly records: Int32Array,
  ) {}

  start(k: number): number {
    return this.origin(k);
  }

  end(k: number): number {
    return this.origin(k);
  }

  /** Offset in the outer text of decoded char `k` (k = text.length: the region end). */
  private origin(k: number): number {
    const records = this.records;
    // Escapes at or before k.
    let lo = 0;
    let hi = records.length / 3;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (records[3 * mid]! <= k) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return this.from + k;
    const e = 3 * (lo - 1);
    const d = records[e]!;
    return d === k ? records[e + 1]! : records[e + 1]! + records[e + 2]! + (k - d - 1);
  }
}

/**
 * What can be an escape: `%XX`, `\uXXXX`, `\xXX`, `\/`. None contains `\` or `%` after its first char, so no
 * escape can start inside another, and finding them left to right is the same as trying every position.
 */
const ESCAPE = /%[0-9A-Fa-f]{2}|\\u[0-9A-Fa-f]{4}|\\x[0-9A-Fa-f]{2}|\\\//g;

/** State of the decodeEscapes in progress (it never nests): records, in a buffer kept between calls. */
let records = new Int32Array(3 * 64);
let recorded = 0;
let removed = 0;
let regionFrom = 0;

/** Replaces one escape by its char when it encodes one escapeAt accepts, and records where it was. */
function decodeOne(match: string, offset: number): string {
  const packed = escapeAt(match, 0);
  if (!packed) return match;
  if (recorded + 3 > records.length) {
    const grown = new Int32Array(records.length * 2);
    grown.set(records);
    records = grown;
  }
  records[recorded++] = offset - removed;
  records[recorded++] = regionFrom + offset;
  records[recorded++] = match.length;
  removed += match.length - 1;
  return String.fromCharCode(packed & 0xff);
}

/**
 * Decodes every escape in [from, to): one native replace over a slice of the region (so an escape that would run
 * past `to` is not one), the mapping recorded on the way.
 */
export function decodeEscapes(text: string, from: number, to: number): Layer {
  recorded = 0;
  removed = 0;
  regionFrom = from;
  const decoded = text.slice(from, to).replace(ESCAPE, decodeOne);
  return new EscapeLayer(decoded, from, records.slice(0, recorded));
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

/** A decoded base64 run: every 3 decoded bytes come from 4 encoded chars. */
class Base64Layer implements Layer {
  constructor(
    readonly text: string,
    private readonly from: number,
    private readonly to: number,
  ) {}

  start(k: number): number {
    return this.from + Math.floor(k / 3) * 4;
  }

  end(k: number): number {
    return Math.min(this.to, this.from + Math.ceil(k / 3) * 4);
  }
}

/** Decodes a base64 run; null unless it decodes to mostly printable text. */
export function decodeBase64Run(text: string, run: { start: number; end: number }): Layer | null {
  const decoded = decodeBase64(text.slice(run.start, run.end));
  if (decoded === null || printableRatio(decoded) < MIN_PRINTABLE) return null;
  return new Base64Layer(decoded, run.start, run.end);
}
