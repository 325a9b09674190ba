/** Reports for people and scripts (Markdown, JSON). Pure; never includes a raw secret (findings are redacted). */
import type { Audit } from './audit-schema';
import { guideForFinding } from './fix';
import type { FixGuide, Rule } from './rule';
import { SEVERITIES } from './severity';
import { codeSpan, escapeMarkdown, markdownLink, tableCell } from './report-escape';
import { showInvisible } from '../utils/text';
import type { Finding } from './finding';
import { isOverridden } from './overrides';

export interface JsonReport {
  url: string;
  /** True when the app's own scripts or page text were only partly scanned (the command exits 3 unless --allow-partial). */
  partial: boolean;
  /** What was not scanned or not checked, first: a report never reads as complete when it is not. */
  gaps: string[];
  platforms: { id: string; name: string; kind: string; confidence: string }[];
  findings: { ruleId: string; severity: string; title: string; message: string; fingerprint: string; evidence: string }[];
}

/** JSON is safe by construction (JSON.stringify); page strings still get their invisible characters shown escaped. */
export function toJsonReport(audit: Audit): JsonReport {
  const t = showInvisible;
  return {
    url: t(audit.url),
    partial: isPartial(audit),
    gaps: audit.gaps.map((g) => t(g.message)),
    platforms: audit.platforms.map(({ id, name, kind, confidence }) => ({ id, name, kind, confidence })),
    findings: audit.findings.map(({ ruleId, severity, title, message, fingerprint, evidence }) => ({
      ruleId,
      severity,
      title: t(title),
      message: t(message),
      fingerprint,
      evidence: t(evidence),
    })),
  };
}

/** A fenced block that the text cannot close: the fence is longer than any backtick run inside. */
const fence = (s: string) => {
  const text = showInvisible(s);
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const f = '`'.repeat(longest + 1);
  return `${f}\n${text}\n${f}`;
};

export function toMarkdownReport(audit: Audit, lookup: (id: string) => Rule | FixGuide | undefined): string {
  const out: string[] = [];
  const platforms = audit.platforms.length ? audit.platforms.map((p) => `${p.name}${p.confidence === 'low' ? ' (unconfirmed)' : ''}`).join(', ') : 'unknown';
  out.push(`# Micro-App Auditor report`, '');
  // What was not scanned comes first: a partial audit must not read as an all-clear.
  if (audit.gaps.length) {
    out.push(
      isPartial(audit) ? '**Incomplete audit. Not scanned or not checked:**' : '**Not checked:**',
      ...audit.gaps.map((g) => `- ${escapeMarkdown(g.message)}`),
      '',
    );
  }
  out.push(`- **URL:** ${codeSpan(audit.url)}`, `- **Platform:** ${escapeMarkdown(platforms)}`);
  out.push(`- **Audited:** ${new Date(audit.createdAt).toISOString()} (${audit.durationMs} ms, ${audit.fullAccess ? 'full' : 'quick'} audit)`);
  const counts = SEVERITIES.map((s) => `${audit.findings.filter((f) => f.severity === s).length} ${s}`).join(' · ');
  out.push(`- **Findings:** ${counts}`, '');
  if (audit.findings.length === 0) {
    out.push(`No findings: ${audit.evaluated.length} checks passed.`);
    return `${out.join('\n')}\n`;
  }
  out.push('| Severity | Finding | Where |', '|---|---|---|');
  for (const f of audit.findings) {
    const where = f.location.name ?? f.location.url ?? '';
    out.push(`| ${severityText(f)} | ${tableCell(escapeMarkdown(f.title))} | ${where ? tableCell(codeSpan(where)) : ''} |`);
  }
  out.push('');
  for (const f of audit.findings) {
    out.push(`## ${f.severity.toUpperCase()}: ${escapeMarkdown(f.title)}`, '');
    if (isOverridden(f)) out.push(`*Severity set by the organisation policy (the rule says ${f.ruleSeverity}).*`, '');
    out.push(escapeMarkdown(f.message), '', fence(f.evidence), '');
    const g = guideForFinding(f, audit, lookup);
    if (g) {
      out.push(`**Fix${g.primary.target === 'generic' ? '' : ` on ${g.primary.name}`}:** ${g.summary}`, '');
      g.primary.steps.forEach((s, i) => {
        out.push(`${i + 1}. ${s}`);
      });
      if (g.primary.deepLink) out.push('', `Settings: ${markdownLink(g.primary.deepLink)}`);
      if (g.primary.snippet) out.push('', fence(g.primary.snippet.code));
      out.push('', `Docs: ${markdownLink(g.primary.docs)}`, '');
    }
    out.push(`<sub>rule ${codeSpan(f.ruleId)} · fingerprint ${codeSpan(f.fingerprint)}</sub>`, '');
  }
  return out.join('\n');
}

/** A finding's severity for a report, saying when the organisation policy changed it (engine/overrides.ts). */
export function severityText(f: Pick<Finding, 'severity' | 'ruleSeverity'>): string {
  return isOverridden(f) ? `${f.severity} (policy; rule: ${f.ruleSeverity})` : f.severity;
}

/** The audit's own first-party scripts or page text were only partly scanned (gaps marked `partial`). */
export function isPartial(audit: Pick<Audit, 'gaps'>): boolean {
  return audit.gaps.some((g) => g.partial === true);
}

/**
 * The command's exit status: 1 a high or critical finding (it wins: the gate fails either way), 3 an incomplete
 * audit (the app's own scripts or page text only partly scanned) unless partial audits are allowed, else 0.
 */
export function exitCodeFor(audit: Pick<Audit, 'findings' | 'gaps'>, o: { allowPartial?: boolean } = {}): 0 | 1 | 3 {
  if (hasBlocking(audit)) return 1;
  return isPartial(audit) && !o.allowPartial ? 3 : 0;
}

/** Exit status for CI gates: non-zero when a high or critical finding is present. */
export function hasBlocking(audit: Pick<Audit, 'findings'>): boolean {
  return audit.findings.some((f) => f.severity === 'critical' || f.severity === 'high');
}
