/**
 * Every message between the extension's contexts, declared once and validated where it arrives
 * (a content script runs next to a page that may be hostile; treat its messages as external).
 */
import { z } from 'zod';
import type { Audit } from './audit';
import { BuilderSecretSchema } from './evidence';

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

export const ExtensionMessage = z.discriminatedUnion('type', [RunAuditMessage, BuilderSecretMessage, BuilderClearedMessage]);
export type ExtensionMessage = z.input<typeof ExtensionMessage>;

export type AuditReply =
  | { ok: true; audit: Audit }
  | { ok: false; kind: 'not-auditable' | 'error'; message: string };
