/**
 * SQL text for fix-guide snippets, built from names a page showed. Names are untrusted (a table can be called
 * anything, quotes and semicolons included), so every identifier is quoted and every string is a literal: a name
 * can never end the statement it sits in. Expressions read from a page are never copied into a snippet.
 */

/** Words that cannot stand unquoted as a table or column name (Postgres reserved keywords, the common ones). */
const RESERVED = new Set(
  'all analyse analyze and any array as asc asymmetric both case cast check collate column constraint create current_catalog current_date current_role current_time current_timestamp current_user default deferrable desc distinct do else end except false fetch for foreign from grant group having in initially intersect into lateral leading limit localtime localtimestamp not null offset on only or order placing primary references returning select session_user some symmetric system_user table then to trailing true union unique user using variadic when where window with authorization binary collation concurrently cross current_schema freeze full ilike inner is isnull join left like natural notnull outer overlaps right similar tablesample verbose'.split(
    ' ',
  ),
);

/** A Postgres identifier: bare when it is a plain lower-case name, otherwise double-quoted with quotes doubled. */
export function quoteIdent(name: string): string {
  const clean = name.replace(/\u0000/g, '');
  if (/^[a-z_][a-z0-9_]*$/.test(clean) && !RESERVED.has(clean)) return clean;
  return `"${clean.replace(/"/g, '""')}"`;
}

/** schema.table, each part quoted as needed. */
export function qualified(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/** A string literal ('…' with quotes doubled; standard_conforming_strings is on in Supabase, so \ is literal). */
export function literal(text: string): string {
  return `'${text.replace(/\u0000/g, '').replace(/'/g, "''")}'`;
}

/** A policy name is always quoted (they usually hold spaces). */
export function quotePolicy(name: string): string {
  return `"${name.replace(/\u0000/g, '').replace(/"/g, '""')}"`;
}

/**
 * A block of SQL passed as a string argument (cron.schedule's command): dollar-quoted for readability when the
 * body cannot close the quote, otherwise a plain literal.
 */
export function sqlBody(body: string): string {
  return body.includes('$$') || body.endsWith('$') ? literal(body) : `$$${body}$$`;
}

const LIT = "'((?:[^']|'')*)'(?:::text)?";
const JOINED = new RegExp(`${LIT}\\s*\\|\\|\\s*${LIT}`, 'g');
const CONCAT = new RegExp(String.raw`\bconcat\s*\(\s*(${LIT}(?:\s*,\s*${LIT})*)\s*\)`, 'gi');
const ONE_LIT = new RegExp(LIT, 'g');
const PARENS = new RegExp(String.raw`(?<![\w$])\(\s*(${LIT})\s*\)`, 'g');

/**
 * The expression with string literals built from pieces joined into one (`'user_' || 'metadata'`,
 * `concat('user', '_metadata')`, and Postgres's own rendering `(('user_'::text || 'meta'::text) || 'data'::text)`), so a key assembled in the policy is seen like a plain one. Bounded: a policy's
 * text is cut where it is read, and each round joins at least two literals.
 */
export function joinLiterals(expr: string): string {
  let out = expr;
  for (let i = 0; i < 64; i++) {
    const next = out
      .replace(PARENS, (_m, lit: string) => lit)
      .replace(JOINED, (_m, a: string, b: string) => `'${a}${b}'`)
      .replace(CONCAT, (_m, args: string) => `'${[...args.matchAll(ONE_LIT)].map((m) => m[1]).join('')}'`);
    if (next === out) break;
    out = next;
  }
  return out;
}
