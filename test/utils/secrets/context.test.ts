/**
 * The engine's neighbourhood readers (utils/secrets/context.ts) at their edges: character classes, token boundaries,
 * the glue between a name and its value, the name a value is assigned to, and "named nearby". The detectors reach
 * these only through whole scans; here each part is pinned on its own (the limits of 16 glue chars and 64 name
 * chars, the HTML entities, the scheme and type words, the two non-ASCII chars that lower-case to ASCII).
 */
import { describe, expect, it } from 'vitest';
import {
  ALNUM,
  B64_CHAR,
  BASE64,
  BASE64URL,
  TOKEN,
  UUID,
  charClass,
  endsClean,
  glueAfter,
  inClass,
  matchEnd,
  nameAround,
  nameBefore,
  nearby,
  startsClean,
  tokenEnd,
  valueAfter,
} from '../../../utils/secrets/context';
import type { ScanContext } from '../../../utils/secrets/types';

/** The ASCII chars a class holds, as a string in code order. */
const members = (table: Uint8Array) => {
  let out = '';
  for (let c = 0; c < 128; c++) if (inClass(table, c)) out += String.fromCharCode(c);
  return out;
};
/** The ASCII chars a regex char class matches, in code order. */
const matching = (re: RegExp) => {
  let out = '';
  for (let c = 0; c < 128; c++) if (re.test(String.fromCharCode(c))) out += String.fromCharCode(c);
  return out;
};

describe('character classes', () => {
  it('hold exactly the chars their names say', () => {
    expect(members(ALNUM)).toBe(matching(/^[A-Za-z0-9]$/));
    expect(members(TOKEN)).toBe(matching(/^[A-Za-z0-9_-]$/));
    expect(members(BASE64)).toBe(matching(/^[A-Za-z0-9+/=]$/));
    expect(members(BASE64URL)).toBe(matching(/^[A-Za-z0-9_-]$/));
  });

  it('reads ranges, single chars, and a dash that ends the spec or follows a range as itself', () => {
    expect(members(charClass('a-c'))).toBe('abc');
    expect(members(charClass('x'))).toBe('x');
    expect(members(charClass('a-'))).toBe('-a');
    expect(members(charClass('-a'))).toBe('-a');
    expect(members(charClass('a-c-'))).toBe('-abc');
    expect(members(charClass('_-'))).toBe('-_');
    expect(members(charClass('0-1x-z'))).toBe('01xyz');
    expect(members(charClass(''))).toBe('');
  });

  it('holds no char outside ASCII, whatever the table says', () => {
    expect(inClass(ALNUM, 'é'.charCodeAt(0))).toBe(false);
    expect(inClass(ALNUM, 0x212a)).toBe(false);
    expect(inClass(ALNUM, 128)).toBe(false);
    expect(inClass(ALNUM, 127)).toBe(false);
    expect(inClass(charClass('\u007f'), 127)).toBe(true);
  });

  it('matches a UUID anywhere, and only with its five groups', () => {
    expect(UUID.test('id=123e4567-e89b-12d3-a456-426614174000;')).toBe(true);
    expect(UUID.test('123E4567-E89B-12D3-A456-426614174000')).toBe(true);
    expect(UUID.test('123e4567-e89b-12d3-a456-42661417400')).toBe(false);
    expect(UUID.test('123e4567e89b-12d3-a456-426614174000')).toBe(false);
    expect(UUID.test('123g4567-e89b-12d3-a456-426614174000')).toBe(false);
  });

  it('B64_CHAR is one base64 char, with a JSON-escaped slash accepted', () => {
    const one = new RegExp(`^${B64_CHAR}$`);
    expect(matching(one)).toBe(matching(/^[A-Za-z0-9+/]$/));
    expect(one.test('\\/')).toBe(true);
    expect(one.test('\\+')).toBe(false);
    expect(one.test('\\')).toBe(false);
    expect(one.test('//')).toBe(false);
  });
});

