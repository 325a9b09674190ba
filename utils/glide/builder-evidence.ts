/**
 * What the Glide builder content script observed for one app (go.glideapps.com/app/<appId>/…). Untrusted: built in
 * the page, validated in the background, bounded like all Evidence.
 *
 * - `GlideObservation`: what one read of one builder screen saw, sent in a `glide:observed` message; the app id is
 *   never a field of it (the background takes it from the sender's URL).
 * - `GlideBuilder`: the merged per-app picture the rules read (`Evidence.builder.glide`), see ./merge.ts.
 * A screen the reader could not read is recorded as such ('unreadable', with the anchor it missed): rules then say
 * "could not read this screen" and where to check by hand, never a verdict.
 */
import { z } from 'zod';
import { bounded, boundedList } from '../evidence/bounded';
import { ACCESS_MODES, APP_ID, GLIDE_LIMITS, GLIDE_SCREENS, SECRET_PLACES, SIGN_IN, TOKEN_SHAPES, TRI, TRIGGERS, WHO, WORKFLOW_STATES } from './constants';

export * from './constants';

/** Names as shown (any text), bounded, without control characters. */
const text = (max: number = GLIDE_LIMITS.text) => bounded(max).transform((s) => s.replace(/[\u0000-\u001f\u007f]/g, ''));

const ColumnSchema = z.object({
  name: text(),
  /** 'yes': shown as a Row Owner; 'no': its menu offered "Make Row Owner"; 'unknown': not seen. */
  rowOwner: z.enum(TRI).catch('unknown').default('unknown'),
  /** Computed columns (Template, If → Then → Else, …) cannot be row owners. */
  computed: z.enum(TRI).catch('unknown').default('unknown'),
});
export type GlideColumn = z.output<typeof ColumnSchema>;

const TableFacts = {
  name: text(),
  columns: boundedList(ColumnSchema, GLIDE_LIMITS.columns).default([]),
  /** The column list shown was the table's whole header row (not cut by scrolling). */
  columnsComplete: z.boolean().default(false),
};

const AccessFacts = {
  mode: z.enum(ACCESS_MODES).catch('unknown'),
  who: z.array(z.enum(WHO)).max(WHO.length).default([]),
  signIn: z.array(z.enum(SIGN_IN)).max(SIGN_IN.length).default([]),
  /** "Allow visitors to request access" switched on. Absent: not shown. */
  requestAccess: z.boolean().optional(),
  /** Which documented wording the screen used (old docs vs glide-code's current one). */
  wording: z.enum(['new', 'old']).optional(),
};

const SecretFacts = {
  place: z.enum(SECRET_PLACES).catch('other'),
  /** The field's visible label, e.g. "Headers", "API key", "Template". */
  field: text(120),
  provider: z.string().regex(/^[a-z0-9-]{1,64}$/),
  providerName: text(120),
  exposure: z.enum(['secret', 'publishable', 'capability', 'test']),
  severity: z.enum(['critical', 'high', 'medium', 'low', 'info']),
  masked: z.string().max(64),
  fingerprint: z.string().regex(/^[0-9a-f]{8,32}$/),
};

const WorkflowSchema = z.object({
  name: text(),
  trigger: z.enum(TRIGGERS).catch('unknown'),
  /** A step that deletes rows was shown. Absent: the steps were not on screen. */
  deletesRows: z.boolean().optional(),
  /** A webhook trigger's URL, as a hash (never the URL: it is a capability). */
  webhookHash: z
    .string()
    .regex(/^[0-9a-f]{8,32}$/)
    .optional(),
});

const FINGERPRINT = z.string().regex(/^[0-9a-f]{8,32}$/);

/**
 * The team token as the "Show API" panel showed it: its shape and, when readable, its fingerprint (the secret engine's
 * `fingerprint('glide-api-token', value)`) and masked preview. Never the token.
 */
const ApiPanelFacts = {
  shape: z.enum(TOKEN_SHAPES).catch('hidden'),
  fingerprint: FINGERPRINT.optional(),
  masked: z.string().max(64).optional(),
};

/** A token-shaped value seen in a field or cell of the app, as the fingerprint the team token would have. */
const TokenCandidateFacts = {
  fingerprint: FINGERPRINT,
  place: z.enum(SECRET_PLACES).catch('other'),
  field: text(120),
};

const ScreenStatus = z.object({
  screen: z.enum(GLIDE_SCREENS),
  status: z.enum(['read', 'unreadable']),
  /** What the reader did not find, in a few words (for "check by hand"). */
  missing: text(200).optional(),
});

// ─── one read of one screen ──────────────────────────────────────────────────────────────────────────────────────

