/**
 * Every message between the extension's contexts, declared once and validated where it arrives
 * (a content script runs next to a page that may be hostile; treat its messages as external).
 */
import { z } from 'zod';
import type { Audit } from '../engine/audit-schema';
import { BuilderSecretSchema } from './evidence/evidence';
import { DashboardMarkerSchema, DashboardObservationSchema } from './supabase/dashboard-evidence';
import { GlideObservationSchema } from './glide/builder-evidence';
import { DEFAULT_MAX_BYTES, type FieldMatch } from './secrets/types';

export const RunAuditMessage = z.object({
  type: z.literal('audit:run'),
  tabId: z.number().int().min(0),
  /** 'headless' only changes what is recorded; the audit path is the same. */
  mode: z.enum(['click', 'monitor', 'headless']).default('click'),
});

/** From a builder content script: a key appeared in (or left) an editor field. Untrusted: validated on arrival. */
export const BuilderSecretMessage = z.object({
  type: z.literal('builder:secret'),
  secret: BuilderSecretSchema,
});
export const BuilderClearedMessage = z.object({
  type: z.literal('builder:cleared'),
  fingerprint: z.string().regex(/^[0-9a-f]{8,32}$/),
});

/**
 * From a builder content script: load the secret engine into my frame (in-page/scanner.ts). Nothing else: the tab
 * and frame are the sender's.
 */
export const BuilderScannerMessage = z.object({ type: z.literal('builder:scanner') });

/**
 * From a builder content script: scan this field's text for keys in the background (in-page/scanner.ts
 * `scanInBackground`), so the tab never loads the engine for the field guard. Empty text wakes the service worker
 * (sent on the first focus on a field). The answer holds masked matches only (`BuilderScanReply`).
 */
export const BuilderScanMessage = z.object({
  type: z.literal('builder:scan'),
  text: z.string().max(DEFAULT_MAX_BYTES),
  field: z.string().max(200),
});

/** The background's answer to `builder:scan`, from our own service worker (the content script checks its shape). */
export type BuilderScanReply = { ok: true; matches: FieldMatch[] };

/**
 * From the Supabase dashboard content script: what one dashboard page (or the consented deep audit) showed. The
 * project is the sender's URL's, never a field of the message. Untrusted: validated on arrival.
 */
export const SupabaseObservedMessage = z.object({
  type: z.literal('supabase:observed'),
  observation: DashboardObservationSchema,
});
/**
 * From the Glide builder content script: what one builder screen showed (or that it could not be read). The app is
 * the sender's URL's, never a field of the message. Untrusted: validated on arrival.
 */
export const GlideObservedMessage = z.object({
  type: z.literal('glide:observed'),
  observation: GlideObservationSchema,
});
/** From the popup: run the read-only Management API audit in that dashboard tab (the project must have consent). */
export const SupabaseDeepAuditMessage = z.object({
  type: z.literal('supabase:deep-audit'),
  tabId: z.number().int().min(0),
});

/** From the popup: cancel the Supabase exposure check running for that tab's audit (in-flight requests are aborted). */
export const SupabaseCancelProbeMessage = z.object({
  type: z.literal('supabase:cancel-probe'),
  tabId: z.number().int().min(0),
});

export const ExtensionMessage = z.discriminatedUnion('type', [
  RunAuditMessage,
  BuilderSecretMessage,
  BuilderClearedMessage,
  BuilderScannerMessage,
  BuilderScanMessage,
  SupabaseObservedMessage,
  SupabaseDeepAuditMessage,
  SupabaseCancelProbeMessage,
  GlideObservedMessage,
]);
export type ExtensionMessage = z.input<typeof ExtensionMessage>;

export type AuditReply = { ok: true; audit: Audit } | { ok: false; kind: 'not-auditable' | 'error'; message: string };

/** The background's answer to `supabase:observed`: where the audit's findings point, for the in-page markers. */
export const SupabaseObservedReply = z.object({ ok: z.literal(true), markers: z.array(DashboardMarkerSchema).max(500) });
export type SupabaseObservedReply = z.output<typeof SupabaseObservedReply>;

/** Background → the dashboard content script (tabs.sendMessage, top frame): run the consented deep audit now. */
export const SupabaseDeepAuditRunMessage = z.object({ type: z.literal('supabase:deep-audit:run') });

/** How a deep audit went: which documented endpoints answered. Never holds the session token or response bodies. */
export const DeepAuditSummarySchema = z.object({
  ok: z.boolean(),
  calls: z.array(z.object({ endpoint: z.string().max(120), status: z.number().int().min(0).max(999) })).max(20),
  message: z.string().max(400).optional(),
});
export type DeepAuditSummary = z.output<typeof DeepAuditSummarySchema>;
export type DeepAuditReply =
  | { ok: true; summary: DeepAuditSummary; audit?: Audit }
  | { ok: false; kind: 'no-consent' | 'not-dashboard' | 'error'; message: string };