describe('token boundaries', () => {
  it('startsClean: the start of the text, or a char before that does not continue a word', () => {
    expect(startsClean('AB', 0)).toBe(true);
    expect(startsClean(' AB', 1)).toBe(true);
    expect(startsClean('xAB', 1)).toBe(false);
    expect(startsClean('9AB', 1)).toBe(false);
    expect(startsClean('_AB', 1)).toBe(true); // ALNUM by default: `_` is a boundary
    expect(startsClean('_AB', 1, TOKEN)).toBe(false);
    expect(startsClean('éAB', 1)).toBe(true);
  });

  it('endsClean: the end of the text, or a char after that does not continue the token', () => {
    expect(endsClean('AB', 2)).toBe(true);
    expect(endsClean('AB', 5)).toBe(true);
    expect(endsClean('AB.', 2)).toBe(true);
    expect(endsClean('AB_', 2)).toBe(false); // TOKEN by default: `_` and `-` continue it
    expect(endsClean('AB-', 2)).toBe(false);
    expect(endsClean('ABc', 2)).toBe(false);
    expect(endsClean('AB_', 2, ALNUM)).toBe(true);
  });

  it('matchEnd runs a sticky regex at a position', () => {
    const re = /ab+/y;
    expect(matchEnd(re, 'xxabbb!', 2)).toBe(6);
    expect(matchEnd(re, 'xxabbb!', 1)).toBe(-1);
    expect(matchEnd(re, 'xxabbb!', 3)).toBe(-1);
    expect(matchEnd(/(?:)/y, 'abc', 3)).toBe(3);
  });

  it('tokenEnd needs both boundaries clean', () => {
    const re = /key_[a-z]{3}/y;
    expect(tokenEnd(re, ' key_abc ', 1)).toBe(8);
    expect(tokenEnd(re, 'key_abc', 0)).toBe(7);
    expect(tokenEnd(re, 'xkey_abc', 1)).toBe(-1);
    expect(tokenEnd(re, ' key_abcd', 1)).toBe(-1);
    expect(tokenEnd(re, ' key_ab', 1)).toBe(-1);
    expect(tokenEnd(re, '_key_abc_', 1)).toBe(-1);
    expect(tokenEnd(re, '_key_abc_', 1, { after: ALNUM })).toBe(8); // `_` is a boundary for ALNUM, on both sides
    expect(tokenEnd(re, '.key_abc_', 1, { after: ALNUM })).toBe(8);
    expect(tokenEnd(re, '_key_abc.', 1, { before: TOKEN })).toBe(-1);
    expect(tokenEnd(re, 'Zkey_abc.', 1, { before: charClass('_') })).toBe(8);
  });
});

describe('glue after a name', () => {
  it('skips quotes, operators and spaces, and says whether an assignment char was among them', () => {
    expect(glueAfter('k = "v', 1)).toEqual({ start: 5, assigns: true });
    expect(glueAfter('k  "v', 1)).toEqual({ start: 4, assigns: false });
    expect(glueAfter('k:v', 1)).toEqual({ start: 2, assigns: true });
    expect(glueAfter('k=>v', 1)).toEqual({ start: 3, assigns: true });
    expect(glueAfter('k("v', 1)).toEqual({ start: 3, assigns: true });
    expect(glueAfter('k, v', 1)).toEqual({ start: 3, assigns: true });
    expect(glueAfter('k\nv', 1)).toEqual({ start: 2, assigns: true });
    expect(glueAfter('k\tv', 1)).toEqual({ start: 2, assigns: false });
    expect(glueAfter("k?|!.[]+`'\\v", 1)).toEqual({ start: 11, assigns: false });
    expect(glueAfter('kv', 1)).toEqual({ start: 1, assigns: false });
    expect(glueAfter('k', 1)).toEqual({ start: 1, assigns: false });
    expect(glueAfter('k;v', 1)).toEqual({ start: 1, assigns: false });
  });

  it('skips HTML entities for quotes without counting them as assignments', () => {
    for (const e of ['&quot;', '&#34;', '&#39;', '&#x27;', '&apos;']) {
      expect(glueAfter(`k${e}v`, 1)).toEqual({ start: 1 + e.length, assigns: false });
      expect(glueAfter(`k=${e}v`, 1)).toEqual({ start: 2 + e.length, assigns: true });
    }
    expect(glueAfter('k=&amp;v', 1)).toEqual({ start: 2, assigns: true });
    expect(glueAfter('k=&quot', 1)).toEqual({ start: 2, assigns: true });
  });

  it('stops after 16 chars of glue', () => {
    expect(glueAfter(`k${' '.repeat(15)}=v`, 1)).toEqual({ start: 17, assigns: true });
    expect(glueAfter(`k${' '.repeat(16)}=v`, 1)).toEqual({ start: 17, assigns: false });
    expect(glueAfter(`k${' '.repeat(30)}v`, 1)).toEqual({ start: 17, assigns: false });
  });
});

