/** utils/supabase/sql.ts and Snippet.fill: names from a page end up quoted, never as SQL. */
import { describe, expect, it } from 'vitest';
import { fillSnippet } from '@/engine/fix';
import { literal, qualified, quoteIdent, quotePolicy, sqlBody } from '@/utils/supabase/sql';

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
