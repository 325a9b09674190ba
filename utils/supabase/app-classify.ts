/**
 * Pure helpers for a deployed app's Supabase answers, following the documented behaviour
 * (shared/reference/builders.md "Deployed apps that use Supabase"; PostgREST "Pagination and Count"):
 * - `GET /rest/v1/<table>?select=*&limit=1` with the public key: `200 []` RLS on and no policy matches; `200`/`206`
 *   with rows: readable (206 Partial Content when `Prefer: count=exact` counts more rows than were sent);
 *   `401` + `{"code":"42501"}` no grant; `404` + `PGRST205` (PostgREST 12: `42P01`) no such table.
 * - `Content-Range: 0-0/120` (first row of 120), `*` + `/0` (nothing), `0-0/*` (no count asked).
 * - `GET /rest/v1/` (OpenAPI root): `403` for anon/publishable keys on hosted projects since 2026-04-08.
 * - `GET /storage/v1/bucket`: `[{id, name, public, …}]`, `[]` when no policy lets the key list buckets.
 * Everything here reads names, codes and counts; row values are never returned.
 */
import { COLUMN_NAME, SUPABASE_LIMITS, TABLE_NAME, type ProbeTable, type SupabaseProbe } from './app-evidence';
import { ownerColumn, sensitiveColumns } from './columns';

export const SUPABASE_HOST = /^([a-z0-9]{20})\.supabase\.co$/;

/** `https://<ref>.supabase.co/rest/v1/<table>` → {ref, table}; `rpc/…`, the root and odd names are not tables. */
export function restTableOf(url: string): { ref: string; table: string } | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  const ref = SUPABASE_HOST.exec(u.hostname)?.[1];
  if (!ref || u.protocol !== 'https:') return undefined;
  const m = /^\/rest\/v1\/([^/]+)\/?$/.exec(u.pathname);
  if (!m) return undefined;
  let table: string;
  try {
    table = decodeURIComponent(m[1]!);
  } catch {
    return undefined;
  }
  return isTableName(table) ? { ref, table } : undefined;
}

/** A plausible table name: our accepted shape, with a letter in it (not a date or a number), not `rpc`. */
export function isTableName(name: string): boolean {
  return TABLE_NAME.test(name) && /[A-Za-z]/.test(name) && name !== 'rpc';
}

/** `Content-Range` of a PostgREST answer: `0-4/120`, `0-0/*`, `*` + `/0`, optionally with a unit (`items 0-4/5`). */
export function parseContentRange(value: string | undefined): { rows: number; total?: number } | undefined {
  if (!value) return undefined;
  const m = /^\s*(?:[a-z]+\s+)?(?:(\d{1,15})-(\d{1,15})|\*)\s*\/\s*(\d{1,15}|\*)\s*$/i.exec(value);
  if (!m) return undefined;
  const rows = m[1] !== undefined ? Math.max(0, Number(m[2]) - Number(m[1]) + 1) : 0;
  return m[3] === '*' ? { rows } : { rows, total: Number(m[3]) };
}

/** Splits at commas outside parentheses. */
function topLevel(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) {
      out.push(list.slice(start, i));
      start = i + 1;
    }
  }
  out.push(list.slice(start));
  return out;
}

/**
 * The column names of a PostgREST `select=` value (`id,email:contact_email,meta->>x,profile:profiles(name)`):
 * aliases, casts and JSON paths are stripped; embedded resources are returned apart (they name other tables).
 * Names only: select never carries values (filters are other parameters, which we never read).
 */
export function parseSelect(select: string): { columns: string[]; embeds: string[] } {
  const columns: string[] = [];
  const embeds: string[] = [];
  for (const raw of topLevel(select.slice(0, 4096)).slice(0, SUPABASE_LIMITS.columns * 2)) {
    let item = raw.trim();
    if (!item) continue;
    const paren = item.indexOf('(');
    // alias:name — a single colon (not the `::` of a cast).
    const alias = /^([^:()]+):(?!:)(.*)$/s.exec(item);
    if (paren !== -1) {
      // profile:profiles!fk(name) → the embedded table "profiles"; count() is an aggregate, not a table.
      const head = (alias && alias[1]!.length < paren ? alias[2]! : item).split('(')[0]!.split('!')[0]!.trim();
      if (head && head !== 'count' && isTableName(head) && !embeds.includes(head)) embeds.push(head);
      continue;
    }
    if (alias) item = alias[2]!;
    item = item
      .split('::')[0]!
      .split('->')[0]!
      .trim()
      .replace(/^"(.*)"$/s, '$1');
    if (item === '*' || COLUMN_NAME.test(item)) {
      if (!columns.includes(item)) columns.push(item);
    }
    if (columns.length >= SUPABASE_LIMITS.columns) break;
  }
  return { columns, embeds };
}

