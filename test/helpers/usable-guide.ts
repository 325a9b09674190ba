/**
 * What every rule's fix guide must give the user: a summary, 1 to 5 real steps in every platform variant, https docs,
 * deep links that are https templates with known placeholders, non-empty snippets. Checked for the whole catalogue by
 * test/conventions.test.ts and for one rule by describeRule (test/helpers/rule-cases.ts), so that a per-rule run
 * (mutation testing, docs/mutation.md) notices a guide emptied or cut short too.
 */
import { expect } from 'vitest';
import type { Rule } from '@/engine/rule';
import { FIX_TARGET_NAMES } from '@/utils/platform/platforms';

/** Placeholders a deep link may use: audit values and what rules put in finding.vars. */
export const KNOWN_VARS = new Set(['origin', 'host', 'app', 'ref', 'table', 'bucket', 'schema', 'id', 'appId', 'type', 'rotate', 'preset']);

export function expectUsableFixGuide(rule: Rule): void {
  const { meta } = rule;
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
}
