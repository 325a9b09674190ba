/**
 * npm run bench:builders
 *
 * The builder guards' cost in a real editor page (the Bubble editor fixture, Chromium headless):
 * - main-thread work while nothing is typed: CDP Performance metrics (ScriptDuration, TaskDuration) over an idle
 *   window, with the extension loaded vs. a browser without it;
 * - paste-to-warning latency: from dispatching a paste with a key to the in-page warning being on screen;
 * - heavy editor (test/fixtures/apps/heavy-editor.ts, at each builder's editor address so each content script runs
 *   under its real match): ≥ 20,000 elements re-rendered every 50 ms (text, attributes, nodes added and removed),
 *   with typing and pasting into its fields during the window. Interleaved fresh launches with the extension and
 *   with an empty extension, in one run (order alternating). Each launch measures CDP ScriptDuration/TaskDuration
 *   from before the navigation to load + 1.5 s (start-up included) and over the following window (typing, pasting);
 *   prints min/median/max per side and the with/without ratio of the medians.
 * `--heavy-only` skips the light measures; `--builders bubble,glide` picks the content scripts; `--profile bubble`
 * adds V8 CPU profiles (self time per extension function, mean of `--heavy-runs` launches) of heavy launches with the extension (names are
 * readable with a build made with MAA_NO_MINIFY=1 into .output-nominify/, see wxt.config.ts); `--ext DIR` measures that build instead of
 * .output/chrome-mv3. `--readable` serves the heavy page with what the Glide and Supabase readers read on that screen
 * (a table list, column headers, Supabase's "RLS disabled" header button), so their passes read it instead of ending at
 * the lookups (heavy-editor.ts says what it models).
 * `--phase start-up|window` makes `--profile` profile only that phase of each launch (start-up: navigation → load + 1.5 s).
 * `--paste-after MS` waits that long after each editor page's load before the paste (default 300; 35000 lets Chromium
 * stop the idle service worker, which scans the field). `--attribute N` (with `--floor`: also for the build's content script evaluated but never
 * started, lib/floors.ts) profiles N heavy launches with the extension and splits each one's script time between the page and
 * the extension (the ratio inside one launch; lib/cpu-profile.ts `scriptTimeByOwner`).
 * `--queries` prints what the readers' whole-document queries cost on the heavy page: each selector list queried as it
 * is and part by part (in-page/query.ts `selectorParts`, what the readers do over a document), median of 11 rounds.
 * Prints numbers; asserts nothing.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { CDPSession, Page } from 'playwright-core';
import { startBuilders } from '../test/fixtures/apps/builders';
import { type HeavyBuilder, heavyUrl, startHeavyEditors } from '../test/fixtures/apps/heavy-editor';
import { hostRules } from '../test/fixtures/apps/server';
import { FAKE_KEYS, seeded } from '../test/utils/secrets/fake-keys';
import { ensureBuilt, launchWithExtension } from './lib/browser';
import { emptyExtension, notStarted } from './lib/floors';
import { type CpuProfile, ProfileSummary, scriptTimeByOwner } from './lib/cpu-profile';
import { ROLES } from '../entrypoints/glide.content/anchors';
import { selectorParts } from '../in-page/query';

const { values } = parseArgs({
  options: {
    idle: { type: 'string', default: '5000' },
    runs: { type: 'string', default: '20' },
    'heavy-runs': { type: 'string', default: '5' },
    elements: { type: 'string', default: '24000' },
    window: { type: 'string', default: '6000' },
    builders: { type: 'string', default: 'bubble,glide,supabase' },
    'heavy-only': { type: 'boolean', default: false },
    profile: { type: 'string' },
    ext: { type: 'string' },
    readable: { type: 'boolean', default: false },
    queries: { type: 'boolean', default: false },
    attribute: { type: 'string' },
    'paste-after': { type: 'string', default: '300' },
    floor: { type: 'boolean', default: false },
    phase: { type: 'string' },
  },
});
const IDLE_MS = Number(values.idle) || 5000;
const RUNS = Math.max(3, Number(values.runs) || 20);
const PASTE_AFTER_MS = Math.max(0, Number(values['paste-after']) || 300);
const HEAVY_RUNS = Math.max(2, Number(values['heavy-runs']) || 5);
const ELEMENTS = Math.max(20_000, Number(values.elements) || 24_000);
const WINDOW_MS = Math.max(2000, Number(values.window) || 6000);
const READABLE = values.readable;
/** `--phase start-up|window`: `--profile` profiles only that phase of each launch (default: the whole launch). */
const PHASE = values.phase === 'start-up' || values.phase === 'window' ? values.phase : undefined;
const BUILDER_IDS = values.builders.split(',').filter((b): b is HeavyBuilder => ['bubble', 'glide', 'supabase'].includes(b));
const URL_ = 'https://bubble.io/page?id=tinypoll&tab=Plugins';

