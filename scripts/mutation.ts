/**
 * Mutation testing with StrykerJS 9 and its Vitest runner (stryker.config.mjs, vitest.stryker.config.ts). Not run in CI:
 * a full run over the rules takes hours on two shared cores, so it is split into shards that each fit a sitting.
 *
 *   npm run mutation                                   # every rule, one run
 *   npm run mutation -- --shard 2/4                    # the second quarter of the rule files (balanced by size)
 *   npm run mutation -- --target parsers --shard 1/3   # the parsers: utils/http, the secret scanner, Bubble's reader, Supabase's parsers
 *   npm run mutation -- --files rules/cors,rules/headers/csp-   # only files whose path starts with one of these
 *   npm run mutation -- --target parsers --files utils/secrets/prefilter --tests test/utils/secrets
 *                                                      # only these test folders (default: the target's whole set)
 *   npm run mutation -- --summary                      # no run: merge every report of the target and print the scores
 *
 * Each run keeps its own incremental file (artifacts/mutation/<target>-<run>.incremental.json), so running the same
 * shard again only tests mutants whose code changed (`--force` tests them all; new test cases alone are not noticed with the Vitest runner: re-run with `--force` after adding cases). The JSON and HTML
 * reports go to artifacts/mutation/ too (ignored by git). After a run, and with `--summary`, the script merges the
 * newest report of each file, lays newer re-checks of its lines (`recheck-*.report.json`, lib/mutation-merge.ts) over
 * it, and prints the score per folder and every surviving or uncovered mutant.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type FileScore, type Mutant, type NamedReport, type Report, mergeReports } from './lib/mutation-merge';

type Target = 'rules' | 'parsers';

/** The files each target mutates (paths from the repository root). */
const TARGETS: Record<Target, () => string[]> = {
  rules: () => walk('rules').filter((f) => f.endsWith('.ts') && f !== 'rules/index.ts'),
  parsers: () => [
    ...walk('utils/http').filter((f) => f.endsWith('.ts')),
    ...walk('utils/secrets').filter((f) => f.endsWith('.ts')),
    'utils/bubble/read.ts',
    ...['sql', 'columns', 'app-classify', 'app-discover', 'dashboard-merge', 'dashboard-secrets'].map((n) => `utils/supabase/${n}.ts`),
  ],
};

const OUT = 'artifacts/mutation';

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(`${dir}/${e.name}`) : [`${dir}/${e.name}`]))
    .sort();
}

interface Args {
  target: Target;
  shard?: { index: number; count: number };
  files?: string[];
  /** Test folders to run instead of the target's whole set (vitest.stryker.config.ts, MUTATION_TESTS). */
  tests?: string[];
  force: boolean;
  summary: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { target: 'rules', force: false, summary: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--target') {
      const t = value();
      if (t !== 'rules' && t !== 'parsers') throw new Error(`--target is rules or parsers, not ${t}`);
      args.target = t;
    } else if (a === '--shard') {
      const m = /^(\d+)\/(\d+)$/.exec(value());
      const index = Number(m?.[1]);
      const count = Number(m?.[2]);
      if (!m || index < 1 || index > count) throw new Error('--shard takes i/n with 1 ≤ i ≤ n, e.g. --shard 2/4');
      args.shard = { index, count };
    } else if (a === '--files') args.files = value().split(',').filter(Boolean);
    else if (a === '--tests') args.tests = value().split(',').filter(Boolean);
    else if (a === '--force') args.force = true;
    else if (a === '--summary') args.summary = true;
    else throw new Error(`unknown argument ${a} (see the comment at the top of scripts/mutation.ts)`);
  }
  return args;
}

/** Splits files into `count` shards of about equal size (largest first, each to the lightest shard): deterministic. */
export function shardFiles(files: string[], count: number, size: (f: string) => number): string[][] {
  const shards = Array.from({ length: count }, () => ({ files: [] as string[], weight: 0 }));
  const bySize = [...files].sort((a, b) => size(b) - size(a) || a.localeCompare(b));
  for (const f of bySize) {
    const lightest = shards.reduce((min, s) => (s.weight < min.weight ? s : min));
    lightest.files.push(f);
    lightest.weight += size(f);
  }
  return shards.map((s) => s.files.sort());
}

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

/** Stryker's score: detected / (detected + undetected); ignored mutants and compile/runtime errors are left out. */
function score(mutants: Mutant[]) {
  const detected = mutants.filter((m) => DETECTED.has(m.status)).length;
  const undetected = mutants.filter((m) => UNDETECTED.has(m.status)).length;
  const ignored = mutants.filter((m) => m.status === 'Ignored').length;
  const errors = mutants.length - detected - undetected - ignored;
  const valid = detected + undetected;
  return { detected, undetected, ignored, errors, total: mutants.length, pct: valid ? (100 * detected) / valid : Number.NaN };
}

/** Every readable JSON report in OUT whose name starts with `prefix`. */
function reportsNamed(prefix: string): NamedReport[] {
  if (!existsSync(OUT)) return [];
  const out: NamedReport[] = [];
  for (const name of readdirSync(OUT).filter((n) => n.startsWith(prefix) && n.endsWith('.report.json'))) {
    const file = path.join(OUT, name);
    try {
      out.push({ name, at: statSync(file).mtimeMs, report: JSON.parse(readFileSync(file, 'utf8')) as Report });
    } catch {
      console.warn(`skipping ${file}: not a readable report`);
    }
  }
  return out;
}

