/**
 * The detector shapes the provider catalogue is built from (utils/secrets/define.ts) and the catalogue's own lists
 * (catalogue.ts), each on its own: what a hit says (span, body, confidence, reason), what it refuses, the window a
 * vendor-word detector searches and how it records it. Values are made up here (no vendor's shape).
 */
import { describe, expect, it } from 'vitest';
import { KNOWN_PREFIXES, PROVIDERS } from '../../../utils/secrets/catalogue';
import { UUID } from '../../../utils/secrets/context';
import { AUTH_NAME, assignedName, caseVariants, named, nearVendor, prefixed, searchWindow, sticky } from '../../../utils/secrets/define';
import { maskSecret } from '../../../utils/secrets/index';
import type { ScanContext } from '../../../utils/secrets/types';
import { FAKE_KEYS, seeded } from './fake-keys';

const ctx = (): ScanContext => ({ host: '', field: '', searched: new Map() });

describe('sticky', () => {
  it('keeps every flag but g and y, and adds y', () => {
    expect(sticky(/ab/).flags).toBe('y');
    expect(sticky(/ab/i).flags).toBe('iy');
    expect(sticky(/ab/gimsy).flags).toBe('imsy');
    expect(sticky(/a.b/su).flags).toBe('suy');
    expect(sticky(/ab/i).source).toBe('ab');
  });
});

describe('prefixed', () => {
  const plain = prefixed({ provider: 'p', prefixes: ['zz_'], pattern: /zz_[a-z]{6}/ });

  it('reports the token from its prefix: high confidence, the prefix as the reason, the body after the prefix', () => {
    expect(plain.anchors).toEqual(['zz_']);
    expect(plain.detect('x=zz_abcdef;', 2, 'zz_', ctx())).toEqual({
      provider: 'p',
      start: 2,
      end: 11,
      bodyStart: 5,
      confidence: 'high',
      reason: 'prefix "zz_"',
    });
  });

  it('refuses a token that continues, or one the pattern does not take', () => {
    expect(plain.detect('zz_abcdefg', 0, 'zz_', ctx())).toBeNull();
    expect(plain.detect('zz_abc', 0, 'zz_', ctx())).toBeNull();
    expect(plain.detect('xzz_abcdef', 1, 'zz_', ctx())).toBeNull();
  });

  it('takes the verdict and the body offset from the spec, and refuses what verify refuses', () => {
    const seen: string[] = [];
    const checked = prefixed({
      provider: 'p',
      prefixes: ['zz_'],
      pattern: /zz_[a-z]{6}/,
      verify: (v) => {
        seen.push(v);
        return v.endsWith('f') ? { confidence: 'low', reason: 'checked' } : null;
      },
      bodyOffset: () => 4,
    });
    expect(checked.detect('zz_abcdef', 0, 'zz_', ctx())).toEqual({
      provider: 'p',
      start: 0,
      end: 9,
      bodyStart: 4,
      confidence: 'low',
      reason: 'checked',
    });
    expect(checked.detect('zz_abcdeg', 0, 'zz_', ctx())).toBeNull();
    expect(seen).toEqual(['zz_abcdef', 'zz_abcdeg']);
  });

  it('rejects a candidate without the char the spec names at its offset, before the pattern runs', () => {
    const dotted = prefixed({ provider: 'p', prefixes: ['zz'], pattern: /zz[a-z.]{6}/, charAt: { offset: 4, char: '.' } });
    expect(dotted.detect('zzab.def', 0, 'zz', ctx())?.end).toBe(8);
    expect(dotted.detect('zzabcdef', 0, 'zz', ctx())).toBeNull();
    expect(dotted.detect('q zzab.def', 2, 'zz', ctx())?.start).toBe(2);
  });
});