type Metrics = Record<string, number>;
/** One CDP session per page, enabled once (enabling again would reset the counters). */
async function meter(page: Page): Promise<() => Promise<Metrics>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return async () => {
    const { metrics: list } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    return Object.fromEntries(list.map((m) => [m.name, m.value]));
  };
}

async function idleCost(
  withExtension: boolean,
  extensionDir: string,
  rules: string,
  control = false,
): Promise<{ startup: number; script: number; task: number }> {
  // A "browser without the extension" is the same launch with an empty extension directory list.
  const b = await launchWithExtension({ extensionDir: withExtension ? extensionDir : emptyExtension(), hostRules: rules, insecure: true });
  try {
    const page = await b.context.newPage();
    const read = await meter(page);
    await page.goto(URL_, { waitUntil: 'load' });
    await page.waitForTimeout(1000); // let document_idle injection and start-up finish
    // Script time from navigation to here: the page's own scripts plus, with the extension, the guard's start-up.
    const startup = (await read()).ScriptDuration! * 1000;
    // Positive control: a page timer doing a little work, to show the metric does see idle-time work.
    if (control) await page.evaluate(() => void setInterval(() => JSON.stringify(Array.from({ length: 2000 }, (_, i) => i)), 50));
    const a = await read();
    await page.waitForTimeout(IDLE_MS);
    const z = await read();
    return { startup, script: (z.ScriptDuration! - a.ScriptDuration!) * 1000, task: (z.TaskDuration! - a.TaskDuration!) * 1000 };
  } finally {
    await b.close();
  }
}

/** Script time from navigation to load + 1 s, median of `runs` fresh launches (start-up is noisy on a shared machine). */
async function startupCost(extensionDir: string, rules: string, runs = 7): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const b = await launchWithExtension({ extensionDir, hostRules: rules, insecure: true });
    try {
      const page = await b.context.newPage();
      const read = await meter(page);
      await page.goto(URL_, { waitUntil: 'load' });
      await page.waitForTimeout(1000);
      out.push(Math.round((await read()).ScriptDuration! * 10000) / 10);
    } finally {
      await b.close();
    }
  }
  return out.sort((a, b) => a - b);
}

