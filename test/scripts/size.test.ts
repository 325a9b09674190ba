/**
 * The size budget's measurement (scripts/lib/size.ts): which files count for each entrypoint of a build, and what
 * the build reports over budget. Over a hand-made build directory (the real one is checked by every `wxt build`).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BASELINE, BUDGET_MARGIN, BUDGETS, entrypointSizes, overBudget } from '../../scripts/lib/size';

const dir = mkdtempSync(join(tmpdir(), 'maa-size-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (file: string, text: string) => {
  mkdirSync(dirname(join(dir, file)), { recursive: true });
  writeFileSync(join(dir, file), text);
};

write(
  'manifest.json',
  JSON.stringify({ background: { service_worker: 'background.js' }, content_scripts: [{ js: ['content-scripts/a.js'] }, { js: ['content-scripts/a.js'] }] }),
);
write('background.js', 'x'.repeat(5000));
write('content-scripts/a.js', 'console.log(1)');
write(
  'popup.html',
  '<script type="module" src="/chunks/popup-1.js"></script><link rel="modulepreload" href="/chunks/shared-1.js"><link rel="stylesheet" href="/assets/style-1.css">',
);
write('chunks/popup-1.js', 'import{a}from"./shared-1.js";const l=()=>import("./lazy-1.js");');
write('chunks/shared-1.js', 'import"./deep-1.js";export const a=1;');
write('chunks/deep-1.js', 'export {}');
write('chunks/lazy-1.js', 'export {}');
write('chunks/unused-1.js', 'y'.repeat(9000));
write('assets/style-1.css', 'body{}');
write('assets/worker-1.js', 'onmessage=()=>{}');

describe('entrypointSizes', () => {
  const sizes = entrypointSizes(dir);
  const byName = Object.fromEntries(sizes.map((s) => [s.name, s]));

  it('finds the service worker, each content script once, each page and the worker', () => {
    expect(sizes.map((s) => s.name).sort()).toEqual(['background', 'content-scripts/a', 'popup', 'worker:bubble-export']);
  });

  it('counts a page’s HTML, scripts, styles and every chunk they import, not the chunks they do not', () => {
    expect(byName.popup!.files.sort()).toEqual([
      'assets/style-1.css',
      'chunks/deep-1.js',
      'chunks/lazy-1.js',
      'chunks/popup-1.js',
      'chunks/shared-1.js',
      'popup.html',
    ]);
  });

  it('measures gzip bytes, smaller than raw for repetitive text', () => {
    expect(byName.background!.raw).toBe(5000);
    expect(byName.background!.gzip).toBeGreaterThan(0);
    expect(byName.background!.gzip).toBeLessThan(200);
  });
});

describe('budgets', () => {
  it('each budget is its baseline plus the margin, rounded up to a KiB', () => {
    for (const [name, base] of Object.entries(BASELINE)) {
      expect(BUDGETS[name]).toBeGreaterThanOrEqual(base * (1 + BUDGET_MARGIN));
      expect(BUDGETS[name]! % 1024).toBe(0);
      expect(BUDGETS[name]! - base * (1 + BUDGET_MARGIN)).toBeLessThan(1024);
    }
  });

  it('reports an entrypoint over its budget and one without a budget; nothing when all fit', () => {
    const sizes = entrypointSizes(dir);
    const fits: Record<string, number> = Object.fromEntries(sizes.map((s) => [s.name, s.gzip]));
    expect(overBudget(sizes, fits)).toEqual([]);
    const { 'content-scripts/a': _dropped, ...withoutA } = fits;
    const problems = overBudget(sizes, { ...withoutA, background: fits.background! - 1 });
    expect(problems).toHaveLength(2);
    expect(problems.find((p) => p.startsWith('background:'))).toMatch(/over its budget/);
    expect(problems.find((p) => p.startsWith('content-scripts/a:'))).toMatch(/no budget/);
  });
});
