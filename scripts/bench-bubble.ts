/**
 * npm run bench:bubble [-- --sizes 20,100,150] [--editor [--loads 5 --window 6000 --elements 3000]] [--browser-export]
 *
 * Default: time and peak memory to audit a generated `.bubble` export of each size (MB; 150 is the largest export
 * reported, reference 1a) with the command line's code
 * (scripts/lib/bubble-export.ts: read, JSON.parse, read the model, run the Bubble rules). Each size runs in a child
 * process of its own so its peak resident memory (maxRSS) is its own. The export is written in the documented shape
 * (shared/reference/bubble-glide.md 1a-1e: user_types with privacy_role, pages with elements, api workflows,
 * settings.client_safe.apiconnector2) and padded with page elements until it reaches the size.
 *
 * `--browser-export`: the same exports dropped onto the extension's own export page (entrypoints/bubble-export, the
 * audit in a dedicated Worker) in headless Chromium: time to the rendered result, the Worker's peak JS heap (CDP
 * Runtime.getHeapUsage on the worker target, sampled every 50 ms), the page's JS heap (CDP Performance.getMetrics
 * JSHeapUsedSize) and the extension renderer process's peak resident memory (/proc VmHWM, the process that hosts
 * the page and its worker), each against the same page before the file is dropped.
 *
 * `--editor`: content-script script time while the builder edits. The Bubble editor stand-in
 * (test/fixtures/apps/bubble-editor.ts `&bench=1`) at https://bubble.io/page?… through the fixture server: a canvas
 * of a few thousand elements, one changing every 16 ms, typing into a property field, an autosave
 * `POST /appeditor/write` every 2 s (each one makes the extension re-read the model, debounced). CDP Performance
 * ScriptDuration of the tab (content scripts and MAIN-world reads run on its main thread) over the load and over a
 * window of typing, with the extension vs a browser with an empty extension, launches interleaved in one run.
 * Prints numbers; asserts nothing. Timings on a shared machine are "under load".
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const self = fileURLToPath(import.meta.url);

/** Writes a single-line export of about `mb` MB, streaming (the parent never holds it). */
export function writeExport(path: string, mb: number): number {
  const fd = openSync(path, 'w');
  const w = (s: string) => writeSync(fd, s);
  const types = Array.from(
    { length: 200 },
    (_, i) =>
      `"t${i}":${JSON.stringify({
        display: `Type ${i}`,
        fields: Object.fromEntries(Array.from({ length: 20 }, (_, j) => [`field_${j}_text`, { display: j === 0 ? 'Email' : `Field ${j}`, value: 'text' }])),
        ...(i % 3
          ? {
              privacy_role: {
                owner_: { display: 'owner', condition: { type: 'CurrentUser' }, permissions: { view_all: true, search_for: true } },
                everyone: { display: 'everyone', permissions: { view_all: false, search_for: false } },
              },
            }
          : {}),
        exposed_api: i % 5 === 0,
      })}`,
  );
  w(`{"user_types":{${types.join(',')}},"api":{`);
  w(
    Array.from(
      { length: 300 },
      (_, i) =>
        `"w${i}":${JSON.stringify({ type: 'APIEvent', id: `w${i}x`, properties: { wf_name: `wf_${i}`, expose: i % 2 === 0, auth_unecessary: i % 7 === 0 }, actions: { '0': { type: 'ChangeThing', properties: { to_change: { type: 'CurrentUser' } } } } })}`,
    ).join(','),
  );
  w('},"settings":{"client_safe":{"exposes_get_api":true,"exposes_wf_api":true,"app_rights":"private","pw_protection":true,"apiconnector2":{');
  w(
    Array.from(
      { length: 50 },
      (_, i) =>
        `"a${i}":${JSON.stringify({ human: `API ${i}`, shared_headers: { h: { private: true } }, calls: { c: { name: 'Call', url: `https://api${i}.example.test/v1?q=[q]`, params: { p: { key: 'q', value: 'hello world', private: false } } } } })}`,
    ).join(','),
  );
  w('}},"secure":{}},"element_definitions":{},"pages":{');
  const target = mb * 1024 * 1024;
  let size = 0;
  let n = 0;
  // Pages of 200 elements with Bubble-like properties and text.
  while (size < target) {
    const elements: string[] = [];
    for (let e = 0; e < 200; e++) {
      elements.push(
        `"e${n}_${e}":${JSON.stringify({ type: 'Text', id: `bT${n}x${e}`, properties: { text: { entries: { '0': `Welcome to page ${n}, element ${e}: some ordinary copy for visitors.` } }, width: 320, height: 40, left: e * 3, top: e * 7 }, '%s1': 'Text_body_' })}`,
      );
    }
    const page = `${n ? ',' : ''}"p${n}":${JSON.stringify({ name: `page_${n}`, id: `bTp${n}` }).slice(0, -1)},"elements":{${elements.join(',')}}}`;
    size += Buffer.byteLength(page);
    w(page);
    n++;
  }
  w('},"_index":{}}');
  closeSync(fd);
  return statSync(path).size;
}

