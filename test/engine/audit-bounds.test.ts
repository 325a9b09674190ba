/** Issue 10 item 4: an audit always fits its stored schema (findings grouped and capped, strings bounded). */
import { describe, expect, it } from 'vitest';
import { AUDIT_LIMITS, AuditSchema, buildAudit, groupFindings, GROUP_MIN } from '@/engine/audit';
import type { Finding } from '@/engine/finding';
import { DEPLOYED_RULES } from '@/rules';
import { clip } from '@/utils/evidence/bounded';
import { evidence, NOW } from '../helpers/evidence';

const OPTS = { mode: 'click' as const, fullAccess: true, retentionDays: 30, startedAt: NOW - 10, now: NOW };

const f = (over: Partial<Finding> & { location: Finding['location'] }): Finding => ({
  ruleId: 'cookie-session-no-secure',
  severity: 'medium',
  title: 'Session cookie without Secure',
  message: 'The session cookie is sent over plain HTTP.',
  messageId: 'missing',
  evidence: 'Set-Cookie: x',
  fingerprint: Math.random().toString(16).slice(2, 18),
  ...over,
});

describe('clip', () => {
  it('keeps the bound, its own ellipsis included, and never splits a surrogate pair', () => {
    expect(clip('abcdef', 5)).toBe('abcd…');
    expect(clip('abcde', 5)).toBe('abcde');
    expect(clip('abc😀def', 5)).toBe('abc…');
    for (let n = 1; n < 10; n++) expect(clip('x'.repeat(20), n).length).toBeLessThanOrEqual(n);
  });
});

describe('groupFindings', () => {
  it('groups repeated findings (same rule and identity pattern) into one with a count', () => {
    const many = Array.from({ length: 3000 }, (_, i) => f({ location: { kind: 'cookie', name: `sess_${i}` }, evidence: `Set-Cookie: sess_${i}=; Path=/` }));
    const { findings, gaps } = groupFindings(many);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toMatch(/applies to 2,999 more cookies \(e\.g\. “sess_1”, “sess_2”, “sess_3”\): 3,000 findings in all/);
    expect(findings[0]!.message.length).toBeLessThanOrEqual(2000);
    expect(gaps).toEqual([]);
  });

  it(`leaves groups under ${GROUP_MIN} and distinct findings alone`, () => {
    const few = Array.from({ length: GROUP_MIN - 1 }, (_, i) => f({ location: { kind: 'cookie', name: `sess_${i}` } }));
    const keys = Array.from({ length: 10 }, (_, i) =>
      f({ ruleId: 'secret-exposed', location: { kind: 'script', name: 'app.js' }, evidence: `sk_live_…${'abcdefghij'[i]}Zz` }),
    );
    expect(groupFindings([...few, ...keys]).findings).toHaveLength(GROUP_MIN - 1 + 10);
  });

  it('caps distinct findings at the stored limit, keeps the most severe, and says how many more', () => {
    const letters = (i: number) => i.toString(26).replace(/\d/g, (d) => 'qrstuvwxyz'[Number(d)]!);
    const many = Array.from({ length: 2500 }, (_, i) =>
      f({
        ruleId: 'sri-missing',
        severity: i === 2400 ? 'critical' : 'medium',
        location: { kind: 'script', url: `https://cdn.test/${letters(i)}.js` },
        evidence: letters(i),
      }),
    );
    const { findings, gaps } = groupFindings(many);
    expect(findings).toHaveLength(AUDIT_LIMITS.findings);
    expect(findings.some((x) => x.severity === 'critical')).toBe(true);
    expect(gaps).toEqual([{ collector: 'findings', message: '500 more findings not listed: an audit keeps the 2,000 most severe.' }]);
  });
});

describe('buildAudit bounds', () => {
  it('an audit of a URL over 4,096 characters is valid for storage', () => {
    const long = `https://app.example.com/${'p'.repeat(5000)}`;
    const a = buildAudit({ ...evidence({}), url: long }, DEPLOYED_RULES, OPTS);
    expect(a.url.length).toBeLessThanOrEqual(4096);
    expect(AuditSchema.safeParse(JSON.parse(JSON.stringify(a))).success).toBe(true);
  });

  it('keeps a partial gap through to the stored audit', () => {
    const a = buildAudit({ ...evidence({}), gaps: [{ collector: 'secrets', message: 'Partly scanned', partial: true }] }, DEPLOYED_RULES, OPTS);
    expect(AuditSchema.parse(JSON.parse(JSON.stringify(a))).gaps).toContainEqual({ collector: 'secrets', message: 'Partly scanned', partial: true });
  });
});
