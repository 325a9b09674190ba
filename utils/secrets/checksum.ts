import type { Verdict } from './define';

/**
 * Offline checksums. GitHub classic tokens (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`) and npm tokens (`npm_`) end in
 * 6 base62 chars (0-9A-Za-z) encoding the CRC32 of the 30 random chars before them.
 */

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC32 (IEEE) of a string of ASCII chars. */
export function crc32(ascii: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < ascii.length; i++) crc = (crc >>> 8) ^ CRC_TABLE[(crc ^ ascii.charCodeAt(i)) & 0xff]!;
  return (crc ^ 0xffffffff) >>> 0;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function base62(n: number, width: number): string {
  let out = '';
  for (let v = n; v > 0; v = Math.floor(v / 62)) out = BASE62[v % 62]! + out;
  return out.padStart(width, '0');
}

/** True when the last 6 chars of `body` are the base62 CRC32 of the chars before them. */
export function checksumValid(body: string): boolean {
  if (body.length <= 6) return false;
  const random = body.slice(0, -6);
  return base62(crc32(random), 6) === body.slice(-6);
}

/**
 * An invalid checksum means the vendor would reject the token (a typo, a truncation, a made-up example), but it
 * cannot tell a fake from a corrupted copy of a real one: such tokens are kept with low confidence, not dropped.
 */
export function checksumVerdict(prefix: string): (value: string) => Verdict {
  return (value) =>
    checksumValid(value.slice(prefix.length))
      ? { confidence: 'high', reason: `prefix "${prefix}", checksum valid` }
      : { confidence: 'low', reason: `prefix "${prefix}", checksum invalid` };
}
