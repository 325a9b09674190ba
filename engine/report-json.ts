/**
 * The JSON report, version 1 (docs/report-schema.md): what scripts and dashboards read. A superset of the command's
 * earlier `--json` output (url, partial, gaps as strings, platforms, findings with ruleId/severity/title/message/
 * fingerprint/evidence keep their names and meaning). Pure; evidence is masked (masked by the audit, and once more here).
 */
import type { Audit } from './audit-schema';
import { applyDecisions, CHECKLIST_GROUPS, CHECKLIST_ITEMS, verdict, type AcceptedRisk, type ChecklistItem } from './checklist';
import type { Finding } from './finding';
import { applyBaseline } from './report-baseline';
import { isPartial } from './report';
import { SEVERITIES, type Severity } from './severity';
import { isOverridden } from './overrides';
import { showInvisible } from '../utils/text';
import { redactSecrets } from '../utils/secrets/redact';

export const REPORT_SCHEMA = 'micro-app-auditor/report';
export const REPORT_VERSION = 1;

export interface ReportFindingV1 {
  ruleId: string;
  /** The rule's area (RULE_CATEGORIES), from the audit's rule metadata; `other` when unknown. */
  category: string;
  /** The checklist item the rule ticks (engine/checklist.ts), when known. */
  checklist?: string;
  severity: Severity;
  /** The rule's own severity, present when the organisation policy changed it (`severity` is the policy's). */
  ruleSeverity?: Severity;
  title: string;
  message: string;
  evidence: string;
  location: { kind: string; url?: string; name?: string };
  fingerprint: string;
  accepted?: { reason: string; expires: string };
}

export interface JsonReportV1 {
  schema: typeof REPORT_SCHEMA;
  version: typeof REPORT_VERSION;
  tool: { name: string; version: string };
  url: string;
  scope: string;
  context: Audit['context'];
  auditedAt: string;
  durationMs: number;
  fullAccess: boolean;
  partial: boolean;
  gaps: string[];
  platforms: { id: string; name: string; kind: string; confidence: string }[];
  summary: Record<Severity, number> & { accepted: number; blockers: number; verdict: string };
  findings: ReportFindingV1[];
  checklist: { item: string; group: string; label: string; state: string; fingerprints: string[] }[];
  errors: { ruleId: string; message: string }[];
}

export const TOOL = { name: 'Micro-App Auditor', version: '0.1.0' } as const;

const t = (s: string) => showInvisible(redactSecrets(s));

export function reportFinding(f: Finding, audit: Pick<Audit, 'rules'>, accepted?: AcceptedRisk): ReportFindingV1 {
  const meta = audit.rules?.[f.ruleId];
  return {
    ruleId: f.ruleId,
    category: meta?.category ?? 'other',
    ...(meta?.checklist ? { checklist: meta.checklist } : {}),
    severity: f.severity,
    ...(isOverridden(f) ? { ruleSeverity: f.ruleSeverity } : {}),
    title: t(f.title),
    message: t(f.message),
    evidence: t(f.evidence),
    location: { kind: f.location.kind, ...(f.location.url ? { url: t(f.location.url) } : {}), ...(f.location.name ? { name: t(f.location.name) } : {}) },
    fingerprint: f.fingerprint,
    ...(accepted ? { accepted: { reason: t(accepted.reason), expires: new Date(accepted.expiresAt).toISOString() } } : {}),
  };
}

export function toJsonReportV1(audit: Audit, o: { accepted?: readonly AcceptedRisk[]; now?: number } = {}): JsonReportV1 {
  const now = o.now ?? Date.now();
  const split = applyBaseline(audit, o.accepted ?? [], now);
  const acceptedBy = new Map(split.accepted.map((a) => [a.finding.fingerprint, a.risk]));
  const { rows } = applyDecisions(audit.checklist, audit.findings, o.accepted ?? [], [], now);
  const v = verdict(split.open, rows);
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, split.open.filter((f) => f.severity === s).length])) as Record<Severity, number>;
  return {
    schema: REPORT_SCHEMA,
    version: REPORT_VERSION,
    tool: { ...TOOL },
    url: t(audit.url),
    scope: t(audit.origin),
    context: audit.context,
    auditedAt: new Date(audit.createdAt).toISOString(),
    durationMs: audit.durationMs,
    fullAccess: audit.fullAccess,
    partial: isPartial(audit),
    gaps: audit.gaps.map((g) => t(g.message)),
    platforms: audit.platforms.map(({ id, name, kind, confidence }) => ({ id, name, kind, confidence })),
    summary: { ...counts, accepted: split.accepted.length, blockers: v.blockers, verdict: v.line },
    findings: audit.findings.map((f) => reportFinding(f, audit, acceptedBy.get(f.fingerprint))),
    checklist: rows.map((r) => ({
      item: r.item,
      group: CHECKLIST_GROUPS[CHECKLIST_ITEMS[r.item as ChecklistItem].group],
      label: r.label,
      state: r.shown,
      fingerprints: r.fingerprints,
    })),
    errors: audit.errors.map((e) => ({ ruleId: e.ruleId, message: t(e.message) })),
  };
}
