/**
 * Keeps the catalogue and the layout honest without anyone remembering to (after refined-github's conventions test):
 * every rule file is registered, named by its id, lives in the folder of its category, is tested through describeRule
 * (which itself checks for real flagged / clean / fixed cases and a flagged case per message id), has a usable fix
 * guide; ids are never reused; folders under rules/ hold rules only; components/ never calls browser APIs; no test
 * asserts a duration (timings live in the scripts/bench-*.ts benchmarks).
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '@/rules';
import { CHECKLIST_ITEMS, RULE_CATEGORIES, type Rule } from '@/engine/rule';
import { SEVERITIES } from '@/engine/severity';
import renames from '@/rules/renames.json';
import knownIds from '@/rules/known-ids.json';
import { expectUsableFixGuide } from './helpers/usable-guide';

const ROOT = path.resolve(__dirname, '..');
const modules = import.meta.glob<{ default?: unknown }>('/rules/*/*.ts', { eager: true });
const isRule = (x: unknown): x is Rule => typeof x === 'object' && x !== null && 'meta' in x && 'check' in x;
const ruleFiles = Object.entries(modules).filter(([, m]) => isRule(m.default)) as [string, { default: Rule }][];

describe('rule catalogue conventions', () => {
  it('finds rule files', () => expect(ruleFiles.length).toBeGreaterThanOrEqual(20));

  it.each(ruleFiles)('%s is named by its id and registered', (file, mod) => {
    expect(path.basename(file, '.ts')).toBe(mod.default.meta.id);
    expect(ALL_RULES).toContain(mod.default);
  });

  it('every registered rule lives in its own file', () => {
    const fromFiles = new Set(ruleFiles.map(([, m]) => m.default));
    for (const r of ALL_RULES) expect(fromFiles.has(r), r.meta.id).toBe(true);
  });

  it('ids are unique and never reuse a renamed id', () => {
    const ids = ALL_RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const old of Object.keys(renames)) expect(ids).not.toContain(old);
  });

  it('every id ever shipped is current or recorded as renamed (rules/known-ids.json, rules/renames.json)', () => {
    const ids = new Set(ALL_RULES.map((r) => r.meta.id));
    const renamed = renames as Record<string, string>;
    const gone = knownIds.filter((id) => !ids.has(id) && !(id in renamed));
    expect(gone, 'ids removed without a rename record: add "old": "new" to rules/renames.json').toEqual([]);
    const unknown = [...ids].filter((id) => !knownIds.includes(id));
    expect(unknown, 'new rule ids: add them to rules/known-ids.json').toEqual([]);
    for (const [from, to] of Object.entries(renamed)) expect(ids.has(to) || to in renamed, `${from} → ${to}`).toBe(true);
  });

  it.each(ruleFiles)('%s lives in the folder of its category', (file, mod) => {
    expect(Object.keys(RULE_CATEGORIES)).toContain(mod.default.meta.category);
    expect(file.split('/')[2]).toBe(mod.default.meta.category);
  });

  it.each(ruleFiles)('%s has a test with flagged, clean and fixed cases', (file, mod) => {
    const test = path.join(ROOT, 'test', file.replace(/^\/rules\//, 'rules/').replace(/\.ts$/, '.test.ts'));
    expect(existsSync(test), `missing ${path.relative(ROOT, test)}`).toBe(true);
    const src = readFileSync(test, 'utf8');
    // describeRule runs the cases and checks they are real (test/helpers/rule-cases.ts, "conventions").
    expect(src).toMatch(/describeRule\(\s*rule\b/);
    expect(src).toContain(`from '@/rules/${mod.default.meta.category}/${mod.default.meta.id}'`);
  });

  it.each(ALL_RULES.map((r) => [r.meta.id, r] as const))('%s has complete metadata and a usable fix guide', (_, rule) => {
    const { meta } = rule;
    expect(meta.title.length).toBeGreaterThan(5);
    expect(SEVERITIES).toContain(meta.severity);
    expect(Object.keys(CHECKLIST_ITEMS)).toContain(meta.checklist);
    expect(meta.rationale.length).toBeGreaterThan(20);
    expect(Object.keys(meta.messages).length).toBeGreaterThan(0);
    expectUsableFixGuide(rule);
  });
});

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });

