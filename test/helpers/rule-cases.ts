/**
 * The shape every rule test takes (the conventions test checks it): cases that must be flagged, near misses that
 * must stay clean, and "fixed" cases where applying the rule's own fix guide makes the finding disappear.
 */
import { describe, expect, it } from 'vitest';
import { runRules } from '@/engine/engine';
import type { Evidence } from '@/utils/evidence/evidence';
import type { Finding } from '@/engine/finding';
import type { Rule, RuleContext } from '@/engine/rule';
import type { Severity } from '@/engine/severity';
import { expectUsableFixGuide } from './usable-guide';

export interface Flagged {
  name: string;
  evidence: Evidence;
  /** Expected message ids, one per finding, in any order. */
  messages: string[];
  severity?: Severity;
  check?(findings: Finding[]): void;
}
export interface Clean {
  name: string;
  evidence: Evidence;
}
export interface Fixed {
  name: string;
  before: Evidence;
  after: Evidence;
}

export interface RuleCases {
  flagged: Flagged[];
  clean: Clean[];
  fixed: Fixed[];
}

export function findingsOf(rule: Rule, evidence: Evidence, ctx: RuleContext = { platforms: [] }): Finding[] {
  const run = runRules(evidence, [rule], ctx);
  if (run.errors.length) throw new Error(run.errors[0]!.message);
  return run.findings;
}

export function describeRule(rule: Rule, cases: RuleCases): void {
  describe(rule.meta.id, () => {
    describe('flagged', () => {
      for (const c of cases.flagged) {
        it(c.name, () => {
          const findings = findingsOf(rule, c.evidence);
          expect(findings.map((f) => f.messageId).sort()).toEqual([...c.messages].sort());
          for (const f of findings) {
            expect(f.ruleId).toBe(rule.meta.id);
            // The rule's own wording for that message id, every placeholder filled (not the bare id the engine falls
            // back to, not an empty string).
            expect(Object.keys(rule.meta.messages)).toContain(f.messageId);
            expect(f.message.trim().length).toBeGreaterThan(10);
            expect(f.message).not.toMatch(/\{\w+\}/);
            expect(f.fingerprint).toMatch(/^[0-9a-f]{16}$/);
            if (c.severity) expect(f.severity).toBe(c.severity);
          }
          c.check?.(findings);
        });
      }
    });
    describe('clean', () => {
      for (const c of cases.clean) it(c.name, () => expect(findingsOf(rule, c.evidence)).toEqual([]));
    });
    describe('fixed', () => {
      for (const c of cases.fixed) {
        it(c.name, () => {
          expect(findingsOf(rule, c.before).length).toBeGreaterThan(0);
          expect(findingsOf(rule, c.after)).toEqual([]);
        });
      }
    });
    // The conventions test (test/conventions.test.ts) checks that every rule has a test calling describeRule; these
    // check that the cases are real: at least one of each kind, and every message id shown by a flagged case.
    describe('conventions', () => {
      it('has at least one flagged, one clean and one fixed case', () => {
        expect(cases.flagged.length, 'flagged cases').toBeGreaterThan(0);
        expect(cases.clean.length, 'clean cases').toBeGreaterThan(0);
        expect(cases.fixed.length, 'fixed cases').toBeGreaterThan(0);
      });
      it('every message id has a flagged case', () => {
        const shown = new Set(cases.flagged.flatMap((c) => c.messages));
        const missing = Object.keys(rule.meta.messages).filter((id) => !shown.has(id));
        expect(missing, `message ids of ${rule.meta.id} without a flagged case`).toEqual([]);
      });
      // Also in test/conventions.test.ts for the whole catalogue; here so a run of this file alone checks the guide.
      it('has a usable fix guide', () => expectUsableFixGuide(rule));
    });
  });
}
