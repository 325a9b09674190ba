/** The engine's building blocks: prefilter, checksums, base64, JWT claims, escapes, placeholders. */
import { crc32 as zlibCrc32 } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64, printableRatio } from '../../../utils/secrets/base64';
import { base62, checksumValid, crc32 } from '../../../utils/secrets/checksum';
import { decodeEscapes, escapeRegions } from '../../../utils/secrets/decode';
import { readClaims } from '../../../utils/secrets/jwt';
import { fingerprint, maskWithPrefix } from '../../../utils/secrets/mask';
import { placeholderReason } from '../../../utils/secrets/placeholder';
import { compileAnchors } from '../../../utils/secrets/prefilter';

describe('prefilter', () => {
  const naive = (text: string, anchors: readonly string[]) => {
    const hits: string[] = [];
    anchors.forEach((a, i) => {
      for (let at = text.indexOf(a); at >= 0; at = text.indexOf(a, at + 1)) hits.push(`${at}:${i}`);
    });
    return hits.sort();
  };
  /** `find`'s hits as sorted "start:anchor" strings, checked against indexOf on texts drawn from `alphabet`. */
  const agreesWithIndexOf = (
    anchors: readonly string[],
    alphabet: fc.Arbitrary<string>,
    length: { minLength?: number; maxLength: number },
    numRuns: number,
  ) => {
    const matcher = compileAnchors(anchors);
    fc.assert(
      fc.property(fc.array(alphabet, length), (parts) => {
        const text = parts.join('');
        const found = matcher.find(text);
        const hits: string[] = [];
        for (let k = 0; k < found.length; k += 2) hits.push(`${found.data[k]}:${found.data[k + 1]}`);
        expect(hits.sort()).toEqual(naive(text, anchors));
      }),
      { numRuns },
    );
  };

  it('finds exactly what indexOf finds, overlapping anchors and text edges included', () => {
    const anchors = ['sk_live_', 'eyJ', 'AIza', 'hooks.slack.com/', 'key-', 'pubkey-', '\\u00', 'abab'];
    const alphabet = fc.constantFrom(...'skliveyJAIzahoc./-pub\\u0abx_'.split(''), ...anchors);
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 200 }), (parts) => {
        const text = parts.join('');
        const hits: string[] = [];
        compileAnchors(anchors).scan(text, (at, i) => hits.push(`${at}:${i}`));
        expect(hits.sort()).toEqual(naive(text, anchors));
      }),
      { numRuns: 500 },
    );
  });

  it('finds exactly what indexOf finds on long texts (two cursors, batches of candidates, buffer reuse)', () => {
    // At least 17,000 parts of a char or more: every text is past the 16,384 chars where the two cursors start. (It
    // asked for 2,000 to 6,000 parts before, and fast-check's default size drew 2,000 to 2,010: 6,000 chars or so,
    // so the two cursors never ran here; the twelfth session's mutation run showed it.)
    const anchors = ['sk_live_', 'eyJ', 'AIza', 'hooks.slack.com/', 'abab'];
    agreesWithIndexOf(anchors, fc.constantFrom(...'xyz;,(){}'.split(''), ...anchors), { minLength: 17_000, maxLength: 24_000 }, 40);
  });

  it('finds exactly what indexOf finds with non-ASCII text and anchors that share their last pair', () => {
    // 'xab'/'yab'/'zab' end on the same pair with different chars before it (no single second char to compare);
    // 'sk_q'/'pk_q' likewise for 4 chars. Each non-ASCII char folds (& 127) onto an anchor char: 'á' → 'a',
    // 'ų' → 's', 'ī' → '+', '\u4e4b' → 'K', '\u00ff' → DEL. They may cause extra verifications, never a miss.
    const anchors = ['xab', 'yab', 'zab', 'sk_q', 'pk_q', 'AKIA', 'ab+K'];
    const alphabet = fc.constantFrom(...'xyzabspkq_AKI+'.split(''), '\u00e1', '\u0173', '\u012b', '\u4e4b', '\u00ff', ...anchors);
    agreesWithIndexOf(anchors, alphabet, { maxLength: 300 }, 500);
  });

  it('reports hits in text order, across both cursors of a long text', () => {
    const anchors = ['sk_live_', 'eyJ'];
    const matcher = compileAnchors(anchors);
    // 40,000 chars: two cursors; anchors near the start, either side of the middle and at the very end.
    const text = `eyJ${'.'.repeat(19_990)}sk_live_${'x'.repeat(19_990)}eyJ`;
    const found = matcher.find(text);
    expect(Array.from(found.data.slice(0, found.length))).toEqual([0, 1, 19_993, 0, text.length - 3, 1]);
    const order: number[] = [];
    matcher.scan(text, (at) => order.push(at));
    expect(order).toEqual([0, 19_993, text.length - 3]);
  });

  it('counts an anchor once whichever half of a long text its window ends in, the middle included', () => {
    // 40,000 chars: the second cursor starts at 20,000. Anchors placed so their windows end just before, at and after it.
    const matcher = compileAnchors(['eyJ', 'sk_live_']);
    for (let at = 19_985; at <= 20_002; at++) {
      for (const [anchor, index] of [
        ['eyJ', 0],
        ['sk_live_', 1],
      ] as const) {
        const text = `${'.'.repeat(at)}${anchor}${'.'.repeat(40_000 - at - anchor.length)}`;
        const found = matcher.find(text);
        expect([at, ...found.data.slice(0, found.length)]).toEqual([at, at, index]);
      }
    }
  });

  it('rejects anchors it cannot handle', () => {
    const refused = 'anchor must be 3+ printable ASCII chars';
    expect(() => compileAnchors(['ab'])).toThrow(refused);
    expect(() => compileAnchors(['caf\u00e9'])).toThrow(refused);
    expect(() => compileAnchors(['\u00e9abc'])).toThrow(refused);
    expect(() => compileAnchors(['ab\ncd'])).toThrow(refused);
    expect(compileAnchors(['abc', ' ~!x']).anchors).toEqual(['abc', ' ~!x']);
  });
});

