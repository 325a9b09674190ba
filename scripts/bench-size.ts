/**
 * `npm run bench:size [-- <build dir>…]`: the gzip size of each built entrypoint against its budget
 * (scripts/lib/size.ts; docs/benchmarks.md, "Built size"). Reads existing builds (`npm run build`,
 * `npm run build:firefox`); builds nothing. Exits 1 when an entrypoint is over its budget.
 */
import { existsSync } from 'node:fs';
import { BUDGETS, entrypointSizes, kib, overBudget } from './lib/size';

const dirs = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const targets = dirs.length ? dirs : ['.output/chrome-mv3', '.output/firefox-mv3'].filter((d) => existsSync(d));
if (!targets.length) {
  console.error('No build found: run `npm run build` (and `npm run build:firefox`) first, or name a build directory.');
  process.exit(2);
}

let failed = false;
for (const dir of targets) {
  const sizes = entrypointSizes(dir);
  console.log(`\n${dir}`);
  console.log(`${'entrypoint'.padEnd(26)}${'files'.padStart(6)}${'raw'.padStart(12)}${'gzip'.padStart(12)}${'budget'.padStart(12)}${'used'.padStart(7)}`);
  for (const s of sizes) {
    const budget = BUDGETS[s.name];
    console.log(
      `${s.name.padEnd(26)}${String(s.files.length).padStart(6)}${kib(s.raw).padStart(12)}${kib(s.gzip).padStart(12)}${(budget ? kib(budget) : '—').padStart(12)}${(budget ? `${Math.round((100 * s.gzip) / budget)}%` : '').padStart(7)}`,
    );
  }
  const problems = overBudget(sizes);
  for (const p of problems) console.log(`OVER: ${p}`);
  failed ||= problems.length > 0;
}
process.exit(failed ? 1 : 0);
