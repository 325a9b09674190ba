/**
 * Supabase dashboard pages and docs that fix guides link to. `{ref}` is the project: for dashboard findings it comes
 * from the audited URL, for deployed-app findings from the finding's own values. Deep-link templates only.
 */
export const DASHBOARD = 'https://supabase.com/dashboard/project/{ref}';
/** Every policy of the project. */
export const POLICIES_LINK = `${DASHBOARD}/auth/policies`;
/** The policies of one table ({schema}, {table}). */
export const TABLE_POLICIES_LINK = `${DASHBOARD}/auth/policies?schema={schema}&search={table}`;
export const BUCKET_LINK = `${DASHBOARD}/storage/buckets/{bucket}`;
export const ADVISOR_LINK = `${DASHBOARD}/advisors/security`;
export const DATA_API_LINK = `${DASHBOARD}/integrations/data_api/settings`;
export const RLS_DOCS = 'https://supabase.com/docs/guides/database/postgres/row-level-security';
export const STORAGE_DOCS = 'https://supabase.com/docs/guides/storage/security/access-control';
export const lintDocs = (lint: string) => `https://supabase.com/docs/guides/database/database-linter?lint=${lint}`;