async function child(file: string): Promise<void> {
  const { auditExport } = await import('./lib/bubble-export');
  const t0 = performance.now();
  const audit = auditExport(file);
  const ms = performance.now() - t0;
  const rss = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(JSON.stringify({ ms, peakRss: rss, findings: audit.findings.length }));
}

// ---- in the browser (--editor, --browser-export); browser modules load only here, not in the export child ----

const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const med = (xs: number[]) => q(xs, 0.5);

function emptyExtension(): string {
  const dir = mkdtempSync(join(tmpdir(), 'maa-empty-'));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ manifest_version: 3, name: 'empty', version: '1', background: { service_worker: 'sw.js' } }));
  writeFileSync(join(dir, 'sw.js'), '');
  return dir;
}

type Metrics = Record<string, number>;

async function benchEditor(o: { loads: number; windowMs: number; elements: number }): Promise<void> {
  const { ensureBuilt, launchWithExtension } = await import('./lib/browser');
  const { startBubbleEditor } = await import('../test/fixtures/apps/bubble-editor');
  const { hostRules } = await import('../test/fixtures/apps/server');
  const editor = await startBubbleEditor();
  const rules = hostRules([editor]);
  const ext = ensureBuilt();
  const empty = emptyExtension();
  const SETTLE_MS = 2500; // document_idle injection, the first model read (1.5 s after the panel connects), the panel
  const measure = async (extensionDir: string, run: number) => {
    const b = await launchWithExtension({ extensionDir, hostRules: rules, insecure: true });
    try {
      const page = await b.context.newPage();
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      const read = async (): Promise<Metrics> =>
        Object.fromEntries(
          ((await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }).metrics.map((m) => [m.name, m.value]),
        );
      const a = await read();
      await page.goto(`https://bubble.io/page?id=leaky-app&tab=Design&bench=1&elements=${o.elements}&run=${run}`, { waitUntil: 'load' });
      await page.waitForTimeout(SETTLE_MS);
      const m = await read();
      const writes0 = editor.stats.writes.length;
      // The builder types into a property field for the whole window (a trusted key press every ~60 ms).
      await page.locator('#prop').focus();
      const end = Date.now() + o.windowMs;
      let typed = 0;
      while (Date.now() < end) {
        await page.keyboard.type('hello ', { delay: 60 });
        typed += 6;
        if (typed > 200) {
          await page.locator('#prop').fill('');
          typed = 0;
        }
      }
      const z = await read();
      const writes = editor.stats.writes.length - writes0;
      return { load: (m.ScriptDuration! - a.ScriptDuration!) * 1000, steady: (z.ScriptDuration! - m.ScriptDuration!) * 1000, writes };
    } finally {
      await b.close();
    }
  };
  try {
    const withExt: Awaited<ReturnType<typeof measure>>[] = [];
    const without: Awaited<ReturnType<typeof measure>>[] = [];
    // Interleaved launches: with, without, with, without… (the first pair warms the disk cache and is dropped).
    for (let i = 0; i <= o.loads; i++) {
      const w = await measure(ext, i);
      const n = await measure(empty, i);
      if (i === 0) continue;
      withExt.push(w);
      without.push(n);
    }
    const w = { load: med(withExt.map((x) => x.load)), steady: med(withExt.map((x) => x.steady)) };
    const n = { load: med(without.map((x) => x.load)), steady: med(without.map((x) => x.steady)) };
    console.log(
      `# Bubble editor while the builder edits (under load): ${o.elements} elements, one changing every 16 ms, typing, a write every 2 s; median of ${o.loads} interleaved launches each\n`,
    );
    console.log(`| | Script, load + ${SETTLE_MS / 1000} s | Script, ${o.windowMs / 1000} s of typing | writes in the window |`);
    console.log('|---|---|---|---|');
    console.log(`| with the extension | ${w.load.toFixed(1)} ms | ${w.steady.toFixed(1)} ms | ${med(withExt.map((x) => x.writes))} |`);
    console.log(`| without | ${n.load.toFixed(1)} ms | ${n.steady.toFixed(1)} ms | ${med(without.map((x) => x.writes))} |`);
    console.log(`| ratio (with / without) | ${(w.load / n.load).toFixed(2)} | ${(w.steady / n.steady).toFixed(2)} | |`);
    console.log(`| difference (the extension's scripts) | ${(w.load - n.load).toFixed(1)} ms | ${(w.steady - n.steady).toFixed(1)} ms | |`);
    console.log(
      `\nper launch, typing window, with: ${withExt.map((x) => x.steady.toFixed(0)).join(' ')} ms; without: ${without.map((x) => x.steady.toFixed(0)).join(' ')} ms`,
    );
  } finally {
    await editor.close();
    rmSync(empty, { recursive: true, force: true });
  }
}

