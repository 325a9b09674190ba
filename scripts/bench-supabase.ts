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
 *   with the extension vs a browser without it. The table list is virtualised as Studio's is (react-window: about 20
 *   of the 500 rows in the DOM, `virtualSidebar` in the fixture); `--sidebar all` puts all 500 links in the DOM at
 *   once instead (a stress case Studio never renders).
 * `--profile`: also a V8 CPU profile of one heavy load with the extension (CDP Profiler, page target: the content
 * script's isolated world included), printed as self time per function of extension code and per script overall;
 * `--profiles N` averages N profiled loads (default 1); `--profile-out FILE` also writes the raw profiles (a .cpuprofile DevTools opens; with a build made without
 * minification and with source maps, positions map back to the sources).
 * `--ext DIR` measures that build instead of .output/chrome-mv3; `--baseline DIR` also measures a second build in
 * the same run (before/after on one machine state): latency for both, main-thread cost in rounds that load each
 * configuration once in turn.
 * `--floor` adds, to the same rounds, two floors made from the measured build: its manifest with an empty content
 * script on the dashboard (what Chromium's injection of any content script costs), and its content script evaluated
 * but never started (the WXT wrapper's call to `main` removed: compile and module set-up only).
 * `--cost-only` skips the latency measures (and the heavy page's "stored" time): main-thread cost only.
 * Prints numbers; asserts nothing.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { KEYS } from '../utils/storage/keys';
import { REF, dash, startSupabaseStudio } from '../test/fixtures/apps/supabase-studio';
import { hostRules } from '../test/fixtures/apps/server';
import { ensureBuilt, launchWithExtension, type ExtensionBrowser } from './lib/browser';
import { emptyContentScript, emptyExtension, notStarted } from './lib/floors';
import { type CpuProfile, ProfileSummary } from './lib/cpu-profile';
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
    'profile-out': { type: 'string' },
    profiles: { type: 'string', default: '1' },
    ext: { type: 'string' },
    baseline: { type: 'string' },
    floor: { type: 'boolean', default: false },
    'cost-only': { type: 'boolean', default: false },
    sidebar: { type: 'string', default: 'virtual' },
  },
});
const RUNS = Math.max(3, Number(values.runs) || 15);
const WINDOW_MS = Number(values.window) || 5000;
const TABLES = Number(values.tables) || 500;
const LOADS = Math.max(3, Number(values.loads) || 6);
const PROFILES = Math.max(1, Number(values.profiles) || 1);
if (values.sidebar !== 'virtual' && values.sidebar !== 'all') throw new Error('--sidebar is virtual or all');
const SIDEBAR = values.sidebar;
const SCOPE = `https://supabase.com/dashboard/project/${REF}`;

const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const fmt = (xs: number[]) => `median ${q(xs, 0.5).toFixed(0)} ms · p95 ${q(xs, 0.95).toFixed(0)} ms · max ${Math.max(...xs).toFixed(0)} ms`;
const fmt1 = (xs: number[]) => `${q(xs, 0.5).toFixed(1)} ms (min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)})`;

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
/**
 * CDP Performance metrics of the page's renderer main thread, twice: in wall-clock time (`timeTicks`, Chromium's
 * default) and in the thread's own CPU time (`threadTicks`, two sessions, one time domain each). On a busy machine
 * wall-clock durations include the time the OS parked the thread; CPU time does not.
 */
async function meter(page: Page): Promise<() => Promise<{ wall: Metrics; cpu: Metrics }>> {
  const session = async (timeDomain: 'timeTicks' | 'threadTicks') => {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain });
    return async (): Promise<Metrics> =>
      Object.fromEntries(((await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }).metrics.map((m) => [m.name, m.value]));
  };
  const [wall, cpu] = [await session('timeTicks'), await session('threadTicks')];
  return async () => {
    const [w, c] = await Promise.all([wall(), cpu()]);
    return { wall: w, cpu: c };
  };
}

type Cost = {
  loadScript: number;
  loadTask: number;
  script: number;
  task: number;
  /** The same in the main thread's CPU time. */
  loadScriptCpu: number;
  loadTaskCpu: number;
  scriptCpu: number;
  taskCpu: number;
  stored?: number;
};

/**
 * One heavy load (+1.5 s, then the steady window) in a new tab of `b`. With `audited` (a build of ours, started),
 * also when the audit holding the page's findings was stored, from the load event (read once the 1.5 s are over:
 * no polling while the page is measured; a later re-store would only make it look later).
 */
