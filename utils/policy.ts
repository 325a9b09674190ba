/**
 * The organisation policy an administrator rolls out through the browser's managed storage (Chrome: enterprise
 * policy for the extension, checked against public/managed_schema.json; Firefox: policies.json "3rdparty"). Read
 * only; documented in docs/policy.md, examples in docs/examples/. Every field is optional and checked on its own: a
 * bad field is dropped with a reason (shown on the settings page), never the whole policy.
 */
import { z } from 'zod';
import { CHECKLIST_ITEM_IDS, type ChecklistItem } from '../engine/checklist';
import { SEVERITIES, type Severity } from '../engine/severity';

export const POLICY_FIELDS = {
  /** false: the active checks (Supabase exposure check and deep audit, Bubble Data API check) are off for everyone. */
  allowActiveChecks: z.boolean(),
  /** Checklist items that must pass or be confirmed before publishing: until then each counts as a blocker. */
  requiredChecklistItems: z.array(z.enum(CHECKLIST_ITEM_IDS)).max(CHECKLIST_ITEM_IDS.length),
  /** Severity by rule id or by rule category (a rule id wins), e.g. {"headers": "low", "csp-missing": "high"}. */
  severityOverrides: z.record(z.string().regex(/^[a-z0-9-]{1,128}$/), z.enum(SEVERITIES)),
  /** The longest retention a user may choose (days). */
  maxRetentionDays: z.number().int().min(1).max(365),
} as const;

export interface Policy {
  allowActiveChecks?: boolean;
  requiredChecklistItems?: ChecklistItem[];
  severityOverrides?: Record<string, Severity>;
  maxRetentionDays?: number;
}

/** The managed storage's content as a policy, with a reason for every field dropped or unknown. */
export function parsePolicy(raw: unknown): { policy: Policy; problems: string[] } {
  const policy: Policy = {};
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { policy, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { policy, problems: ['the managed policy is not an object: ignored'] };
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const schema = (POLICY_FIELDS as Record<string, z.ZodType>)[key];
    if (!schema) {
      problems.push(`unknown policy field ${JSON.stringify(key.slice(0, 60))}: ignored`);
      continue;
    }
    const p = schema.safeParse(value);
    if (p.success) (policy as Record<string, unknown>)[key] = p.data;
    else problems.push(`${key}: ${p.error.issues[0]?.message ?? 'invalid'}: ignored`);
  }
  return { policy, problems };
}

/** Reads the managed storage area; no policy (Firefox rejects when none is installed) reads as an empty one. */
export async function readPolicy(managed: { get(keys?: null): Promise<Record<string, unknown>> } | undefined): Promise<{ policy: Policy; problems: string[] }> {
  if (!managed) return { policy: {}, problems: [] };
  try {
    return parsePolicy(await managed.get(null));
  } catch {
    return { policy: {}, problems: [] };
  }
}

/** Whether the policy lets users run active checks (absent: yes, with their consent). */
export const activeChecksAllowed = (p: Policy) => p.allowActiveChecks !== false;