/** Resident memory now and at peak (kB) of a process, from /proc (Linux). */
function procMem(pid: number): { rss: number; hwm: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return undefined;
  }
}

/** The renderer process that hosts our extension's pages: a descendant of the browser started with this extension dir. */
function extensionRendererPid(extensionDir: string): number | undefined {
  const procs: { pid: number; ppid: number; cmd: string }[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${d}/status`, 'utf8'))?.[1]);
      procs.push({ pid: Number(d), ppid, cmd });
    } catch {
      /* gone */
    }
  }
  const root = procs.find((p) => p.cmd.includes(`--load-extension=${extensionDir}`) && !p.cmd.includes('--type='));
  if (!root) return undefined;
  const mine = new Set([root.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of procs)
      if (!mine.has(p.pid) && mine.has(p.ppid)) {
        mine.add(p.pid);
        grew = true;
      }
  }
  return procs.find((p) => mine.has(p.pid) && p.cmd.includes('--type=renderer') && p.cmd.includes('--extension-process'))?.pid;
}

async function benchBrowserExport(sizes: number[], write: (path: string, mb: number) => number): Promise<void> {
  const { ensureBuilt, launchWithExtension } = await import('./lib/browser');
  const ext = ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'bench-bubble-browser-'));
  const mbOf = (b: number) => (b / 1048576).toFixed(1);
  console.log('# .bubble export audited on the extension page (Worker), headless Chromium, under load\n');
  console.log('| File | Time to result | Worker JS heap, peak | Page JS heap, peak − before | Extension renderer RSS, peak − before | × file size (RSS) |');
  console.log('|---|---|---|---|---|---|');
  try {
    for (const mb of sizes) {
      const file = join(dir, `app-${mb}.bubble`);
      const bytes = write(file, mb);
      const b = await launchWithExtension({ extensionDir: ext, insecure: true });
      try {
        const page = await b.context.newPage();
        await page.goto(`chrome-extension://${b.extensionId}/bubble-export.html`);
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Performance.enable');
        const pageHeap = async () =>
          ((await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }).metrics.find((m) => m.name === 'JSHeapUsedSize')
            ?.value ?? 0;
        // The Worker's heap: attach to worker targets (non-flat sessions) and ask each for Runtime.getHeapUsage.
        const sessions = new Set<string>();
        let workerPeak = 0;
        let msgId = 0;
        cdp.on('Target.attachedToTarget', (e: { sessionId: string; targetInfo: { type: string } }) => {
          if (e.targetInfo.type === 'worker') sessions.add(e.sessionId);
        });
        cdp.on('Target.detachedFromTarget', (e: { sessionId: string }) => sessions.delete(e.sessionId));
        cdp.on('Target.receivedMessageFromTarget', (e: { message: string }) => {
          const m = JSON.parse(e.message) as { result?: { usedSize?: number } };
          if (m.result?.usedSize) workerPeak = Math.max(workerPeak, m.result.usedSize);
        });
        await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
        const pid = extensionRendererPid(ext);
        const before = { heap: await pageHeap(), rss: pid ? (procMem(pid)?.rss ?? 0) : 0 };
        let pagePeak = before.heap;
        let rssPeak = before.rss;
        const sampler = setInterval(() => {
          for (const sessionId of sessions)
            void cdp
              .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: ++msgId, method: 'Runtime.getHeapUsage' }) })
              .catch(() => undefined);
          void pageHeap()
            .then((h) => (pagePeak = Math.max(pagePeak, h)))
            .catch(() => undefined);
          if (pid) rssPeak = Math.max(rssPeak, procMem(pid)?.rss ?? 0);
        }, 50);
        const t0 = performance.now();
        await page.setInputFiles('[data-testid="bubble-file"]', file);
        await page.waitForSelector('[data-testid="export-result"], [data-testid="export-error"]', { timeout: 600_000 });
        const ms = performance.now() - t0;
        clearInterval(sampler);
        const ok = !!(await page.$('[data-testid="export-result"]'));
        const hwm = pid ? (procMem(pid)?.hwm ?? 0) : 0;
        const rssOver = (Math.max(rssPeak, hwm) - before.rss) * 1024;
        console.log(
          `| ${mbOf(bytes)} MB${ok ? '' : ' (error shown)'} | ${(ms / 1000).toFixed(2)} s | ${workerPeak ? `${mbOf(workerPeak)} MB` : 'not sampled'} | ${mbOf(pagePeak - before.heap)} MB | ${pid ? `${mbOf(rssOver)} MB` : 'process not found'} | ${pid ? (rssOver / bytes).toFixed(1) : '–'} |`,
        );
      } finally {
        await b.close();
        rmSync(file, { force: true });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      child: { type: 'string' },
      sizes: { type: 'string', default: '20,100,150' },
      editor: { type: 'boolean', default: false },
      'browser-export': { type: 'boolean', default: false },
      loads: { type: 'string', default: '5' },
      window: { type: 'string', default: '6000' },
      elements: { type: 'string', default: '3000' },
    },
  });
  if (values.child) return child(values.child);
  if (values.editor) {
    return benchEditor({ loads: Math.max(2, Number(values.loads) || 5), windowMs: Number(values.window) || 6000, elements: Number(values.elements) || 3000 });
  }
  if (values['browser-export']) {
    return benchBrowserExport(values.sizes.split(',').map(Number), writeExport);
  }
  const dir = mkdtempSync(join(tmpdir(), 'bench-bubble-'));
  try {
    // Baseline: the same child process auditing a tiny export (Node + tsx + rules loaded).
    const tiny = join(dir, 'tiny.bubble');
    writeExport(tiny, 0.01);
    const run = (file: string) => {
      const r = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', file], { encoding: 'utf8', maxBuffer: 1 << 20 });
      if (r.status !== 0) throw new Error(r.stderr || `child exited ${r.status}`);
      return JSON.parse(r.stdout) as { ms: number; peakRss: number; findings: number };
    };
    const base = run(tiny);
    const mbOf = (b: number) => (b / 1048576).toFixed(1);
    console.log(`baseline (tiny export): ${base.ms.toFixed(0)} ms, peak RSS ${mbOf(base.peakRss)} MB`);
    for (const mb of values.sizes.split(',').map(Number)) {
      const file = join(dir, `bench-${mb}.bubble`);
      const bytes = writeExport(file, mb);
      const r = run(file);
      const over = r.peakRss - base.peakRss;
      console.log(
        `${mbOf(bytes)} MB export: ${(r.ms / 1000).toFixed(2)} s to audit (${r.findings} findings), peak RSS ${mbOf(r.peakRss)} MB (${mbOf(over)} MB over baseline = ${(over / bytes).toFixed(1)}× the file size)`,
      );
      rmSync(file);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
