import { describe, expect, it } from 'vitest';
import {
  CHECKLIST_GROUPS,
  CHECKLIST_ITEMS,
  applyDecisions,
  auditLinks,
  checklist,
  isAccepted,
  mergeRows,
  progress,
  verdict,
  whereLink,
  type AcceptedRisk,
} from '@/engine/checklist';
import type { Finding } from '@/engine/finding';
import { AuditSchema, buildAudit } from '@/engine/audit';
import { ALL_RULES, DEPLOYED_RULES } from '@/rules';
import { cookie, evidence, NOW } from '../helpers/evidence';

type F = Pick<Finding, 'ruleId' | 'severity' | 'fingerprint'>;
let n = 0;
const f = (ruleId: string, severity: Finding['severity'], fingerprint = `fp${++n}`): F => ({ ruleId, severity, fingerprint });
const run = (findings: F[], evaluated: string[]) => checklist({ findings: findings as Finding[], evaluated }, DEPLOYED_RULES);
const row = <R extends { item: string }>(rows: R[], item: string) => rows.find((r) => r.item === item)!;
const DAY = 86_400_000;
const accept = (fingerprint: string, severity: Finding['severity'], days = 90): AcceptedRisk => ({
  fingerprint,
  severity,
  reason: 'demo only',
  acceptedAt: NOW,
  expiresAt: NOW + days * DAY,
});

describe('checklist catalogue', () => {
  it('has the nine groups of the guides, every group with at least one item, in display order', () => {
    expect(Object.values(CHECKLIST_GROUPS)).toEqual([
      'Secrets',
      'Authentication',
      'Transport',
      'Least privilege',
      'Data (classification, retention, encryption)',
      'Integrations',
      'Rate limiting & abuse',
      'Monitoring',
      'Compliance',
    ]);
    const groups = Object.values(CHECKLIST_ITEMS).map((i) => i.group);
    for (const g of Object.keys(CHECKLIST_GROUPS)) expect(groups).toContain(g);
    // Items are listed group by group.
    expect(groups).toEqual([...groups].sort((a, b) => Object.keys(CHECKLIST_GROUPS).indexOf(a) - Object.keys(CHECKLIST_GROUPS).indexOf(b)));
  });

  it('covers the items of both guides (MFA, rate limits, audit logs, dependency scan, export/delete, data mapping)', () => {
    const labels = Object.values(CHECKLIST_ITEMS)
      .map((i) => i.label)
      .join('\n');
    for (const w of [
      /MFA/,
      /rate limits/i,
      /audit logs/i,
      /Dependency scan/,
      /Export and delete/,
      /Data mapping/,
      /Access list/,
      /rotation/i,
      /classified/i,
      /encrypted/i,
      /Webhooks signed/,
      /HSTS/,
    ])
      expect(labels).toMatch(w);
  });

  it('every rule names an item, and every group but rate limiting and compliance is reached by some rule', () => {
    const named = new Set(ALL_RULES.map((r) => r.meta.checklist));
    for (const id of named) expect(Object.keys(CHECKLIST_ITEMS)).toContain(id);
    const reached = new Set([...named].map((i) => CHECKLIST_ITEMS[i].group));
    expect([...reached].sort()).toEqual(['auth', 'data', 'integrations', 'least-privilege', 'secrets', 'transport']);
  });
});

