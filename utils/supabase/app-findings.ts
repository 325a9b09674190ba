/** Shared pieces of the deployed-app Supabase rules (rules/supabase/app-*.ts): SQL snippets, finding values. Links: ./links. */
import type { Evidence } from '../evidence/evidence';
import type { Snippet } from '../../engine/rule';
import type { SupabaseProject } from './app-evidence';
import { ownerOf } from './app-classify';
import { literal, qualified, quoteIdent } from './sql';

export function projectsOf(evidence: Evidence): SupabaseProject[] {
  return evidence.supabase?.projects ?? [];
}

export const restUrl = (ref: string, table: string) => `https://${ref}.supabase.co/rest/v1/${encodeURIComponent(table)}`;

/** A short list for messages: `a, b, c and 4 more`. */
export function listOf(names: readonly string[], max = 5): string {
  const shown = names.slice(0, max).map((n) => `\`${n}\``);
  return names.length > max ? `${shown.join(', ')} and ${names.length - max} more` : shown.join(', ');
}

/**
 * Values a table finding carries: raw names for the deep link ({ref}, {table}) and, already quoted for SQL, for the
 * snippet ({table_sql}, {owner_sql}, {owner_hint}). Names come from a page, so every identifier is quoted.
 */
export function exposedTableVars(ref: string, table: string, columns: readonly string[] | undefined): Record<string, string> {
  const owner = ownerOf(table, columns);
  return {
    ref,
    schema: 'public',
    table,
    table_sql: qualified('public', table),
    owner_sql: quoteIdent(owner ?? 'user_id'),
    owner_hint: owner ? `${quoteIdent(owner)} holds the owner's user id` : `user_id is a guess: use the column that holds the owner's auth.users id`,
  };
}

/** Turn on RLS, let each signed-in user read their own rows, and (if visitors never need it) revoke anon. */
export const RLS_SNIPPET: Snippet = {
  language: 'sql',
  fill: true,
  code: [
    '-- 1. Nothing is readable through the API until a policy allows it',
    'alter table {table_sql} enable row level security;',
    '-- 2. Each signed-in user reads only their own rows ({owner_hint})',
    'create policy "Users read their own rows" on {table_sql}',
    '  for select to authenticated',
    '  using ((select auth.uid()) = {owner_sql});',
    '-- 3. Only if logged-out visitors never need this table:',
    'revoke select on {table_sql} from anon;',
  ].join('\n'),
};

export function bucketVars(ref: string, bucket: string): Record<string, string> {
  return { ref, bucket, bucket_literal: literal(bucket) };
}

export const BUCKET_SNIPPET: Snippet = {
  language: 'sql',
  fill: true,
  code: [
    '-- Files are then served only through signed URLs or storage policies',
    'update storage.buckets set public = false where id = {bucket_literal};',
  ].join('\n'),
};