/** The `role` claim of a JWT (`anon`, `service_role`, `authenticated`…), read without verifying it; undefined when not a JWT. */
export function jwtRole(token: string): string | undefined {
  const part = /^eyJ[A-Za-z0-9_-]{1,2000}\.(eyJ[A-Za-z0-9_-]{1,4000})\.[A-Za-z0-9_-]{0,2000}$/.exec(token.trim())?.[1];
  if (!part) return undefined;
  try {
    const json = JSON.parse(
      atob(
        part
          .replace(/-/g, '+')
          .replace(/_/g, '/')
          .padEnd(Math.ceil(part.length / 4) * 4, '='),
      ),
    ) as unknown;
    const role = json && typeof json === 'object' ? (json as { role?: unknown }).role : undefined;
    return typeof role === 'string' ? role.slice(0, 64) : undefined;
  } catch {
    return undefined;
  }
}

/** A key that reaches the database with elevated rights: `sb_secret_…` or a `service_role` JWT. */
const isPrivilegedKey = (key: string) => key.startsWith('sb_secret_') || jwtRole(key) === 'service_role';

/**
 * A request with only the public key, as a logged-out visitor's page sends it: `apikey` holds the public key (an
 * `sb_publishable_…` key or the anon JWT; the docs' way for the new keys is `apikey` alone) and `Authorization` is
 * absent, `Bearer <the same key>` (supabase-js) or `Bearer <an anon JWT>`. No other header is needed: plain `fetch`
 * code sends neither `x-client-info` nor `Prefer`. A secret or service_role key is not anonymous (it bypasses RLS);
 * a user's JWT as Bearer is a signed-in request. Undefined without `apikey` (not a Data API call we can judge).
 */
export function isAnonymousRequest(apikey: string | undefined, authorization: string | undefined): boolean | undefined {
  const key = apikey?.trim();
  if (!key) return undefined;
  if (isPrivilegedKey(key)) return false;
  const auth = authorization?.trim();
  if (!auth) return true;
  const bearer = /^Bearer\s+(\S+)$/i.exec(auth)?.[1];
  if (!bearer) return false;
  return bearer === key || jwtRole(bearer) === 'anon';
}

/** Keys of a JSON row that are acceptable column names, bounded. */
export function columnsOf(row: unknown): string[] | undefined {
  if (row === null || typeof row !== 'object' || Array.isArray(row)) return undefined;
  const out: string[] = [];
  for (const k in row as Record<string, unknown>) {
    if (!Object.hasOwn(row, k)) continue;
    if (COLUMN_NAME.test(k)) out.push(k);
    if (out.length >= SUPABASE_LIMITS.columns) break;
  }
  return out;
}

function parseJson(body: string | undefined): { ok: true; value: unknown } | { ok: false } {
  if (body === undefined) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    return { ok: false };
  }
}

const errorCode = (value: unknown): string | undefined => {
  const code = value !== null && typeof value === 'object' ? (value as { code?: unknown }).code : undefined;
  return typeof code === 'string' && /^[A-Z0-9]{2,10}$/.test(code) ? code : undefined;
};

/**
 * 401 + PGRST301 (a malformed JWT in `Authorization`, PostgREST error reference): the project refused how we sent
 * the key (an `sb_publishable_` key as a Bearer token), which says nothing about the table. Our request was wrong.
 */
export function isWrongRequest(a: Pick<RestAnswer, 'status' | 'body' | 'truncated'>): boolean {
  if (a.status !== 401 || a.truncated) return false;
  const json = parseJson(a.body);
  return json.ok && errorCode(json.value) === 'PGRST301';
}

export interface RestAnswer {
  /** 0 when no answer arrived. */
  status: number;
  contentRange?: string;
  /** The body as read, capped; undefined when not read. */
  body?: string;
  /** The body was longer than the cap. */
  truncated?: boolean;
  /** Why no answer arrived (time-out, network error, cancelled). */
  error?: string;
}

/**
 * Classifies the answer to `GET /rest/v1/<table>?select=*&limit=1` (with `Prefer: count=exact`). The body is
 * parsed only to count rows and read the first row's keys; the values go nowhere.
 */