describe('checksums', () => {
  it('crc32 agrees with node:zlib', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 64 }), (s) => {
        expect(crc32(s)).toBe(zlibCrc32(s));
      }),
    );
  });

  it('base62 uses 0-9A-Za-z: a published GitHub-style vector', () => {
    expect(base62(crc32('fIkRGaBu5PeKsznMzXQOg3kETH1Sgx'), 6)).toBe('2oIfSC');
    expect(checksumValid('fIkRGaBu5PeKsznMzXQOg3kETH1Sgx2oIfSC')).toBe(true);
    expect(checksumValid('fIkRGaBu5PeKsznMzXQOg3kETH1Sgx2oIfSD')).toBe(false);
    expect(checksumValid('short')).toBe(false);
  });
});

describe('base64 and JWT claims', () => {
  it('decodes base64 and base64url, padded or not, and rejects other chars', () => {
    expect(decodeBase64(Buffer.from('{"a":1}?>').toString('base64'))).toBe('{"a":1}?>');
    expect(decodeBase64(Buffer.from('{"a":1}?>').toString('base64url'))).toBe('{"a":1}?>');
    expect(decodeBase64('ab$c')).toBeNull();
  });

  it('reads claims from valid, truncated and broken payloads without throwing', () => {
    const enc = (s: string) => Buffer.from(s).toString('base64url');
    expect(readClaims(enc('{"role":"anon","iss":"supabase","ref":"abc"}'))).toEqual({ role: 'anon', iss: 'supabase', ref: 'abc' });
    expect(readClaims(enc('{"role":"service_role","ex'))).toEqual({ role: 'service_role' });
    expect(readClaims(enc('[1,2]'))).toEqual({});
    expect(readClaims(enc('null'))).toEqual({});
    expect(readClaims('%%%')).toBeNull();
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => void readClaims(s)));
  });
});

describe('escape decoding', () => {
  it('decodes \\u, \\x, percent and \\/ escapes and maps offsets back', () => {
    const text = 'a\\u005fb\\x2dc%2Fd\\/e%zz';
    const layer = decodeEscapes(text, 0, text.length);
    expect(layer.text).toBe('a_b-c/d/e%zz');
    const k = layer.text.indexOf('b');
    expect(text.slice(layer.start(k), layer.end(k + 1))).toBe('b');
    expect(text.slice(layer.start(1), layer.end(2))).toBe('\\u005f');
  });

  it('merges nearby escapes into padded regions', () => {
    expect(escapeRegions([1000, 1100, 5000], 10000)).toEqual([
      { start: 744, end: 1356 },
      { start: 4744, end: 5256 },
    ]);
  });
});