async function pasteLatency(extensionDir: string, rules: string): Promise<number[]> {
  const b = await launchWithExtension({ extensionDir, hostRules: rules, insecure: true });
  const out: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const page = await b.context.newPage();
      await page.goto(URL_, { waitUntil: 'load' });
      // `--paste-after 35000`: long enough idle for Chromium to stop the extension's service worker (30 s), which
      // scans the field: the paste then waits for its start (focusing the field wakes it, in-page/scanner.ts).
      await page.waitForTimeout(PASTE_AFTER_MS);
      const key = FAKE_KEYS['openai-project-key'](seeded(100 + i)).value;
      // A trusted paste (the guard ignores synthetic events): clipboard + Ctrl+V. The warning's content is in a closed
      // shadow root the page cannot read, so the clock stops when its host element is in the page, one frame later.
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
      await page.bringToFront();
      await page.locator('input[aria-label="Shared header value"]').focus();
      await page.evaluate((k) => navigator.clipboard.writeText(k), key);
      await page.evaluate(() => {
        const w = window as unknown as { __pasteAt?: number; __shownAt?: Promise<number> };
        addEventListener('paste', () => (w.__pasteAt = performance.now()), { capture: true, once: true });
        w.__shownAt = new Promise((resolve) => {
          const seen = () => document.querySelector('micro-app-auditor-warning');
          new MutationObserver((_, obs) => {
            if (!seen()) return;
            obs.disconnect();
            requestAnimationFrame(() => resolve(performance.now()));
          }).observe(document, { childList: true, subtree: true });
        });
      });
      await page.keyboard.press('Control+V');
      const ms = await page.evaluate(async () => {
        const w = window as unknown as { __pasteAt?: number; __shownAt?: Promise<number> };
        const shown = await w.__shownAt!;
        return shown - w.__pasteAt!;
      });
      out.push(Math.round(ms * 10) / 10);
      await page.close();
    }
  } finally {
    await b.close();
  }
  return out;
}

interface HeavySample {
  loadScript: number;
  loadTask: number;
  script: number;
  task: number;
  /** CPU time of the page's main thread (ThreadTime): less inflated than wall-clock durations on a busy machine. */
  loadCpu: number;
  cpu: number;
  elements: number;
  ticks: number;
}

/**
 * The user's work during the window: type into the property fields, paste plain text and (once) a key, as trusted
 * input (keyboard and clipboard through the browser), spread over the window.
 */
async function work(page: Page, until: number, run: number): Promise<void> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  const fields = ['input[aria-label="Element text"]', 'textarea[aria-label="Notes"]', '[aria-label="Dynamic expression"]', 'input[aria-label="Header value"]'];
  for (let k = 0; Date.now() < until - 600; k++) {
    // Focus with a one-line evaluate, not a locator click: Playwright's actionability checks run script in the page
    // (hundreds of ms on a page this size, varying from launch to launch) and would swamp what is measured.
    await page.evaluate((sel) => (document.querySelector(sel) as HTMLElement | null)?.focus(), fields[k % fields.length]!);
    await page.keyboard.type(`Hello world ${k} `, { delay: 25 });
    const text = k === 1 ? FAKE_KEYS['openai-project-key'](seeded(500 + run)).value : `pasted text ${k} lorem ipsum dolor sit amet`;
    await page.evaluate((t) => navigator.clipboard.writeText(t), text);
    await page.keyboard.press('Control+V');
    await page.waitForTimeout(250);
  }
}

/**
 * One fresh launch of the heavy page: `start` before the navigation, `loaded` at load + 1.5 s (document_idle
 * injection, the content script's start-up and first passes), then the window of re-renders with typing and pasting,
 * and `end` after it (its answer is the launch's).
 */
async function driveHeavy<T>(
  builder: HeavyBuilder,
  extensionDir: string,
  rules: string,
  run: number,
  probe: { start(page: Page): Promise<void>; loaded?(): Promise<void>; end(page: Page): Promise<T> },
): Promise<T> {
  const b = await launchWithExtension({ extensionDir, hostRules: rules, insecure: true });
  try {
    const page = await b.context.newPage();
    await probe.start(page);
    await page.goto(heavyUrl(builder, ELEMENTS, run, READABLE), { waitUntil: 'load' });
    await page.waitForTimeout(1500);
    await probe.loaded?.();
    const until = Date.now() + WINDOW_MS;
    await page.bringToFront();
    await work(page, until, run);
    await page.waitForTimeout(Math.max(0, until - Date.now()));
    return await probe.end(page);
  } finally {
    await b.close();
  }
}

