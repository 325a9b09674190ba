/**
 * Secret-scanner benchmark: our engine and secretlint's recommended preset, side by side on the same bytes.
 *
 * Corpus: real minified JavaScript of popular npm packages (downloaded once with `npm pack` into
 * .cache/bench-secrets/, never committed), with labelled fake keys (test/utils/secrets/fake-keys.ts) planted between
 * the libraries in minified, URL, JSON, HTML-attribute, escaped, percent-encoded and base64 contexts, including
 * publishable keys and placeholders. Prints a Markdown table.
 *
 *   npm run bench:secrets
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import { lintSource } from '@secretlint/core';
import { secretLintProfiler } from '@secretlint/profiler';
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend';
import { PROVIDERS, type SecretMatch, scanSecrets } from '../utils/secrets/index';
import { CONTEXTS } from '../test/utils/secrets/contexts';
import { type PlantedKey, placeholderKeys, plantedKeys } from '../test/utils/secrets/fake-keys';
import { gitleaksRules } from '../test/utils/secrets/gitleaks';
import { GITLEAKS_RULES, disagreement } from '../test/utils/secrets/gitleaks-map';
import { secretlintCases } from '../test/utils/secrets/secretlint';
import { placeholderReason } from '../utils/secrets/placeholder';

const CACHE = path.resolve('.cache/bench-secrets');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
/**
 * Untimed runs before the timed ones, for each scanner and corpus alike. One was not enough: secretlint's time is
 * regex matching, steady from its second run, while V8 keeps optimising our engine's detectors, decoders and
 * overlap resolution for about five runs of the planted corpus (each is hot only once its providers have been
 * seen often enough), so a single warm-up left our warm-up in the timed runs but not secretlint's.
 */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 5);
const PASTES = 10_000;
/** One fake key per provider per seed, each in every context: a key every few KB, far denser than real pages. */
const SEEDS = [1];

/** Pinned, so the corpus is the same on every machine. */
const LIBRARIES = [
  { pkg: 'react-dom', version: '18.3.1', file: 'umd/react-dom.production.min.js' },
  { pkg: 'lodash', version: '4.17.21', file: 'lodash.min.js' },
  { pkg: 'jquery', version: '3.7.1', file: 'dist/jquery.min.js' },
  { pkg: 'moment', version: '2.31.0', file: 'min/moment-with-locales.min.js' },
  { pkg: 'chart.js', version: '4.6.1', file: 'dist/chart.umd.min.js' },
  { pkg: 'three', version: '0.160.0', file: 'build/three.min.js' },
  { pkg: 'd3', version: '7.9.2', file: 'dist/d3.min.js' },
  { pkg: '@supabase/supabase-js', version: '2.119.1', file: 'dist/umd/supabase.js' },
  { pkg: 'firebase', version: '13.2.0', file: 'firebase-compat.js' },
  { pkg: 'firebase', version: '13.2.0', file: 'firebase-firestore-compat.js' },
  { pkg: 'axios', version: '1.21.1', file: 'dist/axios.min.js' },
  { pkg: 'vue', version: '3.5.45', file: 'dist/vue.global.prod.js' },
  { pkg: 'bootstrap', version: '5.3.9', file: 'dist/js/bootstrap.bundle.min.js' },
  { pkg: 'echarts', version: '6.1.0', file: 'dist/echarts.min.js' },
  { pkg: 'plotly.js-dist-min', version: '4.1.2', file: 'plotly.min.js' },
  { pkg: 'mapbox-gl', version: '3.32.0', file: 'dist/mapbox-gl.js' },
  { pkg: 'xlsx', version: '0.18.5', file: 'dist/xlsx.full.min.js' },
  { pkg: 'leaflet', version: '1.9.4', file: 'dist/leaflet.js' },
];

// ── corpus ────────────────────────────────────────────────────────────────────────────────────────────────

/** One file out of a .tgz (ustar; npm tarballs put everything under `package/`). */
function fileFromTarball(tgz: Buffer, wanted: string): Buffer {
  const tar = gunzipSync(tgz);
  for (let at = 0; at + 512 <= tar.length; ) {
    const field = (from: number, to: number) => tar.toString('latin1', at + from, at + to).replace(/\0.*$/s, '');
    const name = field(0, 100);
    if (!name) break;
    const prefix = field(345, 500);
    const size = parseInt(field(124, 136).trim() || '0', 8);
    const body = at + 512;
    if ((prefix ? `${prefix}/${name}` : name) === wanted) return tar.subarray(body, body + size);
    at = body + Math.ceil(size / 512) * 512;
  }
  throw new Error(`${wanted} not in tarball`);
}

