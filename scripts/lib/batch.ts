/**
 * Many apps in one run: `--urls <file>` (one URL a line, `#` comments) with bounded concurrency and a progress
 * line, one report per app plus a summary table; `--shard i/n` splits the list deterministically (by a hash of each
 * URL, so adding an app does not move the others between CI jobs); `--merge <dir>` turns the per-app JSON reports
 * of every shard into one summary. The audit itself is passed in (`auditOne`), so tests run without a browser.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Audit } from '../../engine/audit-schema';
import type { AcceptedRisk } from '../../engine/checklist';
import { REPORT_SCHEMA, REPORT_VERSION, toJsonReportV1, type JsonReportV1 } from '../../engine/report-json';
import type { FixGuide, Rule } from '../../engine/rule';
import { hash64 } from '../../utils/hash';
import { EXTENSION, gateExitCode, renderReport, type ReportFormat } from './report-formats';
import { applySeverityOverrides, type SeverityOverrides } from '../../engine/overrides';

export const MAX_URLS = 10_000;

/** The URL list: one http(s) URL a line; blank lines and `#` comments skipped; duplicates once. Throws on a bad line. */
export function readUrlList(text: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) continue;
    let u: URL;
    try {
      u = new URL(line);
    } catch {
      throw new Error(`line ${i + 1}: not a URL: ${line.slice(0, 100)}`);
    }
    if (!/^https?:$/.test(u.protocol)) throw new Error(`line ${i + 1}: only http(s) URLs can be audited: ${line.slice(0, 100)}`);
    if (seen.has(u.href)) continue;
    seen.add(u.href);
    out.push(u.href);
  }
  if (out.length > MAX_URLS) throw new Error(`${out.length} URLs: at most ${MAX_URLS} in one list`);
  return out;
}

/** `i/n` (1-based) → {index, count}. */
export function parseShard(value: string): { index: number; count: number } {
  const m = /^(\d{1,4})\/(\d{1,4})$/.exec(value.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) throw new Error(`--shard must be i/n with 1 ≤ i ≤ n (got ${JSON.stringify(value).slice(0, 20)})`);
  return { index, count };
}

/** The URLs of shard `index` of `count`: by a hash of the URL, so each URL's shard never depends on the others. */
export function shardOf<T extends string>(urls: readonly T[], index: number, count: number): T[] {
  return urls.filter((u) => Number.parseInt(hash64(u).slice(0, 8), 16) % count === index - 1);
}