describe('layout conventions', () => {
  const rulesDir = path.join(ROOT, 'rules');

  it('folders under rules/ are rule categories and hold rule files only', () => {
    const folders = readdirSync(rulesDir).filter((n) => statSync(path.join(rulesDir, n)).isDirectory());
    for (const folder of folders) {
      expect(Object.keys(RULE_CATEGORIES), `rules/${folder} is not a category`).toContain(folder);
      for (const file of readdirSync(path.join(rulesDir, folder))) {
        const mod = modules[`/rules/${folder}/${file}`];
        expect(mod && isRule(mod.default), `rules/${folder}/${file} is not a rule: helpers belong in utils/ or engine/`).toBe(true);
      }
    }
    expect(
      readdirSync(rulesDir)
        .filter((n) => !folders.includes(n))
        .sort(),
    ).toEqual(['index.ts', 'known-ids.json', 'renames.json']);
  });

  it('components/ is UI only: no browser APIs, no network, no entrypoint imports', () => {
    const files = walk(path.join(ROOT, 'components')).filter((f) => /\.(ts|tsx)$/.test(f));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const src = readFileSync(file, 'utf8');
      const rel = path.relative(ROOT, file);
      expect(src, `${rel} imports a browser API`).not.toMatch(
        /from ['"](wxt\/browser|webextension-polyfill|@wxt-dev\/webextension-polyfill|wxt\/utils\/storage)['"]/,
      );
      expect(src, `${rel} calls browser.* or chrome.*`).not.toMatch(
        /\b(browser|chrome)\.(runtime|storage|tabs|scripting|permissions|cookies|webRequest|declarativeNetRequest)\b/,
      );
      expect(src, `${rel} uses the network`).not.toMatch(/\bfetch\(|XMLHttpRequest|WebSocket\(/);
      expect(src, `${rel} imports an entrypoint`).not.toMatch(/from ['"][^'"]*entrypoints\//);
    }
  });

  it('utils/ and engine/ never import rules, entrypoints or components (layers: utils ← engine ← rules)', () => {
    for (const dir of ['utils', 'engine']) {
      for (const file of walk(path.join(ROOT, dir)).filter((f) => /\.tsx?$/.test(f))) {
        const src = readFileSync(file, 'utf8');
        expect(src, path.relative(ROOT, file)).not.toMatch(/from ['"](@\/|(\.\.\/)+)(entrypoints|components|in-page)\//);
        expect(src, path.relative(ROOT, file)).not.toMatch(/from ['"](@\/|(\.\.\/)+)rules(\/|['"])/);
      }
    }
  });
});

/** A wall-clock elapsed time, `<clock>.now() - t0` (date arithmetic such as `Date.now() - 86_400_000` is not one). */
const ELAPSED = /\b(?:Date|performance)\.now\(\)\s*-\s*(?![\d\s])/;
const ELAPSED_VAR = /\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:Date|performance)\.now\(\)\s*-\s*(?![\d\s])/g;

/**
 * The statements of a test file that compare an elapsed time in an expect(): directly, through a variable that holds
 * one, or through a helper that returns one (`timed(f)`: in a test file it exists only to be asserted on). Crude on
 * purpose (statements split at `;`): a test file is not hostile input.
 */
function durationAssertions(src: string): string[] {
  const vars = [...src.matchAll(ELAPSED_VAR)].map((m) => m[1]!);
  const holdsElapsed = (st: string) => ELAPSED.test(st) || vars.some((v) => new RegExp(`\\bexpect\\(\\s*${v.replace(/\$/g, '\\$')}\\b`).test(st));
  return src
    .split(';')
    .map((st) => st.trim())
    .filter((st) => (/\bexpect(?:\.soft)?\(/.test(st) && holdsElapsed(st)) || (/\breturn\b/.test(st) && ELAPSED.test(st)));
}

describe('test conventions', () => {
  // Built from parts so that this file does not itself hold what it looks for.
  const now = (clock: string) => `${clock}.now()`;

  it('the duration check catches elapsed times in expect(), directly or through a variable, and nothing else', () => {
    expect(durationAssertions(`const t0 = ${now('Date')};\nrun();\nexpect(${now('Date')} - t0).toBeLessThan(1000);`)).toHaveLength(1);
    expect(durationAssertions(`expect(\n  ${now('performance')} - started,\n  'slow',\n).toBeLessThan(5);`)).toHaveLength(1);
    expect(durationAssertions(`const ms = ${now('performance')} - t0;\nexpect(ms).toBeLessThan(3000);`)).toHaveLength(1);
    expect(durationAssertions(`function timed(f) {\n  const t0 = ${now('performance')};\n  f();\n  return ${now('performance')} - t0;\n}`)).toHaveLength(1);
    expect(durationAssertions(`const ms = ${now('performance')} - t0;\nconsole.log(ms);\nexpect(out).toEqual(1);`)).toEqual([]);
    expect(durationAssertions(`const then = ${now('Date')} - 2 * 86_400_000;\nexpect(age(then)).toBe(2);`)).toEqual([]);
    expect(durationAssertions(`expect(f({ expiresAt: ${now('Date')} - 1 })).toBe(true);`)).toEqual([]);
    expect(durationAssertions('expect(starts[4]! - starts[0]!).toBeGreaterThanOrEqual(1000);')).toEqual([]);
  });

  it('no test asserts a duration: timings are printed by benchmarks (scripts/bench-*.ts), never compared in expect()', () => {
    const files = walk(path.join(ROOT, 'test')).filter((f) => /\.test\.tsx?$/.test(f));
    expect(files.length).toBeGreaterThan(50);
    const found = files.flatMap((file) => durationAssertions(readFileSync(file, 'utf8')).map((st) => `${path.relative(ROOT, file)}: ${st.slice(0, 120)}`));
    expect(found, 'assert the behaviour instead (fake timers, request counts, work counts); a hang is caught by the test timeout').toEqual([]);
  });
});
