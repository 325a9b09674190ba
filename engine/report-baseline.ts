/**
 * Baseline files: the accepted risks the popup exports and the command reads with `--baseline <file>`
 * (docs/report-schema.md, "Baseline file"). One entry per fingerprint with a reason and an expiry; a finding that
 * matches an unexpired entry at the same or a lower severity is reported as accepted and does not fail the gate.
 * Pure; the file is hostile input (validated, bounded).
 */
import { z } from 'zod';
import type { Audit } from './audit-schema';
import { isAccepted, REASON_MAX, type AcceptedRisk } from './checklist';
import type { Finding } from './finding';
import { codeSpan, escapeMarkdown, tableCell } from './report-escape';
import { SEVERITIES } from './severity';

export const BASELINE_SCHEMA = 'micro-app-auditor/baseline';
export const BASELINE_VERSION = 1;
export const BASELINE_MAX = 5000;

const EntrySchema = z.object({
  fingerprint: z.string().min(1).max(64),
  reason: z.string().trim().min(1).max(REASON_MAX),
  /** ISO 8601 date or date-time. */
  expires: z
    .string()
    .max(40)
    .refine((s) => Number.isFinite(Date.parse(s)), 'not a date'),
  /** Severity when accepted (default: critical, i.e. any severity stays accepted). */
  severity: z.enum(SEVERITIES).default('critical'),
  accepted: z.string().max(40).optional(),
  ruleId: z.string().max(128).optional(),
  title: z.string().max(300).optional(),
  scope: z.string().max(4096).optional(),
});
export type BaselineEntry = z.output<typeof EntrySchema>;

export const BaselineSchema = z.object({
  schema: z.literal(BASELINE_SCHEMA),
  version: z.literal(BASELINE_VERSION),
  accepted: z.array(EntrySchema).max(BASELINE_MAX),
});
export type Baseline = z.output<typeof BaselineSchema>;

/** The popup's export: accepted risks as a baseline file. */
export function toBaseline(risks: readonly AcceptedRisk[], scope?: string): Baseline {
  return {
    schema: BASELINE_SCHEMA,
    version: BASELINE_VERSION,
    accepted: risks.map((r) => ({
      fingerprint: r.fingerprint,
      reason: r.reason,
      expires: new Date(r.expiresAt).toISOString(),
      severity: r.severity,
      accepted: new Date(r.acceptedAt).toISOString(),
      ...(r.ruleId ? { ruleId: r.ruleId } : {}),
      ...(r.title ? { title: r.title } : {}),
      ...(scope ? { scope } : {}),
    })),
  };
}

/** Reads a baseline file's text; throws a one-line reason when it is not one. */
export function parseBaseline(text: string): AcceptedRisk[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error('The baseline file is not JSON.');
  }
  const parsed = BaselineSchema.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new Error(`The baseline file is not a version ${BASELINE_VERSION} baseline (${i ? `${i.path.join('.') || 'file'}: ${i.message}` : 'invalid'}).`);
  }
  return parsed.data.accepted.map((e) => ({
    fingerprint: e.fingerprint,
    reason: e.reason,
    expiresAt: Date.parse(e.expires),
    acceptedAt: e.accepted && Number.isFinite(Date.parse(e.accepted)) ? Date.parse(e.accepted) : 0,
    severity: e.severity,
    ...(e.ruleId ? { ruleId: e.ruleId } : {}),
    ...(e.title ? { title: e.title } : {}),
  }));
}

/** The audit's findings that stay open (count for the gate) and those accepted, with the acceptance. */
export function applyBaseline(
  audit: Pick<Audit, 'findings'>,
  accepted: readonly AcceptedRisk[],
  now: number,
): { open: Finding[]; accepted: { finding: Finding; risk: AcceptedRisk }[] } {
  const open: Finding[] = [];
  const acc: { finding: Finding; risk: AcceptedRisk }[] = [];
  for (const f of audit.findings) {
    if (isAccepted(f, accepted, now)) acc.push({ finding: f, risk: accepted.find((a) => a.fingerprint === f.fingerprint)! });
    else open.push(f);
  }
  return { open, accepted: acc };
}

/** Entries of the baseline that matched nothing or have expired (worth a line in CI logs). */
export function staleEntries(
  audit: Pick<Audit, 'findings'>,
  accepted: readonly AcceptedRisk[],
  now: number,
): { expired: AcceptedRisk[]; unmatched: AcceptedRisk[] } {
  const fps = new Set(audit.findings.map((f) => f.fingerprint));
  return {
    expired: accepted.filter((a) => a.expiresAt <= now && fps.has(a.fingerprint)),
    unmatched: accepted.filter((a) => !fps.has(a.fingerprint)),
  };
}

/** The Markdown section listing accepted findings (page strings escaped). */
export function acceptedMarkdown(accepted: readonly { finding: Finding; risk: AcceptedRisk }[]): string {
  if (!accepted.length) return '';
  const out = [
    '## Accepted risks',
    '',
    'Reported, not counted: each was accepted with a reason until its expiry.',
    '',
    '| Severity | Finding | Reason | Until | Fingerprint |',
    '|---|---|---|---|---|',
  ];
  for (const { finding: f, risk } of accepted) {
    out.push(
      `| ${f.severity} | ${tableCell(escapeMarkdown(f.title))}${f.location.name ? ` (${tableCell(codeSpan(f.location.name))})` : ''} | ${tableCell(escapeMarkdown(risk.reason))} | ${new Date(risk.expiresAt).toISOString().slice(0, 10)} | ${tableCell(codeSpan(f.fingerprint))} |`,
    );
  }
  return `${out.join('\n')}\n`;
}