describe('checklist', () => {
  it('lists every item in order with its label', () => {
    const rows = run([], []);
    expect(rows.map((r) => r.item)).toEqual(Object.keys(CHECKLIST_ITEMS));
    expect(rows.map((r) => r.label)).toEqual(Object.values(CHECKLIST_ITEMS).map((i) => i.label));
  });

  it('an item no rule checked is unchecked, not passed', () => {
    const rows = run([], ['hsts-missing']);
    expect(row(rows, 'transport')).toMatchObject({ state: 'pass', checked: 1, failing: 0 });
    expect(row(rows, 'secrets')).toMatchObject({ state: 'unchecked', checked: 0 });
    expect(row(rows, 'admin-mfa').state).toBe('unchecked');
  });

  it('fails an item with a finding of one of its rules, counts them and links their fingerprints', () => {
    const rows = run(
      [f('hsts-missing', 'medium', 'a'), f('https-not-used', 'high', 'b'), f('cookie-session-no-secure', 'high', 'c')],
      ['hsts-missing', 'https-not-used', 'cookie-session-no-secure'],
    );
    expect(row(rows, 'transport')).toMatchObject({ state: 'fail', failing: 2, checked: 2, fingerprints: ['a', 'b'] });
    expect(row(rows, 'sessions')).toMatchObject({ state: 'fail', failing: 1, fingerprints: ['c'] });
  });

  it('info findings do not fail an item', () => {
    expect(row(run([f('cookie-prefix', 'info')], ['cookie-prefix']), 'sessions')).toMatchObject({ state: 'pass', failing: 0, checked: 1 });
  });

  it('findings of unknown rules are ignored', () => {
    expect(run([f('no-such-rule', 'critical')], []).every((r) => r.state === 'unchecked')).toBe(true);
  });

  it('from a real audit: a hardened cookie passes sessions, a missing CSP fails hardening; the audit keeps rule metadata', () => {
    const audit = buildAudit(evidence({ cookies: [cookie({ name: '__Host-session' })] }), DEPLOYED_RULES, {
      mode: 'click',
      fullAccess: true,
      retentionDays: 1,
      startedAt: NOW,
      now: NOW,
    });
    expect(row(audit.checklist, 'sessions').state).toBe('pass');
    expect(row(audit.checklist, 'hardening').state).toBe('fail');
    const csp = audit.findings.find((x) => audit.rules[x.ruleId]?.checklist === 'hardening')!;
    expect(row(audit.checklist, 'hardening').fingerprints).toContain(csp.fingerprint);
    expect(audit.rules[csp.ruleId]?.category).toBe('headers');
    // The stored checklist's bound fits every item (it was 20 for the 7 rows before the groups).
    expect(AuditSchema.parse(JSON.parse(JSON.stringify(audit))).checklist).toHaveLength(Object.keys(CHECKLIST_ITEMS).length);
  });
});

describe('accepted risks and confirmations', () => {
  it('an acceptance covers the same fingerprint until it expires, and not a more severe finding', () => {
    const a = [accept('x', 'medium')];
    expect(isAccepted({ fingerprint: 'x', severity: 'medium' }, a, NOW)).toBe(true);
    expect(isAccepted({ fingerprint: 'x', severity: 'low' }, a, NOW)).toBe(true);
    expect(isAccepted({ fingerprint: 'x', severity: 'high' }, a, NOW)).toBe(false);
    expect(isAccepted({ fingerprint: 'y', severity: 'medium' }, a, NOW)).toBe(false);
    expect(isAccepted({ fingerprint: 'x', severity: 'medium' }, a, NOW + 91 * DAY)).toBe(false);
  });

  it('a failing item whose findings are all accepted reads accepted; one more open finding fails it again', () => {
    const findings = [f('hsts-missing', 'medium', 'a'), f('https-not-used', 'high', 'b')];
    const rows = run(findings, ['hsts-missing']);
    const one = applyDecisions(rows, findings, [accept('a', 'medium')], [], NOW).rows;
    expect(row(one, 'transport')).toMatchObject({ shown: 'fail', open: ['b'] });
    const both = applyDecisions(rows, findings, [accept('a', 'medium'), accept('b', 'high')], [], NOW).rows;
    expect(row(both, 'transport')).toMatchObject({ shown: 'accepted', open: [] });
  });

  it('a confirmation shows on an item nobody could tell, and is reported contradicted when the item fails', () => {
    const rows = run([f('https-not-used', 'high', 'b')], ['https-not-used']);
    const { rows: shown, contradicted } = applyDecisions(
      rows,
      [],
      [],
      [
        { item: 'admin-mfa', confirmedAt: NOW },
        { item: 'transport', confirmedAt: NOW },
      ],
      NOW,
    );
    expect(row(shown, 'admin-mfa')).toMatchObject({ shown: 'confirmed', confirmedAt: NOW });
    expect(row(shown, 'transport').shown).toBe('fail');
    expect(contradicted).toEqual(['transport']);
  });
});