describe('placeholders', () => {
  it.each([
    ['IOSFODNN7EXAMPLE', 'placeholder text "EXAMPLE"'],
    ['xxxxxxxxxxxxxxxxxxxxxxxx', 'placeholder text "xxxx"'],
    ['YOUR_API_KEY', 'placeholder text "YOUR_API"'],
    ['<your-key>', 'placeholder text "your-key"'],
    ['<api key>', 'template placeholder'],
    ['${STRIPE_KEY}', 'template placeholder'],
    ['aaaaaa1234', 'repeated characters'],
    ['1234567890abcdef', 'sequential characters'],
    ['abababababababab', 'too few distinct characters'],
  ])('%s: %s', (body, reason) => expect(placeholderReason(body)).toBe(reason));

  it('random keys are not placeholders', () => {
    expect(placeholderReason('Vq3zK8pLm2Xw9Rt4Hs6Jd1Fg5Ba7Ce0N')).toBeNull();
  });
});

describe('cases from mutation testing', () => {
  const enc = (s: string) => Buffer.from(s).toString('base64url');

  it('masks show the tail from 12 chars after the known prefix on, and only a prefix the value starts with', () => {
    expect(maskWithPrefix('pre_Zq8Wm2Lp4Xr6', 'pre_')).toBe('pre_\u20264Xr6');
    expect(maskWithPrefix('pre_Zq8Wm2Lp4Xr', 'pre_')).toBe('pre_\u2026');
    // Not the value's prefix: nothing of it is shown, and every char counts as body.
    expect(maskWithPrefix('pre_Zq8Wm2Lp4Xr', 'sk_')).toBe('\u2026p4Xr');
    expect(maskWithPrefix('Zq8Wm2Lp4Xr', '')).toBe('\u2026');
  });

  it('fingerprints keep provider and value apart', () => {
    expect(fingerprint('ab', 'c')).not.toBe(fingerprint('a', 'bc'));
    expect(fingerprint('a', 'bc')).toBe(fingerprint('a', 'bc'));
    expect(fingerprint('a', 'bc')).toMatch(/^[0-9a-f]{16}$/);
  });

  it('claims that are not strings are left out', () => {
    expect(readClaims(enc('{"role":1,"iss":null,"ref":"abc"}'))).toEqual({ ref: 'abc' });
    expect(readClaims(enc('{"role":{"x":"service_role"},"iss":["supabase"]}'))).toEqual({});
    expect(readClaims(enc('"role"'))).toEqual({});
  });

  it('a truncated payload yields the complete "claim":"value" pairs before the cut, spaces allowed around the colon', () => {
    expect(readClaims(enc('{"role" :\t"service_role", "iss": "supabase", "ref":"ab'))).toEqual({ role: 'service_role', iss: 'supabase' });
    expect(readClaims(enc('{"sub":"role","ref":"abc","x'))).toEqual({ ref: 'abc' });
    // A value with an escape, or over 200 chars, is not read from a broken payload.
    expect(readClaims(enc('{"role":"a\\"b","ref":"abc","x'))).toEqual({ ref: 'abc' });
    expect(readClaims(enc(`{"ref":"${'r'.repeat(201)}","role":"anon","x`))).toEqual({ role: 'anon' });
    expect(readClaims(enc(`{"ref":"${'r'.repeat(200)}","x`))).toEqual({ ref: 'r'.repeat(200) });
  });

  it('a checksum is always 6 base62 digits, zero-padded, and needs a random part before it', () => {
    // About a fifth of CRC32 values take fewer than 6 base62 digits: their tokens end in leading zeros.
    expect(base62(61, 6)).toBe('00000z');
    expect(base62(0, 6)).toBe('000000');
    const random = Array.from({ length: 2000 }, (_, i) => `fIkRGaBu5PeKsznMzXQOg3kE${String(i).padStart(6, 'x')}`).find((r) => crc32(r) < 62 ** 5)!;
    const digits = (n: number) => {
      let out = '';
      for (let v = n; v > 0; v = Math.floor(v / 62)) out = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'[v % 62] + out;
      return out;
    };
    expect(checksumValid(random + digits(crc32(random)).padStart(6, '0'))).toBe(true);
    // Six zeros are the checksum of nothing (CRC32 of "" is 0): with no random part, no token.
    expect(crc32('')).toBe(0);
    expect(checksumValid('000000')).toBe(false);
  });

  it.each([
    // Every word of the placeholder list, with its spellings (and no more: near misses are random values).
    ['abcSAMPLEdef', 'placeholder text "SAMPLE"'],
    ['q1dummy9z', 'placeholder text "dummy"'],
    ['placeholder', 'placeholder text "placeholder"'],
    ['REDACTED', 'placeholder text "REDACTED"'],
    ['changeme', 'placeholder text "changeme"'],
    ['change_me', 'placeholder text "change_me"'],
    ['CHANGE-ME', 'placeholder text "CHANGE-ME"'],
    ['replaceme', 'placeholder text "replaceme"'],
    ['replace_with_key', 'placeholder text "replace_with"'],
    ['replace-me', 'placeholder text "replace-me"'],
    ['insertyour', 'placeholder text "insertyour"'],
    ['insert_key', 'placeholder text "insert_key"'],
    ['insert-here', 'placeholder text "insert-here"'],
    ['yoursecret', 'placeholder text "yoursecret"'],
    ['your_access', 'placeholder text "your_access"'],
    ['your-own', 'placeholder text "your-own"'],
    ['yourprivate', 'placeholder text "yourprivate"'],
    ['your_app', 'placeholder text "your_app"'],
    ['yourproject', 'placeholder text "yourproject"'],
    ['your_token', 'placeholder text "your_token"'],
    ['YOUR-PASSWORD', 'placeholder text "YOUR-PASSWORD"'],
    ['abc...def', 'placeholder text "..."'],
    ['abc\u2026def', 'placeholder text "\u2026"'],
    ['XXXX', 'placeholder text "XXXX"'],
    // Templates of every kind the list knows.
    ['{{ secret }}', 'template placeholder'],
    ['%(key)s', 'template placeholder'],
    ['&lt;api key&gt;', 'template placeholder'],
    ['[api key]', 'template placeholder'],
    ['sk_***', 'template placeholder'],
    ['\u0001', null],
    ['', 'empty'],
  ])('%j: %s', (body, reason) => expect(placeholderReason(body)).toBe(reason));

  it('near misses of the placeholder list are random values', () => {
    for (const body of ['xxx9Qz', 'replac3me7', 'your9key', 'ab..cd', '<a>', '[a]', '**x', '{x}', '%x', 'Qz$k7'])
      expect(placeholderReason(body), body).toBeNull();
  });

  it('six equal chars in a row are a placeholder, five are not, and line breaks do not count', () => {
    expect(placeholderReason('Qz7kLmaaaaaPw')).toBeNull();
    expect(placeholderReason('Qz7kLmaaaaaaPw')).toBe('repeated characters');
    expect(placeholderReason('Qz7kLm\n\n\n\n\n\n\nPw')).toBeNull();
    expect(placeholderReason('Qz7kLm\r\r\r\r\r\r\rPw')).toBeNull();
    expect(placeholderReason('Qz7kLm\u2028\u2028\u2028\u2028\u2028\u2028Pw')).toBeNull();
    expect(placeholderReason('Qz7kLm\u2029\u2029\u2029\u2029\u2029\u2029Pw')).toBeNull();
    // The run restarts after another char.
    expect(placeholderReason('Qzaaaaa7aaaaaPw')).toBeNull();
  });

  it('eight consecutive digits or letters (any case) are a placeholder, seven are not; a gap restarts the run', () => {
    expect(placeholderReason('Qz1234567Pw')).toBeNull();
    expect(placeholderReason('Qz12345678Pw')).toBe('sequential characters');
    expect(placeholderReason('QzaBcDeFgHPw')).toBe('sequential characters');
    expect(placeholderReason('QzstuvwxyzQ')).toBe('sequential characters');
    expect(placeholderReason('Qz123-4567Pw')).toBeNull();
    // The first and last digit count: 0 starts a run, 9 ends one.
    expect(placeholderReason('Qz01234567Pw')).toBe('sequential characters');
    expect(placeholderReason('Qz23456789Pw')).toBe('sequential characters');
    // Consecutive symbols are not a run (only digits and letters are).
    expect(placeholderReason('Q!"#$%&\'()*Q')).toBeNull();
    // Digits do not run into letters ('9' then 'a'), nor '@' (just below 'A') into 'A'.
    expect(placeholderReason('Qz3456789abcPw')).toBeNull();
    expect(placeholderReason('Q@ABCDEFGzw')).toBeNull();
    // Letters past 'z' and before 'a' (the chars around the lower-case range) break a run.
    expect(placeholderReason('Q`abcdefgQ')).toBeNull();
    expect(placeholderReason('QtuvwxyzE{|Q')).toBeNull();
    expect(placeholderReason('Quvwxyz{|}Q')).toBeNull();
  });

  it('16 chars or more drawn from 4 distinct ones are a placeholder; 5 distinct, or 15 chars, are not', () => {
    expect(placeholderReason('abcdabcdabcdabcd')).toBe('too few distinct characters');
    expect(placeholderReason('abcdabcdabcdabc')).toBeNull();
    expect(placeholderReason('abcdeabcdeabcdea')).toBeNull();
  });
});