/** One fresh launch: CDP Performance metrics over navigation → load + 1.5 s, then over the window. */
async function heavyLaunch(builder: HeavyBuilder, extensionDir: string, rules: string, run: number): Promise<HeavySample> {
  let read: () => Promise<Metrics> = async () => ({});
  let a: Metrics = {};
  let m: Metrics = {};
  return driveHeavy(builder, extensionDir, rules, run, {
    async start(page) {
      read = await meter(page);
      a = await read();
    },
    async loaded() {
      m = await read();
    },
    async end(page) {
      const z = await read();
      const { elements, ticks } = await page.evaluate(() => (window as unknown as { __heavy: { elements: number; ticks: number } }).__heavy);
      return {
        loadScript: (m.ScriptDuration! - a.ScriptDuration!) * 1000,
        loadTask: (m.TaskDuration! - a.TaskDuration!) * 1000,
        script: (z.ScriptDuration! - m.ScriptDuration!) * 1000,
        task: (z.TaskDuration! - m.TaskDuration!) * 1000,
        loadCpu: (m.ThreadTime! - a.ThreadTime!) * 1000,
        cpu: (z.ThreadTime! - m.ThreadTime!) * 1000,
        elements,
        ticks,
      };
    },
  });
}

/** Interleaved launches, with and without the extension, alternating which side goes first. */
async function heavyCost(builder: HeavyBuilder, extensionDir: string, rules: string): Promise<{ with: HeavySample[]; without: HeavySample[] }> {
  const out = { with: [] as HeavySample[], without: [] as HeavySample[] };
  const empty = emptyExtension();
  // One warm-up launch each (disk cache, first Chromium start), not counted.
  await heavyLaunch(builder, extensionDir, rules, 0);
  await heavyLaunch(builder, empty, rules, 0);
  for (let i = 1; i <= HEAVY_RUNS; i++) {
    const order = i % 2 ? (['with', 'without'] as const) : (['without', 'with'] as const);
    for (const side of order) out[side].push(await heavyLaunch(builder, side === 'with' ? extensionDir : empty, rules, i));
  }
  return out;
}

/**
 * One heavy launch under the profiler. `split`: two profiles, navigation → load + 1.5 s (start-up: injection, the
 * content script's start and first passes) and the window of typing and pasting (the profiler is stopped and started
 * again between them: a few ms of the launch are in neither); otherwise one profile of the whole launch.
 */
async function profiledPhases(
  builder: HeavyBuilder,
  extensionDir: string,
  rules: string,
  run: number,
  intervalUs: number,
  split: boolean,
): Promise<[CpuProfile, CpuProfile | undefined]> {
  let cdp: CDPSession | undefined;
  let startUp: CpuProfile | undefined;
  const stop = async () => ((await cdp!.send('Profiler.stop')) as { profile: CpuProfile }).profile;
  return driveHeavy(builder, extensionDir, rules, run, {
    async start(page) {
      cdp = await page.context().newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: intervalUs });
      await cdp.send('Profiler.start');
    },
    async loaded() {
      if (!split) return;
      startUp = await stop();
      await cdp!.send('Profiler.start');
    },
    async end() {
      const last = await stop();
      return startUp ? [startUp, last] : [last, undefined];
    },
  });
}

/**
 * Self time per extension function during heavy launches (load + 1.5 s + window with typing), from V8 CPU profiles:
 * the mean of `--heavy-runs` launches (one launch's profile moves by a few ms per function between launches).
 */
async function profileHeavy(builder: HeavyBuilder, extensionDir: string, rules: string): Promise<void> {
  const summary = new ProfileSummary(/^https:\/\/[^/]+\/.*/);
  for (let i = 1; i <= HEAVY_RUNS; i++) {
    const [startUp, window] = await profiledPhases(builder, extensionDir, rules, 98 + i, 100, PHASE !== undefined);
    summary.add(PHASE === 'window' ? window! : startUp);
  }
  const measured =
    PHASE === 'start-up'
      ? 'start-up (navigation → load + 1.5 s)'
      : PHASE === 'window'
        ? `the ${WINDOW_MS} ms window after load + 1.5 s`
        : `load + 1.5 s + ${WINDOW_MS} ms window`;
  summary.print(`${builder} heavy editor, ${measured}, with the extension, mean of ${HEAVY_RUNS} launches`);
}