export function classifyTableAnswer(table: string, a: RestAnswer): ProbeTable {
  const base = { name: table, status: a.status };
  if (a.status === 0) return { ...base, verdict: 'unknown', note: a.error ? a.error.slice(0, 200) : 'no answer' };
  const range = parseContentRange(a.contentRange);
  const json = a.truncated ? ({ ok: false } as const) : parseJson(a.body);
  if (a.status === 200 || a.status === 206) {
    if (json.ok && Array.isArray(json.value)) {
      if (json.value.length === 0) return { ...base, verdict: 'empty', ...(range?.total !== undefined ? { count: range.total } : {}) };
      const columns = columnsOf(json.value[0]);
      return {
        ...base,
        verdict: 'readable',
        ...(range?.total !== undefined ? { count: range.total } : {}),
        ...(columns ? { columns } : { note: 'rows are not JSON objects' }),
      };
    }
    // Too large or not JSON, but the range says rows came back: readable, columns unknown.
    if (range && range.rows > 0) {
      return {
        ...base,
        verdict: 'readable',
        ...(range.total !== undefined ? { count: range.total } : {}),
        note: a.truncated ? 'answer too large to read the column names' : 'answer was not JSON',
      };
    }
    return { ...base, verdict: 'unknown', note: a.truncated ? 'answer too large and without Content-Range' : 'answer was not a JSON list' };
  }
  const code = json.ok ? errorCode(json.value) : undefined;
  const withCode = code ? { code } : {};
  if ((a.status === 401 || a.status === 403) && code === '42501') return { ...base, ...withCode, verdict: 'no-grant' };
  if (a.status === 404 && (code === 'PGRST205' || code === '42P01')) return { ...base, ...withCode, verdict: 'missing' };
  if (a.status === 401 && code === 'PGRST301')
    return {
      ...base,
      ...withCode,
      verdict: 'unknown',
      note: 'our request was wrong (401 PGRST301: the key was sent as a Bearer token), not a sign of protection',
    };
  if (a.status === 401) return { ...base, ...withCode, verdict: 'unknown', note: 'the project refused the public key (401)' };
  return { ...base, ...withCode, verdict: 'unknown', note: `unexpected answer (HTTP ${a.status}${code ? ` ${code}` : ''})` };
}

/** `GET /rest/v1/` with the public key: 403 is the documented lockdown (since 2026-04-08 on hosted projects). */
export function classifyOpenApi(status: number): NonNullable<SupabaseProbe['openapi']> {
  return { status, verdict: status === 403 ? 'locked' : status === 200 ? 'open' : 'unknown' };
}

/** `GET /storage/v1/bucket` with the public key. */
export function classifyBuckets(a: RestAnswer): NonNullable<SupabaseProbe['buckets']> {
  if (a.status === 0) return { status: 0, verdict: 'unknown', list: [] };
  if (a.status === 400 || a.status === 401 || a.status === 403) return { status: a.status, verdict: 'denied', list: [] };
  const json = a.status === 200 && !a.truncated ? parseJson(a.body) : ({ ok: false } as const);
  if (!json.ok || !Array.isArray(json.value)) return { status: a.status, verdict: 'unknown', list: [] };
  const list: { id: string; public: boolean }[] = [];
  for (const b of json.value.slice(0, SUPABASE_LIMITS.buckets)) {
    if (b === null || typeof b !== 'object') continue;
    const { id, name, public: pub } = b as { id?: unknown; name?: unknown; public?: unknown };
    const bucketId = typeof id === 'string' ? id : typeof name === 'string' ? name : undefined;
    if (bucketId && /^[\w.\- ]{1,100}$/.test(bucketId) && typeof pub === 'boolean') list.push({ id: bucketId, public: pub });
  }
  return { status: 200, verdict: list.length ? 'listed' : 'empty', list };
}

/**
 * Columns that look personal or secret. Reuses the dashboard's list (splinter 0023 plus everyday personal data);
 * adds `name`-like columns of tables about people.
 */
export function personalColumns(table: string, columns: readonly string[] | undefined): string[] {
  const cols = (columns ?? []).filter((c) => c !== '*');
  const out = sensitiveColumns(cols);
  const people =
    /(^|_)(users?|profiles?|customers?|members?|contacts?|employees?|patients?|students?|leads?|accounts?|people|persons?|subscribers?|applicants?|clients?|guests?)($|_)/i.test(
      table,
    );
  for (const c of cols) {
    if (out.includes(c)) continue;
    if (/^(display_?|user_?)?name$|^username$|(^|_)(address|birth|gender|salary|nationality)($|_)/i.test(c) && (people || !/^name$/i.test(c))) out.push(c);
  }
  return out;
}

/** The column that holds the row owner's auth.users id, when evident (user_id, owner_id, a profile's id…). */
export function ownerOf(table: string, columns: readonly string[] | undefined): string | undefined {
  return columns?.length ? ownerColumn({ name: table, columns: [...columns] }) : undefined;
}