async function heavyLoad(b: ExtensionBrowser, run: string, audited: boolean): Promise<Cost> {
  if (audited) await clearStore(b);
  const page = await b.context.newPage();
  const read = await meter(page);
  const a = await read();
  await page.goto(dash(REF, `/editor/1000?fixture=heavy&n=${TABLES}&list=${SIDEBAR}&run=${run}`), { waitUntil: 'load' });
  await page.waitForTimeout(1500); // document_idle injection, first pass, answer from the background
  const m = await read();
  let stored: number | undefined;
  if (audited) {
    const loaded = await page.evaluate(
      () => performance.timeOrigin + (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd,
    );
    const at = await b.worker.evaluate(async (key) => {
      const a = (await chrome.storage.local.get(key))[key] as { createdAt: number; findings: { ruleId: string }[] } | undefined;
      return a?.findings.some((f) => f.ruleId === 'supabase-rls-disabled') ? a.createdAt : undefined;
    }, KEYS.audit(SCOPE));
    stored = at === undefined ? Number.POSITIVE_INFINITY : at - loaded;
  }
  await page.waitForTimeout(WINDOW_MS);
  const z = await read();
  await page.close();
  const d = (x: Metrics, y: Metrics, k: string) => (x[k]! - y[k]!) * 1000;
  return {
    loadScript: d(m.wall, a.wall, 'ScriptDuration'),
    loadTask: d(m.wall, a.wall, 'TaskDuration'),
    script: d(z.wall, m.wall, 'ScriptDuration'),
    task: d(z.wall, m.wall, 'TaskDuration'),
    loadScriptCpu: d(m.cpu, a.cpu, 'ScriptDuration'),
    loadTaskCpu: d(m.cpu, a.cpu, 'TaskDuration'),
    scriptCpu: d(z.cpu, m.cpu, 'ScriptDuration'),
    taskCpu: d(z.cpu, m.cpu, 'TaskDuration'),
    stored,
  };
}

/**
 * Main-thread cost of each configuration: one browser each, all open; in each round every configuration loads the
 * page once, in an order that rotates, so a busy spell of the machine falls on all of them alike. Round 0 warms up.
 */
async function heavyCosts(configs: { label: string; dir: string; audited: boolean }[], rules: string): Promise<Cost[][]> {
  const out: Cost[][] = configs.map(() => []);
  const browsers: ExtensionBrowser[] = [];
  try {
    for (const c of configs) browsers.push(await launchWithExtension({ extensionDir: c.dir, hostRules: rules, insecure: true }));
    for (let i = 0; i < LOADS + 1; i++) {
      for (let j = 0; j < configs.length; j++) {
        const k = (i + j) % configs.length;
        const cost = await heavyLoad(browsers[k]!, `${i}`, configs[k]!.audited);
        if (i > 0) out[k]!.push(cost);
      }
    }
  } finally {
    for (const b of browsers) await b.close();
  }
  return out;
}

/** Self and inclusive time per function during heavy loads (+1.5 s) with the extension, from V8 CPU profiles. */
async function profileLoad(extensionDir: string, rules: string): Promise<void> {
  const b = await launchWithExtension({ extensionDir, hostRules: rules, insecure: true });
  const n = PROFILES;
  const summary = new ProfileSummary(/^https:\/\/supabase\.com\/.*/);
  try {
    for (let i = 0; i < n + 1; i++) {
      const page = await b.context.newPage();
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
      await page.goto(dash(REF, `/editor/1000?fixture=heavy&n=${TABLES}&list=${SIDEBAR}&profile=${i}`), { waitUntil: 'load' });
      await page.waitForTimeout(1500);
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
      await page.close();
      if (i === 0) continue; // warm-up
      const out = values['profile-out'];
      if (out) writeFileSync(n === 1 ? out : out.replace(/(\.[a-z]+)?$/, `-${i}$1`), JSON.stringify(profile));
      summary.add(profile);
    }
  } finally {
    await b.close();
  }
  summary.print('heavy load + 1.5 s with the extension');
}

const studio = await startSupabaseStudio();
const rules = hostRules([studio]);
const ext = values.ext ? path.resolve(values.ext) : ensureBuilt();
if (values['profile-only']) {
  try {
    await profileLoad(ext, rules);
  } finally {
    await studio.close();
  }
  process.exit(0);
}
try {
  const builds = [{ label: values.baseline ? 'measured build' : 'with the extension', dir: ext }];
  if (values.baseline) builds.push({ label: 'baseline build', dir: path.resolve(values.baseline) });
  const latency: { label: string; load: number[]; change: number[] }[] = [];
  for (const { label, dir } of values['cost-only'] ? [] : builds) {
    const b = await launchWithExtension({ extensionDir: dir, hostRules: rules, insecure: true });
    try {
      latency.push({ label, load: await loadToStored(b), change: await changeToStored(b) });
    } finally {
      await b.close();
    }
  }
  const configs = [
    ...builds.map((b) => ({ ...b, audited: !values['cost-only'] })),
    ...(values.floor
      ? [
          { label: 'floor: content script evaluated, not started', dir: notStarted(ext, 'supabase'), audited: false },
          { label: 'floor: empty content script', dir: emptyContentScript(ext, 'supabase'), audited: false },
        ]
      : []),
    { label: 'without (no content script)', dir: emptyExtension(), audited: false },
  ];
  const costs = await heavyCosts(configs, rules);
  console.log(`# Supabase dashboard reader (Studio fixture, Chromium headless, ${RUNS} runs)\n`);
  console.log('| From | To | Time |');
  console.log('|---|---|---|');
  for (const { label, load, change } of latency) {
    const who = builds.length > 1 ? ` (${label})` : '';
    console.log(`| table list page load event | audit with its findings stored${who} | ${fmt(load)} |`);
    console.log(`| a table rendered "Unrestricted" in an open list | audit reporting it stored${who} | ${fmt(change)} |`);
  }
  console.log(
    `\n# Main-thread cost: table editor with ${TABLES} tables (${SIDEBAR === 'all' ? 'all links in the DOM' : 'list virtualised as in Studio'}), 30 columns × 100 rows, a cell changing every 50 ms (median of ${LOADS} loads)\n`,
  );
  console.log(`| | Script, load + 1.5 s | Task, load + 1.5 s | Script, next ${WINDOW_MS} ms | Task, next ${WINDOW_MS} ms |`);
  console.log('|---|---|---|---|---|');
  const col = (xs: Cost[], k: keyof Cost) => xs.map((x) => x[k] ?? Number.NaN);
  for (const [i, c] of configs.entries()) {
    const xs = costs[i]!;
    console.log(`| ${c.label} | ${fmt1(col(xs, 'loadScript'))} | ${fmt1(col(xs, 'loadTask'))} | ${fmt1(col(xs, 'script'))} | ${fmt1(col(xs, 'task'))} |`);
  }
  console.log(`\nThe same in the main thread's CPU time (CDP threadTicks: time the OS parked the thread not counted)\n`);
  console.log(`| | Script, load + 1.5 s | Task, load + 1.5 s | Script, next ${WINDOW_MS} ms | Task, next ${WINDOW_MS} ms |`);
  console.log('|---|---|---|---|---|');
  for (const [i, c] of configs.entries()) {
    const xs = costs[i]!;
    console.log(
      `| ${c.label} | ${fmt1(col(xs, 'loadScriptCpu'))} | ${fmt1(col(xs, 'loadTaskCpu'))} | ${fmt1(col(xs, 'scriptCpu'))} | ${fmt1(col(xs, 'taskCpu'))} |`,
    );
  }
  for (const [i, c] of configs.entries())
    if (c.audited) console.log(`\nThis page's load event → audit with its findings stored (${c.label}): ${fmt(col(costs[i]!, 'stored'))}`);
  const without = costs[costs.length - 1]!;
  const ratio = (xs: Cost[], k: keyof Cost) => (q(col(xs, k), 0.5) / q(col(without, k), 0.5)).toFixed(2);
  console.log('');
  for (const [i, c] of configs.slice(0, -1).entries())
    console.log(
      `Ratio ${c.label} / without (medians): script during load ${ratio(costs[i]!, 'loadScript')}× (CPU time ${ratio(costs[i]!, 'loadScriptCpu')}×), task during load ${ratio(costs[i]!, 'loadTask')}×, script after ${ratio(costs[i]!, 'script')}× (CPU time ${ratio(costs[i]!, 'scriptCpu')}×), task after ${ratio(costs[i]!, 'task')}×.`,
    );
  if (values.profile) await profileLoad(ext, rules);
} finally {
  await studio.close();
}
