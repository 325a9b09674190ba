/**
 * Every stored record's shape (zod), version and migration, declared once; keys are in ./keys.ts, reads and writes in
 * ./store.ts. Storage can hold anything (an older version, a bug, another extension's garbage): every read goes
 * through `parseRecord`, which returns a valid record, a repaired one, or nothing, always with the reason.
 */
import { z } from 'zod';
import { AuditSchema, FixGuideSchema, type Audit } from '../../engine/audit-schema';
import { CHECKLIST_ITEM_IDS, REASON_MAX, type AcceptedRisk, type Confirmation } from '../../engine/checklist';
import { SEVERITIES } from '../../engine/severity';
import { BuilderSecretSchema, HttpResponseSchema, type HttpResponse } from '../evidence/evidence';
import { SupabaseDashboardSchema } from '../supabase/dashboard-evidence';
import { GlideBuilderSchema } from '../glide/builder-evidence';
import { CONSENT_CHECKS, CONSENT_VERSION, CONSENT_VIA, consentSubject, readConsentValue, type ConsentCheck, type ConsentRecord } from './keys';

export const DEFAULT_RETENTION_DAYS = 30;

export const SettingsSchema = z.object({
  retentionDays: z.number().int().min(1).max(365),
  /** "Keep nothing after the browser closes": audits are removed when the browser starts again. Absent: false. */
  sessionOnly: z.boolean().optional(),
});
export type Settings = z.output<typeof SettingsSchema>;
export const DEFAULT_SETTINGS: Settings = { retentionDays: DEFAULT_RETENTION_DAYS };

export const StoredGuidesSchema = z.object({ catalogue: z.string(), guides: z.record(z.string(), FixGuideSchema) });
export type StoredGuides = z.output<typeof StoredGuidesSchema>;

export const BUILDER_SECRETS_MAX = 200;
export const StoredBuilderSecretSchema = BuilderSecretSchema.extend({ expiresAt: z.number() });
export const BuilderSecretsSchema = z.array(StoredBuilderSecretSchema).max(BUILDER_SECRETS_MAX);
export type StoredBuilderSecret = z.output<typeof StoredBuilderSecretSchema>;

export const ConsentSchema = z.object({
  version: z.literal(CONSENT_VERSION),
  check: z.enum(Object.keys(CONSENT_CHECKS) as [ConsentCheck, ...ConsentCheck[]]),
  subject: z.string().max(2048),
  grantedAt: z.number().finite().min(0),
  via: z.enum(CONSENT_VIA),
});

/** What a read gives: the value (possibly repaired), or nothing; `reason` says what was wrong, for the log. */
export type Parsed<T> = { value: T; reason?: string } | { value: undefined; reason: string };

const issue = (e: z.ZodError) => {
  const first = e.issues[0];
  return first ? `${first.path.join('.') || 'value'}: ${first.message}` : 'invalid';
};

/** Settings: unreadable fields are repaired to their defaults (the user's other choices are kept). */
export function parseSettings(raw: unknown): Parsed<Settings> {
  if (raw === undefined) return { value: DEFAULT_SETTINGS };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { value: DEFAULT_SETTINGS, reason: 'settings were not an object: defaults restored' };
  const r = raw as Record<string, unknown>;
  const days = SettingsSchema.shape.retentionDays.safeParse(r.retentionDays);
  const sessionOnly = SettingsSchema.shape.sessionOnly.safeParse(r.sessionOnly);
  const value: Settings = {
    retentionDays: days.success ? days.data : DEFAULT_RETENTION_DAYS,
    ...(sessionOnly.success && sessionOnly.data ? { sessionOnly: true } : {}),
  };
  const unknownKeys = Object.keys(r).filter((k) => !(k in SettingsSchema.shape));
  const problems = [
    ...(sessionOnly.success ? [] : ['sessionOnly was not a boolean: reset']),
    ...(days.success ? [] : [`retentionDays ${JSON.stringify(r.retentionDays)?.slice(0, 40)} reset to ${DEFAULT_RETENTION_DAYS}`]),
    ...(unknownKeys.length ? [`unknown keys dropped: ${unknownKeys.slice(0, 5).join(', ')}`] : []),
  ];
  return problems.length ? { value, reason: problems.join('; ') } : { value };
}

/** An audit: a valid, unexpired one, or nothing (an old version or a broken record is dropped: the next audit redoes it). */
export function parseAudit(raw: unknown, now: number): Parsed<Audit> {
  const parsed = AuditSchema.safeParse(raw);
  if (!parsed.success) {
    const version = typeof raw === 'object' && raw !== null ? (raw as { version?: unknown }).version : undefined;
    return {
      value: undefined,
      reason:
        version !== undefined && version !== AuditSchema.shape.version.value
          ? `audit of version ${String(version).slice(0, 20)} dropped`
          : `unreadable audit dropped (${issue(parsed.error)})`,
    };
  }
  return parsed.data.expiresAt > now ? { value: parsed.data } : { value: undefined, reason: 'expired audit dropped' };
}

export function parseGuides(raw: unknown): Parsed<StoredGuides> {
  const parsed = StoredGuidesSchema.safeParse(raw);
  return parsed.success ? { value: parsed.data } : { value: undefined, reason: `unreadable fix guides dropped (${issue(parsed.error)})` };
}