export const GlideObservationSchema = z.object({
  screen: z.enum(GLIDE_SCREENS),
  status: z.enum(['read', 'unreadable']),
  missing: text(200).optional(),
  access: z.object(AccessFacts).optional(),
  tables: boundedList(z.object(TableFacts), GLIDE_LIMITS.tables).default([]),
  /** `tables` is every table of the app (the Data screen's full table list). */
  tablesComplete: z.boolean().default(false),
  secrets: boundedList(z.object(SecretFacts), GLIDE_LIMITS.secrets).default([]),
  workflows: z.object({ state: z.enum(WORKFLOW_STATES), items: boundedList(WorkflowSchema, GLIDE_LIMITS.workflows).default([]) }).optional(),
  /** Hashes of URLs seen in builder fields outside the Workflows screen (for "webhook URL pasted somewhere"). */
  urlHashes: boundedList(z.object({ hash: z.string().regex(/^[0-9a-f]{8,32}$/), field: text(120) }), GLIDE_LIMITS.urls).default([]),
  /** The "Show API" panel was open: how it showed the team token. */
  apiPanel: z.object(ApiPanelFacts).optional(),
  /** Token-shaped values in the app's fields and cells (fingerprints only), matched against the team token. */
  tokenCandidates: boundedList(z.object(TokenCandidateFacts), GLIDE_LIMITS.tokenCandidates).default([]),
});
export type GlideObservation = z.output<typeof GlideObservationSchema>;
export type GlideObservationInput = z.input<typeof GlideObservationSchema>;

// ─── the merged picture of one app ───────────────────────────────────────────────────────────────────────────────

const Seen = { seenAt: z.number() };

export const GlideTableSchema = z.object({ ...TableFacts, ...Seen });
export type GlideTable = z.output<typeof GlideTableSchema>;
export const GlideSecretSchema = z.object({ ...SecretFacts, ...Seen });
export type GlideSecret = z.output<typeof GlideSecretSchema>;

export const GlideBuilderSchema = z.object({
  /** From the builder URL, never from page content. */
  appId: z.string().regex(APP_ID),
  access: z.object({ ...AccessFacts, ...Seen }).optional(),
  tables: boundedList(GlideTableSchema, GLIDE_LIMITS.tables).default([]),
  secrets: boundedList(GlideSecretSchema, GLIDE_LIMITS.secrets).default([]),
  workflows: z.object({ state: z.enum(WORKFLOW_STATES), items: boundedList(WorkflowSchema, GLIDE_LIMITS.workflows).default([]), ...Seen }).optional(),
  urlHashes: boundedList(z.object({ hash: z.string().regex(/^[0-9a-f]{8,32}$/), field: text(120), ...Seen }), GLIDE_LIMITS.urls).default([]),
  /** The newest "Show API" reading (shape of the team token). */
  apiPanel: z.object({ shape: z.enum(TOKEN_SHAPES).catch('hidden'), ...Seen }).optional(),
  /** Team tokens "Show API" showed for this app's team (fingerprint and masked preview only), newest first. */
  teamTokens: boundedList(z.object({ fingerprint: FINGERPRINT, masked: z.string().max(64), ...Seen }), GLIDE_LIMITS.teamTokens).default([]),
  tokenCandidates: boundedList(z.object({ ...TokenCandidateFacts, ...Seen }), GLIDE_LIMITS.tokenCandidates).default([]),
  /** Every screen read, newest read of each (what the audit could see, and what it could not). */
  screens: boundedList(ScreenStatus.extend(Seen), GLIDE_SCREENS.length).default([]),
});
export type GlideBuilder = z.output<typeof GlideBuilderSchema>;
export type GlideBuilderInput = z.input<typeof GlideBuilderSchema>;
export type GlideWorkflow = z.output<typeof WorkflowSchema>;
export type GlideTokenCandidate = GlideBuilder['tokenCandidates'][number];

/** What a collector builds before validation (the schema's input, with its lists typed; the content script has no zod). */
export interface GlideObservationDraft {
  screen: GlideObservation['screen'];
  status: GlideObservation['status'];
  missing?: string;
  access?: z.input<typeof GlideObservationSchema>['access'];
  tables?: { name: string; columns?: { name: string; rowOwner?: GlideColumn['rowOwner']; computed?: GlideColumn['computed'] }[]; columnsComplete?: boolean }[];
  tablesComplete?: boolean;
  secrets?: Omit<GlideSecret, 'seenAt'>[];
  workflows?: { state: NonNullable<GlideObservation['workflows']>['state']; items: GlideWorkflow[] };
  urlHashes?: { hash: string; field: string }[];
  apiPanel?: { shape: NonNullable<GlideObservation['apiPanel']>['shape']; fingerprint?: string; masked?: string };
  tokenCandidates?: { fingerprint: string; place: GlideSecret['place']; field: string }[];
}
