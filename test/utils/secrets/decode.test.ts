/**
 * The decoding layers' parts, each at its edges (utils/secrets/decode.ts). The scanner's tests reach them through
 * whole scans; the twelfth session's mutation run over decode.ts (78.2%) left 52 mutants alive there, most in
 * what these parts accept at their edges: which escapes decode, how a base64 run is bounded, and when a decoded run
 * counts as text.
 */
import { describe, expect, it } from 'vitest';
import { base64Run, decodeBase64Run, decodeEscapes, escapeAt } from '@/utils/secrets/decode';

/** `escapeAt`'s answer as [length, char] (or 0). */
const esc = (text: string, at = 0) => {
  const packed = escapeAt(text, at);
  return packed && [packed >> 8, String.fromCharCode(packed & 0xff)];
};

describe('escapeAt: one escape of printable ASCII, a tab or a line break', () => {
  it('reads each kind with its length', () => {
    expect(esc('%41')).toEqual([3, 'A']);
    expect(esc('\\u0041')).toEqual([6, 'A']);
    expect(esc('\\x41')).toEqual([4, 'A']);
    expect(esc('\\/')).toEqual([2, '/']);
    expect(esc('ab%2Fcd', 2)).toEqual([3, '/']);
  });

  it('reads every hex digit, in both cases', () => {
    // 0-9 (the digits' branch, '9' at its edge), a-f and A-F (the letters' branch).
    for (const [hex, char] of [
      ['30', '0'],
      ['39', '9'],
      ['3a', ':'],
      ['3A', ':'],
      ['4f', 'O'],
      ['4F', 'O'],
      ['7e', '~'],
    ])
      expect(esc(`%${hex}`)).toEqual([3, char]);
    expect(esc('\\u007E')).toEqual([6, '~']);
  });

  it('is not an escape without hex digits or with another letter after the backslash', () => {
    for (const text of ['%4g', '%g4', '%4', '%', '\\u00zz', '\\u004', '\\x4', '\\xg1', '\\q41', '\\', 'x41', '41']) expect(esc(text)).toBe(0);
    // An escape's letters after any other char than a backslash.
    for (const text of ['au0041', 'ax41', 'a/', '/u0041']) expect(esc(text)).toBe(0);
  });

  it('accepts printable ASCII, tab, LF and CR, and nothing else', () => {
    for (const code of [0x20, 0x7e, 9, 10, 13]) expect(esc(`%${code.toString(16).padStart(2, '0')}`)).toEqual([3, String.fromCharCode(code)]);
    for (const code of [0, 8, 11, 12, 14, 0x1f, 0x7f, 0x80, 0xff]) expect(esc(`%${code.toString(16).padStart(2, '0')}`)).toBe(0);
    expect(esc('\\u0100')).toBe(0);
    expect(esc('\\u2028')).toBe(0);
  });
});

describe('decodeEscapes: a region decoded, offsets mapped back', () => {
  it('decodes only the region asked for, and maps its offsets into the whole text', () => {
    const text = '%41xx%42yy%43';
    const layer = decodeEscapes(text, 3, 10);
    expect(layer.text).toBe('xxByy');
    expect(layer.start(0)).toBe(3);
    expect(layer.start(2)).toBe(5);
    expect(layer.end(3)).toBe(8);
    expect(layer.end(layer.text.length)).toBe(10);
  });

  it('an escape cut by the region end is not decoded', () => {
    expect(decodeEscapes('ab%41', 0, 4).text).toBe('ab%4');
  });

  it('leaves an escape of a char it does not accept as it is, and maps around it', () => {
    const text = 'a%00b%41c';
    const layer = decodeEscapes(text, 0, text.length);
    expect(layer.text).toBe('a%00bAc');
    expect(text.slice(layer.start(5), layer.end(6))).toBe('%41');
    expect(text.slice(layer.start(6), layer.end(7))).toBe('c');
  });

  it('maps every escape of a region with hundreds of them (its buffer grows)', () => {
    const n = 300;
    const text = Array.from({ length: n }, (_, i) => `${String.fromCharCode(97 + (i % 26))}%2D`).join('');
    const layer = decodeEscapes(text, 0, text.length);
    expect(layer.text).toBe(Array.from({ length: n }, (_, i) => `${String.fromCharCode(97 + (i % 26))}-`).join(''));
    for (const i of [0, 63, 64, 65, 200, n - 1]) {
      // Decoded 2i is the letter, 2i + 1 the dash; in the text they are at 4i and 4i + 1..4i + 4.
      expect(layer.start(2 * i)).toBe(4 * i);
      expect(layer.start(2 * i + 1)).toBe(4 * i + 1);
      expect(layer.end(2 * i + 2)).toBe(4 * i + 4);
    }
  });

  it('starts each call afresh', () => {
    decodeEscapes('%41%42%43%44', 0, 12);
    const layer = decodeEscapes('xy%41', 0, 5);
    expect([layer.text, layer.start(2), layer.end(3)]).toEqual(['xyA', 2, 5]);
  });
});

