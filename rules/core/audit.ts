/**
 * A stored audit: what the popup shows and the headless command prints. Pure data + the pure step that turns
 * Evidence into an audit. Validated when read back from storage, because storage can hold anything.
 */
import { z } from 'zod';
import { EvidenceSchema, type Evidence } from './evidence';
import { FindingSchema } from './finding';
import { runRules } from './engine';
import type { Detection, FixTarget } from './platforms';
import type { Rule } from './rule';
import { detectPlatforms, platformVars } from '../platform/detect';
import { redactSecrets } from '../secrets/redact';

export const AUDIT_VERSION = 1;
export const DEFAULT_RETENTION_DAYS = 30;

export const DetectionSchema = z.object({
  id: z.string().max(64),
  name: z.string().max(64),
  kind: z.enum(['platform', 'host']),
  confidence: z.enum(['high', 'medium', 'low']),
  signals: z.array(z.string().max(200)).max(20),
});

export const AuditSchema = z.object({
  version: z.literal(AUDIT_VERSION),
  url: z.string().max(4096),
  origin: z.string().max(4096),
  mode: z.enum(['click', 'monitor', 'headless']),
  /** A deployed app, or a builder's editor (audited from what its content script saw). */
  context: z.enum(['deployed', 'builder']).default('deployed'),
  /** True when the extension had host access (full audit); false for an activeTab-only audit. */
  fullAccess: z.boolean(),
  createdAt: z.number(),
  expiresAt: z.number(),
  durationMs: z.number(),
  platforms: z.array(DetectionSchema).max(20),
  /** Values for fix-guide deep links (e.g. Bubble app name). */
  vars: z.record(z.string(), z.string().max(200)).default({}),
  findings: z.array(FindingSchema).max(2000),
  evaluated: z.array(z.string()).max(500),
  skipped: z.array(z.string()).max(500),
  errors: z.array(z.object({ ruleId: z.string(), message: z.string().max(500) })).max(500),
  gaps: z.array(z.object({ collector: z.string(), message: z.string().max(512) })).max(50),
});
export type Audit = z.output<typeof AuditSchema>;

/** Storage key of an audit: per origin for deployed apps, per edited project for builders (see auditScope). */
export function auditKey(scope: string): string {
  return `audit:${scope}`;
}

/** The fix target guides should speak to first: a confidently detected builder, else a host, else none. */
export function primaryTarget(platforms: readonly Pick<Detection<string>, 'id' | 'kind' | 'confidence'>[]): FixTarget | undefined {
  const sure = platforms.filter((p) => p.confidence !== 'low');
  return (sure.find((p) => p.kind === 'platform') ?? sure.find((p) => p.kind === 'host'))?.id as FixTarget | undefined;
}

export interface BuildAuditOptions {
  mode: Audit['mode'];
  fullAccess: boolean;
  retentionDays: number;
  startedAt: number;
  now: number;
}

/** Validates raw evidence, detects platforms, runs the rules. Never throws on bad evidence: it reports it. */
export function buildAudit(raw: unknown, rules: readonly Rule[], o: BuildAuditOptions): Audit {
  const parsed = EvidenceSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`Collected data was malformed: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
  const evidence: Evidence = parsed.data;
  const platforms = detectPlatforms(evidence);
  const target = primaryTarget(platforms);
  const run = runRules(evidence, rules, { platforms, ...(target ? { target } : {}) });
  // Defence in depth: whatever a rule or a page put in a text, no key leaves this function unmasked.
  const r = redactSecrets;
  return {
    version: AUDIT_VERSION,
    url: r(evidence.url),
    origin: evidence.origin,
    mode: o.mode,
    context: evidence.builder ? 'builder' : 'deployed',
    fullAccess: o.fullAccess,
    createdAt: o.now,
    expiresAt: o.now + o.retentionDays * 86_400_000,
    durationMs: Math.max(0, o.now - o.startedAt),
    platforms,
    vars: platformVars(evidence),
    findings: run.findings.map((f) => ({
      ...f,
      message: r(f.message),
      evidence: r(f.evidence),
      location: { ...f.location, ...(f.location.url ? { url: r(f.location.url) } : {}), ...(f.location.name ? { name: r(f.location.name) } : {}) },
    })),
    evaluated: run.evaluated,
    skipped: run.skipped,
    errors: run.errors,
    gaps: evidence.gaps.map((g) => ({ ...g, message: r(g.message) })),
  };
}

/** A stored value read back: an audit if it is valid and not expired, otherwise undefined. */
export function readStoredAudit(raw: unknown, now: number): Audit | undefined {
  const parsed = AuditSchema.safeParse(raw);
  return parsed.success && parsed.data.expiresAt > now ? parsed.data : undefined;
}

export const SETTINGS_KEY = 'settings';
export const SettingsSchema = z.object({
  retentionDays: z.number().int().min(1).max(365).catch(DEFAULT_RETENTION_DAYS),
});
export type Settings = z.output<typeof SettingsSchema>;

/** Settings read back from storage; anything unreadable falls back to the defaults. */
export function readSettings(raw: unknown): Settings {
  // An array is an object to typeof, but not to z.object: it would throw instead of falling back.
  return SettingsSchema.parse(typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : {});
}
