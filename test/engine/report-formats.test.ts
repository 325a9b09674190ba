/**
 * The reports to hand on (issue 13): JSON version 1 (docs/report-schema.md), SARIF 2.1.0 and baseline files.
 * Masked evidence only; page strings stay inert; accepted risks reported as accepted.
 */
import { describe, expect, it } from 'vitest';
import { buildAudit, type Audit } from '@/engine/audit';
import { REPORT_SCHEMA, REPORT_VERSION, toJsonReportV1 } from '@/engine/report-json';
import { FINGERPRINT_KEY, toSarif } from '@/engine/report-sarif';
import { BASELINE_SCHEMA, applyBaseline, parseBaseline, staleEntries, toBaseline, acceptedMarkdown } from '@/engine/report-baseline';
import { toJsonReport } from '@/engine/report';
import type { AcceptedRisk } from '@/engine/checklist';
import { DEPLOYED_RULES, ruleById } from '@/rules';
import { NOW, cookie, evidence } from '../helpers/evidence';
import { FAKE_KEYS, seeded } from '../utils/secrets/fake-keys';

const APP = buildAudit(
  evidence({
    headers: [['server', 'nginx/1.2']],
    cookies: [cookie({ name: 'sessionid', httpOnly: false, sameSite: 'none', secure: false })],
  }),
  DEPLOYED_RULES,
  { mode: 'headless', fullAccess: true, retentionDays: 30, startedAt: NOW - 500, now: NOW },
);
const high = APP.findings.find((f) => f.severity === 'high')!;
const risk = (over: Partial<AcceptedRisk> = {}): AcceptedRisk => ({
  fingerprint: high.fingerprint,
  reason: 'Internal demo',
  acceptedAt: NOW,
  expiresAt: NOW + 90 * 86_400_000,
  severity: 'high',
  ...over,
});

describe('JSON report v1', () => {
  it('is versioned, a superset of the earlier --json output, with area and checklist item per finding', () => {
    const r = toJsonReportV1(APP, { now: NOW });
    expect(r).toMatchObject({ schema: REPORT_SCHEMA, version: REPORT_VERSION, url: APP.url, scope: APP.origin, context: 'deployed', partial: false });
    const old = toJsonReport(APP);
    expect(r.platforms).toEqual(old.platforms);
    expect(r.gaps).toEqual(old.gaps);
    for (const [i, f] of r.findings.entries()) expect(f).toMatchObject(old.findings[i]!);
    const cookieFinding = r.findings.find((f) => f.ruleId === high.ruleId)!;
    expect(cookieFinding).toMatchObject({ category: 'cookies', checklist: 'sessions' });
    expect(r.checklist.map((c) => c.group)).toContain('Rate limiting & abuse');
    expect(r.summary.blockers).toBeGreaterThan(0);
  });

  it('reports accepted findings as accepted, outside the counts and the verdict', () => {
    const plain = toJsonReportV1(APP, { now: NOW });
    const r = toJsonReportV1(APP, { accepted: [risk()], now: NOW });
    expect(r.findings.find((f) => f.fingerprint === high.fingerprint)!.accepted).toEqual({
      reason: 'Internal demo',
      expires: new Date(NOW + 90 * 86_400_000).toISOString(),
    });
    expect(r.summary.accepted).toBe(1);
    expect(r.summary.high).toBe(plain.summary.high - 1);
  });

  it('never carries an unmasked key, even one a rule left in a message', () => {
    const key = FAKE_KEYS['anthropic-api-key'](seeded(13)).value;
    const leaky: Audit = { ...APP, findings: [{ ...APP.findings[0]!, message: `found ${key}`, evidence: key }] };
    const text = JSON.stringify(toJsonReportV1(leaky, { now: NOW })) + JSON.stringify(toSarif(leaky, ruleById, { now: NOW }));
    expect(text).not.toContain(key);
  });
});

