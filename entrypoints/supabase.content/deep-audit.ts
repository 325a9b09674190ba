/**
 * The opt-in deep audit: read-only calls to Supabase's documented Management API for the project in the address,
 * made from the dashboard tab (this content script) with the dashboard's own signed-in session.
 *
 * The session token is read here, from the dashboard's local storage, put in the Authorization header of requests
 * to https://api.supabase.com only, and dropped when the function returns: it is never stored, logged, returned or
 * sent to the extension's background. What comes back is validated, bounded and turned into the same observation
 * the page readers produce (source 'api'). Runs only after the user consented for this project (checked by the
 * caller and again by the background before it asks).
 *
 * Endpoints (Management API v1, https://supabase.com/docs/reference/api):
 * - GET  /v1/projects/{ref}/advisors/security          → { lints: [...] }  (splinter's security lints)
 * - GET  /v1/projects/{ref}/storage/buckets            → [{ id, name, public, … }]
 * - GET  /v1/projects/{ref}/postgrest                  → { db_schema: "public, graphql_public", … }: the schemas the
 *   Data API exposes. (`current_setting('pgrst.db_schemas')` is set only inside PostgREST's own sessions, so a
 *   query over the Management API must not rely on it: shared/reference/supabase-studio.md "Keys".)
 * - POST /v1/projects/{ref}/database/query/read-only   → rows, answered 201 on success; runs as
 *   supabase_read_only_user (read-only transactions): table RLS/grants/columns, pg_policies, pg_cron jobs. Some
 *   projects answer 404 (beta endpoint): the audit then keeps the advisor and bucket results and says "SQL checks
 *   not available on this project".
 */
import type { DeepAuditSummary } from '@/utils/messages';
import { LEVELS, type Level, sqlUnavailable } from '@/utils/supabase/dashboard-constants';
import type { ObservationDraft } from '@/utils/supabase/dashboard-evidence';
import { lintNameFor } from './studio';

export const MANAGEMENT_API = 'https://api.supabase.com';
/** Where Studio's auth client keeps the session (packages/common/gotrue.ts: STORAGE_KEY). */
export const SESSION_STORAGE_KEY = 'supabase.dashboard.auth.token';
const MAX_BODY = 8 * 1024 * 1024;
const TIMEOUT_MS = 20_000;

/** The dashboard session's access token (GoTrue session, newer or older layout), or undefined. */
export function readSessionToken(storage: Pick<Storage, 'getItem'>): string | undefined {
  let raw: string | null;
  try {
    raw = storage.getItem(SESSION_STORAGE_KEY);
  } catch {
    return undefined;
  }
  if (!raw || raw.length > 64 * 1024) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const o = (v ?? {}) as { access_token?: unknown; currentSession?: { access_token?: unknown }; session?: { access_token?: unknown } };
  const token = o.access_token ?? o.currentSession?.access_token ?? o.session?.access_token;
  return typeof token === 'string' && /^[A-Za-z0-9._~+/=-]{20,8192}$/.test(token) ? token : undefined;
}

const SYSTEM_SCHEMAS = [
  'auth',
  'cron',
  'extensions',
  'graphql',
  'graphql_public',
  'information_schema',
  'net',
  'pgbouncer',
  'pg_catalog',
  'pgsodium',
  'pgsodium_masks',
  'pgtle',
  'realtime',
  'repack',
  'supabase_functions',
  'supabase_migrations',
  'vault',
  '_realtime',
  '_analytics',
];
const notSystem = (col: string) => `${col} not in (${SYSTEM_SCHEMAS.map((s) => `'${s}'`).join(', ')}) and ${col} not like 'pg\\_%'`;

