/**
 * How Supabase Studio (the dashboard) says things, from its open-source code (supabase/supabase, apps/studio/…),
 * checked against shared/reference/supabase-studio.md (which supersedes builders.md). Every anchor names the Studio
 * source file it comes from, so the next Studio change is a one-file fix here. Texts drift between Studio versions,
 * so matching is loose: case and whitespace are ignored and older wordings are kept beside newer ones, marked as
 * such. Class names are never used. Nothing here knows our rules' wording: it only turns Studio's words into facts.
 */
import type { Level, PageKind } from '@/utils/supabase/dashboard-evidence';
import { normWords } from '@/utils/text';

/** Lower-case, whitespace collapsed, curly quotes straightened (utils/text.ts, shared with Glide's readers). */
export const norm = normWords;

export const SAYS = {
  // Table list, TableEditor/…/EntityListItem.tsx: a destructive badge beside the table name (only while the
  // rls_disabled_in_public lint exists), and an icon with this aria-label ("Table exposed via Data API").
  unrestricted: 'unrestricted',
  exposedIcon: 'exposed via data api',
  // Table editor header, grid/components/header/GridHeaderActions.tsx ("RLS disabled"; older: "Row Level Security
  // disabled"); "Enable RLS for this table" sits in a popover; "Add RLS policy" / "<n>RLS policies" link to policies.
  rlsDisabledButton: ['rls disabled', 'row level security disabled'],
  enableForTable: 'enable rls for this table',
  addPolicy: 'add rls policy',
  policyCount: /^(\d+)?\s*rls polic(y|ies)$/,
  // Policies page, Auth/Policies/PolicyTableRow/index.tsx (the four notices and "No policies created yet", also in
  // Storage/StoragePolicies/StoragePoliciesBucketRow.tsx) and PolicyTableRowHeader.tsx (badges and buttons).
  openToAnyone: 'can be accessed by anyone via the data api as rls is disabled',
  noPermissions: 'cannot be accessed via the data api as no permissions exist',
  noPolicies: 'no rls policies exist so no data will be returned',
  schemaNotExposed: 'as this schema is not exposed',
  noPoliciesYet: 'no policies created yet',
  badgeDisabled: 'row level security disabled',
  badgeEnabled: 'row level security enabled',
  enableRls: 'enable rls',
  disableRls: 'disable rls',
  // Policy rows, Auth/Policies/PolicyTableRow/PolicyRow.tsx: a pseudo-role shown beside the real ones.
  anonymousSignIns: 'anonymous sign-ins',
  // Policy editor, Auth/Policies/PolicyEditorPanel/LockedQuerySection.tsx: `create policy "<name>"` for a new
  // policy, `alter policy "<name>"` when editing (then no `as` / `for` lines), line-number <p>s between the tokens.
  policyHead: /\b(create|alter)\s+policy\b/i,
  // Security Advisor, Linter/Linter.utils.tsx (NoIssuesFound: "No errors detected" / "No warnings detected").
  noIssues: /\bno (errors|warnings|issues|suggestions) (detected|found)\b/,
  // Security Advisor level tabs, Linter/Linter.constants.ts LINTER_LEVELS labels ("Errors", "Warnings", "Info").
  levelTabs: { errors: 'ERROR', warnings: 'WARN', info: 'INFO' } as Record<string, Level>,
  // Cron, Integrations/CronJobs/CronJobsEmptyState.tsx ("No cron jobs created yet"; newer grids: "There are currently
  // no cron jobs created yet in your project"). "No cron jobs found" appears only when a search filter hides every job.
  noJobs: ['no cron jobs created yet'],
  filteredNoJobs: 'no cron jobs found',
  // pg_cron not enabled, Integrations/Integration/MissingExtensionAlert.tsx ("Enable {name}" → "Enable pg_cron");
  // "Enable Cron Jobs" on older pages only.
  cronOff: ['enable pg_cron', 'enable cron jobs'],
  // Storage bucket list, Storage/FilesBuckets/BucketTable.tsx: rows `<tr data-bucket-id>`, a "Public" badge after the
  // name, columns Name, Policies (a count), File size limit, Allowed MIME types.
  bucketRow: 'tr[data-bucket-id]',
  publicBadge: 'public',
  policiesColumn: 'policies',
} as const;