/**
 * `--attribute N`: N launches with the extension under the CPU profiler (sampling every 500 µs), each split by
 * whose script ran (lib/cpu-profile.ts `scriptTimeByOwner`). Prints, per launch and as medians, the page's and the
 * extension's script time and (page + extension) / page: the script ratio measured inside one launch, without the
 * launch-to-launch spread of the page's own time that the with/without comparison carries. The same for each phase
 * of the launch: start-up (navigation → load + 1.5 s: the script's load and start, the readers' first passes) and the
 * editing window (typing, pasting, the page re-rendering), whose ratio is what a longer session tends to (`--window`).
 */
async function attributeHeavy(builder: HeavyBuilder, extensionDir: string, rules: string, n: number, label = ''): Promise<void> {
  await profiledPhases(builder, extensionDir, rules, 0, 500, false); // warm-up (disk cache, first start), not counted
  type Split = { page: number; extension: number; ratio: number };
  const split = (t: { page: number; extension: number }): Split => ({ ...t, ratio: (t.page + t.extension) / t.page });
  const rows: { total: Split; startUp: Split; window: Split }[] = [];
  for (let i = 1; i <= n; i++) {
    const [a, b] = await profiledPhases(builder, extensionDir, rules, i, 500, true);
    const startUp = scriptTimeByOwner(a);
    const window = scriptTimeByOwner(b!);
    rows.push({
      total: split({ page: startUp.page + window.page, extension: startUp.extension + window.extension }),
      startUp: split(startUp),
      window: split(window),
    });
  }
  const med = (phase: keyof (typeof rows)[number], k: keyof Split) =>
    quant(
      rows.map((r) => r[phase][k]),
      0.5,
    );
  const range = (phase: keyof (typeof rows)[number]) => {
    const rs = rows.map((r) => r[phase].ratio);
    return `${Math.min(...rs).toFixed(3)}–${Math.max(...rs).toFixed(3)}`;
  };
  console.log(
    `\n# ${builder} heavy editor${READABLE ? ' (readable)' : ''}${label}: script time by owner inside each launch (CPU profile, 500 µs sampling; start-up = navigation → load + 1.5 s, then a ${WINDOW_MS} ms window with typing and pasting), ${n} launches with the extension\n`,
  );
  console.log(
    '| launch | page scripts | extension scripts | (page + extension) / page | start-up: page · extension · ratio | window: page · extension · ratio |',
  );
  console.log('|---|---|---|---|---|---|');
  const cell = (s: Split) => `${s.page.toFixed(1)} · ${s.extension.toFixed(1)} · ${s.ratio.toFixed(3)}`;
  for (const [i, r] of rows.entries())
    console.log(
      `| ${i + 1} | ${r.total.page.toFixed(1)} ms | ${r.total.extension.toFixed(1)} ms | ${r.total.ratio.toFixed(3)} | ${cell(r.startUp)} | ${cell(r.window)} |`,
    );
  const medCell = (phase: 'startUp' | 'window') =>
    `${med(phase, 'page').toFixed(1)} · ${med(phase, 'extension').toFixed(1)} · **${med(phase, 'ratio').toFixed(3)}** (${range(phase)})`;
  console.log(
    `| **median** | ${med('total', 'page').toFixed(1)} ms | ${med('total', 'extension').toFixed(1)} ms | **${med('total', 'ratio').toFixed(3)}** (${range('total')}) | ${medCell('startUp')} | ${medCell('window')} |`,
  );
}

