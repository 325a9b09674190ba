import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hasInvisible, showInvisible } from '@/utils/text';

describe('showInvisible', () => {
  it('shows bidi overrides, embeddings, isolates and marks as \\uXXXX', () => {
    expect(showInvisible('evil\u202Egnp.session')).toBe('evil\\u202Egnp.session');
    for (const c of ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C']) {
      expect(showInvisible(`a${c}b`)).toBe(`a\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}b`);
    }
  });
  it('shows zero-width and other format characters, controls and lone surrogates', () => {
    expect(showInvisible('a\u200Bb\u200Dc\uFEFFd\u00ADe')).toBe('a\\u200Bb\\u200Dc\\uFEFFd\\u00ADe');
    expect(showInvisible('a\u0000b\u001Bc\rd')).toBe('a\\u0000b\\u001Bc\\u000Dd');
    expect(showInvisible('a\uD800b')).toBe('a\\uD800b');
  });
  it('keeps ordinary text, tabs, newlines, accents, right-to-left letters and emoji', () => {
    for (const s of ['plain text', 'tab\tand\nnewline', 'é\u0301', 'שלום', 'مرحبا', '😀 ok', '日本語']) expect(showInvisible(s)).toBe(s);
  });
  it('property: ASCII text keeps every printable character, tab and newline, and escapes every other control', () => {
    const reference = (s: string) =>
      s.replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii' }), (s) => {
        expect(showInvisible(s)).toBe(reference(s));
        expect(hasInvisible(s)).toBe(reference(s) !== s);
      }),
    );
  });
  it('property: the output has no invisible character left, and is the input when it had none', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = showInvisible(s);
        expect(hasInvisible(out)).toBe(false);
        if (!hasInvisible(s)) expect(out).toBe(s);
      }),
    );
  });
});
