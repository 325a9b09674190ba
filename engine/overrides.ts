/**
 * The organisation policy's severity overrides (docs/policy.md, `severityOverrides`), applied by one function that
 * every consumer uses: the stored audit (buildAudit), the toolbar badge, the popup's counts and verdict, the
 * exports and the command line's reports and gate. Pure and zod-free (the popup loads it on its first paint).
 *
 * A finding whose severity a policy changed keeps the rule's own in `ruleSeverity`, so applying is idempotent and
 * follows a policy that changed after an audit was stored: the rule's severity is the base, a rule id wins over its
 * category, and an override equal to the rule's severity leaves the finding as the rule made it.
 */
import type { Finding } from './finding';
import { severityRank, type Severity } from './severity';

export type SeverityOverrides = Readonly<Record<string, Severity>>;

/** The severity a finding has under `overrides`, by rule id, else by the rule's category, else the rule's own. */
export function overriddenSeverity(
  f: Pick<Finding, 'ruleId' | 'severity'> & { ruleSeverity?: Severity | undefined },
  category: string | undefined,
  overrides: SeverityOverrides | undefined,
): Severity {
  const base = f.ruleSeverity ?? f.severity;
  if (!overrides) return base;
  return (
    (Object.hasOwn(overrides, f.ruleId) ? overrides[f.ruleId] : undefined) ??
    (category && Object.hasOwn(overrides, category) ? overrides[category] : undefined) ??
    base
  );
}

/** One finding under the overrides (same object when nothing changes). */
export function overrideFinding<F extends Finding>(f: F, category: string | undefined, overrides: SeverityOverrides | undefined): F {
  const base = f.ruleSeverity ?? f.severity;
  const severity = overriddenSeverity(f, category, overrides);
  if (severity === f.severity && (severity === base ? f.ruleSeverity === undefined : f.ruleSeverity === base)) return f;
  const { ruleSeverity: _, ...rest } = f;
  return (severity === base ? { ...rest, severity } : { ...rest, severity, ruleSeverity: base }) as F;
}

/**
 * The audit with the policy's severities: every finding overridden (by its rule's category from the audit's rule
 * metadata), in severity order again (stable), and the audit itself returned unchanged when nothing changed. With no
 * overrides, a stored audit's earlier overrides are undone (the policy was removed).
 */
export function applySeverityOverrides<A extends { findings: readonly Finding[]; rules?: Readonly<Record<string, { category: string }>> | undefined }>(
  audit: A,
  overrides: SeverityOverrides | undefined,
): A {
  let changed = false;
  const findings = audit.findings.map((f) => {
    const o = overrideFinding(f, audit.rules?.[f.ruleId]?.category, overrides);
    if (o !== f) changed = true;
    return o;
  });
  if (!changed) return audit;
  const sorted = findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => severityRank[a.f.severity] - severityRank[b.f.severity] || a.i - b.i)
    .map((x) => x.f);
  return { ...audit, findings: sorted };
}

/** Whether a policy changed this finding's severity (reports say so beside the severity). */
export const isOverridden = (f: Pick<Finding, 'severity'> & { ruleSeverity?: Severity | undefined }): boolean =>
  f.ruleSeverity !== undefined && f.ruleSeverity !== f.severity;