/** Runs `worker` over `items` with at most `limit` at once; results in input order. */
export async function runPool<T, R>(
  items: readonly T[],
  limit: number,
  worker: (item: T, i: number) => Promise<R>,
  onDone?: (done: number, running: number, item: T) => void,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let done = 0;
  let running = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      running++;
      try {
        results[i] = await worker(items[i]!, i);
      } finally {
        running--;
        done++;
        onDone?.(done, running, items[i]!);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  return results;
}

/** A file name for an app: its host and path, safe on every file system, with a short hash against collisions. */
export function reportStem(url: string): string {
  let base = url;
  try {
    const u = new URL(url);
    base = `${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    /* keep the text */
  }
  return `${
    base
      .replace(/[^a-z0-9.-]+/gi, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 80) || 'app'
  }-${hash64(url).slice(0, 6)}`;
}

export interface AppOutcome {
  url: string;
  /** The JSON report (version 1), or undefined when the audit could not run. */
  report?: JsonReportV1;
  error?: string;
  exitCode: number;
}

export interface BatchOptions {
  urls: string[];
  concurrency: number;
  outDir: string;
  format: ReportFormat;
  accepted: readonly AcceptedRisk[];
  /** The organisation policy's severity overrides (`--policy`): every report and the gate use them. */
  severityOverrides?: SeverityOverrides | undefined;
  allowPartial?: boolean;
  lookup(id: string): Rule | FixGuide | undefined;
  auditOne(url: string): Promise<{ audit?: Audit; error?: string }>;
  progress?(line: string): void;
  now?(): number;
}

/**
 * Audits every URL (bounded concurrency), writes `<stem>.json` (always: `--merge` reads them) and `<stem>.<ext>` in
 * the chosen format, then `summary.md`; returns the outcomes and the run's exit code (the worst of the apps': 2 any
 * audit could not run, else 1 any gate failed, else 3 any incomplete, else 0).
 */
export async function runBatch(o: BatchOptions): Promise<{ outcomes: AppOutcome[]; exitCode: number; summary: string }> {
  mkdirSync(o.outDir, { recursive: true });
  const started = Date.now();
  const outcomes = await runPool(
    o.urls,
    o.concurrency,
    async (url): Promise<AppOutcome> => {
      let r: { audit?: Audit; error?: string };
      try {
        r = await o.auditOne(url);
      } catch (e) {
        r = { error: e instanceof Error ? e.message : String(e) };
      }
      const stem = reportStem(url);
      if (!r.audit) {
        const failed: AppOutcome = { url, error: (r.error ?? 'unknown reason').slice(0, 500), exitCode: 2 };
        writeFileSync(
          path.join(o.outDir, `${stem}.error.json`),
          `${JSON.stringify({ schema: REPORT_SCHEMA, version: REPORT_VERSION, url, error: failed.error }, null, 2)}\n`,
        );
        return failed;
      }
      const now = o.now?.() ?? Date.now();
      const audit = applySeverityOverrides(r.audit, o.severityOverrides);
      const report = toJsonReportV1(audit, { accepted: o.accepted, now });
      writeFileSync(path.join(o.outDir, `${stem}.json`), `${JSON.stringify(report, null, 2)}\n`);
      if (o.format !== 'json')
        writeFileSync(path.join(o.outDir, `${stem}.${EXTENSION[o.format]}`), renderReport(audit, o.format, o.lookup, { accepted: o.accepted, now }));
      return { url, report, exitCode: gateExitCode(audit, o.accepted, { ...(o.allowPartial ? { allowPartial: true } : {}), now }) };
    },
    (done, running, url) => o.progress?.(`[${done}/${o.urls.length}] ${running} running · ${Math.round((Date.now() - started) / 1000)} s · done ${url}`),
  );
  const summary = summaryTable(outcomes);
  writeFileSync(path.join(o.outDir, 'summary.md'), summary);
  return { outcomes, exitCode: worstExit(outcomes.map((x) => x.exitCode)), summary };
}

/** The worst exit code: 2 (could not run) > 1 (gate failed) > 3 (incomplete) > 0. */
export function worstExit(codes: readonly number[]): number {
  for (const c of [2, 1, 3]) if (codes.includes(c)) return c;
  return 0;
}

const cell = (s: string) => s.replace(/[|\\`*_[\]<>]/g, (c) => `\\${c}`).replace(/\s+/g, ' ');

/** One Markdown table over every app, most blockers first. */
export function summaryTable(outcomes: readonly AppOutcome[]): string {
  const rows = [...outcomes].sort(
    (a, b) => (b.report?.summary.blockers ?? Number.POSITIVE_INFINITY) - (a.report?.summary.blockers ?? Number.POSITIVE_INFINITY) || a.url.localeCompare(b.url),
  );
  const ok = outcomes.filter((x) => x.report);
  const out = [
    '# Micro-App Auditor: summary',
    '',
    `${outcomes.length} app${outcomes.length === 1 ? '' : 's'} · ${ok.filter((x) => x.report!.summary.blockers > 0).length} with blockers · ${outcomes.length - ok.length} could not be audited`,
    '',
    '| App | Verdict | Critical | High | Medium | Low | Accepted | Complete | Gate |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const x of rows) {
    const s = x.report?.summary;
    out.push(
      s
        ? `| \`${x.url.replace(/`/g, '')}\` | ${cell(s.verdict)} | ${s.critical} | ${s.high} | ${s.medium} | ${s.low} | ${s.accepted} | ${x.report!.partial ? 'no' : 'yes'} | ${x.exitCode === 0 ? 'pass' : `fail (${x.exitCode})`} |`
        : `| \`${x.url.replace(/`/g, '')}\` | could not audit: ${cell(x.error ?? '')} | | | | | | | fail (2) |`,
    );
  }
  return `${out.join('\n')}\n`;
}

/** The per-app JSON reports (and error records) under `dir`, at any depth (CI artifacts land in sub-folders). */
export function mergeReports(
  dir: string,
  o: { allowPartial?: boolean } = {},
): { outcomes: AppOutcome[]; exitCode: number; summary: string; skipped: string[] } {
  const files: string[] = [];
  const walk = (d: string, depth: number) => {
    if (depth > 4) return;
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p, depth + 1);
      else if (name.endsWith('.json')) files.push(p);
    }
  };
  walk(dir, 0);
  const byUrl = new Map<string, AppOutcome>();
  const skipped: string[] = [];
  for (const f of files) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(f, 'utf8'));
    } catch {
      skipped.push(f);
      continue;
    }
    const r = raw as Partial<JsonReportV1> & { error?: unknown };
    if (r.schema !== REPORT_SCHEMA || r.version !== REPORT_VERSION || typeof r.url !== 'string') {
      skipped.push(f);
      continue;
    }
    if (typeof r.error === 'string') byUrl.set(r.url, { url: r.url, error: r.error, exitCode: 2 });
    else if (r.summary && Array.isArray(r.findings)) byUrl.set(r.url, { url: r.url, report: r as JsonReportV1, exitCode: reportExit(r as JsonReportV1, o) });
    else skipped.push(f);
  }
  const outcomes = [...byUrl.values()];
  return { outcomes, exitCode: worstExit(outcomes.map((x) => x.exitCode)), summary: summaryTable(outcomes), skipped };
}

