/**
 * npm run bench:supabase
 *
 * The Supabase dashboard reader, measured in real headless Chromium against the Studio fixture
 * (test/fixtures/apps/supabase-studio.ts):
 * - page settled → findings stored: from the page's load event to the audit (with the page's findings) in the
 *   extension's storage; and from a change the dashboard renders later (a table turning "Unrestricted" in an open
 *   table list) to the stored audit that reports it;
 * - main-thread cost on a table editor with 500 tables and a busy grid (a cell changes every 50 ms, like a live
 *   React grid): CDP Performance metrics (ScriptDuration, TaskDuration) over the load and over a steady window,
 *   with the extension vs a browser without it.
 * `--profile`: also a V8 CPU profile of one heavy load with the extension (CDP Profiler, page target: the content
 * script's isolated world included), printed as self time per function of extension code and per script overall.
 * Prints numbers; asserts nothing.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { KEYS } from '../utils/storage/keys';
import { REF, dash, startSupabaseStudio } from '../test/fixtures/apps/supabase-studio';
import { hostRules } from '../test/fixtures/apps/server';
import { ensureBuilt, launchWithExtension, type ExtensionBrowser } from './lib/browser';
import type { browser as WxtBrowser } from 'wxt/browser';

declare const chrome: typeof WxtBrowser;

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '15' },
    window: { type: 'string', default: '5000' },
    tables: { type: 'string', default: '500' },
    loads: { type: 'string', default: '6' },
    profile: { type: 'boolean', default: false },
    'profile-only': { type: 'boolean', default: false },
  },
});
const RUNS = Math.max(3, Number(values.runs) || 15);
const WINDOW_MS = Number(values.window) || 5000;
const TABLES = Number(values.tables) || 500;
const LOADS = Math.max(3, Number(values.loads) || 6);
const SCOPE = `https://supabase.com/dashboard/project/${REF}`;

const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const fmt = (xs: number[]) => `median ${q(xs, 0.5).toFixed(0)} ms · p95 ${q(xs, 0.95).toFixed(0)} ms · max ${Math.max(...xs).toFixed(0)} ms`;
const fmt1 = (xs: number[]) => `${q(xs, 0.5).toFixed(1)} ms (min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)})`;

function emptyExtension(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'maa-empty-'));
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ manifest_version: 3, name: 'empty', version: '1', background: { service_worker: 'sw.js' } }));
  writeFileSync(path.join(dir, 'sw.js'), '');
  return dir;
}

async function clearStore(b: ExtensionBrowser) {
  await b.worker.evaluate(async (keys) => chrome.storage.local.remove(keys), [KEYS.audit(SCOPE), KEYS.supabaseDashboard(REF)]);
}

/** Polls the extension's storage until the project's audit holds a finding matching `ruleId` and `needle`. */
async function storedAt(b: ExtensionBrowser, ruleId: string, needle: string, since: number): Promise<number> {
  for (const until = Date.now() + 15_000; Date.now() < until; ) {
    const at = await b.worker.evaluate(
      async ({ key, ruleId, needle, since }) => {
        const a = (await chrome.storage.local.get(key))[key] as { createdAt: number; findings: { ruleId: string; location: { name?: string } }[] } | undefined;
        return a && a.createdAt >= since && a.findings.some((f) => f.ruleId === ruleId && (f.location.name ?? '').includes(needle)) ? a.createdAt : 0;
      },
      { key: KEYS.audit(SCOPE), ruleId, needle, since },
    );
    if (at) return at;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`no stored finding ${ruleId} for ${needle}`);
}

async function loadToStored(b: ExtensionBrowser): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    await clearStore(b);
    const page = await b.context.newPage();
    await page.goto(dash(REF, `/editor?run=${i}`), { waitUntil: 'load' });
    const loaded = await page.evaluate(
      () => performance.timeOrigin + performance.getEntriesByType('navigation').map((e) => (e as PerformanceNavigationTiming).loadEventEnd)[0]!,
    );
    const at = await storedAt(b, 'supabase-rls-disabled', 'public.profiles', Math.floor(loaded) - 1000);
    if (i > 0) out.push(at - loaded); // first run warms the service worker
    await page.close();
  }
  return out;
}