const quant = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const mmm = (xs: number[]) => `${quant(xs, 0.5).toFixed(1)} (${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)})`;

function printHeavy(builder: HeavyBuilder, r: { with: HeavySample[]; without: HeavySample[] }): void {
  const col = (xs: HeavySample[], k: keyof HeavySample) => xs.map((x) => x[k]);
  const total = (xs: HeavySample[], k: 'Script' | 'Task' | 'Cpu') =>
    xs.map((x) => (k === 'Script' ? x.loadScript + x.script : k === 'Task' ? x.loadTask + x.task : x.loadCpu + x.cpu));
  const ratio = (a: number[], b: number[]) => (quant(a, 0.5) / quant(b, 0.5)).toFixed(3);
  const els = [...r.with, ...r.without].map((x) => x.elements);
  const ticks = [...r.with, ...r.without].map((x) => x.ticks);
  console.log(
    `\n# Heavy ${builder} editor${READABLE ? ' (readable: what its reader reads is on the page)' : ''}: ${Math.min(...els)}–${Math.max(...els)} elements, re-render every 50 ms (${Math.min(...ticks)}–${Math.max(...ticks)} ticks per launch), typing and pasting during a ${WINDOW_MS} ms window; ${r.with.length} + ${r.without.length} interleaved launches (+1 warm-up each, not counted)\n`,
  );
  console.log(
    '| ms, median (min–max) | Script, navigation → load + 1.5 s | Task, same | Script, window | Task, window | Script, total | Task, total | Main-thread CPU, total |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const [label, xs] of [
    ['with the extension', r.with],
    ['empty extension', r.without],
  ] as const)
    console.log(
      `| ${label} (n=${xs.length}) | ${mmm(col(xs, 'loadScript'))} | ${mmm(col(xs, 'loadTask'))} | ${mmm(col(xs, 'script'))} | ${mmm(col(xs, 'task'))} | ${mmm(total(xs, 'Script'))} | ${mmm(total(xs, 'Task'))} | ${mmm(total(xs, 'Cpu'))} |`,
    );
  console.log(
    `| ratio of medians | ${ratio(col(r.with, 'loadScript'), col(r.without, 'loadScript'))} | ${ratio(col(r.with, 'loadTask'), col(r.without, 'loadTask'))} | ${ratio(col(r.with, 'script'), col(r.without, 'script'))} | ${ratio(col(r.with, 'task'), col(r.without, 'task'))} | **${ratio(total(r.with, 'Script'), total(r.without, 'Script'))}** | ${ratio(total(r.with, 'Task'), total(r.without, 'Task'))} | ${ratio(total(r.with, 'Cpu'), total(r.without, 'Cpu'))} |`,
  );
}

const ext = values.ext ? path.resolve(values.ext) : ensureBuilt();
/** The readers' selector lists over the whole heavy page: one query of the list against one query per part. */
async function queryCosts(extensionDir: string, rules: string): Promise<void> {
  const lists: Record<string, string> = {
    ...Object.fromEntries(Object.entries(ROLES).map(([k, v]) => [`glide ${k}`, v])),
    'glide buttons': 'button, [role="button"]',
    'supabase header controls': 'button, [role="button"]:not(a), a[href*="/policies"]',
    'supabase headings': 'h1, h2, h3, h4, h5, h6',
  };
  const queries = Object.entries(lists).map(([name, list]) => ({ name, list, parts: [...selectorParts(list)] }));
  const b = await launchWithExtension({ extensionDir, hostRules: rules, insecure: true });
  try {
    const page = await b.context.newPage();
    await page.goto(heavyUrl('glide', ELEMENTS, 98, READABLE), { waitUntil: 'load' });
    await page.waitForTimeout(500);
    const rows = await page.evaluate((queries) => {
      const med = (xs: number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1]!;
      return queries.map(({ name, list, parts }) => {
        const whole: number[] = [];
        const split: number[] = [];
        let n = 0;
        for (let i = 0; i < 11; i++) {
          let t = performance.now();
          n = document.querySelectorAll(list).length;
          whole.push(performance.now() - t);
          t = performance.now();
          for (const p of parts) document.querySelectorAll(p);
          split.push(performance.now() - t);
        }
        return { name, parts: parts.length, n, whole: med(whole), split: med(split) };
      });
    }, queries);
    const elements = await page.evaluate(() => document.getElementsByTagName('*').length);
    console.log(`\n# Whole-document queries on the heavy page (${elements} elements, re-rendering; median of 11, in the page's main world)\n`);
    console.log('| selector list | parts | matches | as a list | part by part |');
    console.log('|---|---:|---:|---:|---:|');
    for (const r of rows) console.log(`| ${r.name} | ${r.parts} | ${r.n} | ${r.whole.toFixed(2)} ms | ${r.split.toFixed(2)} ms |`);
  } finally {
    await b.close();
  }
}

