/**
 * Plain constants of the Supabase dashboard evidence, apart from its zod schemas so the dashboard content script can
 * use them without loading zod (utils/supabase/dashboard-evidence.ts builds the schemas from these).
 */
export const PAGE_KINDS = ['table-list', 'table-editor', 'policies', 'advisors', 'storage', 'storage-policies', 'cron', 'api-keys', 'deep-audit'] as const;
export type PageKind = (typeof PAGE_KINDS)[number];
export const COMMANDS = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'ALL', 'unknown'] as const;
export type Command = (typeof COMMANDS)[number];
export const LEVELS = ['ERROR', 'WARN', 'INFO'] as const;
export type Level = (typeof LEVELS)[number];
export const SOURCES = ['dom', 'api'] as const;
export const REF = /^[a-z0-9]{20}$/;

/**
 * The gap when the deep audit's read-only query endpoint gave no rows (404 on projects without the beta endpoint,
 * any other refusal or error, no answer (status 0), or an answer that is not a list of rows): the advisor and bucket
 * results still count. Shown in the deep-audit panel and kept as a gap of the project's audit.
 */
export function sqlUnavailable(status: number | undefined): string {
  const how = !status ? 'did not answer' : status >= 200 && status < 300 ? `answered ${status} without rows` : `answered ${status}`;
  return `SQL checks not available on this project: its read-only query endpoint ${how}, so tables, policies and cron jobs were not read; the Security Advisor and bucket results were.`;
}
