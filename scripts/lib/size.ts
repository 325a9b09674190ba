/**
 * Built size of each entrypoint (gzip), and the budgets the build enforces (wxt.config.ts, hook `build:done`).
 *
 * An entrypoint is what one context loads: the service worker (`background.js`), each content script, each page
 * (its HTML, the scripts and styles it names and every chunk they import, statically or dynamically), and each Web
 * Worker (`assets/worker-*.js`, loaded by the export page on demand). A shared chunk counts in every entrypoint
 * that loads it. Size = the sum of each file's gzip size (level 9), what a user downloads inside the store's zip
 * and what the browser parses, give or take.
 *
 * Budgets: the baseline measured on 2026-12-06 (Chromium build; docs/benchmarks.md, "Built size") plus a margin of
 * 10 %, rounded up to the next KiB. Raise a budget on purpose, with the reason, in the same commit as the growth.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface EntrypointSize {
  name: string;
  files: string[];
  raw: number;
  gzip: number;
}

/** Scripts the background injects with scripting.executeScript (in-page/scanner.ts): an entrypoint each. */
export const INJECTED = ['scanner.js'];

/** Margin over the measured baseline. */
export const BUDGET_MARGIN = 0.1;

/**
 * Gzip bytes measured on 2026-12-06 (Chromium MV3 production build, `npm run bench:size`), re-measured after the
 * Bubble panel, Show me, the organisation policy in every report and the Firefox settings landed (the first
 * baseline, earlier that day, was popup 95,000 and bubble-export 7,484).
 */
export const BASELINE: Readonly<Record<string, number>> = {
  background: 153_008,
  // Re-measured on 2026-12-07 (eighth session) after the field warning and its shadow-root host became plain DOM
  // (components/builder/field-warning.ts, in-page/shadow-host.ts): Preact left the Glide content script and WXT's
  // shadow-root UI left all three; before: bubble 19,230, glide 21,262, supabase 28,015 (2026-12-06, after the secret
  // engine and webextension-polyfill left them; first: bubble 48,471, glide 50,055, supabase 56,901).
  'content-scripts/bubble': 16_768,
  'content-scripts/glide': 14_158,
  'content-scripts/supabase': 26_648,
  scanner: 26_417,
  'bubble-export': 10_340,
  options: 93_903,
  popup: 104_780,
  'worker:bubble-export': 98_387,
};

/** Budget in gzip bytes: baseline + margin, rounded up to a KiB. */
export const BUDGETS: Readonly<Record<string, number>> = Object.fromEntries(
  Object.entries(BASELINE).map(([name, bytes]) => [name, Math.ceil((bytes * (1 + BUDGET_MARGIN)) / 1024) * 1024]),
);

const gzipOf = (buf: Buffer) => gzipSync(buf, { level: 9 }).length;

/** Relative paths (from the build root) a JS file imports: `from"./x.js"`, `import("./x.js")`, `import"./x.js"`. */
function importsOf(js: string, fromDir: string): string[] {
  const out = new Set<string>();
  for (const m of js.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s*)["'](\.{1,2}\/[^"']+\.js|\/[^"']+\.js)["']/g)) {
    const spec = m[1]!;
    out.add(spec.startsWith('/') ? spec.slice(1) : posix.normalize(posix.join(fromDir, spec)));
  }
  return [...out];
}

/** Files a page loads: its HTML, the scripts and styles it names, and every chunk those import (transitively). */
function pageFiles(dir: string, html: string): string[] {
  const files = new Set<string>([html]);
  const text = readFileSync(join(dir, html), 'utf8');
  const queue: string[] = [];
  for (const m of text.matchAll(/\b(?:src|href)="\/?([^"]+\.(?:js|css))"/g)) {
    files.add(m[1]!);
    if (m[1]!.endsWith('.js')) queue.push(m[1]!);
  }
  while (queue.length) {
    const file = queue.shift()!;
    if (!existsSync(join(dir, file))) continue;
    for (const dep of importsOf(readFileSync(join(dir, file), 'utf8'), posix.dirname(file))) {
      if (!files.has(dep) && existsSync(join(dir, dep))) {
        files.add(dep);
        queue.push(dep);
      }
    }
  }
  return [...files];
}

/** Every entrypoint of a built extension directory (`.output/chrome-mv3`, `.output/firefox-mv3`). */
export function entrypointSizes(dir: string): EntrypointSize[] {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    background?: { service_worker?: string; scripts?: string[] };
    content_scripts?: { js?: string[] }[];
  };
  const entries: { name: string; files: string[] }[] = [];
  const bg = manifest.background?.service_worker ? [manifest.background.service_worker] : (manifest.background?.scripts ?? []);
  if (bg.length) entries.push({ name: 'background', files: bg });
  for (const js of new Set((manifest.content_scripts ?? []).flatMap((c) => c.js ?? []))) entries.push({ name: js.replace(/\.js$/, ''), files: [js] });
  for (const html of readdirSync(dir).filter((f) => f.endsWith('.html'))) entries.push({ name: html.replace(/\.html$/, ''), files: pageFiles(dir, html) });
  // Scripts the background injects on demand (not in the manifest): the secret engine for builder tabs.
  for (const js of INJECTED.filter((f) => existsSync(join(dir, f)))) entries.push({ name: js.replace(/\.js$/, ''), files: [js] });
  const assets = existsSync(join(dir, 'assets')) ? readdirSync(join(dir, 'assets')) : [];
  for (const w of assets.filter((f) => /^worker-.*\.js$/.test(f))) {
    // One worker today (the export page's parser); a second one would need its own name and budget.
    entries.push({ name: 'worker:bubble-export', files: [`assets/${w}`] });
  }
  return entries.map(({ name, files }) => {
    let raw = 0;
    let gzip = 0;
    for (const f of files) {
      const buf = readFileSync(join(dir, f));
      raw += buf.length;
      gzip += gzipOf(buf);
    }
    return { name, files, raw, gzip };
  });
}

/** Entrypoints over their budget, and entrypoints without one (a new entrypoint needs a budget on purpose). */
export function overBudget(sizes: readonly EntrypointSize[], budgets: Readonly<Record<string, number>> = BUDGETS): string[] {
  const problems: string[] = [];
  for (const s of sizes) {
    const budget = budgets[s.name];
    if (budget === undefined) problems.push(`${s.name}: ${kib(s.gzip)} gzip and no budget (add one in scripts/lib/size.ts)`);
    else if (s.gzip > budget) problems.push(`${s.name}: ${kib(s.gzip)} gzip is over its budget of ${kib(budget)}`);
  }
  return problems;
}

export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