/** The gate from a stored JSON report: accepted findings are already outside the counts. */
function reportExit(r: JsonReportV1, o: { allowPartial?: boolean }): number {
  if (r.summary.critical + r.summary.high > 0) return 1;
  return r.partial && !o.allowPartial ? 3 : 0;
}

/** The real audit of one URL for a batch: its own browser profile, access to that origin only (as the single-URL command). */
export function browserAuditOne(o: { hostRules?: string; insecure: boolean; headed: boolean; probe?: boolean; browser?: 'chromium' | 'firefox' }) {
  return async (url: string): Promise<{ audit?: Audit; error?: string }> => {
    const { ensureBuilt, grantedCopy, launchWithExtension, originPattern } = await import('./browser');
    const { auditThroughExtension, consentToProbe } = await import('./headless');
    const browser = o.browser ?? 'chromium';
    const ext = grantedCopy(ensureBuilt({ browser }), [originPattern(url)]);
    const b = await launchWithExtension({
      browser,
      extensionDir: ext.dir,
      ...(o.hostRules ? { hostRules: o.hostRules } : {}),
      insecure: o.insecure,
      headed: o.headed,
    });
    try {
      if (o.probe) await consentToProbe(b, url);
      const r = await auditThroughExtension(b, url);
      return r.audit ? { audit: r.audit } : { error: r.failure?.message ?? 'unknown reason' };
    } finally {
      await b.close();
      ext.cleanup();
    }
  };
}

export interface BatchCliOptions {
  urls?: string;
  shard?: string;
  merge?: string;
  out?: string;
  concurrency?: number;
  format: ReportFormat;
  accepted: readonly AcceptedRisk[];
  severityOverrides?: SeverityOverrides;
  allowPartial?: boolean;
  hostRules?: string;
  insecure: boolean;
  headed: boolean;
  probe?: boolean;
  browser?: 'chromium' | 'firefox';
}

/** `--urls <file> [--shard i/n] [--out <dir>] [--concurrency n]`: prints the summary, returns the run's exit code. */
export async function runUrlsCli(
  o: BatchCliOptions,
  lookup: (id: string) => Rule | FixGuide | undefined,
  print: (s: string) => void,
  log: (s: string) => void = (s) => process.stderr.write(s),
): Promise<number> {
  let urls = readUrlList(readFileSync(o.urls!, 'utf8'));
  if (o.shard) {
    const { index, count } = parseShard(o.shard);
    urls = shardOf(urls, index, count);
    log(`shard ${index}/${count}: ${urls.length} app${urls.length === 1 ? '' : 's'}\n`);
  }
  const outDir = o.out ?? 'audit-reports';
  const tty = process.stderr.isTTY === true;
  const r = await runBatch({
    urls,
    concurrency: Math.max(1, Math.min(o.concurrency ?? 2, 16)),
    outDir,
    format: o.format,
    accepted: o.accepted,
    ...(o.severityOverrides ? { severityOverrides: o.severityOverrides } : {}),
    ...(o.allowPartial ? { allowPartial: true } : {}),
    lookup,
    auditOne: browserAuditOne(o),
    // One line, rewritten in a terminal; one line per app in CI logs.
    progress: (line) => log(tty ? `\r\u001b[K${line}` : `${line}\n`),
  });
  if (tty) log('\n');
  print(r.summary);
  log(`reports in ${outDir}/ (one per app, summary.md)\n`);
  return r.exitCode;
}

/** `--merge <dir>`: one summary over the per-app JSON reports of every shard. */
export function runMergeCli(
  o: Pick<BatchCliOptions, 'merge' | 'allowPartial'>,
  print: (s: string) => void,
  log: (s: string) => void = (s) => process.stderr.write(s),
): number {
  const r = mergeReports(o.merge!, o.allowPartial ? { allowPartial: true } : {});
  if (r.skipped.length) log(`skipped ${r.skipped.length} file(s) that are not version ${REPORT_VERSION} reports\n`);
  if (!r.outcomes.length) {
    log(`no reports found under ${o.merge}\n`);
    return 2;
  }
  print(r.summary);
  return r.exitCode;
}