function library(lib: (typeof LIBRARIES)[number]): string {
  const dir = path.join(CACHE, `${lib.pkg.replace('/', '__')}@${lib.version}`);
  const target = path.join(dir, lib.file);
  if (!existsSync(target)) {
    mkdirSync(path.dirname(target), { recursive: true });
    let tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
    if (!tarball) {
      process.stderr.write(`downloading ${lib.pkg}@${lib.version}\n`);
      const out = execFileSync('npm', ['pack', `${lib.pkg}@${lib.version}`, '--json', '--pack-destination', dir], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      tarball = (JSON.parse(out) as [{ filename: string }])[0].filename;
    }
    writeFileSync(target, fileFromTarball(readFileSync(path.join(dir, tarball)), `package/${lib.file}`));
  }
  return readFileSync(target, 'utf8');
}

interface Plant {
  provider: string;
  exposure: PlantedKey['exposure'] | 'placeholder';
  context: string;
  start: number;
  end: number;
}

/** The libraries, with every planted text placed after a statement end, spread evenly through the code. */
function plantedCorpus(real: string, texts: { text: string; plant: Omit<Plant, 'start' | 'end'>; start: number; end: number }[]) {
  const plants: Plant[] = [];
  let out = '';
  let from = 0;
  texts.forEach((t, i) => {
    const target = Math.floor(((i + 1) * real.length) / (texts.length + 1));
    const cut = Math.max(from, real.indexOf(';', target) + 1 || real.length);
    out += `${real.slice(from, cut)}\n`;
    plants.push({ ...t.plant, start: out.length + t.start, end: out.length + t.end });
    out += `${t.text}\n`;
    from = cut;
  });
  return { text: out + real.slice(from), plants };
}

// ── scanners ──────────────────────────────────────────────────────────────────────────────────────────────

interface Finding {
  start: number;
  end: number;
  secret: boolean;
}

const ours = (text: string): Finding[] =>
  scanSecrets(text, { maxBytes: text.length }).map((m: SecretMatch) => ({ start: m.start, end: m.end, secret: m.exposure === 'secret' }));

const SECRETLINT = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommended }] };

/**
 * secretlint's core marks every lint and every rule in a process-wide profiler (@secretlint/profiler, a dependency of
 * @secretlint/core) whose PerformanceObserver keeps every entry and, on each new mark, searches all entries kept so
 * far. Its callbacks run only between macrotasks, which back-to-back `await lintSource()` calls never yield to, so the
 * thousands of lints below left a backlog of hundreds of thousands of marks that the observer then worked through in
 * quadratic time after the table was printed: the process spun at 100% CPU and never exited. After each lint we let the
 * observer run (it is secretlint's own work, timed with it, as a CLI run pays it per file) and drop what it kept, as
 * every secretlint CLI process starts with an empty profiler.
 */
async function settleSecretlintProfiler(): Promise<void> {
  await nextMacrotask();
  const kept = secretLintProfiler as unknown as { entries: unknown[]; measures: unknown[] };
  kept.entries.length = 0;
  kept.measures.length = 0;
  performance.clearMarks();
  performance.clearMeasures();
}

async function secretlint(text: string): Promise<Finding[]> {
  const result = await lintSource({
    source: { filePath: '/bench/corpus.js', content: text, contentType: 'text' },
    options: { config: SECRETLINT },
  });
  await settleSecretlintProfiler();
  // secretlint has no notion of publishable keys: everything it reports is reported as a secret.
  return result.messages.map((m) => ({ start: m.range[0], end: m.range[1], secret: true }));
}