/** Read-only catalog queries; every relation schema-qualified (the endpoint requires it). */
export const QUERIES = {
  tables: `select n.nspname as schema, c.relname as name, c.relkind::text as kind, c.relrowsecurity as rls,
  (pg_catalog.has_table_privilege('anon', c.oid, 'SELECT,INSERT,UPDATE,DELETE') or pg_catalog.has_table_privilege('authenticated', c.oid, 'SELECT,INSERT,UPDATE,DELETE')) as granted,
  (select count(*) from pg_catalog.pg_policy p where p.polrelid = c.oid)::int as policies,
  (select coalesce(pg_catalog.json_agg(a.attname::text order by a.attnum), '[]'::json) from pg_catalog.pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped) as columns
from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('r', 'p', 'v', 'm') and ${notSystem('n.nspname')} and n.nspname <> 'storage'
order by 1, 2 limit 2000`,
  policies: `select schemaname::text as schema, tablename::text as "table", policyname::text as name, permissive, roles::text[] as roles, cmd, qual, with_check
from pg_catalog.pg_policies where ${notSystem('schemaname')}
order by 1, 2, 3 limit 2000`,
  cronInstalled: `select exists (select 1 from pg_catalog.pg_extension where extname = 'pg_cron') as installed`,
  cronJobs: `select jobname::text as name, schedule::text as schedule, command::text as command, active from cron.job order by jobid limit 200`,
} as const;

// Answers are checked by hand (no zod here: this runs in the content script, which stays small). Anything that does
// not have the documented shape is dropped entry by entry; the background validates the result again.
const text = (v: unknown, max: number): string | undefined => (typeof v === 'string' && v.length <= max ? v : undefined);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const rowsOf = (v: unknown): Record<string, unknown>[] | undefined => (Array.isArray(v) && v.length <= 5000 ? v.filter(isRecord) : undefined);

interface ApiLint {
  name: string;
  title: string;
  level: Level;
  categories?: string[];
  detail?: string;
  cache_key: string;
  metadata: { schema?: string; name?: string; entity?: string; policy_name?: string; roles?: string[] };
}
function apiLint(raw: unknown): ApiLint | undefined {
  if (!isRecord(raw)) return undefined;
  const name = text(raw.name, 120);
  const title = text(raw.title, 200);
  const cacheKey = text(raw.cache_key, 400);
  const level = (LEVELS as readonly unknown[]).includes(raw.level) ? (raw.level as Level) : undefined;
  if (!name || !title || !cacheKey || !level) return undefined;
  const categories = Array.isArray(raw.categories) ? raw.categories.filter((c): c is string => typeof c === 'string').slice(0, 10) : undefined;
  const m = isRecord(raw.metadata) ? raw.metadata : {};
  const roles = Array.isArray(m.roles) ? m.roles.filter((r): r is string => typeof r === 'string' && r.length <= 64).slice(0, 20) : undefined;
  const pick = (k: string, max: number) => text(m[k], max);
  return {
    name,
    title,
    level,
    ...(categories ? { categories } : {}),
    ...(text(raw.detail, 2000) ? { detail: text(raw.detail, 2000)! } : {}),
    cache_key: cacheKey,
    metadata: {
      ...(pick('schema', 64) ? { schema: pick('schema', 64)! } : {}),
      ...(pick('name', 200) ? { name: pick('name', 200)! } : {}),
      ...(pick('entity', 200) ? { entity: pick('entity', 200)! } : {}),
      ...(pick('policy_name', 200) ? { policy_name: pick('policy_name', 200)! } : {}),
      ...(roles ? { roles } : {}),
    },
  };
}

type Fetch = typeof fetch;