describe('the name a value is assigned to', () => {
  const nameOf = (text: string) => nameBefore(text, text.indexOf('VALUE'));

  it('reads names before assignments in code, JSON, HTML, query strings and calls', () => {
    expect(nameOf('apiKey = VALUE')).toBe('apiKey');
    expect(nameOf('"apiKey": "VALUE"')).toBe('apiKey');
    expect(nameOf("api_key => 'VALUE'")).toBe('api_key');
    expect(nameOf('x?token=VALUE')).toBe('token');
    expect(nameOf('<secret>VALUE</secret>')).toBe('secret');
    expect(nameOf('<input name="VALUE">')).toBe('name');
    expect(nameOf('set("STRIPE_KEY", "VALUE")')).toBe('STRIPE_KEY');
    expect(nameOf('config.algolia.adminKey: VALUE')).toBe('config.algolia.adminKey');
    expect(nameOf('$token = VALUE')).toBe('$token');
    expect(nameOf('data-api-key="VALUE"')).toBe('data-api-key');
  });

  it('is empty without an assignment char between name and value', () => {
    expect(nameOf('apiKey VALUE')).toBe('');
    expect(nameOf('apiKey "VALUE"')).toBe('');
    expect(nameOf('VALUE')).toBe('');
    expect(nameOf('= VALUE')).toBe('');
    expect(nameOf('apiKey;VALUE')).toBe('');
  });

  it('trims the dots and dashes around a path', () => {
    expect(nameOf('.a.b. = VALUE')).toBe('a.b');
    expect(nameOf('-data-key- = VALUE')).toBe('data-key');
    expect(nameOf('... = VALUE')).toBe('');
  });

  it('takes the name through an auth scheme word, one at most', () => {
    expect(nameOf('Authorization: Bearer VALUE')).toBe('Authorization');
    expect(nameOf('authorization: bearer VALUE')).toBe('authorization');
    expect(nameOf('Authorization: Basic VALUE')).toBe('Authorization');
    expect(nameOf('"Authorization": "Token VALUE"')).toBe('Authorization');
    expect(nameOf('Authorization: Bot VALUE')).toBe('Authorization');
    // The assignment may come before the scheme word only.
    expect(nameOf('key: Bearer VALUE')).toBe('key');
    expect(nameOf('Bearer VALUE')).toBe('');
    // A scheme word followed by an assignment is a name (it was skipped, and the name before it taken).
    expect(nameOf('Bearer = VALUE')).toBe('Bearer');
    expect(nameOf('const token = VALUE')).toBe('token');
    expect(nameOf('"token": "VALUE"')).toBe('token');
    expect(nameOf('auth = Bearer Token VALUE')).toBe('');
  });

  it('reads through quote entities (HTML attributes written escaped)', () => {
    expect(nameOf('key=&quot;VALUE')).toBe('key');
    expect(nameOf('key=&#34;VALUE')).toBe('key');
    expect(nameOf('key:&#x27;VALUE')).toBe('key');
    expect(nameOf('&quot;key&quot;:&quot;VALUE')).toBe('key');
    expect(nameOf('key&amp;VALUE')).toBe('');
    // An entity that starts the text (shorter than the longest entity before the value).
    expect(nameOf('&#39;VALUE')).toBe('');
    expect(nameOf('k&#39;VALUE')).toBe('');
    expect(nameOf('k=&#39;VALUE')).toBe('k');
  });

  it('looks back over 16 chars of glue and 64 chars of name at most', () => {
    expect(nameOf(`key =${' '.repeat(14)}VALUE`)).toBe('key');
    expect(nameOf(`key =${' '.repeat(15)}VALUE`)).toBe('');
    expect(nameOf(`key${' '.repeat(15)}=VALUE`)).toBe('key');
    expect(nameOf(`key${' '.repeat(16)}=VALUE`)).toBe('');
    const long = `a${'b'.repeat(69)}`;
    expect(nameOf(`${long} = VALUE`)).toBe('b'.repeat(64));
    expect(nameOf(`${'c'.repeat(64)} = VALUE`)).toBe('c'.repeat(64));
  });
});

describe('nameAround', () => {
  it('gives the bounds of the name holding a position', () => {
    const text = 'x = config.apiKey;';
    expect(nameAround(text, 6)).toEqual({ start: 4, end: 17 });
    expect(nameAround(text, 4)).toEqual({ start: 4, end: 17 });
    expect(nameAround(text, 17)).toEqual({ start: 4, end: 17 });
    expect(nameAround(text, 3)).toEqual({ start: 3, end: 3 });
    expect(nameAround('abc', 0)).toEqual({ start: 0, end: 3 });
    expect(nameAround('abc', 3)).toEqual({ start: 0, end: 3 });
  });

  it('reaches 64 chars each way at most', () => {
    const text = `${'a'.repeat(100)}|${'b'.repeat(100)}`;
    expect(nameAround(text, 100)).toEqual({ start: 36, end: 100 });
    expect(nameAround(text, 101)).toEqual({ start: 101, end: 165 });
  });
});

