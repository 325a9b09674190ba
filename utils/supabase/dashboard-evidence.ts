/**
 * What the Supabase dashboard content script (and the opt-in deep audit) observed for one project.
 * Untrusted: built in the page, validated in the background. Bounded like all Evidence.
 *
 * Two shapes live here:
 * - `DashboardObservation`: what one read of one dashboard page (or one deep audit) saw. Sent by the content script
 *   in a `supabase:observed` message, validated on arrival, merged per project by `mergeObservation`
 *   (utils/supabase/dashboard-merge.ts).
 * - `SupabaseDashboard`: the merged, per-project picture the rules read (`Evidence.builder.supabase`).
 * The project ref never comes from the page: the background takes it from the sender's URL.
 */
import { z } from 'zod';
import { bounded, boundedList } from '../evidence/bounded';
import { COMMANDS, LEVELS, PAGE_KINDS, REF, SOURCES, type Level, type PageKind } from './dashboard-constants';

export { COMMANDS, LEVELS, PAGE_KINDS, REF, SOURCES, type Command, type Level, type PageKind } from './dashboard-constants';

export const CRON_STATES = ['jobs', 'no-jobs', 'extension-off', 'unknown'] as const;

export const DASHBOARD_LIMITS = {
  tables: 2000,
  policies: 2000,
  buckets: 200,
  lints: 500,
  jobs: 200,
  columns: 300,
  roles: 20,
  expr: 2000,
  totalColumns: 60_000,
  totalExpr: 400_000,
} as const;

/** Postgres identifiers as shown: any text (quoted identifiers may hold anything), bounded, no control characters. */
const ident = (max: number) => bounded(max).transform((s) => s.replace(/[\u0000-\u001f\u007f]/g, ''));
const Schema = ident(64);
const Name = ident(128);

const Source = z.enum(SOURCES);
const Tri = z.enum(['yes', 'no', 'unknown']);

/** A table as seen: every fact is optional ("unknown") because each page shows only part of it. */
const TableFacts = {
  schema: Schema,
  name: Name,
  kind: z.enum(['table', 'view', 'unknown']).catch('unknown').default('unknown'),
  rls: z.enum(['enabled', 'disabled', 'unknown']).catch('unknown').default('unknown'),
  /** Reachable through the Data API by anon/authenticated (exposed schema and grants). */
  exposed: Tri.catch('unknown').default('unknown'),
  policyCount: z.number().int().min(0).max(100_000).optional(),
  columns: boundedList(ident(64), DASHBOARD_LIMITS.columns).optional(),
};

/**
 * A policy. `using`/`check` are `null` when the policy has no such clause (known) and absent when the page did not
 * show the expression (unknown): rules must tell the two apart.
 */
const PolicyFacts = {
  schema: Schema,
  table: Name,
  name: Name,
  command: z.enum(COMMANDS).catch('unknown'),
  roles: boundedList(ident(64), DASHBOARD_LIMITS.roles).default([]),
  /** The role list shown was cut ("+ 2 more"). */
  rolesTruncated: z.boolean().default(false),
  permissive: z.boolean().default(true),
  using: bounded(DASHBOARD_LIMITS.expr).nullable().optional(),
  check: bounded(DASHBOARD_LIMITS.expr).nullable().optional(),
  /** storage.objects policies only: the bucket the policy was listed under. */
  bucket: Name.optional(),
  /** The policy editor was open on this policy but its USING / WITH CHECK text could not be read: not checked. */
  exprUnread: z.boolean().optional(),
};

const BucketFacts = {
  id: Name,
  name: Name,
  public: z.boolean().optional(),
  /** A broad SELECT policy lets clients list every file (known from the advisor or the deep audit). */
  listing: z.boolean().optional(),
  /** Policies on storage.objects for this bucket, as the bucket list's "Policies" column counts them. */
  policyCount: z.number().int().min(0).max(100_000).optional(),
};

const SqlUnavailable = z.object({ status: z.number().int().min(0).max(999) });

const JobSchema = z.object({
  name: bounded(128),
  schedule: bounded(64).default(''),
  command: bounded(DASHBOARD_LIMITS.expr).default(''),
  active: z.boolean().optional(),
});
export type CronJob = z.output<typeof JobSchema>;

const CronFacts = {
  /**
   * 'extension-off': pg_cron is not enabled; 'no-jobs': enabled, empty list; 'jobs': the list below; 'unknown': the
   * page did not say (still loading, a search filter hiding every job, wording we do not know): not checked.
   */
  state: z.enum(CRON_STATES),
  jobs: boundedList(JobSchema, DASHBOARD_LIMITS.jobs).default([]),
};

const LintFacts = {
  /** splinter's lint name (rls_disabled_in_public…), or one derived from the title when the page showed only that. */
  name: z.string().regex(/^[a-z0-9_]{1,80}$/),
  title: bounded(120),
  level: z.enum(LEVELS),
  /** splinter's cache_key when known (API, or the dashboard's ?id=), else built the same way from what was shown. */
  cacheKey: bounded(300),
  schema: Schema.optional(),
  /** Table, view, bucket or function the lint is about. */
  entity: Name.optional(),
  /** Policy name, for policy lints, when known. */
  policy: Name.optional(),
  roles: boundedList(ident(64), DASHBOARD_LIMITS.roles).optional(),
  detail: bounded(600).optional(),
};

// ─── What one page read (or one deep audit) saw ──────────────────────────────────────────────────────────────────