const alpha = (i: number): string => (i < 26 ? '' : alpha(Math.floor(i / 26) - 1)) + String.fromCharCode(97 + (i % 26));

async function changeToStored(b: ExtensionBrowser): Promise<number[]> {
  const out: number[] = [];
  const page = await b.context.newPage();
  await page.goto(dash(REF, '/editor'), { waitUntil: 'load' });
  await storedAt(b, 'supabase-rls-disabled', 'public.profiles', 0);
  for (let i = 0; i < RUNS; i++) {
    // Letters, not digits: the stored audit groups 5+ findings whose names differ only by numbers (engine/audit.ts).
    const name = `late_table_${alpha(i)}`;
    // The dashboard renders a new "Unrestricted" table into the open list (what a realtime refresh does).
    const t0 = await page.evaluate(
      ([n, ref, id]) => {
        const li = document.createElement('li');
        li.innerHTML = `<a href="/dashboard/project/${ref}/editor/${9000 + id}?schema=public" role="button" aria-label="View ${n}" title="${n}"><span>${n}</span><span><span>Unrestricted</span></span></a>`;
        document.querySelector('nav ul')!.appendChild(li);
        return Date.now();
      },
      [name, REF, i] as const,
    );
    const at = await storedAt(b, 'supabase-rls-disabled', name, t0);
    out.push(at - t0);
    await page.waitForTimeout(200);
  }
  await page.close();
  return out;
}

type Metrics = Record<string, number>;
async function meter(page: Page): Promise<() => Promise<Metrics>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return async () =>
    Object.fromEntries(((await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }).metrics.map((m) => [m.name, m.value]));
}

async function heavyCost(extensionDir: string, rules: string): Promise<{ loadScript: number; loadTask: number; script: number; task: number }[]> {
  const out = [];
  const b = await launchWithExtension({ extensionDir, hostRules: rules, insecure: true });
  try {
    for (let i = 0; i < LOADS + 1; i++) {
      const page = await b.context.newPage();
      const read = await meter(page);
      const a = await read();
      await page.goto(dash(REF, `/editor/1000?fixture=heavy&n=${TABLES}&run=${i}`), { waitUntil: 'load' });
      await page.waitForTimeout(1500); // document_idle injection, first pass, answer from the background
      const m = await read();
      await page.waitForTimeout(WINDOW_MS);
      const z = await read();
      await page.close();
      if (i === 0) continue; // warm-up
      out.push({
        loadScript: (m.ScriptDuration! - a.ScriptDuration!) * 1000,
        loadTask: (m.TaskDuration! - a.TaskDuration!) * 1000,
        script: (z.ScriptDuration! - m.ScriptDuration!) * 1000,
        task: (z.TaskDuration! - m.TaskDuration!) * 1000,
      });
    }
  } finally {
    await b.close();
  }
  return out;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
}