describe('named', () => {
  const names: string[] = [];
  const detector = named({
    anchors: ['acme'],
    value: /[a-f0-9]{8}/,
    classify: (name, _text, start, end) => {
      names.push(`${name}@${start}-${end}`);
      return name.includes('key') ? { provider: 'acme-key', confidence: 'medium' } : null;
    },
  });

  it('reads the value assigned to the name around the anchor, and says the name as written', () => {
    const text = 'cfg.AcmeKey = "0123abcd";';
    expect(detector.detect(text, text.indexOf('cme') - 1, 'acme', ctx())).toEqual({
      provider: 'acme-key',
      confidence: 'medium',
      start: 15,
      end: 23,
      reason: 'name "cfg.AcmeKey"',
    });
    expect(names.at(-1)).toBe('cfg.acmekey@15-23');
  });

  it('finds nothing without an assignment, with a value of another shape, or when classify says no', () => {
    expect(detector.detect('acmeKey 0123abcd', 0, 'acme', ctx())).toBeNull();
    expect(detector.detect('acmeKey = 0123abcdef', 0, 'acme', ctx())).toBeNull();
    expect(detector.detect('acmeKey = 0123abc', 0, 'acme', ctx())).toBeNull();
    expect(detector.detect('acmeHost = 0123abcd', 0, 'acme', ctx())).toBeNull();
  });

  it('does not read a value at the start of the text when the name has none', () => {
    // The value's shape at offset 0, and the anchor in a name with nothing assigned after it.
    expect(detector.detect('0123abcd acmeKey', 9, 'acme', ctx())).toBeNull();
  });
});

describe('names', () => {
  it('caseVariants gives the word, its capitalised and its upper-case spelling, once each', () => {
    expect(caseVariants('glide')).toEqual(['glide', 'Glide', 'GLIDE']);
    expect(caseVariants('AWS')).toEqual(['AWS']);
    expect(caseVariants('x')).toEqual(['x', 'X']);
  });

  it('assignedName is the lower-cased name a value is assigned to', () => {
    expect(assignedName('const ApiToken = "v"', 18)).toBe('apitoken');
    expect(assignedName('v', 0)).toBe('');
  });

  it('AUTH_NAME: names that hold credentials, `pat` only at the end', () => {
    for (const n of ['apikey', 'api_key', 'x-api-token', 'authorization', 'client_secret', 'password', 'bearer', 'github_pat'])
      expect(AUTH_NAME.test(n), n).toBe(true);
    for (const n of ['path', 'pattern', 'url', 'appid', 'name']) expect(AUTH_NAME.test(n), n).toBe(false);
  });
});