/** The newest report of each mutated file of the target, with the newer re-checks of its lines laid over it. */
function mergedReports(target: Target): Map<string, FileScore> {
  const relative = (source: string) => path.relative(process.cwd(), path.resolve(source)).split(path.sep).join('/');
  return mergeReports(reportsNamed(`${target}-`), reportsNamed('recheck-'), relative, (m) => console.warn(m));
}

const fmt = (s: ReturnType<typeof score>) =>
  `${Number.isNaN(s.pct) ? '  n/a' : s.pct.toFixed(1).padStart(5)}% | ${String(s.detected).padStart(5)} | ${String(s.undetected).padStart(5)} | ${String(s.ignored).padStart(5)} | ${String(s.errors).padStart(4)} | ${String(s.total).padStart(5)}`;

function summarise(target: Target): string {
  const merged = mergedReports(target);
  if (merged.size === 0) return `No ${target} report in ${OUT} yet.`;
  const lines: string[] = [];
  const byFolder = new Map<string, Mutant[]>();
  for (const [file, r] of merged) {
    const folder = path.dirname(file);
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), ...r.mutants]);
  }
  const all = [...merged.values()].flatMap((r) => r.mutants);
  lines.push(`Mutation score, ${target}: ${merged.size} file(s)`, '');
  lines.push('| folder | score | killed+timeout | survived+no coverage | ignored | errors | mutants |', '|---|---:|---:|---:|---:|---:|---:|');
  for (const [folder, mutants] of [...byFolder].sort(([a], [b]) => a.localeCompare(b)))
    lines.push(`| ${folder} | ${fmt(score(mutants)).split(' | ').join(' | ')} |`);
  lines.push(`| **all** | ${fmt(score(all))} |`, '');
  lines.push('Per file (score, undetected):');
  for (const [file, r] of [...merged].sort(([a], [b]) => a.localeCompare(b))) {
    const s = score(r.mutants);
    const also = r.rechecks.length ? `, re-checked by ${r.rechecks.join(', ')}` : '';
    lines.push(
      `  ${file}: ${Number.isNaN(s.pct) ? 'n/a' : `${s.pct.toFixed(1)}%`} (${s.undetected} undetected of ${s.detected + s.undetected}; ${r.from}${also})`,
    );
  }
  lines.push('', 'Undetected mutants (file:line:column mutator → replacement):');
  for (const [file, r] of [...merged].sort(([a], [b]) => a.localeCompare(b))) {
    for (const m of r.mutants.filter((x) => UNDETECTED.has(x.status)).sort((a, b) => a.location.start.line - b.location.start.line)) {
      const replacement = (m.replacement ?? '').replace(/\s+/g, ' ').slice(0, 90);
      lines.push(`  ${file}:${m.location.start.line}:${m.location.start.column} ${m.status} ${m.mutatorName} → ${replacement}`);
    }
  }
  return lines.join('\n');
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.summary) {
    console.log(summarise(args.target));
    return;
  }
  let files = TARGETS[args.target]();
  if (args.files) files = files.filter((f) => args.files!.some((prefix) => f.startsWith(prefix)));
  let run = 'all';
  if (args.files) run = `files-${createHash('sha256').update(args.files.join(',')).digest('hex').slice(0, 8)}`;
  if (args.tests) run = `${run}-tests-${createHash('sha256').update(args.tests.join(',')).digest('hex').slice(0, 8)}`;
  if (args.shard) {
    files = shardFiles(files, args.shard.count, (f) => statSync(f).size)[args.shard.index - 1]!;
    run = `${run === 'all' ? '' : `${run}-`}${args.shard.index}of${args.shard.count}`;
  }
  if (files.length === 0) throw new Error('no file to mutate (check --files and --shard)');
  mkdirSync(OUT, { recursive: true });
  const name = `${args.target}-${run}`;
  console.log(`Mutating ${files.length} file(s) (${name}):\n  ${files.join('\n  ')}`);
  const started = Date.now();
  const result = spawnSync(
    'npx',
    [
      'stryker',
      'run',
      'stryker.config.mjs',
      '--mutate',
      files.join(','),
      '--incrementalFile',
      `${OUT}/${name}.incremental.json`,
      ...(args.force ? ['--force'] : []),
    ],
    {
      stdio: 'inherit',
      env: {
        ...process.env,
        MUTATION_TARGET: args.target,
        MUTATION_JSON: `${OUT}/${name}.report.json`,
        MUTATION_HTML: `${OUT}/${name}.html`,
        // One module graph per run instead of one per test file: same verdicts (checked on static and runtime
        // mutants), about 2.5 times faster per mutant. Vitest still re-evaluates the modules on each mutant's run.
        MUTATION_ISOLATE: process.env.MUTATION_ISOLATE ?? '0',
        ...(args.tests ? { MUTATION_TESTS: args.tests.join(',') } : {}),
      },
    },
  );
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  console.log(`\n${name}: Stryker exited with ${result.status ?? result.signal} after ${minutes} min`);
  const summary = summarise(args.target);
  writeFileSync(`${OUT}/${args.target}-summary.md`, `${summary}\n`);
  console.log(`\n${summary}\n\n(also in ${OUT}/${args.target}-summary.md)`);
  if (result.status !== 0) process.exitCode = result.status ?? 1;
}

main();
