/** Base64 / base64url decoding that never throws (no `atob`: it rejects base64url and unpadded input). */

const VALUES = new Int8Array(128).fill(-1);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'.split('').forEach((c, i) => {
  VALUES[c.charCodeAt(0)] = i;
});
VALUES['+'.charCodeAt(0)] = VALUES['-'.charCodeAt(0)] = 62;
VALUES['/'.charCodeAt(0)] = VALUES['_'.charCodeAt(0)] = 63;

const sextetOf = (code: number): number => (code < 128 ? VALUES[code]! : -1);

/** Bytes per String.fromCharCode call (its arguments go on the stack). */
const CHUNK = 4096;
const MAX_SCRATCH = 1 << 16;
let scratch = new Uint8Array(1024);

/**
 * Decodes base64 or base64url (padding optional) into a string with one char per byte, or null when the input
 * holds a char outside both alphabets. Trailing bits that do not make a whole byte are dropped.
 */
export function decodeBase64(input: string): string | null {
  let end = input.length;
  while (end > 0 && input.charCodeAt(end - 1) === 61 /* = */) end--;
  // Bytes go to a buffer kept between calls (JWT payloads and config blobs are decoded for every candidate);
  // a big blob gets a buffer of its own, so the kept one stays small.
  const size = Math.floor((end * 6) / 8);
  if (size > scratch.length && size <= MAX_SCRATCH) scratch = new Uint8Array(Math.max(size, scratch.length * 2));
  const bytes = size <= scratch.length ? scratch : new Uint8Array(size);
  let length = 0;
  let i = 0;
  // Four chars make three bytes.
  for (; i + 4 <= end; i += 4) {
    const a = sextetOf(input.charCodeAt(i));
    const b = sextetOf(input.charCodeAt(i + 1));
    const c = sextetOf(input.charCodeAt(i + 2));
    const d = sextetOf(input.charCodeAt(i + 3));
    if ((a | b | c | d) < 0) return null;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    bytes[length++] = n >> 16;
    bytes[length++] = (n >> 8) & 0xff;
    bytes[length++] = n & 0xff;
  }
  // The last 1-3 chars: 12 bits make one more byte, 18 bits two; the bits left over are dropped.
  let buffer = 0;
  for (let bits = 0; i < end; i++) {
    const value = sextetOf(input.charCodeAt(i));
    if (value < 0) return null;
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[length++] = (buffer >> bits) & 0xff;
    }
  }
  let out = '';
  for (let i = 0; i < length; i += CHUNK) {
    out += String.fromCharCode.apply(null, bytes.subarray(i, Math.min(length, i + CHUNK)) as unknown as number[]);
  }
  return out;
}

/** Share of chars in `s` that are printable ASCII or whitespace. */
export function printableRatio(s: string): number {
  if (s.length === 0) return 0;
  let printable = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x20 && c < 0x7f) || c === 9 || c === 10 || c === 13) printable++;
  }
  return printable / s.length;
}
