/**
 * engine/overrides.ts: the organisation policy's severity overrides (docs/policy.md), one function for every consumer:
 * the stored audit (buildAudit), and through it the checklist; the reports say when the policy set a severity.
 * The badge, popup, exports and command line have their own tests of the same function in their files.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildAudit, type Audit } from '@/engine/audit';
import { applySeverityOverrides, isOverridden, overriddenSeverity } from '@/engine/overrides';
import { toMarkdownReport } from '@/engine/report';
import { toJsonReportV1 } from '@/engine/report-json';
import { toSarif } from '@/engine/report-sarif';
import { SEVERITIES, severityRank } from '@/engine/severity';
import { AuditSchema } from '@/engine/audit-schema';
import { DEPLOYED_RULES, ruleById } from '@/rules';
import { NOW, cookie, evidence } from '../helpers/evidence';

const EVIDENCE = evidence({
  headers: [['server', 'nginx/1.2']],
  cookies: [cookie({ name: 'sessionid', httpOnly: false, sameSite: 'none', secure: false })],
});
const OPTS = { mode: 'headless', fullAccess: true, retentionDays: 30, startedAt: NOW - 500, now: NOW } as const;
const APP: Audit = buildAudit(EVIDENCE, DEPLOYED_RULES, OPTS);
const cookieFinding = APP.findings.find((f) => APP.rules[f.ruleId]?.category === 'cookies' && f.severity === 'high')!;

describe('overriddenSeverity', () => {
  it('a rule id wins over its category; no override leaves the rule’s severity', () => {
    const f = { ruleId: 'csp-missing', severity: 'medium' as const };
    expect(overriddenSeverity(f, 'headers', { headers: 'low', 'csp-missing': 'high' })).toBe('high');
    expect(overriddenSeverity(f, 'headers', { headers: 'low' })).toBe('low');
    expect(overriddenSeverity(f, 'headers', {})).toBe('medium');
    expect(overriddenSeverity(f, undefined, undefined)).toBe('medium');
  });

  it('starts from the rule’s own severity when a policy already changed it, and ignores inherited names', () => {
    expect(overriddenSeverity({ ruleId: 'x', severity: 'info', ruleSeverity: 'high' }, 'headers', {})).toBe('high');
    // "constructor" is a valid key shape: an object's inherited members are never an override.
    expect(overriddenSeverity({ ruleId: 'constructor', severity: 'low' }, 'toString', {})).toBe('low');
  });
});

describe('applySeverityOverrides', () => {
  it('changes severities, keeps the rule’s own, re-sorts by severity and is idempotent', () => {
    const o = { cookies: 'info' as const, 'server-version-disclosure': 'critical' as const };
    const once = applySeverityOverrides(APP, o);
    const c = once.findings.find((f) => f.fingerprint === cookieFinding.fingerprint)!;
    expect(c).toMatchObject({ severity: 'info', ruleSeverity: 'high' });
    expect(isOverridden(c)).toBe(true);
    const ranks = once.findings.map((f) => severityRank[f.severity]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(applySeverityOverrides(once, o)).toBe(once);
    expect(AuditSchema.safeParse(once).success).toBe(true);
  });

  it('no change returns the same audit; removing the policy restores the rules’ severities', () => {
    expect(applySeverityOverrides(APP, undefined)).toBe(APP);
    expect(applySeverityOverrides(APP, {})).toBe(APP);
    const back = applySeverityOverrides(applySeverityOverrides(APP, { cookies: 'low' }), undefined);
    expect(back.findings.map((f) => [f.fingerprint, f.severity]).sort()).toEqual(APP.findings.map((f) => [f.fingerprint, f.severity]).sort());
    expect(back.findings.every((f) => f.ruleSeverity === undefined)).toBe(true);
  });

  it('any sequence of policies ends where the last one alone would (property)', () => {
    const policy = fc.dictionary(fc.constantFrom('cookies', 'headers', 'transport', cookieFinding.ruleId), fc.constantFrom(...SEVERITIES));
    fc.assert(
      fc.property(fc.array(policy, { maxLength: 4 }), policy, (before, last) => {
        const chained = applySeverityOverrides(
          before.reduce((a, p) => applySeverityOverrides(a, p), APP),
          last,
        );
        const direct = applySeverityOverrides(APP, last);
        const key = (a: Audit) => a.findings.map((f) => `${f.fingerprint}:${f.severity}:${f.ruleSeverity ?? ''}`).sort();
        expect(key(chained)).toEqual(key(direct));
      }),
      { numRuns: 100 },
    );
  });
});

describe('the stored audit (buildAudit)', () => {
  it('is built at the policy’s severities, and the checklist follows (an info finding fails no item)', () => {
    const a = buildAudit(EVIDENCE, DEPLOYED_RULES, { ...OPTS, severityOverrides: { cookies: 'info' } });
    const cookies = a.findings.filter((f) => a.rules[f.ruleId]?.category === 'cookies');
    expect(cookies.length).toBeGreaterThan(0);
    expect(cookies.every((f) => f.severity === 'info')).toBe(true);
    expect(cookies.find((f) => f.fingerprint === cookieFinding.fingerprint)?.ruleSeverity).toBe('high');
    expect(AuditSchema.safeParse(a).success).toBe(true);
    // Without the policy the cookie finding fails its item; at info it fails none.
    expect(APP.checklist.some((r) => r.fingerprints.includes(cookieFinding.fingerprint))).toBe(true);
    expect(a.checklist.some((r) => cookies.some((f) => r.fingerprints.includes(f.fingerprint)))).toBe(false);
    expect(buildAudit(EVIDENCE, DEPLOYED_RULES, OPTS).findings).toEqual(APP.findings);
  });
});

describe('reports say when the policy set a severity', () => {
  const o = applySeverityOverrides(APP, { [cookieFinding.ruleId]: 'low' });
  it('JSON: severity is the policy’s, ruleSeverity the rule’s', () => {
    const r = toJsonReportV1(o, { now: NOW });
    const f = r.findings.find((x) => x.fingerprint === cookieFinding.fingerprint)!;
    expect(f).toMatchObject({ severity: 'low', ruleSeverity: 'high' });
    expect(r.findings.filter((x) => x.fingerprint !== cookieFinding.fingerprint).every((x) => x.ruleSeverity === undefined)).toBe(true);
    expect(r.summary.high).toBe(
      APP.findings.filter((x) => x.severity === 'high').length - APP.findings.filter((x) => x.ruleId === cookieFinding.ruleId).length,
    );
  });
  it('SARIF: the result’s level and the rule’s configuration follow the policy; properties name the source', () => {
    const s = toSarif(o, ruleById, { now: NOW });
    const res = s.runs[0]!.results.find((r) => r.partialFingerprints && Object.values(r.partialFingerprints)[0] === cookieFinding.fingerprint)!;
    expect(res.level).toBe('note');
    expect(res.properties).toMatchObject({ severity: 'low', ruleSeverity: 'high', severitySource: 'organisation policy' });
    const rule = s.runs[0]!.tool.driver.rules.find((r) => r.id === cookieFinding.ruleId)!;
    expect(rule.defaultConfiguration.level).toBe('note');
  });
  it('Markdown: the table and the finding say the policy set it', () => {
    const md = toMarkdownReport(o, ruleById);
    expect(md).toContain('| low (policy; rule: high) |');
    expect(md).toContain('*Severity set by the organisation policy (the rule says high).*');
  });
});