if (values.profile || values['heavy-only'] || values.queries || values.attribute) {
  const heavy = await startHeavyEditors();
  try {
    if (values.queries) await queryCosts(ext, hostRules([heavy]));
    else if (values.attribute)
      for (const builder of BUILDER_IDS) {
        const n = Math.max(1, Number(values.attribute) || 5);
        await attributeHeavy(builder, ext, hostRules([heavy]), n);
        // The floor: the same build with this content script evaluated but never started (lib/floors.ts).
        if (values.floor) await attributeHeavy(builder, notStarted(ext, builder), hostRules([heavy]), n, ', floor: content script evaluated, not started');
      }
    else if (values.profile) await profileHeavy(values.profile as HeavyBuilder, ext, hostRules([heavy]));
    else for (const builder of BUILDER_IDS) printHeavy(builder, await heavyCost(builder, ext, hostRules([heavy])));
  } finally {
    await heavy.close();
  }
  process.exit(0);
}
const server = await startBuilders();
const rules = hostRules([server]);
try {
  const withExt = await idleCost(true, ext, rules);
  const without = await idleCost(false, ext, rules);
  const ctl = await idleCost(false, ext, rules, true);
  const starts = await startupCost(ext, rules);
  const lat = (await pasteLatency(ext, rules)).sort((a, b) => a - b);
  const q = (p: number) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))];
  console.log(`# Builder guard cost (Bubble editor fixture, ${IDLE_MS} ms idle window, Chromium headless)\n`);
  console.log('| | Script time, load + 1 s | Script time while idle | Task time while idle |');
  console.log('|---|---|---|---|');
  console.log(`| with the extension | ${withExt.startup.toFixed(2)} ms | ${withExt.script.toFixed(2)} ms | ${withExt.task.toFixed(2)} ms |`);
  console.log(`| without | ${without.startup.toFixed(2)} ms | ${without.script.toFixed(2)} ms | ${without.task.toFixed(2)} ms |`);
  console.log(`| control: page with a 50 ms timer, no extension | ${ctl.startup.toFixed(2)} ms | ${ctl.script.toFixed(2)} ms | ${ctl.task.toFixed(2)} ms |`);
  console.log(
    `\nGuard start-up on the editor page (script time from navigation to load + 1 s, ${starts.length} launches; the fixture page runs no script of its own): median ${starts[Math.floor(starts.length / 2)]} ms, min ${starts[0]} ms, max ${starts[starts.length - 1]} ms.`,
  );
  console.log(
    `\nPaste → warning on screen (${RUNS} pastes, each ${PASTE_AFTER_MS} ms after its page's load event, includes the next animation frame): median ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${lat[lat.length - 1]} ms.`,
  );
} finally {
  await server.close();
}
const heavy = await startHeavyEditors();
try {
  for (const builder of BUILDER_IDS) printHeavy(builder, await heavyCost(builder, ext, hostRules([heavy])));
} finally {
  await heavy.close();
}
