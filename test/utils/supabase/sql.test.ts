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
  ])('quoteIdent(%j) = %s', (name, out) => expect(quoteIdent(name)).toBe(out));

  it('qualified, literal, policy names', () => {
    expect(qualified('public', 'order')).toBe('public."order"');
    expect(literal("it's")).toBe("'it''s'");
    expect(quotePolicy('Users "own" rows')).toBe('"Users ""own"" rows"');
  });

  it('sqlBody dollar-quotes unless the body could close the quote', () => {
    expect(sqlBody('delete from t')).toBe('$$delete from t$$');
    expect(sqlBody('delete from "a$$b"')).toBe(`'delete from "a$$b"'`);
    expect(sqlBody("delete from t where x = '$'")).toBe("$$delete from t where x = '$'$$");
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