async function medianSeconds(run: () => unknown): Promise<number> {
  for (let i = 0; i < WARMUP; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await run();
    times.push((performance.now() - t0) / 1000);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
}

const keysForPastes = () => plantedKeys(11);
const overlaps = (f: Finding, p: { start: number; end: number }) => f.start < p.end && p.start < f.end;
const pct = (n: number, d: number) => `${n}/${d} (${d ? ((100 * n) / d).toFixed(1) : '0.0'}%)`;
const mbps = (bytes: number, s: number) => `${(bytes / 1e6 / s).toFixed(0)} MB/s`;

// ── main ──────────────────────────────────────────────────────────────────────────────────────────────────

async function main() {
  const files = LIBRARIES.map(library);
  const real = files.join('\n');

  const texts = SEEDS.flatMap((seed) => [
    ...plantedKeys(seed).flatMap((key) =>
      CONTEXTS.map((c) => ({ ...c.embed(key), plant: { provider: key.provider, exposure: key.exposure, context: c.name } })),
    ),
    ...placeholderKeys().flatMap((value) =>
      CONTEXTS.map((c) => ({
        ...c.embed({ value, snippet: value }),
        plant: { provider: 'placeholder', exposure: 'placeholder' as const, context: c.name },
      })),
    ),
  ]);
  const corpus = plantedCorpus(real, texts);
  const realBytes = Buffer.byteLength(real);
  const corpusBytes = Buffer.byteLength(corpus.text);

  // Throughput, median of RUNS after WARMUP untimed runs, on exactly the same strings. Each scanner's runs are
  // grouped, so neither pays for the other's garbage.
  const oursReal = await medianSeconds(() => ours(real));
  const oursAll = await medianSeconds(() => ours(corpus.text));
  const lintReal = await medianSeconds(() => secretlint(real));
  const lintAll = await medianSeconds(() => secretlint(corpus.text));

  // Findings on the planted corpus.
  const matches = scanSecrets(corpus.text, { maxBytes: corpus.text.length });
  const lintFindings = await secretlint(corpus.text);
  const secrets = corpus.plants.filter((p) => p.exposure === 'secret' || p.exposure === 'capability' || p.exposure === 'test');
  const found = (p: Plant) => matches.some((m) => m.provider === p.provider && m.start === p.start && m.end === p.end);
  const ourMisses = secrets.filter((p) => !found(p));
  const lintHits = secrets.filter((p) => lintFindings.some((f) => overlaps(f, p)));
  const publishable = corpus.plants.filter((p) => p.exposure === 'publishable');
  const placeholders = corpus.plants.filter((p) => p.exposure === 'placeholder');
  const oursFindings = matches.map((m) => ({ start: m.start, end: m.end, secret: m.exposure === 'secret' }));
  const wronglySecret = (plants: Plant[], findings: Finding[]) => plants.filter((p) => findings.some((f) => f.secret && overlaps(f, p))).length;
  const publishableRight = publishable.filter(found).length;

  // The real libraries alone: every finding there is a false positive.
  const realOurs = scanSecrets(real, { maxBytes: real.length });
  const realLint = await secretlint(real);
  const byExposure = (ms: SecretMatch[]) =>
    Object.entries(
      ms.reduce<Record<string, number>>((acc, m) => {
        acc[m.exposure] = (acc[m.exposure] ?? 0) + 1;
        return acc;
      }, {}),
    )
      .map(([k, n]) => `${n} ${k}`)
      .join(', ') || '0';

  // gitleaks peer cases of the rules we support.
  const rules = gitleaksRules();
  const supported = rules.filter((r) => r.id in GITLEAKS_RULES);
  const tps = supported.flatMap((r) => r.tps.map((tp) => ({ rule: r.id, tp })));
  const tpOurs = tps.filter(({ rule, tp }) => {
    const providers: readonly string[] = GITLEAKS_RULES[rule]!;
    return scanSecrets(tp).some((m) => providers.includes(m.provider));
  }).length;
  const tpDropped = tps.filter(({ rule, tp }) => disagreement(rule, 'placeholder', tp)).length;
  let tpLint = 0;
  for (const { tp } of tps) if ((await secretlint(tp)).length > 0) tpLint++;
  let tpLintAll = 0;
  for (const r of rules) for (const tp of r.tps) if ((await secretlint(tp)).length > 0) tpLintAll++;
  const fps = rules.flatMap((r) => r.fps.map((fp) => ({ rule: r.id, fp })));
  const fpFlagged = fps.filter(({ fp }) => scanSecrets(fp).some((m) => m.exposure === 'secret'));
  const fpDocumented = fpFlagged.filter(({ rule, fp }) => disagreement(rule, 'flagged-fp', fp)).length;
  let fpLint = 0;
  for (const { fp } of fps) if ((await secretlint(fp)).length > 0) fpLint++;

  // Independent recall: labelled sets whose answers we did not write.
  // 1. Every gitleaks rule: a true positive counts when we report it as a secret, capability or test key (the rule's
  //    mapped provider for supported rules; any provider otherwise). Rules we do not support count as misses; keys we
  //    classify publishable and documented placeholders are counted apart.
  const allTps = rules.flatMap((r) => r.tps.map((tp) => ({ rule: r.id, tp })));
  const verdicts = allTps.map(({ rule, tp }) => {
    const mapped: readonly string[] | undefined = GITLEAKS_RULES[rule];
    const ms = scanSecrets(tp).filter((m) => !mapped || mapped.includes(m.provider));
    if (ms.some((m) => m.exposure !== 'publishable')) return { rule, verdict: 'found' as const };
    if (ms.length > 0) return { rule, verdict: 'publishable' as const };
    if (disagreement(rule, 'placeholder', tp)) return { rule, verdict: 'placeholder' as const };
    return { rule, verdict: 'missed' as const };
  });
  const count = (v: string) => verdicts.filter((x) => x.verdict === v).length;
  const perRule = new Map<string, { n: number; found: number; publishable: number; placeholder: number }>();
  for (const { rule, verdict } of verdicts) {
    const row = perRule.get(rule) ?? { n: 0, found: 0, publishable: 0, placeholder: 0 };
    row.n++;
    if (verdict !== 'missed') row[verdict]++;
    perRule.set(rule, row);
  }
  const ruleMisses = [...perRule].filter(([, r]) => r.found + r.publishable + r.placeholder < r.n);
  const rulesAllFound = [...perRule].filter(([, r]) => r.found === r.n).length;
  const publishableRules = [...perRule].filter(([, r]) => r.publishable > 0).map(([id, r]) => `${id} ${r.publishable}/${r.n}`);
  const placeholderRules = [...perRule].filter(([, r]) => r.placeholder > 0).map(([id, r]) => `${id} ${r.placeholder}/${r.n}`);

  // 2. secretlint's own test snapshots: a labelled key counts when a secret/capability/test finding overlaps its span.
  const slCases = secretlintCases();
  const slLabels = slCases.flatMap((c) => c.expected.map((e) => ({ c, e })));
  const slVerdicts = slLabels.map(({ c, e }) => {
    const over = scanSecrets(c.input).filter((m) => overlaps({ start: m.start, end: m.end, secret: false }, e));
    const verdict = over.some((m) => m.exposure !== 'publishable')
      ? 'found'
      : over.length
        ? 'publishable'
        : placeholderReason(e.value)
          ? `dropped (${placeholderReason(e.value)})`
          : 'missed';
    return { id: `${c.rule}/${c.case}: ${e.value.slice(0, 24)}…`, verdict };
  });
  let slLint = 0;
  for (const { c, e } of slLabels) if ((await secretlint(c.input)).some((f) => overlaps(f, e))) slLint++;
  const slNegatives = slCases.filter((c) => c.expected.length === 0);
  const slFalse = slNegatives.flatMap((c) =>
    scanSecrets(c.input)
      .filter((m) => m.exposure === 'secret')
      .map((m) => `${c.rule}/${c.case}: ${m.provider}`),
  );

  // 3. The planted keys' generator never writes what the placeholder filter rejects (so the planted recall above
  //    measures detection, not luck): checked here on every planted and pasted key.
  const generated = [...SEEDS.flatMap((seed) => plantedKeys(seed)), ...keysForPastes()];
  const rejected = generated.filter((k) => placeholderReason(k.value) !== null).map((k) => k.provider);

  // In-page cost: one paste at a time, as a builder content script scans a field.
  const keys = keysForPastes();
  const pastes = Array.from({ length: PASTES }, (_, i) => {
    const key = keys[i % keys.length]!;
    return i % 3 === 0
      ? key.snippet
      : i % 3 === 1
        ? `Bearer ${key.value}`
        : real.slice((i * 7919) % (real.length - 2000), ((i * 7919) % (real.length - 2000)) + 200 + (i % 1800));
  });
  const costs = pastes.map((paste) => {
    const t0 = performance.now();
    scanSecrets(paste);
    return performance.now() - t0;
  });
  costs.sort((a, b) => a - b);
  const quantile = (q: number) => costs[Math.min(costs.length - 1, Math.floor(q * costs.length))]!;

  const contextMisses = [...new Set([...ourMisses, ...publishable.filter((p) => !found(p))].map((p) => `${p.provider} in ${p.context}`))];
  if (process.env.BENCH_DEBUG) {
    for (const p of [...ourMisses, ...publishable.filter((x) => !found(x))]) {
      const near = matches.filter((m) => m.end > p.start - 50 && m.start < p.end + 50).map((m) => [m.provider, m.start, m.end]);
      console.error(p, JSON.stringify(corpus.text.slice(p.start - 300, p.end + 60)), JSON.stringify(near));
    }
  }

  const rows: [string, string, string][] = [
    [
      'Corpus',
      `${(realBytes / 1e6).toFixed(1)} MB of minified JS from ${LIBRARIES.length} npm files + ${texts.length} planted texts (${PROVIDERS.length} providers and ${placeholderKeys().length} placeholders × ${CONTEXTS.length} contexts; one every ${Math.round(realBytes / texts.length / 1000)} KB) = ${(corpusBytes / 1e6).toFixed(1)} MB`,
      'same bytes',
    ],
    [`Throughput, real libraries (median of ${RUNS} after ${WARMUP} warm-up runs)`, mbps(realBytes, oursReal), mbps(realBytes, lintReal)],
    [`Throughput, with planted keys (median of ${RUNS} after ${WARMUP} warm-up runs)`, mbps(corpusBytes, oursAll), mbps(corpusBytes, lintAll)],
    ['Speed ratio (ours / secretlint)', `${(lintReal / oursReal).toFixed(1)}× real, ${(lintAll / oursAll).toFixed(1)}× planted`, '1×'],
    [
      'Recall, planted secret/capability/test keys (right provider, exact span)',
      pct(secrets.length - ourMisses.length, secrets.length),
      `${pct(lintHits.length, secrets.length)} (any overlapping report)`,
    ],
    ['Publishable keys classified right (provider, span, publishable)', pct(publishableRight, publishable.length), 'n/a'],
    [
      'Publishable keys reported as secret',
      pct(wronglySecret(publishable, oursFindings), publishable.length),
      pct(wronglySecret(publishable, lintFindings), publishable.length),
    ],
    [
      'Placeholders reported as secret',
      pct(wronglySecret(placeholders, oursFindings), placeholders.length),
      pct(wronglySecret(placeholders, lintFindings), placeholders.length),
    ],
    ['Findings on the real-library corpus', byExposure(realOurs), String(realLint.length)],
    [
      `gitleaks TPs detected (${supported.length} supported rules)`,
      `${pct(tpOurs, tps.length)}; the other ${tpDropped} are documented placeholders`,
      `${pct(tpLint, tps.length)} (any report)`,
    ],
    [
      `gitleaks FPs reported as secret (all ${rules.length} rules)`,
      `${pct(fpFlagged.length, fps.length)}, ${fpDocumented} of them a documented disagreement`,
      pct(fpLint, fps.length),
    ],
    [
      `Independent: gitleaks TPs of all ${rules.length} rules (unsupported rules count as misses)`,
      `${pct(count('found'), allTps.length)} found; ${count('publishable')} classified publishable, ${count('placeholder')} documented placeholders, ${count('missed')} missed; ${rulesAllFound}/${rules.length} rules fully found`,
      `${pct(tpLintAll, allTps.length)} (any report)`,
    ],
    [
      `Independent: secretlint test snapshots (${slCases.length - slNegatives.length} cases, ${slLabels.length} labelled keys)`,
      `${pct(slVerdicts.filter((v) => v.verdict === 'found').length, slLabels.length)} found; ${slVerdicts.filter((v) => v.verdict === 'publishable').length} publishable, ${slVerdicts.filter((v) => v.verdict.startsWith('dropped')).length} dropped as placeholders`,
      `${pct(slLint, slLabels.length)} (its own tests)`,
    ],
    [`Independent: secretlint negative snapshots reported as secret (${slNegatives.length} files)`, slFalse.length ? slFalse.join('; ') : '0', 'n/a'],
    ['Generated planted keys the placeholder filter would reject', `${rejected.length}/${generated.length}`, 'n/a'],
    [`In-page cost per paste, p50 / p99 (${PASTES} pastes)`, `${quantile(0.5).toFixed(3)} ms / ${quantile(0.99).toFixed(3)} ms`, 'n/a'],
  ];

  console.log('| Metric | Ours | secretlint (recommended preset) |');
  console.log('|---|---|---|');
  for (const [metric, a, b] of rows) console.log(`| ${metric} | ${a} | ${b} |`);
  console.log(`\nMB = 10^6 bytes (UTF-8). Node ${process.version}.`);
  if (contextMisses.length) console.log(`\nPlanted keys we missed or misclassified: ${contextMisses.join('; ')}`);
  console.log(`\ngitleaks rules not fully found (found/publishable/placeholder of n): ${ruleMisses.map(([id, r]) => `${id} ${r.found}/${r.n}`).join(', ')}`);
  console.log(
    `\ngitleaks TPs we classify publishable: ${publishableRules.join(', ') || 'none'}; documented placeholders: ${placeholderRules.join(', ') || 'none'}`,
  );
  const slNotFound = slVerdicts.filter((v) => v.verdict !== 'found');
  console.log(`\nsecretlint labelled keys not found: ${slNotFound.map((v) => `${v.id} (${v.verdict})`).join('; ') || 'none'}`);
  if (rejected.length) console.log(`\nGenerated keys the placeholder filter rejects: ${rejected.join(', ')}`);
}

await main();
