/**
 * Keeps the rule catalogue honest without anyone remembering to (after refined-github's conventions test):
 * every rule file is registered, named by its id, tested with flagged/clean/fixed cases, and has a usable fix guide.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '@/rules';
import { CHECKLIST_ITEMS, type Rule } from '@/engine/rule';
import { FIX_TARGET_NAMES } from '@/utils/platform/platforms';
import { SEVERITIES } from '@/engine/severity';
import renames from '@/rules/renames.json';

const ROOT = path.resolve(__dirname, '..');
const modules = import.meta.glob<{ default?: unknown }>('/rules/*/*.ts', { eager: true });
const isRule = (x: unknown): x is Rule => typeof x === 'object' && x !== null && 'meta' in x && 'check' in x;
const ruleFiles = Object.entries(modules).filter(([, m]) => isRule(m.default)) as [string, { default: Rule }][];

/** Placeholders a deep link may use: audit values and what rules put in finding.vars. */
const KNOWN_VARS = new Set(['origin', 'host', 'app', 'ref', 'table', 'bucket', 'schema', 'id', 'appId', 'type', 'rotate', 'preset']);

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

  it.each(ruleFiles)('%s has a test with flagged, clean and fixed cases', (file, mod) => {
    const test = path.join(ROOT, 'test', file.replace(/^\/rules\//, 'rules/').replace(/\.ts$/, '.test.ts'));
    expect(existsSync(test), `missing ${path.relative(ROOT, test)}`).toBe(true);
    const src = readFileSync(test, 'utf8');
    expect(src).toContain('describeRule(');
    for (const key of ['flagged:', 'clean:', 'fixed:']) expect(src, `${mod.default.meta.id} test lacks ${key}`).toContain(key);
  });

  it.each(ALL_RULES.map((r) => [r.meta.id, r] as const))('%s has complete metadata and a usable fix guide', (_, rule) => {
    const { meta } = rule;
    expect(meta.title.length).toBeGreaterThan(5);
    expect(SEVERITIES).toContain(meta.severity);
    expect(Object.keys(CHECKLIST_ITEMS)).toContain(meta.checklist);
    expect(meta.rationale.length).toBeGreaterThan(20);
    expect(Object.keys(meta.messages).length).toBeGreaterThan(0);
    const { fix } = meta;
    expect(fix.summary.length).toBeGreaterThan(10);
    expect(fix.docs).toMatch(/^https:\/\//);
    const variants = [fix, ...Object.values(fix.platforms ?? {})];
    for (const v of variants) {
      expect(v.steps.length).toBeGreaterThanOrEqual(1);
      expect(v.steps.length).toBeLessThanOrEqual(5);
      for (const s of v.steps) expect(s.trim().length).toBeGreaterThan(5);
      if (v.docs) expect(v.docs).toMatch(/^https:\/\//);
      if (v.deepLink) {
        // Either an https template, or one whole value filled per finding (e.g. the provider's rotation page).
        expect(v.deepLink).toMatch(/^(https:\/\/|\{\w+\}$)/);
        for (const [, name] of v.deepLink.matchAll(/\{(\w+)\}/g)) expect(KNOWN_VARS, `unknown {${name}} in ${meta.id}`).toContain(name);
      }
      if (v.snippet) expect(v.snippet.code.trim().length).toBeGreaterThan(0);
    }
    for (const target of Object.keys(fix.platforms ?? {})) expect(Object.keys(FIX_TARGET_NAMES)).toContain(target);
  });
});