export const ObservedTableSchema = z.object(TableFacts);
export const ObservedPolicySchema = z.object(PolicyFacts);
export const ObservedBucketSchema = z.object(BucketFacts);
export const ObservedLintSchema = z.object(LintFacts);

export const DashboardObservationSchema = z.object({
  page: z.enum(PAGE_KINDS),
  source: Source,
  /** The schema the page was showing (table list, policies), when it shows one. */
  schema: Schema.optional(),
  tables: boundedList(ObservedTableSchema, DASHBOARD_LIMITS.tables).default([]),
  /** `tables` is the complete list for `schema` (or for every schema when `schema` is absent): others were dropped. */
  tablesComplete: z.boolean().default(false),
  policies: boundedList(ObservedPolicySchema, DASHBOARD_LIMITS.policies).default([]),
  /** Tables whose whole policy list is in `policies` (a policies-page card, the deep audit). */
  policyTables: boundedList(z.object({ schema: Schema, name: Name }), DASHBOARD_LIMITS.tables).default([]),
  buckets: boundedList(ObservedBucketSchema, DASHBOARD_LIMITS.buckets).default([]),
  bucketsComplete: z.boolean().default(false),
  cron: z.object(CronFacts).optional(),
  advisors: z
    .object({
      /** Levels whose complete list was on screen (a tab of the advisor, or all levels from the API). */
      levels: z.array(z.enum(LEVELS)).max(3).default([]),
      lints: boundedList(ObservedLintSchema, DASHBOARD_LIMITS.lints).default([]),
    })
    .optional(),
  /** The deep audit only: its read-only SQL endpoint gave no rows (HTTP status; 0 = no answer). */
  sqlUnavailable: SqlUnavailable.optional(),
});
export type DashboardObservation = z.output<typeof DashboardObservationSchema>;
export type DashboardObservationInput = z.input<typeof DashboardObservationSchema>;

/** What a collector builds before validation (the schema's input, with its lists typed). */
export interface ObservationDraft {
  page: PageKind;
  source: (typeof SOURCES)[number];
  schema?: string;
  tables?: z.input<typeof ObservedTableSchema>[];
  tablesComplete?: boolean;
  policies?: z.input<typeof ObservedPolicySchema>[];
  policyTables?: { schema: string; name: string }[];
  buckets?: z.input<typeof ObservedBucketSchema>[];
  bucketsComplete?: boolean;
  cron?: { state: (typeof CRON_STATES)[number]; jobs: z.input<typeof JobSchema>[] };
  advisors?: { levels: Level[]; lints: z.input<typeof ObservedLintSchema>[] };
  sqlUnavailable?: { status: number };
}
export type ObservedTable = DashboardObservation['tables'][number];
export type ObservedPolicy = DashboardObservation['policies'][number];
export type ObservedBucket = DashboardObservation['buckets'][number];
export type ObservedLint = NonNullable<DashboardObservation['advisors']>['lints'][number];

// ─── The merged picture of one project ─────────────────────────────────────────────────────────────────────────

const Seen = { source: Source, seenAt: z.number() };

export const DashboardTableSchema = z.object({ ...TableFacts, ...Seen });
export const DashboardPolicySchema = z.object({ ...PolicyFacts, ...Seen });
export const DashboardBucketSchema = z.object({ ...BucketFacts, ...Seen });
export const DashboardLintSchema = z.object({ ...LintFacts, ...Seen });
export type DashboardTable = z.output<typeof DashboardTableSchema>;
export type DashboardPolicy = z.output<typeof DashboardPolicySchema>;
export type DashboardBucket = z.output<typeof DashboardBucketSchema>;
export type DashboardLint = z.output<typeof DashboardLintSchema>;

export const SupabaseDashboardSchema = z.object({
  /** Project ref, taken from the dashboard URL (never from page content). */
  ref: z.string().regex(REF),
  tables: boundedList(DashboardTableSchema, DASHBOARD_LIMITS.tables).default([]),
  policies: boundedList(DashboardPolicySchema, DASHBOARD_LIMITS.policies).default([]),
  buckets: boundedList(DashboardBucketSchema, DASHBOARD_LIMITS.buckets).default([]),
  cron: z.object({ ...CronFacts, ...Seen }).optional(),
  advisors: z
    .object({
      levels: z.array(z.enum(LEVELS)).max(3).default([]),
      lints: boundedList(DashboardLintSchema, DASHBOARD_LIMITS.lints).default([]),
      seenAt: z.number(),
    })
    .optional(),
  /** The latest deep audit could not run its SQL checks (utils/supabase/dashboard-constants.ts sqlUnavailable): a gap. */
  sqlUnavailable: SqlUnavailable.extend(Seen).optional(),
  /** Which dashboard pages were read, and when (what the audit could see). */
  pages: boundedList(z.object({ kind: z.enum(PAGE_KINDS), seenAt: z.number() }), PAGE_KINDS.length).default([]),
});
export type SupabaseDashboard = z.output<typeof SupabaseDashboardSchema>;
export type SupabaseDashboardInput = z.input<typeof SupabaseDashboardSchema>;

/** What the in-page markers need from the background: where a finding points, its title and severity. */
export const DashboardMarkerSchema = z.object({
  target: z.discriminatedUnion('kind', [z.object({ kind: z.literal('table'), schema: Schema, name: Name }), z.object({ kind: z.literal('bucket'), id: Name })]),
  ruleId: z.string().max(128),
  title: bounded(300),
  severity: z.enum(['critical', 'high', 'medium', 'low', 'info']),
});
export type DashboardMarker = z.output<typeof DashboardMarkerSchema>;
