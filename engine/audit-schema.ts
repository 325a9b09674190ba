/**
 * An audit: what the popup shows and the headless command prints. Validated when read back from storage
 * (utils/storage), because storage can hold anything. Kept apart from buildAudit (audit.ts) so the popup loads no rule or scanner code.
 */
import { z } from 'zod';
import { FindingSchema } from './finding';
import { CHECKLIST_ITEM_IDS, MAX_ROW_FINGERPRINTS } from './checklist';
import { SupabaseAuditSchema } from '../utils/supabase/app-evidence';
import { bounded } from '../utils/evidence/bounded';

export const AUDIT_VERSION = 1;

/** Bounds of a stored audit; buildAudit (audit.ts) groups and caps to them, so an audit always fits. */
export const AUDIT_LIMITS = { url: 4096, findings: 2000, gaps: 50, gapMessage: 512, errors: 500 } as const;

export const DetectionSchema = z.object({
  id: z.string().max(64),
  name: z.string().max(64),
  kind: z.enum(['platform', 'host']),
  confidence: z.enum(['high', 'medium', 'low']),
  signals: z.array(z.string().max(200)).max(20),
});

const SnippetSchema = z.object({ language: z.string().max(32), code: z.string().max(8000), fill: z.boolean().optional() });
const PlatformFixSchema = z.object({
  steps: z.array(z.string().max(600)).max(5),
  deepLink: z.string().max(1000).optional(),
  snippet: SnippetSchema.optional(),
  docs: z.string().max(1000).optional(),
});
/** A rule's fix guide as stored for the popup (utils/storage), so it never loads the rule catalogue. */
export const FixGuideSchema = PlatformFixSchema.extend({
  summary: z.string().max(600),
  docs: z.string().max(1000),
  platforms: z.record(z.string(), PlatformFixSchema).optional(),
});

export const ChecklistRowSchema = z.object({
  item: z.enum(CHECKLIST_ITEM_IDS),
  label: z.string().max(300),
  state: z.enum(['pass', 'fail', 'unchecked']),
  failing: z.number().int().min(0),
  checked: z.number().int().min(0),
  /** The failing findings (audits stored before the grouped checklist have none). */
  fingerprints: z.array(z.string().max(64)).max(MAX_ROW_FINGERPRINTS).default([]),
});
/** Rows a stored checklist may hold: every item (engine/checklist.ts), with room for items added later. */
export const CHECKLIST_MAX_ROWS = 40;

/** Rule metadata the popup and reports need without the rule catalogue: area (category) and checklist item. */
export const RuleInfoSchema = z.object({
  category: z.string().max(32),
  checklist: z.string().max(64),
});

export const AuditSchema = z.object({
  version: z.literal(AUDIT_VERSION),
  url: bounded(AUDIT_LIMITS.url),
  origin: bounded(AUDIT_LIMITS.url),
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
  findings: z.array(FindingSchema).max(AUDIT_LIMITS.findings),
  evaluated: z.array(z.string()).max(500),
  skipped: z.array(z.string()).max(500),
  errors: z.array(z.object({ ruleId: z.string().max(128), message: bounded(500) })).max(AUDIT_LIMITS.errors),
  /** `partial`: the app's own scripts or page text were only partly scanned (see GapSchema in utils/evidence). */
  gaps: z.array(z.object({ collector: z.string().max(64), message: bounded(AUDIT_LIMITS.gapMessage), partial: z.boolean().optional() })).max(AUDIT_LIMITS.gaps),
  /** The pre-publish checklist, ticked from this audit. */
  checklist: z.array(ChecklistRowSchema).max(CHECKLIST_MAX_ROWS).default([]),
  /** Category and checklist item of the rules that ran or found something, by rule id (filters, SARIF, baselines). */
  rules: z.record(z.string().max(128), RuleInfoSchema).default({}),
  /** Deployed apps on Supabase: projects found and how the consented exposure check went (counts, no data). */
  supabase: SupabaseAuditSchema.optional(),
});
export type Audit = z.output<typeof AuditSchema>;

/** Zod-free (the popup's first paint loads it): engine/target.ts. */
export { primaryTarget } from './target';
