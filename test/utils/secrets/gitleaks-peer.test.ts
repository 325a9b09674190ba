/**
 * gitleaks as a peer: for every gitleaks rule that maps to a provider we support, every true-positive example is
 * detected as that provider, and no false-positive example of any rule is reported as a secret. Deliberate
 * disagreements are listed, with reasons, in gitleaks-map.ts (and in utils/secrets/README.md).
 */
import { describe, expect, it } from 'vitest';
import { scanSecrets } from '../../../utils/secrets/index';
import { DISAGREEMENTS, GITLEAKS_RULES, disagreement } from './gitleaks-map';
import { gitleaksRules } from './gitleaks';

const rules = gitleaksRules();
const supported = rules.filter((r) => r.id in GITLEAKS_RULES);

describe('gitleaks peer cases', () => {
  it('reads the committed fixture: 220 rules', () => {
    expect(rules).toHaveLength(220);
    expect(supported.length).toBe(Object.keys(GITLEAKS_RULES).length);
  });

  it('every disagreement names a supported rule and, if it names an example, one that exists', () => {
    for (const d of DISAGREEMENTS) {
      const rule = rules.find((r) => r.id === d.rule);
      expect(rule, d.rule).toBeDefined();
      if (d.kind !== 'flagged-fp') expect(GITLEAKS_RULES).toHaveProperty(d.rule);
      if (d.example) expect([...rule!.tps, ...rule!.fps].some((e) => e.includes(d.example!)), d.example).toBe(true);
    }
  });

  describe.each(supported.map((r) => [r.id, r] as const))('%s', (id, rule) => {
    const providers: readonly string[] = GITLEAKS_RULES[id]!;

    it(`detects every true positive (${rule.tps.length}) as ${providers.join(' | ')}`, () => {
      const missed: string[] = [];
      for (const tp of rule.tps) {
        const ours = scanSecrets(tp).filter((m) => providers.includes(m.provider));
        if (disagreement(id, 'placeholder', tp)) {
          expect(ours, `deliberately dropped: ${tp}`).toEqual([]);
        } else if (ours.length === 0) {
          missed.push(tp);
        } else if (ours.every((m) => m.exposure === 'publishable')) {
          expect(disagreement(id, 'publishable', tp), `publishable without a listed reason: ${tp}`).toBeDefined();
        }
      }
      expect(missed).toEqual([]);
    });

    it('reports no false positive as a secret', () => {
      const flagged = rule.fps.filter(
        (fp) => !disagreement(id, 'flagged-fp', fp) && scanSecrets(fp).some((m) => m.exposure === 'secret'),
      );
      expect(flagged).toEqual([]);
    });
  });

  it('reports no false positive of the unsupported rules as a secret either', () => {
    const flagged = rules
      .filter((r) => !(r.id in GITLEAKS_RULES))
      .flatMap((r) => r.fps.filter((fp) => !disagreement(r.id, 'flagged-fp', fp)).map((fp) => [r.id, fp] as const))
      .filter(([, fp]) => scanSecrets(fp).some((m) => m.exposure === 'secret'));
    expect(flagged).toEqual([]);
  });
});
