/** utils/supabase/sql.ts and Snippet.fill: names from a page end up quoted, never as SQL. */
import { describe, expect, it } from 'vitest';
import { fillSnippet } from '@/engine/fix';
import { joinLiterals, literal, qualified, quoteIdent, quotePolicy, sqlBody } from '@/utils/supabase/sql';

describe('quoting', () => {
  it.each([
    ['profiles', 'profiles'],
    ['user', '"user"'],
    ['Profiles', '"Profiles"'],
    ['my table', '"my table"'],
    ['evil"); drop table users; --', '"evil""); drop table users; --"'],
    ['a\u0000b', 'ab'],
    ['a\u0000b\u0000c', 'abc'],
    ['_private', '_private'],
    ['col_2', 'col_2'],
    ['x', 'x'],
    ['1st', '"1st"'],
    ['select', '"select"'],
    ['naïve', '"naïve"'],
    ['a"b"c', '"a""b""c"'],
  ])('quoteIdent(%j) = %s', (name, out) => expect(quoteIdent(name)).toBe(out));

  it('qualified, literal, policy names', () => {
    expect(qualified('public', 'order')).toBe('public."order"');
    expect(literal("it's")).toBe("'it''s'");
    expect(quotePolicy('Users "own" rows')).toBe('"Users ""own"" rows"');
    expect(literal("it's Bob's")).toBe("'it''s Bob''s'");
    expect(literal('a\u0000b\u0000c')).toBe("'abc'");
    expect(literal('C:\\path')).toBe("'C:\\path'");
    expect(quotePolicy('own\u0000 rows\u0000')).toBe('"own rows"');
    expect(qualified('My Schema', 'profiles')).toBe('"My Schema".profiles');
  });

  it('sqlBody dollar-quotes unless the body could close the quote', () => {
    expect(sqlBody('delete from t')).toBe('$$delete from t$$');
    expect(sqlBody('delete from "a$$b"')).toBe(`'delete from "a$$b"'`);
    expect(sqlBody("delete from t where x = '$'")).toBe("$$delete from t where x = '$'$$");
    // A body ending in `$` would close `$$` early (`…$$$`): a literal instead.
    expect(sqlBody('select 1 -- $')).toBe("'select 1 -- $'");
    expect(sqlBody("select 'it''s' -- $$")).toBe("'select ''it''''s'' -- $$'");
  });
});

describe('fillSnippet', () => {
  it('fills {name} from the finding’s values, once, and shows <name> for what is missing', () => {
    const s = fillSnippet({ language: 'sql', fill: true, code: 'alter table {table_sql} …; -- {missing}' }, { table_sql: '{other}' });
    expect(s.code).toBe('alter table {other} …; -- <missing>');
  });
  it('leaves snippets that are not templates alone', () => {
    expect(fillSnippet({ language: 'json', code: '{"a":"{b}"}' }, { b: 'x' }).code).toBe('{"a":"{b}"}');
  });
});

describe('joinLiterals', () => {
  it('joins literals built from pieces, as Postgres renders them and as written', () => {
    expect(joinLiterals("(('user_'::text || 'meta'::text) || 'data'::text)")).toBe("'user_metadata'");
    expect(joinLiterals("concat('user', '_meta', 'data')")).toBe("'user_metadata'");
    expect(joinLiterals("'it''s' || ' ok'")).toBe("'it''s ok'");
  });
  it('joins whatever the spacing and case', () => {
    expect(joinLiterals("'user_'||'metadata'")).toBe("'user_metadata'");
    expect(joinLiterals("'user_'  ||\n  'metadata'")).toBe("'user_metadata'");
    expect(joinLiterals("'user_'::text||'metadata'::text")).toBe("'user_metadata'");
    expect(joinLiterals("CONCAT ( 'user' ,'_meta',  'data' )")).toBe("'user_metadata'");
    expect(joinLiterals("x = ( 'a' )")).toBe("x = 'a'");
    expect(joinLiterals("concat('a')")).toBe("'a'");
  });
  it('joins every pair in a long policy, not only the first 64 (one round joins them all)', () => {
    const n = 100;
    const pairs = (f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join(' or ');
    expect(joinLiterals(pairs((i) => `k = 'a${i}' || 'b'`))).toBe(pairs((i) => `k = 'a${i}b'`));
    expect(joinLiterals(pairs((i) => `k = concat('a${i}', 'b')`))).toBe(pairs((i) => `k = 'a${i}b'`));
    expect(joinLiterals(pairs((i) => `k = ('a${i}')`))).toBe(pairs((i) => `k = 'a${i}'`));
  });
  it('keeps the parentheses of a call whose name ends in a word character or $', () => {
    expect(joinLiterals("f$('a')")).toBe("f$('a')");
    expect(joinLiterals("f1('a')")).toBe("f1('a')");
    expect(joinLiterals("myconcat('a', 'b')")).toBe("myconcat('a', 'b')");
  });
  it('leaves calls with one literal argument, columns and other operators alone', () => {
    expect(joinLiterals("current_setting('request.jwt.claims')")).toBe("current_setting('request.jwt.claims')");
    expect(joinLiterals("name || 'x'")).toBe("name || 'x'");
    expect(joinLiterals("concat(name, 'x')")).toBe("concat(name, 'x')");
  });
  it('ends on hostile input: 20,000 nested pieces, an unclosed quote', () => {
    const nested = `${'('.repeat(20_000)}'a'${" || 'b')".repeat(20_000)}`;
    expect(typeof joinLiterals(nested)).toBe('string');
    expect(joinLiterals(`'${'a'.repeat(50_000)}`)).toBe(`'${'a'.repeat(50_000)}`);
  });
});
