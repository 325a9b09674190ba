/**
 * npm run bench:builders
 *
 * The builder guards' cost in a real editor page (the Bubble editor fixture, Chromium headless):
 * - main-thread work while nothing is typed: CDP Performance metrics (ScriptDuration, TaskDuration) over an idle
 *   window, with the extension loaded vs. a browser without it;
 * - paste-to-warning latency: from dispatching a paste with a key to the in-page warning being on screen.
 * Prints numbers; asserts nothing.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { startBuilders } from '../test/fixtures/apps/builders';
import { hostRules } from '../test/fixtures/apps/server';
import { FAKE_KEYS, seeded } from '../test/utils/secrets/fake-keys';
import { ensureBuilt, launchWithExtension } from './lib/browser';

const { values } = parseArgs({ options: { idle: { type: 'string', default: '5000' }, runs: { type: 'string', default: '20' } } });
const IDLE_MS = Number(values.idle) || 5000;
const RUNS = Math.max(3, Number(values.runs) || 20);
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

function emptyExtension(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'maa-empty-'));
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ manifest_version: 3, name: 'empty', version: '1', background: { service_worker: 'sw.js' } }));
  writeFileSync(path.join(dir, 'sw.js'), '');
  return dir;
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
      await page.waitForTimeout(300);
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

const server = await startBuilders();
const rules = hostRules([server]);
const ext = ensureBuilt();
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
    `\nPaste → warning on screen (${RUNS} pastes, includes the next animation frame): median ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${lat[lat.length - 1]} ms.`,
  );
} finally {
  await server.close();
}
