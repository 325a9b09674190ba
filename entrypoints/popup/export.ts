/**
 * The popup's exports, loaded only when the user asks for one (the report code stays out of the popup's first
 * load): the current audit as Markdown, JSON (docs/report-schema.md) or SARIF 2.1.0, or the accepted risks as a
 * baseline file. Fix guides come from what the background stored (the popup never loads the rule catalogue).
 */
import type { Audit } from '@/engine/audit-schema';
import type { AcceptedRisk } from '@/engine/checklist';
import type { FixGuide } from '@/engine/rule';
import type { ExportFormat } from '@/components/popup-api';
import { toMarkdownReport } from '@/engine/report';
import { toJsonReportV1 } from '@/engine/report-json';
import { toSarif } from '@/engine/report-sarif';
import { acceptedMarkdown, applyBaseline, toBaseline } from '@/engine/report-baseline';

export interface ExportFile {
  name: string;
  mime: string;
  text: string;
}

/** A file name from the audited host: letters, digits, dots and dashes only. */
export function fileStem(audit: Pick<Audit, 'url' | 'createdAt'>): string {
  let host = 'audit';
  try {
    host = new URL(audit.url).host;
  } catch {
    /* keep the default */
  }
  return `micro-app-audit-${host.replace(/[^a-z0-9.-]/gi, '_').slice(0, 80)}-${new Date(audit.createdAt).toISOString().slice(0, 10)}`;
}

export function buildExport(
  format: ExportFormat,
  audit: Audit,
  accepted: readonly AcceptedRisk[],
  guides: Record<string, FixGuide>,
  now = Date.now(),
): ExportFile {
  const stem = fileStem(audit);
  const lookup = (id: string) => guides[id];
  switch (format) {
    case 'markdown': {
      const split = applyBaseline(audit, accepted, now);
      return {
        name: `${stem}.md`,
        mime: 'text/markdown',
        text: toMarkdownReport({ ...audit, findings: split.open }, lookup) + (split.accepted.length ? `\n${acceptedMarkdown(split.accepted)}` : ''),
      };
    }
    case 'json':
      return { name: `${stem}.json`, mime: 'application/json', text: `${JSON.stringify(toJsonReportV1(audit, { accepted, now }), null, 2)}\n` };
    case 'sarif':
      return { name: `${stem}.sarif`, mime: 'application/sarif+json', text: `${JSON.stringify(toSarif(audit, lookup, { accepted, now }), null, 2)}\n` };
    case 'baseline':
      return { name: `${stem}.baseline.json`, mime: 'application/json', text: `${JSON.stringify(toBaseline(accepted, audit.origin), null, 2)}\n` };
  }
}

/** Saves a file from the popup page (an object URL on a download link). */
export function download(file: ExportFile, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: file.mime }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = file.name;
  doc.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
