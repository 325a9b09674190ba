/**
 * The command's CI features (issue 13), without a browser: report formats and the gate with a baseline, URL lists,
 * deterministic shards, bounded concurrency with a progress line, one report per app plus a summary, and merging
 * the per-app JSON reports of every shard.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { buildAudit, type Audit } from '@/engine/audit';
import { DEPLOYED_RULES, ruleById } from '@/rules';
import { toBaseline } from '@/engine/report-baseline';
import { gateExitCode, parseFormat, renderReport } from '@/scripts/lib/report-formats';
import { baselineNotes, loadBaseline } from '@/scripts/lib/baseline';
import { mergeReports, parseShard, readUrlList, reportStem, runBatch, runPool, shardOf, worstExit } from '@/scripts/lib/batch';
import { NOW, cookie, evidence } from '../helpers/evidence';

const build = (url: string, hardened = false): Audit =>
  buildAudit(
    { ...evidence(hardened ? {} : { cookies: [cookie({ name: 'sessionid', httpOnly: false, secure: false })] }), url, origin: new URL(url).origin },
    DEPLOYED_RULES,
    { mode: 'headless', fullAccess: true, retentionDays: 30, startedAt: NOW, now: NOW },
  );
const APP = build('https://app.example.com/');
const urgent = APP.findings.filter((f) => f.severity === 'high' || f.severity === 'critical');
const acceptAll = urgent.map((f) => ({
  fingerprint: f.fingerprint,
  reason: 'accepted for the demo',
  acceptedAt: NOW,
  expiresAt: NOW + 86_400_000,
  severity: f.severity,
}));

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'maa-batch-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('--format and --baseline', () => {
  it('--json stays a shorthand; an unknown format or a contradiction is refused', () => {
    expect(parseFormat(undefined, false)).toBe('markdown');
    expect(parseFormat(undefined, true)).toBe('json');
    expect(parseFormat('sarif', false)).toBe('sarif');
    expect(() => parseFormat('html', false)).toThrow(/markdown, json, sarif/);
    expect(() => parseFormat('sarif', true)).toThrow(/--json is --format json/);
  });

  it('renders each format', () => {
    expect(renderReport(APP, 'markdown', ruleById)).toMatch(/^# Micro-App Auditor report/);
    expect(JSON.parse(renderReport(APP, 'json', ruleById)).schema).toBe('micro-app-auditor/report');
    expect(JSON.parse(renderReport(APP, 'sarif', ruleById)).version).toBe('2.1.0');
  });

  it('accepted findings are reported as accepted and do not fail the gate until they expire', () => {
    expect(urgent.length).toBeGreaterThan(0);
    expect(gateExitCode(APP, [], { now: NOW })).toBe(1);
    expect(gateExitCode(APP, acceptAll, { now: NOW })).toBe(0);
    expect(gateExitCode(APP, acceptAll, { now: NOW + 2 * 86_400_000 })).toBe(1);
    const md = renderReport(APP, 'markdown', ruleById, { accepted: acceptAll, now: NOW });
    expect(md).toContain('## Accepted risks');
    expect(md).toContain('accepted for the demo');
    expect(baselineNotes(APP, acceptAll, NOW + 2 * 86_400_000)[0]).toMatch(/expired on .*: it counts again/);
  });

  it('reads the file the popup exports', () => {
    const d = tmp();
    const file = path.join(d, 'baseline.json');
    writeFileSync(file, JSON.stringify(toBaseline(acceptAll, APP.origin)));
    expect(loadBaseline(file).map((a) => a.fingerprint)).toEqual(acceptAll.map((a) => a.fingerprint));
    expect(() => loadBaseline(path.join(d, 'missing.json'))).toThrow(/Cannot read the baseline file/);
  });
});

describe('--urls and --shard', () => {
  it('reads a URL list: comments, blanks and duplicates skipped; a bad line named', () => {
    expect(readUrlList('# apps\nhttps://a.example.com/\n\nhttps://b.example.com/  # team B\nhttps://a.example.com/\n')).toEqual([
      'https://a.example.com/',
      'https://b.example.com/',
    ]);
    expect(() => readUrlList('https://a.example.com/\nftp://x/')).toThrow(/line 2: only http\(s\)/);
    expect(() => readUrlList('not a url')).toThrow(/line 1: not a URL/);
  });

  it('parses i/n', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    for (const bad of ['0/3', '4/3', '1/0', 'x', '1-2']) expect(() => parseShard(bad)).toThrow(/--shard/);
  });

  it('shards partition the list, deterministically, and adding a URL moves no other', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.webUrl(), { maxLength: 40 }), fc.integer({ min: 1, max: 6 }), fc.webUrl(), (urls, n, extra) => {
        const shards = Array.from({ length: n }, (_, i) => shardOf(urls, i + 1, n));
        expect(shards.flat().sort()).toEqual([...urls].sort());
        expect(shards.map((s) => s.length).reduce((a, b) => a + b, 0)).toBe(urls.length);
        const again = Array.from({ length: n }, (_, i) => shardOf([...urls, extra], i + 1, n).filter((u) => u !== extra || urls.includes(extra)));
        expect(again).toEqual(shards);
      }),
      { numRuns: 40 },
    );
  });

  it('runs at most `limit` at once and keeps the input order', async () => {
    let inFlight = 0;
    let most = 0;
    const seen: string[] = [];
    const out = await runPool(
      [5, 1, 4, 2, 3, 1, 1],
      3,
      async (ms) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((r) => setTimeout(r, ms));
        inFlight--;
        return ms * 10;
      },
      (done, running) => seen.push(`${done}:${running}`),
    );
    expect(most).toBe(3);
    expect(out).toEqual([50, 10, 40, 20, 30, 10, 10]);
    expect(seen).toHaveLength(7);
    expect(seen.at(-1)).toBe('7:0');
  });

  it('writes one report per app and a summary; a failed app is listed and makes the run exit 2', async () => {
    const out = tmp();
    const urls = ['https://bad.example.com/', 'https://clean.example.com/', 'https://app.example.com/'];
    const lines: string[] = [];
    const r = await runBatch({
      urls,
      concurrency: 2,
      outDir: out,
      format: 'sarif',
      accepted: [],
      lookup: ruleById,
      now: () => NOW,
      progress: (l) => lines.push(l),
      auditOne: async (u) => (u.includes('bad') ? { error: 'net::ERR_NAME_NOT_RESOLVED' } : { audit: build(u, u.includes('clean')) }),
    });
    expect(lines).toHaveLength(3);
    expect(lines.at(-1)).toMatch(/^\[3\/3\] 0 running · \d+ s · done https:\/\//);
    const files = readdirSync(out).sort();
    expect(files).toContain('summary.md');
    expect(files).toContain(`${reportStem(urls[2]!)}.json`);
    expect(files).toContain(`${reportStem(urls[2]!)}.sarif`);
    expect(files).toContain(`${reportStem(urls[0]!)}.error.json`);
    expect(r.exitCode).toBe(2);
    expect(r.outcomes.map((o) => o.exitCode)).toEqual([2, 0, 1]);
    const summary = readFileSync(path.join(out, 'summary.md'), 'utf8');
    expect(summary).toMatch(/3 apps · 1 with blockers · 1 could not be audited/);
    expect(summary).toContain('could not audit: net::ERR\\_NAME\\_NOT\\_RESOLVED');
  });

  it('--merge: the per-app JSON reports of every shard make one summary', async () => {
    const root = tmp();
    const urls = ['https://a.example.com/', 'https://b.example.com/', 'https://c.example.com/', 'https://d.example.com/'];
    const all: string[] = [];
    for (const i of [1, 2]) {
      const dir = path.join(root, `shard-${i}`);
      mkdirSync(dir);
      const mine = shardOf(urls, i, 2);
      all.push(...mine);
      await runBatch({
        urls: mine,
        concurrency: 2,
        outDir: dir,
        format: 'json',
        accepted: acceptAll,
        lookup: ruleById,
        now: () => NOW,
        auditOne: async (u) => ({ audit: build(u, u.includes('d.')) }),
      });
    }
    writeFileSync(path.join(root, 'notes.json'), '{"other": true}');
    const merged = mergeReports(root);
    expect(merged.outcomes.map((o) => o.url).sort()).toEqual([...all].sort());
    expect(merged.skipped.map((f) => path.basename(f))).toEqual(['notes.json']);
    // The baseline's fingerprints are origin-bound: only app.example.com's would match, so these still fail.
    expect(merged.exitCode).toBe(1);
    expect(merged.summary).toMatch(/4 apps/);
  });

  it('worst exit: could not run > gate failed > incomplete > pass', () => {
    expect(worstExit([0, 3, 1])).toBe(1);
    expect(worstExit([0, 3])).toBe(3);
    expect(worstExit([1, 2])).toBe(2);
    expect(worstExit([])).toBe(0);
  });
});

describe('parseCli: the issue 13 options', async () => {
  const { parseCli } = await import('../../scripts/audit');
  it('--format, --json as its shorthand, --baseline', () => {
    expect(parseCli(['https://app.example.com/']).format).toBe('markdown');
    expect(parseCli(['https://app.example.com/', '--json']).format).toBe('json');
    expect(parseCli(['https://app.example.com/', '--format', 'sarif', '--baseline', 'b.json'])).toMatchObject({ format: 'sarif', baseline: 'b.json' });
    expect(() => parseCli(['https://app.example.com/', '--format', 'xml'])).toThrow(/--format must be one of/);
  });
  it('--urls and --merge need no URL; --shard needs --urls; --concurrency is bounded', () => {
    expect(parseCli(['--urls', 'apps.txt', '--shard', '2/4', '--concurrency', '3', '--out', 'r'])).toMatchObject({
      url: '',
      urls: 'apps.txt',
      shard: '2/4',
      concurrency: 3,
      out: 'r',
    });
    expect(parseCli(['--merge', 'reports'])).toMatchObject({ merge: 'reports' });
    expect(() => parseCli(['https://app.example.com/', '--shard', '1/2'])).toThrow(/--shard splits a --urls list/);
    expect(() => parseCli(['--urls', 'a.txt', '--concurrency', '99'])).toThrow(/--concurrency/);
  });
});
