/** Base64 / base64url decoding that never throws (no `atob`: it rejects base64url and unpadded input). */

const VALUES = new Int8Array(128).fill(-1);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'.split('').forEach((c, i) => {
  VALUES[c.charCodeAt(0)] = i;
});
VALUES['+'.charCodeAt(0)] = VALUES['-'.charCodeAt(0)] = 62;
VALUES['/'.charCodeAt(0)] = VALUES['_'.charCodeAt(0)] = 63;

/**
 * Decodes base64 or base64url (padding optional) into a string with one char per byte, or null when the input
 * holds a char outside both alphabets. Trailing bits that do not make a whole byte are dropped.
 */
export function decodeBase64(input: string): string | null {
  let end = input.length;
  while (end > 0 && input.charCodeAt(end - 1) === 61 /* = */) end--;
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < end; i++) {
    const code = input.charCodeAt(i);
    const value = code < 128 ? VALUES[code]! : -1;
    if (value < 0) return null;
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  let out = '';
  for (let i = 0; i < bytes.length; i += 4096) out += String.fromCharCode(...bytes.slice(i, i + 4096));
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