describe('valueAfter', () => {
  const valueStart = (text: string, name: string) => valueAfter(text, text.indexOf(name) + name.length);

  it('finds where the assigned value starts', () => {
    expect(valueStart('apiKey = "v"', 'apiKey')).toBe(10);
    expect(valueStart('apiKey:v', 'apiKey')).toBe(7);
    expect(valueStart('apiKey v', 'apiKey')).toBe(-1);
    expect(valueStart('apiKey', 'apiKey')).toBe(-1);
    expect(valueStart('apiKey;v', 'apiKey')).toBe(-1);
  });

  it('accepts a short type word between the name and the operator', () => {
    expect(valueStart('var key string = "v"', 'key')).toBe(18);
    expect(valueStart('key\tString := v', 'key')).toBe(14);
    expect(valueStart('key abcdefghijkl = v', 'key')).toBe(19); // 12 letters
    expect(valueStart('key abcdefghijklm = v', 'key')).toBe(-1); // 13
    expect(valueStart('key  \t string = v', 'key')).toBe(16); // any run of spaces and tabs before the type word
    expect(valueStart('key string v', 'key')).toBe(-1);
    expect(valueStart('key 9 = v', 'key')).toBe(-1);
  });

  it('steps over an auth scheme word before the value', () => {
    expect(valueStart('key: "Bearer v"', 'key')).toBe(13);
    expect(valueStart('key: "bearer \tv"', 'key')).toBe(14);
    expect(valueStart('key: Basic v', 'key')).toBe(11);
    expect(valueStart('key: Token v', 'key')).toBe(11);
    expect(valueStart('key: Bot v', 'key')).toBe(9);
    expect(valueStart('key: Bearerv', 'key')).toBe(5);
    expect(valueStart('key: Botany', 'key')).toBe(5);
  });
});

describe('nearby', () => {
  const ctx = (host = '', field = ''): ScanContext => ({ host, field, searched: new Map() });
  const re = /apikey/i;

  it('looks within the radius on both sides of the candidate, edges included', () => {
    const value = 'VALUE';
    const left = (gap: number) => {
      const text = `apikey${'x'.repeat(gap)}${value}`;
      const start = text.indexOf(value);
      return nearby(text, start, start + value.length, 20, ctx(), re);
    };
    expect(left(14)).toBe(true); // the name ends 14 chars before: all 6 of its chars are inside 20
    expect(left(15)).toBe(false);
    const right = (gap: number) => {
      const text = `${value}${'x'.repeat(gap)}apikey`;
      return nearby(text, 0, value.length, 20, ctx(), re);
    };
    expect(right(14)).toBe(true);
    expect(right(15)).toBe(false);
    expect(nearby('VALUE', 0, 5, 1_000, ctx(), re)).toBe(false);
  });

  it('counts the caller hints: the host and the field name', () => {
    expect(nearby('VALUE', 0, 5, 10, ctx('apikey.example'), re)).toBe(true);
    expect(nearby('VALUE', 0, 5, 10, ctx('', 'APIKEY'), re)).toBe(true);
    expect(nearby('VALUE', 0, 5, 10, ctx('example.com', 'name'), re)).toBe(false);
  });

  it('agrees with testing the lower-cased window, for the two chars that lower-case to ASCII', () => {
    // U+212A (Kelvin) lower-cases to `k`; the `i` flag alone does not match it.
    const kelvin = 'api\u212aey VALUE';
    const at = kelvin.indexOf('VALUE');
    expect(/apikey/i.test(kelvin)).toBe(false);
    expect(nearby(kelvin, at, at + 5, 20, ctx(), re)).toBe(true);
    // U+0130 lower-cases to `i` + a combining dot: `İd` → `i̇d`.
    const dotted = 'VALUE sec\u0130d';
    expect(nearby(dotted, 0, 5, 20, ctx(), /seci/i)).toBe(true);
    expect(nearby('VALUE \u00e9pikey', 0, 5, 20, ctx(), re)).toBe(false);
    // A Kelvin sign alone says nothing: the lower-cased window must still name the keyword.
    expect(nearby('VALUE \u212a', 0, 5, 20, ctx(), re)).toBe(false);
    // Outside the window, neither counts.
    const far = `api\u212aey${'x'.repeat(40)}VALUE`;
    expect(nearby(far, far.indexOf('VALUE'), far.length, 20, ctx(), re)).toBe(false);
  });
});