describe('SARIF 2.1.0', () => {
  const sarif = toSarif(APP, ruleById, { accepted: [risk()], now: NOW });
  const run = sarif.runs[0]!;

  it('has the 2.1.0 envelope, and driver rules with help text for every rule that found something', () => {
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
    expect(run.tool.driver.name).toBe('Micro-App Auditor');
    const ids = run.tool.driver.rules.map((r) => r.id);
    expect(ids).toEqual([...new Set(APP.findings.map((f) => f.ruleId))].sort());
    for (const r of run.tool.driver.rules) {
      expect(r.help.text.length).toBeGreaterThan(20);
      expect(r.help.markdown).toContain('**Fix:**');
      expect(r.helpUri).toMatch(/^https:\/\//);
      expect(['error', 'warning', 'note']).toContain(r.defaultConfiguration.level);
    }
  });

  it('results have a level, a location, partialFingerprints and the right rule index; accepted ones are suppressed with the reason', () => {
    expect(run.results).toHaveLength(APP.findings.length);
    for (const [i, res] of run.results.entries()) {
      const f = APP.findings[i]!;
      expect(run.tool.driver.rules[res.ruleIndex]!.id).toBe(res.ruleId);
      expect(res.level).toBe(f.severity === 'high' || f.severity === 'critical' ? 'error' : f.severity === 'medium' ? 'warning' : 'note');
      expect(res.locations[0]!.physicalLocation.artifactLocation.uri).toMatch(/^https?:\/\//);
      expect(res.partialFingerprints[FINGERPRINT_KEY]).toBe(f.fingerprint);
    }
    const acc = run.results.find((r) => r.partialFingerprints[FINGERPRINT_KEY] === high.fingerprint)!;
    expect(acc.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'Internal demo' }]);
    expect(run.results.filter((r) => r.suppressions)).toHaveLength(1);
  });

  it('keeps page strings inert in help Markdown and names the header or cookie as a logical location', () => {
    const withName = run.results.find((r) => r.locations[0]!.logicalLocations)!;
    expect(withName.locations[0]!.logicalLocations![0]!.name).toBeTruthy();
  });
});

describe('baseline file', () => {
  it('round-trips what the popup exports', () => {
    const b = toBaseline([risk()], APP.origin);
    expect(b.schema).toBe(BASELINE_SCHEMA);
    expect(parseBaseline(JSON.stringify(b))).toEqual([risk()]);
  });

  it('accepts a hand-written file with only fingerprint, reason and expiry', () => {
    const [r] = parseBaseline(
      JSON.stringify({ schema: BASELINE_SCHEMA, version: 1, accepted: [{ fingerprint: high.fingerprint, reason: 'ok', expires: '2099-01-01' }] }),
    );
    expect(r).toMatchObject({ fingerprint: high.fingerprint, severity: 'critical', expiresAt: Date.parse('2099-01-01') });
  });

  it.each([
    ['not JSON', '{', /not JSON/],
    ['another schema', JSON.stringify({ schema: 'x', version: 1, accepted: [] }), /not a version 1 baseline/],
    ['no reason', JSON.stringify({ schema: BASELINE_SCHEMA, version: 1, accepted: [{ fingerprint: 'a', reason: ' ', expires: '2099-01-01' }] }), /reason/],
    ['a bad date', JSON.stringify({ schema: BASELINE_SCHEMA, version: 1, accepted: [{ fingerprint: 'a', reason: 'r', expires: 'soon' }] }), /expires/],
  ])('refuses %s with a one-line reason', (_, text, msg) => {
    expect(() => parseBaseline(text)).toThrow(msg);
  });

  it('an accepted finding stops counting until it expires or gets more severe', () => {
    expect(applyBaseline(APP, [risk()], NOW).accepted.map((a) => a.finding.fingerprint)).toEqual([high.fingerprint]);
    expect(applyBaseline(APP, [risk()], NOW + 91 * 86_400_000).accepted).toEqual([]);
    expect(applyBaseline(APP, [risk({ severity: 'medium' })], NOW).accepted).toEqual([]);
    expect(staleEntries(APP, [risk({ fingerprint: 'gone' }), risk({ expiresAt: NOW - 1 })], NOW)).toMatchObject({
      unmatched: [{ fingerprint: 'gone' }],
      expired: [{ fingerprint: high.fingerprint }],
    });
  });

  it('the Markdown section escapes a hostile reason', () => {
    const md = acceptedMarkdown([{ finding: high, risk: risk({ reason: '[click](javascript:alert(1)) <img src=x>' }) }]);
    expect(md).not.toMatch(/\]\(javascript:/);
    expect(md).not.toContain('<img');
  });
});
