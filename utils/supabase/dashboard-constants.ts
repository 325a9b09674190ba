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
