import { describe, expect, it } from 'vitest';
import { checklist } from '@/engine/checklist';
import type { Finding } from '@/engine/finding';
import { CHECKLIST_ITEMS } from '@/engine/rule';
import { buildAudit } from '@/engine/audit';
import { DEPLOYED_RULES } from '@/rules';
import { cookie, evidence, NOW } from '../helpers/evidence';

const f = (ruleId: string, severity: Finding['severity']): Pick<Finding, 'ruleId' | 'severity'> => ({ ruleId, severity });
const run = (findings: Pick<Finding, 'ruleId' | 'severity'>[], evaluated: string[]) => checklist({ findings: findings as Finding[], evaluated }, DEPLOYED_RULES);
const row = (rows: ReturnType<typeof run>, item: string) => rows.find((r) => r.item === item)!;

describe('checklist', () => {
  it('lists every item in order with its label', () => {
    const rows = run([], []);
    expect(rows.map((r) => r.item)).toEqual(Object.keys(CHECKLIST_ITEMS));
    expect(rows.map((r) => r.label)).toEqual(Object.values(CHECKLIST_ITEMS));
  });

  it('an item no rule checked is unchecked, not passed', () => {
    const rows = run([], ['hsts-missing']);
    expect(row(rows, 'transport')).toMatchObject({ state: 'pass', checked: 1, failing: 0 });
    expect(row(rows, 'secrets')).toMatchObject({ state: 'unchecked', checked: 0 });
    expect(row(rows, 'data-retention').state).toBe('unchecked');
  });

  it('fails an item with a finding of one of its rules and counts them', () => {
    const rows = run([f('hsts-missing', 'medium'), f('csp-missing', 'medium'), f('cookie-session-no-secure', 'high')], ['hsts-missing', 'csp-missing', 'cookie-session-no-secure']);
    expect(row(rows, 'transport')).toMatchObject({ state: 'fail', failing: 2, checked: 2 });
    expect(row(rows, 'auth')).toMatchObject({ state: 'fail', failing: 1 });
  });

  it('info findings do not fail an item', () => {
    expect(row(run([f('cookie-prefix', 'info')], ['cookie-prefix']), 'auth')).toMatchObject({ state: 'pass', failing: 0, checked: 1 });
  });

  it('findings of unknown rules are ignored', () => {
    expect(run([f('no-such-rule', 'critical')], []).every((r) => r.state === 'unchecked')).toBe(true);
  });

  it('from a real audit: a hardened cookie passes auth, a missing CSP fails transport', () => {
    const audit = buildAudit(
      evidence({ cookies: [cookie({ name: '__Host-session' })] }),
      DEPLOYED_RULES,
      { mode: 'click', fullAccess: true, retentionDays: 1, startedAt: NOW, now: NOW },
    );
    const rows = checklist(audit, DEPLOYED_RULES);
    expect(row(rows, 'auth').state).toBe('pass');
    expect(row(rows, 'transport').state).toBe('fail');
  });
});
