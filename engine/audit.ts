/** The pure step that turns Evidence into a stored Audit (schema and storage helpers: audit-schema.ts). */
import { EvidenceSchema, type Evidence } from '../utils/evidence/evidence';
import { runRules } from './engine';
import type { Rule } from './rule';
import { checklist } from './checklist';
import { detectPlatforms, platformVars } from '../utils/platform/detect';
import { redactSecrets } from '../utils/secrets/redact';
import { AUDIT_VERSION, primaryTarget, type Audit } from './audit-schema';
import { supabaseAuditSummary } from '../utils/supabase/app-evidence';

export * from './audit-schema';

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
  const supabase = supabaseAuditSummary(evidence.supabase);
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
    checklist: checklist(run, rules),
    ...(supabase ? { supabase } : {}),
  };
}