describe('nearVendor', () => {
  const uuid = FAKE_KEYS['glide-api-token'](seeded(7)).value;
  const detector = nearVendor({
    provider: 'acme-token',
    anchors: ['acme'],
    value: UUID,
    accept: (name, bearer) => bearer || AUTH_NAME.test(name),
    radius: 60,
    confidence: 'high',
  });
  const run = (text: string) => {
    const at = text.indexOf('acme');
    return detector.detect(text, at, 'acme', ctx());
  };

  it('takes a value of the shape near the vendor word, under a credential name or after Bearer/Token', () => {
    const named = run(`acme.io; apiKey = "${uuid}"`);
    expect(named).toEqual({ provider: 'acme-token', start: 19, end: 19 + uuid.length, confidence: 'high', reason: 'name "apikey" near "acme"' });
    expect(run(`acme.io Bearer ${uuid}`)?.reason).toBe('Bearer credential near "acme"');
    expect(run(`acme.io token\t${uuid}`)?.reason).toBe('Bearer credential near "acme"');
    expect(run(`acme.io Bearer  ${uuid}`)?.reason).toBe('Bearer credential near "acme"');
    // Up to 16 spaces or tabs between the word and the value (it was 8 chars back in all: `Bearer` and two spaces).
    expect(run(`acme Bearer${' '.repeat(16)}${uuid}`)?.reason).toBe('Bearer credential near "acme"');
    expect(run(`acme Bearer${' '.repeat(17)}${uuid}`)).toBeNull();
    expect(run(`acme token${'\t'.repeat(16)}${uuid}`)?.reason).toBe('Bearer credential near "acme"');
  });

  it('refuses other names, a scheme word that is not right before the value, and values glued to other chars', () => {
    expect(run(`acme.io; path = "${uuid}"`)).toBeNull();
    expect(run(`acme.io; row = "${uuid}"`)).toBeNull();
    expect(run(`acme.io token x=${uuid}`)).toBeNull();
    expect(run(`acme.io x=${uuid} token `)).toBeNull();
    expect(run(`acme.io apiKey=x${uuid}`)).toBeNull();
    expect(run(`acme.io apiKey=${uuid}0`)).toBeNull();
    expect(run(`acme.io apiKey=${uuid}-`)).toBeNull();
  });

  it('searches the radius after the whole vendor word, and before it', () => {
    // After: the value must end inside at + anchor.length + radius (60).
    const keyAfter = (n: number) => `acme${' '.repeat(n)}auth=${uuid}`;
    const fits = 60 - 'auth='.length - uuid.length; // spaces that put the value's end exactly at the window's end
    expect(run(keyAfter(fits))?.start).toBe(4 + fits + 5);
    expect(run(keyAfter(fits + 1))).toBeNull();
    // Before: the value must start at or after at - radius.
    const keyBefore = (n: number) => `auth=${uuid}${' '.repeat(n)}acme`;
    const edge = 60 - uuid.length; // spaces that put the window's start (at - 60) exactly at the value's start (5)
    expect(run(keyBefore(edge))?.start).toBe(5);
    expect(run(keyBefore(edge + 1))).toBeNull();
  });

  it('accepts a value pattern that carries the g flag', () => {
    // Built once: a flag doubled on the way (`gg`) would throw here.
    const g = nearVendor({ provider: 'x', anchors: ['acme'], value: /[0-9]{4}/g, accept: () => true, radius: 10, confidence: 'low' });
    expect(g.detect('acme 1234', 0, 'acme', ctx())?.start).toBe(5);
  });
});

describe('searchWindow', () => {
  it('searches only what this detector has not searched yet, and records how far it got', () => {
    const c = ctx();
    const detector = {};
    const parts: string[] = [];
    const search = (part: string, from: number) => {
      parts.push(`${from}:${part}`);
      const i = part.indexOf('K');
      return i < 0 ? null : { end: from + i + 1 };
    };
    const text = 'aaaaKbbbbbKcccc';
    expect(searchWindow(c, detector, text, -5, 8, search)).toEqual({ end: 5 });
    expect(c.searched.get(detector)).toBe(5);
    expect(searchWindow(c, detector, text, 2, 30, search)).toEqual({ end: 11 });
    expect(searchWindow(c, detector, text, 0, 30, search)).toBeNull();
    expect(c.searched.get(detector)).toBe(15);
    // Nothing left in the window: no search, and what was searched stays searched.
    expect(searchWindow(c, detector, text, 0, 10, search)).toBeNull();
    expect(searchWindow(c, detector, text, 15, 15, search)).toBeNull();
    expect(c.searched.get(detector)).toBe(15);
    expect(parts).toEqual(['0:aaaaKbbb', '5:bbbbbKcccc', '11:cccc']);
    // Another detector has its own mark.
    expect(searchWindow(c, {}, text, 0, 3, search)).toBeNull();
    expect(parts.at(-1)).toBe('0:aaa');
  });
});

describe('the catalogue', () => {
  it('lists every literal prefix once, longest first', () => {
    expect(new Set(KNOWN_PREFIXES).size).toBe(KNOWN_PREFIXES.length);
    expect(new Set(KNOWN_PREFIXES)).toEqual(new Set(PROVIDERS.flatMap((p) => p.prefixes ?? [])));
    for (let i = 1; i < KNOWN_PREFIXES.length; i++) expect(KNOWN_PREFIXES[i - 1]!.length).toBeGreaterThanOrEqual(KNOWN_PREFIXES[i]!.length);
  });

  it('masks a key with its longest known prefix (sk-ant-api03-, not sk-)', () => {
    const key = FAKE_KEYS['anthropic-api-key'](seeded(3)).value;
    expect(maskSecret(key)).toBe(`sk-ant-api03-\u2026${key.slice(-4)}`);
  });
});
