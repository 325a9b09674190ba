/**
 * `npm run audit -- --bubble-export <file.bubble> [--json]`: audits an exported Bubble app fully offline, with the
 * same reader (utils/bubble/read.ts) and rules (BUBBLE_APP_RULES) as the editor. Exports are one line of JSON of
 * tens to over a hundred MB (reference 1a): read once, parsed once, the parsed tree dropped as soon as the bounded
 * model is read. A truncated or corrupted file gives a clear message, never a partial audit.
 */
import { applySeverityOverrides, type SeverityOverrides } from '../../engine/overrides';
import { readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildAudit, type Audit } from '../../engine/audit';
import { BUBBLE_APP_RULES, ruleById } from '../../rules';
import { exitCodeFor, toJsonReport, toMarkdownReport } from '../../engine/report';
import { readBubbleApp } from '../../utils/bubble/read';
import { APP_ID, type BubbleApp } from '../../utils/bubble/model';
import { describeParseError, exportGaps } from '../../utils/bubble/export';
import { CLI_MAX_EXPORT_BYTES, exportSizeProblem } from '../../utils/bubble/export-limits';

/** Files larger than this are refused before they are read (the largest exports reported are ~150 MB): utils/bubble/export-limits.ts. */
export const MAX_EXPORT_BYTES = CLI_MAX_EXPORT_BYTES;

export class ExportError extends Error {}

/** The app id an export's file name gives (`{appId}.bubble` as Bubble names downloads, reference 1a), if any. */
export function appIdFromName(file: string): string | undefined {
  const stem = basename(file)
    .replace(/\.bubble$/i, '')
    .replace(/\.json$/i, '')
    .toLowerCase();
  return APP_ID.test(stem) ? stem : undefined;
}

/** Reads and parses an export; throws ExportError with a message for people on any problem. */
export function readExport(file: string, appId = appIdFromName(file)): BubbleApp {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new ExportError(`Cannot read ${file}: no such file.`);
  }
  const tooLarge = exportSizeProblem(size, 'cli');
  if (tooLarge) throw new ExportError(`${file}: ${tooLarge}`);
  let root: unknown;
  {
    const text = readFileSync(file, 'utf8');
    try {
      root = JSON.parse(text);
    } catch (e) {
      throw new ExportError(`${file}: ${describeParseError(e, text.length)}`);
    }
  }
  try {
    return readBubbleApp(root, { source: 'export', ...(appId ? { appId } : {}) });
  } catch (e) {
    throw new ExportError(`${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Evidence for an export: a builder context whose only part is the app model. */
export function exportEvidence(file: string, app: BubbleApp, now: number) {
  const name = basename(file).slice(0, 200);
  return {
    url: pathToFileURL(resolve(file)).href,
    origin: `bubble-export:${app.appId ?? name}`,
    collectedAt: now,
    responses: [],
    cookies: [],
    redirect: { status: 'not-checked' as const, reason: 'offline: an exported .bubble file' },
    builder: { platform: 'bubble' as const, secrets: [], bubble: app },
    globals: {},
    gaps: exportGaps(app),
  };
}

export function auditExport(file: string, o: { now?: number; appId?: string } = {}): Audit {
  const startedAt = Date.now();
  const app = readExport(file, o.appId ?? appIdFromName(file));
  const now = o.now ?? Date.now();
  return buildAudit(exportEvidence(file, app, now), BUBBLE_APP_RULES, {
    mode: 'headless',
    fullAccess: true,
    retentionDays: 1,
    startedAt,
    now: Math.max(now, startedAt),
  });
}

/** The command line's export mode: prints the report, returns the exit code (2 when the file cannot be audited). */
export function runBubbleExport(
  file: string,
  o: { json: boolean; allowPartial?: boolean; severityOverrides?: SeverityOverrides | undefined },
  print: (s: string) => void,
): number {
  let audit: Audit;
  try {
    // At the organisation policy's severities (`--policy`, engine/overrides.ts), like every report.
    audit = applySeverityOverrides(auditExport(file), o.severityOverrides);
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  print(o.json ? `${JSON.stringify(toJsonReport(audit), null, 2)}\n` : toMarkdownReport(audit, ruleById));
  return exitCodeFor(audit, o.allowPartial ? { allowPartial: true } : {});
}