describe('verdict and progress', () => {
  const rowsOf = (findings: F[], evaluated: string[]) => applyDecisions(run(findings, evaluated), findings, [], [], NOW).rows;

  it('counts blockers once per fingerprint (the same finding on several pages)', () => {
    const findings = [
      f('https-not-used', 'high', 'b'),
      f('https-not-used', 'high', 'b'),
      f('secret-exposed', 'critical', 'c'),
      f('hsts-missing', 'medium', 'd'),
    ];
    const v = verdict(findings, rowsOf(findings, []));
    expect(v).toMatchObject({ blockers: 2, warnings: 1, level: 'blocked' });
    expect(v.line).toMatch(/^2 blockers before publishing · 1 warning · \d+ items to check by hand$/);
  });

  it('decision table: warnings, then items to check, then ready', () => {
    expect(verdict([f('hsts-missing', 'low', 'l')], []).line).toBe('No blockers · 1 warning to consider');
    expect(verdict([], rowsOf([], [])).level).toBe('review');
    const allDone = rowsOf([], []).map((r) => ({ ...r, shown: 'confirmed' as const }));
    expect(verdict([f('x', 'info', 'i')], allDone)).toMatchObject({ level: 'ready', line: 'Ready to publish: every item passes, is accepted or confirmed' });
  });

  it('progress counts each shown state', () => {
    const p = progress(rowsOf([f('https-not-used', 'high', 'b')], ['https-not-used', 'cookie-prefix']));
    expect(p).toMatchObject({ total: Object.keys(CHECKLIST_ITEMS).length, fail: 1, pass: 1 });
    expect(p.pass + p.fail + p.unchecked + p.accepted + p.confirmed).toBe(p.total);
  });
});

describe('links', () => {
  it('fills the builder link of an item from the audit, and gives none when a value is missing', () => {
    const mfa = CHECKLIST_ITEMS['admin-mfa'].where;
    const ref = 'abcdefghijklmnopqrst';
    expect(whereLink(mfa, { platforms: [], vars: { ref }, origin: 'https://app.example.com' })).toBe(`https://supabase.com/dashboard/project/${ref}/auth/mfa`);
    expect(whereLink(mfa, { platforms: [], vars: {}, origin: 'https://app.example.com' })).toBeUndefined();
    const bubble = [{ id: 'bubble', name: 'Bubble', kind: 'platform' as const, confidence: 'high' as const, signals: [] }];
    expect(whereLink(CHECKLIST_ITEMS.auth.where, { platforms: bubble, vars: { app: 'tinypoll' }, origin: 'https://tinypoll.bubbleapps.io' })).toBe(
      'https://bubble.io/page?id=tinypoll&tab=Settings',
    );
    expect(whereLink(CHECKLIST_ITEMS.auth.where, { platforms: bubble, vars: { app: 'x"><script>' }, origin: 'https://x' })).toBeUndefined();
  });

  it('links a deployed app and its builder project by Supabase ref, Bubble app or Glide app id', () => {
    const ref = 'abcdefghijklmnopqrst';
    const base = { platforms: [], vars: {} as Record<string, string> };
    expect(auditLinks({ ...base, origin: `https://supabase.com/dashboard/project/${ref}` })).toEqual([`supabase:${ref}`]);
    expect(auditLinks({ ...base, origin: 'https://app.example.com', supabase: { projects: [{ ref }] } as never })).toEqual([`supabase:${ref}`]);
    const bubble = [{ id: 'bubble', name: 'Bubble', kind: 'platform' as const, confidence: 'high' as const, signals: [] }];
    expect(auditLinks({ platforms: bubble, vars: { app: 'tinypoll' }, origin: 'https://tinypoll.bubbleapps.io' })).toEqual(['bubble:tinypoll']);
    expect(auditLinks({ ...base, vars: { app: 'tinypoll' }, origin: 'https://bubble.io/page?id=tinypoll' })).toEqual(['bubble:tinypoll']);
    expect(auditLinks({ ...base, origin: 'https://go.glideapps.com/app/AbCdEf0123456789abcd' })).toEqual(['glide:AbCdEf0123456789abcd']);
  });

  it('merging linked rows: the worst state wins and fingerprints are joined', () => {
    const a = run([f('https-not-used', 'high', 'b')], ['https-not-used']);
    const b = run([], ['hsts-missing', 'cookie-prefix']);
    const m = mergeRows([b, a]);
    expect(row(m, 'transport')).toMatchObject({ state: 'fail', fingerprints: ['b'] });
    expect(row(m, 'sessions').state).toBe('pass');
  });
});

describe('verdict with an organisation policy', () => {
  it('a required item not done is a blocker; one already failing with a high finding is not counted twice', () => {
    const findings = [f('https-not-used', 'high', 'b')];
    const rows = applyDecisions(run(findings, ['https-not-used']), findings, [], [], NOW).rows;
    expect(verdict(findings, rows, ['admin-mfa', 'transport'])).toMatchObject({ blockers: 2, required: 1 });
    const confirmed = applyDecisions(run(findings, ['https-not-used']), findings, [], [{ item: 'admin-mfa', confirmedAt: NOW }], NOW).rows;
    expect(verdict(findings, confirmed, ['admin-mfa'])).toMatchObject({ blockers: 1, required: 0 });
  });
});