async function call(fetchFn: Fetch, token: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json?: unknown }> {
  const res = await fetchFn(`${MANAGEMENT_API}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
    credentials: 'omit',
    cache: 'no-store',
    redirect: 'error',
    referrerPolicy: 'no-referrer',
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!res.ok) return { status: res.status };
  const text = await res.text();
  if (text.length > MAX_BODY) return { status: res.status };
  try {
    return { status: res.status, json: JSON.parse(text) };
  } catch {
    return { status: res.status };
  }
}

const asBool = (v: unknown) => v === true || v === 't' || v === 'true';

/** PostgREST's `db_schema` ("public, graphql_public"): the exposed schemas, or undefined when not readable. */
export function exposedSchemas(v: unknown): string[] | undefined {
  const raw = isRecord(v) ? text(v.db_schema, 2000) : undefined;
  if (raw === undefined) return undefined;
  return raw
    .split(',')
    .map((x) => x.trim().replace(/^"(.*)"$/, '$1'))
    .filter((x) => x.length > 0 && x.length <= 64)
    .slice(0, 50);
}

export { sqlUnavailable };
export const SQL_UNAVAILABLE = sqlUnavailable(404);
const asStr = (v: unknown, max = 2000) => (typeof v === 'string' ? v.slice(0, max) : undefined);
const asRoles = (v: unknown): string[] => {
  if (Array.isArray(v)) return v.filter((r): r is string => typeof r === 'string').slice(0, 20);
  if (typeof v === 'string')
    return v
      .replace(/^\{|\}$/g, '')
      .split(',')
      .map((r) => r.replace(/^"|"$/g, ''))
      .filter(Boolean)
      .slice(0, 20);
  return [];
};
const COMMAND = new Set(['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'ALL']);

/**
 * Runs the deep audit for `ref`. `storage` is the dashboard's localStorage (the session lives there).
 * Returns the summary (endpoints and statuses only) and the observation, or no observation when nothing answered.
 */
export async function runDeepAudit(
  ref: string,
  deps: { storage: Pick<Storage, 'getItem'>; fetch: Fetch },
): Promise<{ summary: DeepAuditSummary; observation?: ObservationDraft }> {
  const token = readSessionToken(deps.storage);
  if (!token)
    return { summary: { ok: false, calls: [], message: 'No dashboard sign-in was found in this tab. Sign in to the Supabase dashboard and try again.' } };
  const calls: DeepAuditSummary['calls'] = [];
  const p = `/v1/projects/${encodeURIComponent(ref)}`;
  const send = async (label: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json?: unknown }> => {
    let r: { status: number; json?: unknown };
    try {
      r = await call(deps.fetch, token, method, path, body);
    } catch {
      r = { status: 0 };
    }
    calls.push({ endpoint: label, status: r.status });
    return r;
  };
  const run = async (label: string, method: 'GET' | 'POST', path: string, body?: unknown) => (await send(label, method, path, body)).json;
  const QUERY = 'POST /v1/projects/{ref}/database/query/read-only';
  // The status of the first query's own answer (the calls run in parallel: the list's order says nothing).
  let sqlStatus: number | undefined;
  const query = async (sql: string) => {
    const r = await send(QUERY, 'POST', `${p}/database/query/read-only`, { query: sql });
    sqlStatus ??= r.status;
    return r.json;
  };

  // The tables query first (with the others): a 404 there means no SQL at all on this project.
  const [advisors, buckets, postgrest, tables] = await Promise.all([
    run('GET /v1/projects/{ref}/advisors/security', 'GET', `${p}/advisors/security`),
    run('GET /v1/projects/{ref}/storage/buckets', 'GET', `${p}/storage/buckets`),
    run('GET /v1/projects/{ref}/postgrest', 'GET', `${p}/postgrest`),
    query(QUERIES.tables),
  ]);
  // 201 (what the endpoint answers on success) or 200 with a list of rows: SQL works here. Anything else (404 on some
  // projects, a refusal, an error, no answer, or no rows): the other queries are not tried, and the summary says so.
  const sqlAvailable = sqlStatus !== undefined && sqlStatus >= 200 && sqlStatus < 300 && rowsOf(tables) !== undefined;
  const [policies, cronInstalled] = sqlAvailable ? await Promise.all([query(QUERIES.policies), query(QUERIES.cronInstalled)]) : [undefined, undefined];
  const installedRows = rowsOf(cronInstalled);
  const installed = installedRows ? asBool(installedRows[0]?.installed) : undefined;
  const jobs = installed ? await query(QUERIES.cronJobs) : undefined;
  const schemas = exposedSchemas(postgrest);

  const obs: ObservationDraft = { page: 'deep-audit', source: 'api' };

  const lintList = isRecord(advisors) && Array.isArray(advisors.lints) && advisors.lints.length <= 2000 ? advisors.lints : undefined;
  if (lintList) {
    const lints: NonNullable<ObservationDraft['advisors']>['lints'] = [];
    for (const raw of lintList) {
      const l = apiLint(raw);
      if (!l || (l.categories && !l.categories.includes('SECURITY'))) continue;
      const m = l.metadata;
      const name = /^[a-z0-9_]{1,80}$/.test(l.name) ? l.name : lintNameFor(l.title);
      lints.push({
        name,
        title: l.title,
        level: l.level,
        cacheKey: l.cache_key,
        ...(m.schema ? { schema: m.schema } : {}),
        ...(m.name ? { entity: m.name } : m.entity ? { entity: m.entity } : {}),
        ...(m.policy_name ? { policy: m.policy_name } : {}),
        ...(m.roles ? { roles: m.roles } : {}),
        ...(l.detail ? { detail: l.detail.replace(/\\`/g, '`') } : {}),
      });
    }
    obs.advisors = { levels: [...LEVELS], lints };
  }

  if (Array.isArray(buckets) && buckets.length <= 1000) {
    obs.buckets = buckets.flatMap((b) => {
      if (!isRecord(b)) return [];
      const id = text(b.id, 200);
      const name = text(b.name, 200);
      return id && name && typeof b.public === 'boolean' ? [{ id, name, public: b.public }] : [];
    });
    obs.bucketsComplete = true;
  }

  const tableRows = rowsOf(tables);
  if (tableRows) {
    obs.tables = tableRows.flatMap((r) => {
      const schema = asStr(r.schema, 64);
      const name = asStr(r.name, 128);
      if (!schema || !name) return [];
      const view = r.kind === 'v' || r.kind === 'm';
      const cols = Array.isArray(r.columns) ? r.columns.filter((c): c is string => typeof c === 'string').slice(0, 300) : undefined;
      return [
        {
          schema,
          name,
          kind: view ? ('view' as const) : ('table' as const),
          rls: view ? ('unknown' as const) : asBool(r.rls) ? ('enabled' as const) : ('disabled' as const),
          // Exposed: granted to anon/authenticated and in a schema the Data API serves (unknown without db_schema).
          exposed: !asBool(r.granted)
            ? ('no' as const)
            : schemas === undefined
              ? ('unknown' as const)
              : schemas.includes(schema)
                ? ('yes' as const)
                : ('no' as const),
          ...(typeof r.policies === 'number' ? { policyCount: r.policies } : {}),
          ...(cols ? { columns: cols } : {}),
        },
      ];
    });
    obs.tablesComplete = true;
  }

  const policyRows = rowsOf(policies);
  if (policyRows) {
    obs.policies = policyRows.flatMap((r) => {
      const schema = asStr(r.schema, 64);
      const table = asStr(r.table, 128);
      const name = asStr(r.name, 128);
      const cmd = typeof r.cmd === 'string' ? r.cmd.toUpperCase() : 'unknown';
      if (!schema || !table || !name) return [];
      return [
        {
          schema,
          table,
          name,
          command: (COMMAND.has(cmd) ? cmd : 'unknown') as 'SELECT',
          roles: asRoles(r.roles),
          permissive: r.permissive !== 'RESTRICTIVE',
          using: typeof r.qual === 'string' ? r.qual.slice(0, 2000) : null,
          check: typeof r.with_check === 'string' ? r.with_check.slice(0, 2000) : null,
        },
      ];
    });
    const seen = new Map<string, { schema: string; name: string }>();
    for (const t of obs.tables ?? []) seen.set(`${t.schema}.${t.name}`, { schema: t.schema, name: t.name });
    for (const x of obs.policies) seen.set(`${x.schema}.${x.table}`, { schema: x.schema, name: x.table });
    obs.policyTables = [...seen.values()];
  }

  if (installed === false) obs.cron = { state: 'extension-off', jobs: [] };
  else if (installed) {
    const jobRows = rowsOf(jobs);
    if (jobRows) {
      const list = jobRows.flatMap((r) => {
        const name = asStr(r.name, 128) ?? '';
        const command = asStr(r.command) ?? '';
        return command || name
          ? [{ name: name || '(unnamed)', schedule: asStr(r.schedule, 64) ?? '', command, ...(typeof r.active === 'boolean' ? { active: r.active } : {}) }]
          : [];
      });
      obs.cron = list.length ? { state: 'jobs', jobs: list } : { state: 'no-jobs', jobs: [] };
    }
  }

  // Kept with the project's facts, so the saved audit says which checks did not run (not only this panel).
  if (!sqlAvailable) obs.sqlUnavailable = { status: sqlStatus ?? 0 };

  const answered = calls.some((c) => c.status >= 200 && c.status < 300);
  const denied = calls.every((c) => c.status === 401 || c.status === 403);
  return {
    summary: {
      ok: answered,
      calls,
      ...(answered
        ? sqlAvailable
          ? {}
          : { message: sqlUnavailable(sqlStatus) }
        : {
            message: denied
              ? 'Supabase refused the requests: sign in to the dashboard again (your session may have expired).'
              : 'Supabase’s Management API did not answer. Try again later.',
          }),
    },
    ...(answered ? { observation: obs } : {}),
  };
}
