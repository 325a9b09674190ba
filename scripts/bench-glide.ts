/**
 * npm run bench:glide
 *
 * The Glide builder reader, measured in real headless Chromium against the builder fixture
 * (test/fixtures/apps/glide-builder.ts), in one run:
 * - main-thread script time on a data editor with 50 tables (12 columns × 40 rows shown) whose grid cells change
 *   every 16 ms (continuous edits): CDP Performance ScriptDuration over the load and over a steady window, with the
 *   extension vs a browser with an empty extension, and their ratio;
 * - screen settled → findings stored: from the Access screen's load event to the stored audit with the
 *   "public app" finding; and from a change on an open Access screen (Private → Public) to the audit reporting it;
 * - the headless command on a builder URL (scripts/lib/glide-settle.ts): page opened → the content script's reading
 *   settled (it includes the 2 s quiet period that defines "settled"), on a rendered and a half-rendered Access screen.
 * Prints numbers; asserts nothing.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import type { browser as WxtBrowser } from 'wxt/browser';
import { KEYS } from '../utils/storage/keys';
import { auditScope } from '../utils/platform/builders';
import { APP, builderUrl, startGlide } from '../test/fixtures/apps/glide-builder';
import { hostRules } from '../test/fixtures/apps/server';
import { ensureBuilt, launchWithExtension, type ExtensionBrowser } from './lib/browser';
import { auditThroughExtension } from './lib/headless';

declare const chrome: typeof WxtBrowser;

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    window: { type: 'string', default: '5000' },
    tables: { type: 'string', default: '50' },
    loads: { type: 'string', default: '5' },
  },
});
const RUNS = Math.max(3, Number(values.runs) || 10);
const WINDOW_MS = Number(values.window) || 5000;
const TABLES = Number(values.tables) || 50;
const LOADS = Math.max(3, Number(values.loads) || 5);
const SCOPE = auditScope(builderUrl('/data'));

const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const fmt = (xs: number[]) => `median ${q(xs, 0.5).toFixed(0)} ms · p95 ${q(xs, 0.95).toFixed(0)} ms · max ${Math.max(...xs).toFixed(0)} ms`;
const med = (xs: number[]) => q(xs, 0.5);

function emptyExtension(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'maa-empty-'));
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ manifest_version: 3, name: 'empty', version: '1', background: { service_worker: 'sw.js' } }));
  writeFileSync(path.join(dir, 'sw.js'), '');
  return dir;
}

/** Polls storage until the app's audit (created after `since`) holds `ruleId`; returns its creation time. */
async function storedAt(b: ExtensionBrowser, ruleId: string, since: number): Promise<number> {
  for (const until = Date.now() + 15_000; Date.now() < until; ) {
    const at = await b.worker.evaluate(
      async ({ key, ruleId, since }) => {
        const a = (await chrome.storage.local.get(key))[key] as { createdAt: number; findings: { ruleId: string }[] } | undefined;
        return a && a.createdAt >= since && a.findings.some((f) => f.ruleId === ruleId) ? a.createdAt : 0;
      },
      { key: KEYS.audit(SCOPE), ruleId, since },
    );
    if (at) return at;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`no stored finding ${ruleId}`);
}

async function clear(b: ExtensionBrowser) {
  await b.worker.evaluate(async (keys) => chrome.storage.local.remove(keys), [KEYS.audit(SCOPE), KEYS.glideBuilder(APP)]);
}

async function loadToStored(b: ExtensionBrowser): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    await clear(b);
    const page = await b.context.newPage();
    await page.goto(builderUrl(`/settings/privacy?run=${i}`), { waitUntil: 'load' });
    const loaded = await page.evaluate(
      () => performance.timeOrigin + (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd,
    );
    const at = await storedAt(b, 'glide-public-app', Math.floor(loaded) - 1000);
    if (i > 0) out.push(at - loaded); // the first run warms the service worker
    await page.close();
  }
  return out;
}

async function changeToStored(b: ExtensionBrowser): Promise<number[]> {
  const out: number[] = [];
  const page = await b.context.newPage();
  for (let i = 0; i < RUNS; i++) {
    await clear(b);
    await page.goto(builderUrl(`/settings/privacy?v=private&run=${i}`), { waitUntil: 'load' });
    await page.waitForTimeout(1200); // the private screen is read and filed first
    // The user switches the app to Public: the radios' aria-checked flip (what a React re-render does).
    const t0 = await page.evaluate(() => {
      const radios = [...document.querySelectorAll('[role="radio"]')].slice(0, 2);
      radios[0]!.setAttribute('aria-checked', 'true');
      radios[1]!.setAttribute('aria-checked', 'false');
      return Date.now();
    });
    out.push((await storedAt(b, 'glide-public-app', t0)) - t0);
  }
  await page.close();
  return out;
}

