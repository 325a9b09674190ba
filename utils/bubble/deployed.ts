/**
 * What an audit learned from a deployed Bubble app's own endpoints, and how their answers are classified. Pure.
 * Facts: shared/reference/bubble-glide.md 3a (`/api/1.1/meta` shape; non-200 = APIs off), 3b (`/obj/<type>` success
 * `{"response":{"cursor","results","count","remaining"}}`, the 404 "This application does not expose a Data API"),
 * 3e (`/version-test` protected ⇒ 401 + `WWW-Authenticate: Basic`; 200 ⇒ reachable anonymously).
 * Names, statuses and counts only: record values are dropped with the body and never reach Evidence.
 */
import { z } from 'zod';
import { bounded, boundedList } from '../evidence/bounded';

export const DEPLOYED_LIMITS = {
  types: 200,
  workflows: 300,
  fields: 100,
  /** Types the consented Data API check asks about (one GET each). */
  probeTypes: 30,
} as const;

const Name = bounded(200);
const Status = z.number().int().min(0).max(999);
const Count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
/** Type names as `/meta` lists them and as they go into `/obj/<type>` (no slash, no control characters). */
export const TYPE_NAME = /^[^\u0000-\u001f\u007f/\\?#%]{1,100}$/;

export const META_STATES = ['on', 'off', 'unreadable'] as const;
export const WORKFLOW_AUTH = ['none', 'required', 'admin_only', 'unknown'] as const;

export const MetaSchema = z.object({
  status: Status,
  /** on: 200 with the documented JSON; off: any other status (the Data and Workflow APIs are off). */
  state: z.enum(META_STATES),
  /** `get`: types the Data API exposes. */
  types: boundedList(z.string().regex(TYPE_NAME), DEPLOYED_LIMITS.types).default([]),
  /** `post`: workflows exposed as public API workflows, with their `auth_unecessary` value. */
  workflows: boundedList(z.object({ endpoint: Name, method: bounded(16).default(''), auth: z.enum(WORKFLOW_AUTH) }), DEPLOYED_LIMITS.workflows).default([]),
  /** `types.<type>.fields[].id|display` (Bubble versions from ~2024). */
  typeFields: boundedList(z.object({ type: Name, fields: boundedList(Name, DEPLOYED_LIMITS.fields) }), DEPLOYED_LIMITS.types).default([]),
});
export type BubbleMeta = z.output<typeof MetaSchema>;

export const OBJ_VERDICTS = ['readable', 'empty', 'not-exposed', 'denied', 'unknown'] as const;
export const ObjAnswerSchema = z.object({
  type: Name,
  status: Status,
  verdict: z.enum(OBJ_VERDICTS),
  /** Records a logged-out visitor can list (`count` + `remaining` of the first page). */
  total: Count.optional(),
  /** Keys of the first record: what a logged-out visitor receives (values never kept). */
  fields: boundedList(Name, DEPLOYED_LIMITS.fields).optional(),
  note: bounded(200).optional(),
});
export type ObjAnswer = z.output<typeof ObjAnswerSchema>;

export const VersionTestSchema = z.object({ status: Status, verdict: z.enum(['open', 'protected', 'unknown']) });

export const PROBE_STATES = ['complete', 'partial', 'cancelled', 'timed-out', 'failed'] as const;
export const BubbleProbeSchema = z.object({
  state: z.enum(PROBE_STATES),
  startedAt: z.number(),
  durationMs: z.number().min(0),
  /** Requests sent (all GET, same origin, no credentials). */
  requests: z.number().int().min(0).max(1000),
  types: boundedList(ObjAnswerSchema, DEPLOYED_LIMITS.probeTypes).default([]),
  notChecked: z.number().int().min(0).max(100_000).default(0),
  versionTest: VersionTestSchema.optional(),
  /** A monitoring re-audit's copy of the last check of this session (no request was sent for it). */
  reused: z.boolean().default(false),
});
export type BubbleProbe = z.output<typeof BubbleProbeSchema>;

/** Added to a finding's evidence when it comes from a reused check. */
export const REUSED_NOTE = ' (result of the last check, reused by a background re-audit)';

export const BubbleDeployedSchema = z.object({
  meta: MetaSchema.optional(),
  probe: BubbleProbeSchema.optional(),
  skipped: z.enum(['no-consent', 'not-run']).optional(),
});
export type BubbleDeployed = z.output<typeof BubbleDeployedSchema>;
export type BubbleDeployedInput = z.input<typeof BubbleDeployedSchema>;

export interface Answer {
  status: number;
  body?: string;
  /** The WWW-Authenticate header. */
  authenticate?: string;
}

const parse = (text: string | undefined): unknown => {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `/api/1.1/meta`: 200 + JSON → on (with names); any other status → off (reference 3a, BPWN); 200 non-JSON → unreadable. */
export function classifyMeta(a: Answer): z.input<typeof MetaSchema> {
  if (a.status !== 200) return { status: a.status, state: 'off' };
  const j = parse(a.body);
  if (!isObj(j) || (!Array.isArray(j.get) && !Array.isArray(j.post))) return { status: a.status, state: 'unreadable' };
  const types = (Array.isArray(j.get) ? j.get : []).filter((t): t is string => typeof t === 'string' && TYPE_NAME.test(t));
  const workflows = (Array.isArray(j.post) ? j.post : []).filter(isObj).map((p) => ({
    endpoint: typeof p.endpoint === 'string' ? p.endpoint : '(unnamed)',
    method: typeof p.method === 'string' ? p.method : '',
    auth: p.auth_unecessary === true ? 'none' : p.auth_unecessary === false ? 'required' : p.auth_unecessary === 'admin_only' ? 'admin_only' : 'unknown',
  }));
  const typeFields = Object.entries(isObj(j.types) ? j.types : {}).map(([type, t]) => ({
    type,
    fields: (isObj(t) && Array.isArray(t.fields) ? t.fields : [])
      .filter(isObj)
      .map((f) => String(typeof f.display === 'string' ? f.display : (f.id ?? '')))
      .filter(Boolean),
  }));
  return { status: a.status, state: 'on', types, workflows, typeFields };
}

/** One `GET /api/1.1/obj/<type>?limit=1` as a logged-out visitor (reference 3b). */
export function classifyObj(type: string, a: Answer & { error?: string }): z.input<typeof ObjAnswerSchema> {
  if (a.status === 0) return { type, status: 0, verdict: 'unknown', note: (a.error ?? 'no answer').slice(0, 200) };
  const j = parse(a.body);
  if (a.status === 200 && isObj(j) && isObj(j.response) && Array.isArray(j.response.results)) {
    const r = j.response;
    const results = r.results as unknown[];
    // A hostile answer may name any number: counts are capped to what the stored schema holds (a safe integer).
    const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.min(Math.floor(v), Number.MAX_SAFE_INTEGER) : undefined);
    const count = n(r.count) ?? results.length;
    const remaining = n(r.remaining);
    const first = results[0];
    return {
      type,
      status: 200,
      verdict: results.length ? 'readable' : 'empty',
      ...(remaining !== undefined ? { total: Math.min(count + remaining, Number.MAX_SAFE_INTEGER) } : {}),
      ...(isObj(first) ? { fields: Object.keys(first).slice(0, DEPLOYED_LIMITS.fields) } : {}),
    };
  }
  const body = isObj(j) && isObj(j.body) ? j.body : j;
  if (a.status === 404 || (isObj(body) && body.status === 'NOT_FOUND')) return { type, status: a.status, verdict: 'not-exposed' };
  if (a.status === 401 || a.status === 403) return { type, status: a.status, verdict: 'denied' };
  return { type, status: a.status, verdict: 'unknown', note: `unexpected answer ${a.status}` };
}

/** `GET /version-test` without credentials: 401 + Basic ⇒ protected; 200 ⇒ open (reference 3e). */
export function classifyVersionTest(a: Answer): z.input<typeof VersionTestSchema> {
  if (a.status === 401 && /^\s*basic\b/i.test(a.authenticate ?? '')) return { status: 401, verdict: 'protected' };
  if (a.status === 200) return { status: 200, verdict: 'open' };
  return { status: a.status, verdict: 'unknown' };
}