/** Self time per function during one heavy load (+1.5 s) with the extension, from a V8 CPU profile. */
async function profileLoad(extensionDir: string, rules: string): Promise<void> {
  const b = await launchWithExtension({ extensionDir, hostRules: rules, insecure: true });
  try {
    for (let i = 0; i < 2; i++) {
      const page = await b.context.newPage();
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
      await page.goto(dash(REF, `/editor/1000?fixture=heavy&n=${TABLES}&profile=${i}`), { waitUntil: 'load' });
      await page.waitForTimeout(1500);
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
      await page.close();
      if (i === 0) continue; // warm-up
      const byNode = new Map<number, number>();
      for (const [k, id] of profile.samples.entries()) byNode.set(id, (byNode.get(id) ?? 0) + (profile.timeDeltas[k] ?? 0) / 1000);
      const byFn = new Map<string, number>();
      const byUrl = new Map<string, number>();
      for (const n of profile.nodes) {
        const ms = byNode.get(n.id) ?? 0;
        if (!ms) continue;
        const url = n.callFrame.url || `(${n.callFrame.functionName || 'program'})`;
        const short = url.replace(/^chrome-extension:\/\/[a-z]+\//, 'ext:/').replace(/^https:\/\/supabase\.com\/.*/, 'page');
        byUrl.set(short, (byUrl.get(short) ?? 0) + ms);
        if (url.startsWith('chrome-extension://')) {
          const key = `${n.callFrame.functionName || '(anonymous)'} ${short}:${n.callFrame.lineNumber + 1}:${n.callFrame.columnNumber + 1}`;
          byFn.set(key, (byFn.get(key) ?? 0) + ms);
        }
      }
      const top = (m: Map<string, number>, k: number) => [...m].sort((a, c) => c[1] - a[1]).slice(0, k);
      console.log('\n# CPU profile of one heavy load + 1.5 s with the extension: self time by script\n');
      for (const [u, ms] of top(byUrl, 10)) console.log(`- ${ms.toFixed(1)} ms  ${u}`);
      console.log('\n# Extension code, self time by function (minified names; positions in .output/chrome-mv3)\n');
      for (const [f, ms] of top(byFn, 15)) console.log(`- ${ms.toFixed(1)} ms  ${f}`);
    }
  } finally {
    await b.close();
  }
}

const studio = await startSupabaseStudio();
if (values['profile-only']) {
  try {
    await profileLoad(ensureBuilt(), hostRules([studio]));
  } finally {
    await studio.close();
  }
  process.exit(0);
}
const rules = hostRules([studio]);
const ext = ensureBuilt();
try {
  const b = await launchWithExtension({ extensionDir: ext, hostRules: rules, insecure: true });
  let load: number[];
  let change: number[];
  try {
    load = await loadToStored(b);
    change = await changeToStored(b);
  } finally {
    await b.close();
  }
  const withExt = await heavyCost(ext, rules);
  const without = await heavyCost(emptyExtension(), rules);
  const col = (xs: typeof withExt, k: keyof (typeof withExt)[number]) => xs.map((x) => x[k]);
  console.log(`# Supabase dashboard reader (Studio fixture, Chromium headless, ${RUNS} runs)\n`);
  console.log('| From | To | Time |');
  console.log('|---|---|---|');
  console.log(`| table list page load event | audit with its findings stored | ${fmt(load)} |`);
  console.log(`| a table rendered "Unrestricted" in an open list | audit reporting it stored | ${fmt(change)} |`);
  console.log(`\n# Main-thread cost: table editor with ${TABLES} tables, 30 columns × 100 rows, a cell changing every 50 ms (median of ${LOADS} loads)\n`);
  console.log(`| | Script, load + 1.5 s | Task, load + 1.5 s | Script, next ${WINDOW_MS} ms | Task, next ${WINDOW_MS} ms |`);
  console.log('|---|---|---|---|---|');
  for (const [label, xs] of [
    ['with the extension', withExt],
    ['without', without],
  ] as const)
    console.log(`| ${label} | ${fmt1(col(xs, 'loadScript'))} | ${fmt1(col(xs, 'loadTask'))} | ${fmt1(col(xs, 'script'))} | ${fmt1(col(xs, 'task'))} |`);
  const ratio = (k: keyof (typeof withExt)[number]) => (q(col(withExt, k), 0.5) / q(col(without, k), 0.5)).toFixed(2);
  console.log(
    `\nRatio with/without (medians): script during load ${ratio('loadScript')}×, task during load ${ratio('loadTask')}×, script after ${ratio('script')}×, task after ${ratio('task')}×.`,
  );
  if (values.profile) await profileLoad(ext, rules);
} finally {
  await studio.close();
}
