/** Reports for people and scripts (Markdown, JSON). Pure; never includes a raw secret (findings are redacted). */
import type { Audit } from './audit-schema';
import { guideForFinding } from './fix';
import type { FixGuide, Rule } from './rule';
import { SEVERITIES } from './severity';

export interface JsonReport {
  url: string;
  platforms: { id: string; name: string; kind: string; confidence: string }[];
  findings: { ruleId: string; severity: string; title: string; message: string; fingerprint: string; evidence: string }[];
  gaps: string[];
}

export function toJsonReport(audit: Audit): JsonReport {
  return {
    url: audit.url,
    platforms: audit.platforms.map(({ id, name, kind, confidence }) => ({ id, name, kind, confidence })),
    findings: audit.findings.map(({ ruleId, severity, title, message, fingerprint, evidence }) => ({ ruleId, severity, title, message, fingerprint, evidence })),
    gaps: audit.gaps.map((g) => g.message),
  };
}

const mdCell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const fence = (s: string) => '```\n' + s.replace(/```/g, '`\u200b``') + '\n```';

export function toMarkdownReport(audit: Audit, lookup: (id: string) => Rule | FixGuide | undefined): string {
  const out: string[] = [];
  const platforms = audit.platforms.length ? audit.platforms.map((p) => `${p.name}${p.confidence === 'low' ? ' (unconfirmed)' : ''}`).join(', ') : 'unknown';
  out.push(`# Micro-App Auditor report`, '', `- **URL:** ${audit.url}`, `- **Platform:** ${platforms}`);
  out.push(`- **Audited:** ${new Date(audit.createdAt).toISOString()} (${audit.durationMs} ms, ${audit.fullAccess ? 'full' : 'quick'} audit)`);
  const counts = SEVERITIES.map((s) => `${audit.findings.filter((f) => f.severity === s).length} ${s}`).join(' · ');
  out.push(`- **Findings:** ${counts}`, '');
  if (audit.gaps.length) out.push('**Not checked:**', ...audit.gaps.map((g) => `- ${g.message}`), '');
  if (audit.findings.length === 0) {
    out.push(`No findings: ${audit.evaluated.length} checks passed.`);
    return out.join('\n') + '\n';
  }
  out.push('| Severity | Finding | Where |', '|---|---|---|');
  for (const f of audit.findings) out.push(`| ${f.severity} | ${mdCell(f.title)} | ${mdCell(f.location.name ?? f.location.url ?? '')} |`);
  out.push('');
  for (const f of audit.findings) {
    out.push(`## ${f.severity.toUpperCase()}: ${f.title}`, '', f.message, '', fence(f.evidence), '');
    const g = guideForFinding(f, audit, lookup);
    if (g) {
      out.push(`**Fix${g.primary.target === 'generic' ? '' : ` on ${g.primary.name}`}:** ${g.summary}`, '');
      g.primary.steps.forEach((s, i) => out.push(`${i + 1}. ${s}`));
      if (g.primary.deepLink) out.push('', `Settings: ${g.primary.deepLink}`);
      if (g.primary.snippet) out.push('', fence(g.primary.snippet.code));
      out.push('', `Docs: ${g.primary.docs}`, '');
    }
    out.push(`<sub>rule \`${f.ruleId}\` · fingerprint \`${f.fingerprint}\`</sub>`, '');
  }
  return out.join('\n');
}

/** Exit status for CI gates: non-zero when a high or critical finding is present. */
export function hasBlocking(audit: Pick<Audit, 'findings'>): boolean {
  return audit.findings.some((f) => f.severity === 'critical' || f.severity === 'high');
}
