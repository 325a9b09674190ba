/**
 * How Supabase Studio (the dashboard) says things, from its open-source code (apps/studio) and
 * shared/reference/builders.md. Texts drift between Studio versions, so matching is loose: case and whitespace are
 * ignored and older wordings are kept beside newer ones. Class names are never used.
 * Nothing here knows our rules' wording: it only turns Studio's words into facts.
 */
import type { Level, PageKind } from '@/utils/supabase/dashboard-evidence';

/** Lower-case, whitespace collapsed, curly quotes straightened. */
export const norm = (s: string | null | undefined): string =>
  (s ?? '').replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/\s+/g, ' ').trim().toLowerCase();

export const SAYS = {
  // Table list (sidebar of the table editor): a destructive badge beside the table name.
  unrestricted: 'unrestricted',
  exposedIcon: 'exposed via data api',
  // Table editor header.
  rlsDisabledButton: ['rls disabled', 'row level security disabled'],
  enableForTable: 'enable rls for this table',
  addPolicy: 'add rls policy',
  policyCount: /^(\d+)?\s*rls polic(y|ies)$/,
  // Policies page, per table.
  openToAnyone: 'can be accessed by anyone via the data api as rls is disabled',
  noPermissions: 'cannot be accessed via the data api as no permissions exist',
  noPolicies: 'no rls policies exist so no data will be returned',
  schemaNotExposed: 'as this schema is not exposed',
  noPoliciesYet: 'no policies created yet',
  badgeDisabled: 'row level security disabled',
  badgeEnabled: 'row level security enabled',
  enableRls: 'enable rls',
  disableRls: 'disable rls',
  // Security Advisor.
  noIssues: /\bno (errors|warnings|issues|suggestions) (detected|found)\b/,
  // Cron.
  noJobs: ['no cron jobs created yet', 'no cron jobs yet', 'no cron jobs found'],
  cronOff: ['enable cron jobs', 'enable pg_cron', 'pg_cron extension is not enabled', 'enable the pg_cron extension'],
} as const;

/** Security Advisor titles (Studio's lintInfoMap and splinter's lints) → splinter lint names. */
export const LINT_TITLES: Record<string, string> = {
  'rls disabled in public': 'rls_disabled_in_public',
  'policy exists rls disabled': 'policy_exists_rls_disabled',
  'rls enabled no policy': 'rls_enabled_no_policy',
  'rls policy always true': 'rls_policy_always_true',
  'permissive rls policy': 'rls_policy_always_true',
  'sensitive columns exposed': 'sensitive_columns_exposed',
  'exposed auth users': 'auth_users_exposed',
  'security definer view': 'security_definer_view',
  'public bucket allows listing': 'public_bucket_allows_listing',
  'rls references user metadata': 'rls_references_user_metadata',
  'leaked service key detected': 'leaked_service_key',
  'function search path mutable': 'function_search_path_mutable',
  'extension in public': 'extension_in_public',
  'materialized view in api': 'materialized_view_in_api',
  'foreign table in api': 'foreign_table_in_api',
  'auth otp long expiry': 'auth_otp_long_expiry',
  'auth otp short length': 'auth_otp_short_length',
  'leaked password protection disabled': 'auth_leaked_password_protection',
  'insufficient mfa options': 'auth_insufficient_mfa_options',
  'anonymous access policies': 'auth_allow_anonymous_sign_ins',
  'security definer function executable by anon': 'anon_security_definer_function_executable',
};

/** A lint name for a title Studio showed: the known one, or the title made into an id. */
export function lintNameFor(title: string): string {
  const t = norm(title);
  return LINT_TITLES[t] ?? (t.replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 80) || 'unknown_lint');
}

export const LEVEL_OF_PRESET: Record<string, Level> = { error: 'ERROR', errors: 'ERROR', warn: 'WARN', warning: 'WARN', warnings: 'WARN', info: 'INFO', suggestion: 'INFO', suggestions: 'INFO' };

export interface DashboardPage {
  kind: PageKind;
  ref: string;
  /** ?schema= of the page, when given. */
  schema?: string;
  /** Table editor: the numeric table id in /editor/<id>. */
  tableId?: string;
  /** Security Advisor: the level tab (?preset=). */
  level?: Level;
  /** Policies page filtered by ?search=: what is shown is not every table. */
  filtered?: boolean;
}

/**
 * Which dashboard page an address is, from its path (Studio's routes, newer and older), or undefined for pages we
 * do not read (SQL editor, logs, auth users…). `_` (the wildcard ref) is no project.
 */
export function pageOf(href: string): DashboardPage | undefined {
  let u: URL;
  try {
    u = new URL(href);
  } catch {
    return undefined;
  }
  const m = /^\/dashboard\/project\/([a-z0-9]{20})(\/[^?#]*)?$/.exec(u.pathname);
  if (u.origin !== 'https://supabase.com' || !m) return undefined;
  const ref = m[1]!;
  const path = (m[2] ?? '/').replace(/\/+$/, '') || '/';
  const schema = u.searchParams.get('schema') ?? undefined;
  const base = { ref, ...(schema ? { schema } : {}) };
  const editor = /^\/editor(?:\/(\d+))?$/.exec(path);
  if (editor) return editor[1] ? { kind: 'table-editor', ...base, tableId: editor[1] } : { kind: 'table-list', ...base };
  if (/^\/(auth|database)\/policies$/.test(path)) return { kind: 'policies', ...base, ...(u.searchParams.get('search') ? { filtered: true } : {}) };
  if (/^\/(advisors\/security|database\/security-advisor|advisors)$/.test(path)) {
    const preset = norm(u.searchParams.get('preset'));
    return { kind: 'advisors', ...base, level: LEVEL_OF_PRESET[preset] ?? 'ERROR' };
  }
  if (/^\/storage\/policies$/.test(path)) return { kind: 'storage-policies', ...base };
  if (/^\/storage(\/(buckets|files)(\/.*)?)?$/.test(path)) return { kind: 'storage', ...base };
  if (/^\/(integrations\/cron(\/.*)?|database\/cron-jobs)$/.test(path)) return { kind: 'cron', ...base };
  if (/^\/settings\/api-keys(\/.*)?$/.test(path)) return { kind: 'api-keys', ...base };
  return undefined;
}

/**
 * The project and rest of a dashboard link, or undefined for links elsewhere. Studio's links carry the ref
 * (/dashboard/project/<ref>/…; older builds /project/<ref>/…).
 */
export function linkTarget(href: string | null, base: string): { ref: string; path: string; params: URLSearchParams } | undefined {
  if (!href) return undefined;
  let u: URL;
  try {
    u = new URL(href, base);
  } catch {
    return undefined;
  }
  if (u.origin !== 'https://supabase.com') return undefined;
  const m = /^(?:\/dashboard)?\/project\/([a-z0-9]{20}|_)(\/.*)?$/.exec(u.pathname);
  return m ? { ref: m[1]!, path: m[2] ?? '/', params: u.searchParams } : undefined;
}
