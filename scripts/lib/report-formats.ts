/**
 * The command's report formats (`--format markdown|json|sarif`, `--json` = `--format json`) and its gate with a
 * baseline: accepted findings are reported as accepted and do not fail the gate until they expire.
 */
import type { Audit } from '../../engine/audit-schema';
import type { AcceptedRisk } from '../../engine/checklist';
import type { FixGuide, Rule } from '../../engine/rule';
import { exitCodeFor, toMarkdownReport } from '../../engine/report';
import { acceptedMarkdown, applyBaseline } from '../../engine/report-baseline';
import { toJsonReportV1 } from '../../engine/report-json';
import { toSarif } from '../../engine/report-sarif';

export const FORMATS = ['markdown', 'json', 'sarif'] as const;
export type ReportFormat = (typeof FORMATS)[number];

export function parseFormat(value: string | undefined, json: boolean): ReportFormat {
  if (value === undefined) return json ? 'json' : 'markdown';
  if (!(FORMATS as readonly string[]).includes(value))
    throw new Error(`--format must be one of ${FORMATS.join(', ')} (got ${JSON.stringify(value).slice(0, 40)})`);
  if (json && value !== 'json') throw new Error('--json is --format json: give one or the other');
  return value as ReportFormat;
}

export const EXTENSION: Record<ReportFormat, string> = { markdown: 'md', json: 'json', sarif: 'sarif' };

export interface RenderOptions {
  accepted?: readonly AcceptedRisk[];
  now?: number;
}

export function renderReport(audit: Audit, format: ReportFormat, lookup: (id: string) => Rule | FixGuide | undefined, o: RenderOptions = {}): string {
  const now = o.now ?? Date.now();
  const accepted = o.accepted ?? [];
  switch (format) {
    case 'json':
      return `${JSON.stringify(toJsonReportV1(audit, { accepted, now }), null, 2)}\n`;
    case 'sarif':
      return `${JSON.stringify(toSarif(audit, lookup, { accepted, now }), null, 2)}\n`;
    case 'markdown': {
      const split = applyBaseline(audit, accepted, now);
      const md = toMarkdownReport({ ...audit, findings: split.open }, lookup);
      return split.accepted.length ? `${md.replace(/\n*$/, '\n')}\n${acceptedMarkdown(split.accepted)}` : md;
    }
  }
}

/** The gate (exitCodeFor) over the findings the baseline does not accept. */
export function gateExitCode(audit: Audit, accepted: readonly AcceptedRisk[], o: { allowPartial?: boolean; now?: number } = {}): 0 | 1 | 3 {
  const { open } = applyBaseline(audit, accepted, o.now ?? Date.now());
  return exitCodeFor({ findings: open, gaps: audit.gaps }, { ...(o.allowPartial ? { allowPartial: true } : {}) });
}