/**
 * Security Advisor titles → splinter lint names. Titles from splinter's lints/*.sql `title` and Studio's
 * Linter/Linter.utils.tsx lintInfoMap (leaked_service_key). A title not here becomes an id made from the title.
 */
export const LINT_TITLES: Record<string, string> = {
  'rls disabled in public': 'rls_disabled_in_public',
  'policy exists rls disabled': 'policy_exists_rls_disabled',
  'rls enabled no policy': 'rls_enabled_no_policy',
  'rls policy always true': 'rls_policy_always_true',
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
  // splinter 0028 / 0029.
  'public can execute security definer function': 'anon_security_definer_function_executable',
  'signed-in users can execute security definer function': 'authenticated_security_definer_function_executable',
};

/** A lint name for a title Studio showed: the known one, or the title made into an id. */
export function lintNameFor(title: string): string {
  const t = norm(title);
  return (
    LINT_TITLES[t] ??
    (t
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 80) ||
      'unknown_lint')
  );
}

/** ?preset= of /advisors/security (Linter.constants.ts LINTER_LEVELS values). */
export const LEVEL_OF_PRESET: Record<string, Level> = { error: 'ERROR', warn: 'WARN', info: 'INFO' };

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
  // `/advisors` alone is an overview page (several advisors' summaries), not a level tab: not read.
  if (/^\/(advisors\/security|database\/security-advisor)$/.test(path)) {
    const preset = norm(u.searchParams.get('preset'));
    return { kind: 'advisors', ...base, level: LEVEL_OF_PRESET[preset] ?? 'ERROR' };
  }
  if (/^\/storage\/(files\/)?policies$/.test(path)) return { kind: 'storage-policies', ...base };
  if (/^\/storage(\/(buckets|files)(\/.*)?)?$/.test(path)) return { kind: 'storage', ...base };
  if (/^\/(integrations\/cron(\/.*)?|database\/cron-jobs)$/.test(path)) return { kind: 'cron', ...base };
  if (/^\/settings\/api-keys(\/.*)?$/.test(path)) return { kind: 'api-keys', ...base };
  return undefined;
}

/**
 * The project and rest of a dashboard link, or undefined for links elsewhere. Studio's links carry the ref
 * (/dashboard/project/<ref>/…; older builds /project/<ref>/…).
 */
/** Studio's own relative links, in the one shape that needs no URL parser (no `..`, `%`, `\\`, spaces, `//`). */
const PLAIN_DASHBOARD_LINK = /^\/dashboard\/project\/([a-z0-9]{20}|_)(\/[A-Za-z0-9_\-/]*)?(?:\?([A-Za-z0-9_\-=&.+]*))?$/;

/** What the readers ask of a link's query: one parameter's value (URLSearchParams.get's answer). */
export interface QueryParams {
  get(name: string): string | null;
}

/**
 * The parameters of a query of the plain dashboard shape (letters, digits, `_-=&.+`: no percent escapes, so `+` is
 * the only thing to decode), read the way URLSearchParams reads them (first value wins) without constructing one per
 * sidebar link.
 */
function plainParams(query: string): QueryParams {
  return {
    get(name) {
      for (const pair of query.split('&')) {
        if (!pair) continue; // "&&": no parameter, as URLSearchParams reads it
        const eq = pair.indexOf('=');
        const key = (eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, ' ');
        if (key === name) return eq < 0 ? '' : pair.slice(eq + 1).replace(/\+/g, ' ');
      }
      return null;
    },
  };
}

export function linkTarget(href: string | null, base: string): { ref: string; path: string; params: QueryParams } | undefined {
  if (!href) return undefined;
  // Fast path (a 500-table sidebar has 500 such links per pass): a root-relative link of this shape resolves to
  // https://supabase.com<href> when the page itself is on https://supabase.com, exactly as the URL parser would.
  const plain = base.startsWith('https://supabase.com/') && !href.includes('//') ? PLAIN_DASHBOARD_LINK.exec(href) : null;
  if (plain) return { ref: plain[1]!, path: plain[2] ?? '/', params: plainParams(plain[3] ?? '') };
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