describe('base64Run: where a blob starts and ends', () => {
  const body = 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldY'; // 32 chars

  it('runs from a clean start over the alphabet and its padding', () => {
    expect(base64Run(` ${body}== `, 1)).toEqual({ start: 1, end: 35 });
    expect(base64Run(`"${body}"`, 1)).toEqual({ start: 1, end: 33 });
    expect(base64Run(body, 0)).toEqual({ start: 0, end: 32 });
    expect(base64Run(`(${body.slice(0, 20)}-_+/`, 1)).toEqual({ start: 1, end: 25 });
  });

  it('is not a run inside a longer one or after a dot', () => {
    for (const before of ['a', 'Z', '0', '+', '/', '_', '-', '.']) expect(base64Run(`${before}${body}`, 1)).toBeNull();
  });

  it('needs 24 chars, and is not a JWT segment (followed by a dot)', () => {
    expect(base64Run(` ${body.slice(0, 23)} `, 1)).toBeNull();
    expect(base64Run(` ${body.slice(0, 24)} `, 1)).toEqual({ start: 1, end: 25 });
    expect(base64Run(` ${body.slice(0, 22)}== `, 1)).toEqual({ start: 1, end: 25 });
    expect(base64Run(` ${body}.abc`, 1)).toBeNull();
  });

  it('stops at 4 MB, letters and padding alike', () => {
    const max = 4 * 1024 * 1024;
    expect(base64Run(` ${'A'.repeat(max + 10)}`, 1)).toEqual({ start: 1, end: 1 + max });
    expect(base64Run(` ${'A'.repeat(max - 1)}=== `, 1)).toEqual({ start: 1, end: 1 + max });
    expect(base64Run(` ${'A'.repeat(max - 3)}== `, 1)).toEqual({ start: 1, end: max });
  });
});

describe('decodeBase64Run: a run that decodes to text', () => {
  const b64 = (bytes: string) => Buffer.from(bytes, 'latin1').toString('base64');

  it('decodes a run of mostly printable text and maps offsets by groups of 4', () => {
    const text = ` ${b64('{"api_key":"abc","x":1}')} `;
    const layer = decodeBase64Run(text, { start: 1, end: text.length - 1 })!;
    expect(layer.text).toBe('{"api_key":"abc","x":1}');
    expect([layer.start(0), layer.start(3), layer.start(5), layer.end(3), layer.end(4), layer.end(layer.text.length)]).toEqual([
      1,
      5,
      5,
      5,
      9,
      text.length - 1,
    ]);
  });

  it('needs 90 % printable chars', () => {
    const run = (bytes: string) => {
      const text = b64(bytes);
      return decodeBase64Run(text, { start: 0, end: text.length });
    };
    expect(run(`${'a'.repeat(9)}\x01`)?.text).toBe(`${'a'.repeat(9)}\x01`);
    expect(run(`${'a'.repeat(8)}\x01\x02`)).toBeNull();
    expect(decodeBase64Run('ab$c', { start: 0, end: 4 })).toBeNull();
  });
});