/** Builder secrets: each entry is checked on its own, so one bad entry does not lose the others; expired ones go. */
export function parseBuilderSecrets(raw: unknown, now: number): Parsed<StoredBuilderSecret[]> {
  if (raw === undefined) return { value: [] };
  if (!Array.isArray(raw)) return { value: [], reason: 'builder secrets were not a list: dropped' };
  const value: StoredBuilderSecret[] = [];
  let bad = 0;
  let expired = 0;
  for (const entry of raw.slice(0, BUILDER_SECRETS_MAX)) {
    const p = StoredBuilderSecretSchema.safeParse(entry);
    if (!p.success) bad++;
    else if (p.data.expiresAt <= now) expired++;
    else value.push(p.data);
  }
  const over = Math.max(0, raw.length - BUILDER_SECRETS_MAX);
  const problems = [...(bad ? [`${bad} unreadable entries dropped`] : []), ...(over ? [`${over} entries over the limit dropped`] : [])];
  return problems.length ? { value, reason: problems.join('; ') } : expired ? { value, reason: `${expired} expired entries dropped` } : { value };
}

export function parseSupabaseDashboard(raw: unknown, ref: string) {
  const parsed = SupabaseDashboardSchema.safeParse(raw);
  if (!parsed.success) return { value: undefined, reason: `unreadable dashboard record dropped (${issue(parsed.error)})` } as const;
  if (parsed.data.ref !== ref) return { value: undefined, reason: 'dashboard record filed under another project dropped' } as const;
  return { value: parsed.data } as const;
}

export function parseGlideBuilder(raw: unknown, appId: string) {
  const parsed = GlideBuilderSchema.safeParse(raw);
  if (!parsed.success) return { value: undefined, reason: `unreadable Glide builder record dropped (${issue(parsed.error)})` } as const;
  if (parsed.data.appId !== appId) return { value: undefined, reason: 'Glide builder record filed under another app dropped' } as const;
  return { value: parsed.data } as const;
}

/**
 * Consent: the current format, or an earlier one migrated (the same decision, written back in the current format).
 * The zod-free reader in ./keys.ts (used by content scripts) must agree with this schema; a test checks it.
 */
export function parseConsent(raw: unknown, check: ConsentCheck, subject: string): Parsed<ConsentRecord> & { migrated?: boolean } {
  if (raw === undefined) return { value: undefined, reason: 'none' };
  const value = readConsentValue(raw, check, subject);
  if (!value) return { value: undefined, reason: 'unreadable consent dropped' };
  const current = ConsentSchema.safeParse(raw);
  return current.success ? { value } : { value, migrated: true, reason: 'consent of an earlier version migrated' };
}

export function newConsent(check: ConsentCheck, subject: string, via: ConsentRecord['via'], now: number): ConsentRecord | undefined {
  const s = consentSubject(check, subject);
  return s ? ConsentSchema.parse({ version: CONSENT_VERSION, check, subject: s, grantedAt: now, via }) : undefined;
}

/** A tab's captured responses (storage.session): entries checked one by one, a bad one dropped, never the rest. */
export function parseCapture(raw: unknown): Parsed<HttpResponse[]> {
  if (raw === undefined) return { value: [] };
  if (!Array.isArray(raw)) return { value: [], reason: 'captured responses were not a list: dropped' };
  const value: HttpResponse[] = [];
  for (const entry of raw) {
    const p = HttpResponseSchema.safeParse(entry);
    if (p.success) value.push(p.data);
  }
  return value.length === raw.length ? { value } : { value, reason: `${raw.length - value.length} unreadable captured responses dropped` };
}

/** Accepted risks per site or project: the same entries as a baseline file (docs/report-schema.md). */
export const ACCEPTED_MAX = 500;
export const AcceptedRiskSchema = z.object({
  fingerprint: z.string().min(1).max(64),
  reason: z.string().trim().min(1).max(REASON_MAX),
  acceptedAt: z.number().finite().min(0),
  expiresAt: z.number().finite().min(0),
  severity: z.enum(SEVERITIES),
  ruleId: z.string().max(128).optional(),
  title: z.string().max(300).optional(),
});

/** Accepted risks: entries checked one by one (a bad one dropped, never the rest); expired ones go (the finding comes back). */
export function parseAccepted(raw: unknown, now: number): Parsed<AcceptedRisk[]> {
  if (raw === undefined) return { value: [] };
  if (!Array.isArray(raw)) return { value: [], reason: 'accepted risks were not a list: dropped' };
  const value: AcceptedRisk[] = [];
  let bad = 0;
  let expired = 0;
  for (const entry of raw.slice(0, ACCEPTED_MAX)) {
    const p = AcceptedRiskSchema.safeParse(entry);
    if (!p.success) bad++;
    else if (p.data.expiresAt <= now) expired++;
    else value.push(p.data);
  }
  const problems = [
    ...(bad ? [`${bad} unreadable accepted risks dropped`] : []),
    ...(expired ? [`${expired} expired accepted risks dropped`] : []),
    ...(raw.length > ACCEPTED_MAX ? [`${raw.length - ACCEPTED_MAX} over the limit dropped`] : []),
  ];
  return problems.length ? { value, reason: problems.join('; ') } : { value };
}

export const ConfirmationSchema = z.object({ item: z.enum(CHECKLIST_ITEM_IDS), confirmedAt: z.number().finite().min(0) });

/** Hand confirmations: one per item; unknown items (an item removed in a later version) are dropped. */
export function parseConfirmations(raw: unknown): Parsed<Confirmation[]> {
  if (raw === undefined) return { value: [] };
  if (!Array.isArray(raw)) return { value: [], reason: 'confirmations were not a list: dropped' };
  const seen = new Map<string, Confirmation>();
  for (const entry of raw.slice(0, CHECKLIST_ITEM_IDS.length * 2)) {
    const p = ConfirmationSchema.safeParse(entry);
    if (p.success) seen.set(p.data.item, p.data);
  }
  const value = [...seen.values()];
  return value.length === raw.length ? { value } : { value, reason: `${raw.length - value.length} unreadable or repeated confirmations dropped` };
}
