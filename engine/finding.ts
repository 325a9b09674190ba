import { z } from 'zod';
import { SEVERITIES } from './severity';
import { bounded } from '../utils/evidence/evidence';

/** A finding as stored and shown. Validated when read back from storage (storage may hold garbage). */
export const FindingSchema = z.object({
  ruleId: z.string().max(128),
  severity: z.enum(SEVERITIES),
  /** The rule's own severity, when an organisation policy changed it (engine/overrides.ts). */
  ruleSeverity: z.enum(SEVERITIES).optional(),
  title: bounded(300),
  message: bounded(2000),
  messageId: z.string().max(128),
  evidence: bounded(600),
  location: z.object({
    kind: z.enum(['header', 'cookie', 'page', 'script', 'form', 'request', 'redirect', 'builder', 'storage']),
    url: bounded(4096).optional(),
    name: bounded(512).optional(),
  }),
  fingerprint: z.string().max(64),
  vars: z.record(z.string(), bounded(512)).optional(),
});
export type Finding = z.output<typeof FindingSchema>;
