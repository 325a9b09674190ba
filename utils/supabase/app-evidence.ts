/**
 * What an audit learned about the Supabase project behind a deployed app: discovered passively from the page's own
 * code and requests, and (only after consent for that origin) from the read-only exposure check.
 *
 * Safe facts only: project refs, key kinds with masked previews, table and column names, status codes and row
 * counts. Never a raw key, never a row value, never a query value. Bounded like all Evidence (a page can name
 * 5,000 tables; we keep the first SUPABASE_LIMITS.tables).
 */
import { z } from 'zod';
import { bounded, boundedList } from '../evidence/bounded';

export const SUPABASE_LIMITS = {
  projects: 10,
  /** Table names kept per project (discovery). */
  tables: 200,
  /** Tables the exposure check asks about per audit (one request each). */
  probeTables: 50,
  columns: 100,
  buckets: 100,
  /** Passive observations kept per table. */
  requestsPerTable: 5,
  keys: 10,
} as const;

export const PROJECT_REF = /^[a-z0-9]{20}$/;
/** Table names we accept from code and requests (what `.from('…')` and `/rest/v1/<table>` carry in practice). */
export const TABLE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_$ -]{0,62}$/;
/** Column names as keys of a JSON row or entries of `select=`: bounded, no control characters or quotes. */
export const COLUMN_NAME = /^[^\u0000-\u001f\u007f"'`\\,()]{1,63}$/;

const Ref = z.string().regex(PROJECT_REF);
const TableName = z.string().regex(TABLE_NAME);
const ColumnName = z.string().regex(COLUMN_NAME);
const Status = z.number().int().min(0).max(999);
const Count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/**
 * What capture.ts keeps about a request the page made to `<ref>.supabase.co/rest/v1/…` (besides the response's
 * URL without query, status and headers): the method, the column list of `select=` and whether the request carried
 * only the public key. Never the key, a token or any other query value.
 */
export const SupabaseRequestSchema = z.object({
  method: z.enum(['GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE', 'OTHER']).catch('OTHER'),
  /** `select=` column names ('*' for all); absent when the request had no select. */
  select: boundedList(ColumnName, SUPABASE_LIMITS.columns).optional(),
  /** apikey header present and Authorization absent or `Bearer <the same key>`: a logged-out visitor. */
  anonymous: z.boolean().optional(),
});
export type SupabaseRequest = z.output<typeof SupabaseRequestSchema>;

export const KEY_KINDS = ['anon-jwt', 'publishable', 'service-role-jwt', 'secret'] as const;
export type KeyKind = (typeof KEY_KINDS)[number];

/** A key the secret scanner found for this project: kind and masked preview only. */
const KeyFactSchema = z.object({
  kind: z.enum(KEY_KINDS),
  masked: bounded(64),
  fingerprint: z.string().regex(/^[0-9a-f]{8,32}$/),
});

/** One request the page itself made for a table, as observed passively (webRequest). */
const ObservedRequestSchema = z.object({
  method: z.enum(['GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE', 'OTHER']).catch('OTHER'),
  status: Status,
  /** Rows in this answer, from Content-Range (`0-4/…` is 5, an empty answer 0); absent when not sent. */
  rows: Count.optional(),
  /** Total rows matching, from Content-Range when the page asked for a count. */
  total: Count.optional(),
  select: boundedList(ColumnName, SUPABASE_LIMITS.columns).optional(),
  anonymous: z.boolean().optional(),
});
export type ObservedRequest = z.output<typeof ObservedRequestSchema>;

const TableSchema = z.object({
  name: TableName,
  /** Named in the app's code (`.from('…')`). */
  inCode: z.boolean().default(false),
  /** The page requested it (`/rest/v1/<table>`), seen in its request list or by webRequest. */
  requested: z.boolean().default(false),
  /** Column names the page's own requests asked for (select=), when not '*'. */
  selected: boundedList(ColumnName, SUPABASE_LIMITS.columns).default([]),
  requests: boundedList(ObservedRequestSchema, SUPABASE_LIMITS.requestsPerTable).default([]),
});
export type SupabaseTable = z.output<typeof TableSchema>;

export const TABLE_VERDICTS = ['readable', 'empty', 'no-grant', 'missing', 'unknown'] as const;
export type TableVerdict = (typeof TABLE_VERDICTS)[number];

/** The answer to one `GET /rest/v1/<table>?select=*&limit=1`, classified. Column names and a count, never values. */
export const ProbeTableSchema = z.object({
  name: TableName,
  verdict: z.enum(TABLE_VERDICTS),
  /** HTTP status; 0 when no answer arrived (network error, time-out, cancelled). */
  status: Status,
  /** PostgREST / Postgres error code of the answer (42501, PGRST205, 42P01, …). */
  code: z
    .string()
    .regex(/^[A-Z0-9]{2,10}$/)
    .optional(),
  /** Total rows an anonymous visitor can read (Content-Range with Prefer: count=exact). */
  count: Count.optional(),
  /** Keys of the first row returned: what an anonymous visitor can read. */
  columns: boundedList(ColumnName, SUPABASE_LIMITS.columns).optional(),
  note: bounded(200).optional(),
});
export type ProbeTable = z.output<typeof ProbeTableSchema>;

export const PROBE_STATES = ['complete', 'partial', 'cancelled', 'timed-out', 'failed'] as const;
export type ProbeState = (typeof PROBE_STATES)[number];

const BucketSchema = z.object({ id: z.string().regex(/^[\w.\- ]{1,100}$/), public: z.boolean() });

export const ProbeSchema = z.object({
  state: z.enum(PROBE_STATES),
  keyKind: z.enum(['anon-jwt', 'publishable']),
  startedAt: z.number(),
  durationMs: z.number().min(0),
  /** Requests sent to the project (all GET). */
  requests: z.number().int().min(0).max(1000),
  /** The OpenAPI root `GET /rest/v1/`: 403 since 2026-04-08 for anon/publishable keys on hosted projects. */
  openapi: z.object({ status: Status, verdict: z.enum(['locked', 'open', 'unknown']) }).optional(),
  tables: boundedList(ProbeTableSchema, SUPABASE_LIMITS.probeTables).default([]),
  /** Table names found but not asked about (over the per-audit cap, or the check stopped). */
  notChecked: z.number().int().min(0).max(100_000).default(0),
  /** `GET /storage/v1/bucket` with the public key. */
  buckets: z
    .object({
      status: Status,
      verdict: z.enum(['listed', 'empty', 'denied', 'unknown']),
      list: boundedList(BucketSchema, SUPABASE_LIMITS.buckets).default([]),
    })
    .optional(),
  /** The result is from an earlier check in this browser session (monitoring re-audits reuse it). */
  reused: z.boolean().default(false),
  note: bounded(300).optional(),
});
export type SupabaseProbe = z.output<typeof ProbeSchema>;
export type SupabaseProbeInput = z.input<typeof ProbeSchema>;

/** Why the exposure check did not run for a project. */
export const SKIP_REASONS = ['no-consent', 'no-public-key', 'not-run'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export const SupabaseProjectSchema = z.object({
  ref: Ref,
  url: bounded(256),
  keys: boundedList(KeyFactSchema, SUPABASE_LIMITS.keys).default([]),
  tables: boundedList(TableSchema, SUPABASE_LIMITS.tables).default([]),
  /** How many distinct table names were found (may exceed the list kept). */
  tablesFound: z.number().int().min(0).max(10_000_000).default(0),
  probe: ProbeSchema.optional(),
  skipped: z.enum(SKIP_REASONS).optional(),
});
export type SupabaseProject = z.output<typeof SupabaseProjectSchema>;
export type SupabaseProjectInput = z.input<typeof SupabaseProjectSchema>;

export const SupabaseAppSchema = z.object({
  projects: boundedList(SupabaseProjectSchema, SUPABASE_LIMITS.projects).default([]),
});
export type SupabaseApp = z.output<typeof SupabaseAppSchema>;
export type SupabaseAppInput = z.input<typeof SupabaseAppSchema>;

/**
 * What the stored audit keeps about Supabase for the popup (whether to offer the exposure check, how the last one
 * went). Counts and states only; findings carry the details.
 */
/** Table names an audit keeps per project for the exposure check's consent prompt. */
export const SUPABASE_AUDIT_TABLE_NAMES = 20;

export const SupabaseAuditSchema = z.object({
  projects: z
    .array(
      z.object({
        ref: Ref,
        tables: z.number().int().min(0).max(10_000_000),
        /** The first table names the check would ask about, for the consent prompt (names only; the count is `tables`). */
        tableNames: z.array(TableName).max(SUPABASE_AUDIT_TABLE_NAMES).default([]),
        /** A publishable (anon) key for the project was found: the check can run. */
        publicKey: z.boolean(),
        probe: z
          .object({ state: z.enum(PROBE_STATES), requests: z.number().int().min(0), durationMs: z.number().min(0), checkedAt: z.number(), reused: z.boolean() })
          .optional(),
        skipped: z.enum(SKIP_REASONS).optional(),
      }),
    )
    .max(SUPABASE_LIMITS.projects),
});
export type SupabaseAudit = z.output<typeof SupabaseAuditSchema>;

export function supabaseAuditSummary(app: SupabaseApp | undefined): SupabaseAudit | undefined {
  if (!app?.projects.length) return undefined;
  return {
    projects: app.projects.map((p) => ({
      ref: p.ref,
      tables: p.tablesFound,
      tableNames: p.tables.slice(0, SUPABASE_AUDIT_TABLE_NAMES).map((t) => t.name),
      publicKey: p.keys.some((k) => k.kind === 'anon-jwt' || k.kind === 'publishable'),
      ...(p.probe
        ? { probe: { state: p.probe.state, requests: p.probe.requests, durationMs: p.probe.durationMs, checkedAt: p.probe.startedAt, reused: p.probe.reused } }
        : {}),
      ...(p.skipped ? { skipped: p.skipped } : {}),
    })),
  };
}