describe('cases from mutation testing: base64', () => {
  const b64 = (bytes: number[]) => Buffer.from(bytes).toString('base64');
  const latin1 = (bytes: number[]) => String.fromCharCode(...bytes);

  it('decodes every byte value, in both alphabets, with and without padding', () => {
    const all = Array.from({ length: 256 }, (_, i) => i);
    expect(decodeBase64(b64(all))).toBe(latin1(all));
    expect(decodeBase64(Buffer.from(all).toString('base64url'))).toBe(latin1(all));
    // 1 and 2 trailing bytes: 2 and 3 chars left over after the last group of four, padded or not.
    for (const bytes of [[0xfb], [0xfb, 0xff], [0xfb, 0xff, 0xbf]]) {
      expect(decodeBase64(b64(bytes))).toBe(latin1(bytes));
      expect(decodeBase64(b64(bytes).replace(/=+$/, ''))).toBe(latin1(bytes));
    }
    expect(decodeBase64('')).toBe('');
    expect(decodeBase64('==')).toBe('');
  });

  it('maps + and - to 62, / and _ to 63', () => {
    expect(decodeBase64('++++')).toBe(latin1([0xfb, 0xef, 0xbe]));
    expect(decodeBase64('----')).toBe(latin1([0xfb, 0xef, 0xbe]));
    expect(decodeBase64('////')).toBe(latin1([0xff, 0xff, 0xff]));
    expect(decodeBase64('____')).toBe(latin1([0xff, 0xff, 0xff]));
  });

  it('refuses a char of neither alphabet anywhere: in a group, in the tail, beyond ASCII, or padding inside', () => {
    for (const bad of ['a$bc', 'abc$', 'abcd$', 'abcdab$', 'ab\u00e9c', 'abcd\u00e9', 'ab\u0080c', 'abcd\u007f', 'ab=c', 'a.bc', 'ab cd'])
      expect(decodeBase64(bad), JSON.stringify(bad)).toBeNull();
  });

  it('decodes a group of four zero sextets', () => {
    expect(decodeBase64('AAAA')).toBe('\u0000\u0000\u0000');
  });

  it('drops the bits of a single leftover char (no whole byte)', () => {
    expect(decodeBase64('QUJDR')).toBe('ABC');
  });

  it('decodes inputs larger than the kept buffer and than one fromCharCode chunk, and small ones after them', () => {
    for (const n of [1023, 1024, 1025, 3 * 4096 + 7, 70_000]) {
      const bytes = Array.from({ length: n }, (_, i) => (i * 7 + 3) & 0xff);
      expect(decodeBase64(b64(bytes)), String(n)).toBe(latin1(bytes));
    }
    expect(decodeBase64(b64([1, 2, 3, 4]))).toBe(latin1([1, 2, 3, 4]));
  });

  it('printableRatio counts printable ASCII, tab, newline and carriage return', () => {
    expect(printableRatio('')).toBe(0);
    expect(printableRatio(' ~')).toBe(1);
    expect(printableRatio('\t\n\r')).toBe(1);
    expect(printableRatio('\u001f\u007f')).toBe(0);
    expect(printableRatio('a\u0000')).toBe(0.5);
    expect(printableRatio('\u00e9\u000b')).toBe(0);
  });
});