/** The headless command's wait on a builder URL: opened → settled reading (ms), per load; 'timeout' runs are counted apart. */
async function headlessSettle(b: ExtensionBrowser, variant: string): Promise<{ waited: number[]; timeouts: number }> {
  const waited: number[] = [];
  let timeouts = 0;
  for (let i = 0; i < LOADS; i++) {
    await clear(b);
    const r = await auditThroughExtension(b, builderUrl(`/settings/privacy?${variant}&run=h${i}`));
    if (r.glide?.outcome === 'settled') waited.push(r.glide.waitedMs);
    else timeouts++;
    await r.popup.close();
    await r.page.close();
  }
  return { waited, timeouts };
}

type Metrics = Record<string, number>;
async function meter(page: Page): Promise<() => Promise<Metrics>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return async () =>
    Object.fromEntries(((await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }).metrics.map((m) => [m.name, m.value]));
}

async function editorCost(b: ExtensionBrowser): Promise<{ load: number; steady: number }[]> {
  const out = [];
  for (let i = 0; i < LOADS + 1; i++) {
    const page = await b.context.newPage();
    const read = await meter(page);
    const a = await read();
    await page.goto(builderUrl(`/data?v=big-churn&n=${TABLES}&run=${i}`), { waitUntil: 'load' });
    await page.waitForTimeout(1500); // document_idle injection, first pass, the background's audit
    const m = await read();
    await page.waitForTimeout(WINDOW_MS);
    const z = await read();
    await page.close();
    if (i === 0) continue;
    out.push({ load: (m.ScriptDuration! - a.ScriptDuration!) * 1000, steady: (z.ScriptDuration! - m.ScriptDuration!) * 1000 });
  }
  return out;
}

const glide = await startGlide();
const rules = hostRules([glide]);
const ext = ensureBuilt();
try {
  const b = await launchWithExtension({ extensionDir: ext, hostRules: rules, insecure: true });
  let load: number[];
  let change: number[];
  let withExt: { load: number; steady: number }[];
  let headless: { waited: number[]; timeouts: number }[];
  try {
    load = await loadToStored(b);
    change = await changeToStored(b);
    headless = [await headlessSettle(b, 'v=new'), await headlessSettle(b, 'v=half-late')];
    withExt = await editorCost(b);
  } finally {
    await b.close();
  }
  const plain = await launchWithExtension({ extensionDir: emptyExtension(), hostRules: rules, insecure: true });
  let without: { load: number; steady: number }[];
  try {
    without = await editorCost(plain);
  } finally {
    await plain.close();
  }
  const w = { load: med(withExt.map((x) => x.load)), steady: med(withExt.map((x) => x.steady)) };
  const o = { load: med(without.map((x) => x.load)), steady: med(without.map((x) => x.steady)) };
  console.log(`# Glide builder reader (builder fixture, Chromium headless, ${RUNS} runs)\n`);
  console.log('| From | To | Time |');
  console.log('|---|---|---|');
  console.log(`| Access screen load event | audit with "public app" stored | ${fmt(load)} |`);
  console.log(`| Private → Public on an open Access screen | audit reporting it stored | ${fmt(change)} |`);
  for (const [name, h] of [
    ['rendered', headless[0]!],
    ['half-rendered (options after 600 ms)', headless[1]!],
  ] as const)
    console.log(
      `| headless command opens the ${name} Access screen | reading settled (incl. 2 s quiet) | ${h.waited.length ? fmt(h.waited) : 'none'}${h.timeouts ? ` · ${h.timeouts} timed out (partial)` : ''} |`,
    );
  console.log(`\n# Script time: data editor, ${TABLES} tables, 12 columns × 40 rows shown, a cell changing every 16 ms (median of ${LOADS} loads)\n`);
  console.log(`| | Script, load + 1.5 s | Script, next ${WINDOW_MS} ms |`);
  console.log('|---|---|---|');
  console.log(`| with the extension | ${w.load.toFixed(1)} ms | ${w.steady.toFixed(1)} ms |`);
  console.log(`| without | ${o.load.toFixed(1)} ms | ${o.steady.toFixed(1)} ms |`);
  console.log(`| ratio (with / without) | ${(w.load / o.load).toFixed(2)} | ${(w.steady / o.steady).toFixed(2)} |`);
  console.log(`| difference (the extension's scripts) | ${(w.load - o.load).toFixed(1)} ms | ${(w.steady - o.steady).toFixed(1)} ms |`);
} finally {
  await glide.close();
}
