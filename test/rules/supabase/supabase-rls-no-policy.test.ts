import { describe, expect, it } from 'vitest';
import { fingerprint } from '@/engine/engine';
import rule from '@/rules/supabase/supabase-rls-no-policy';
import { describeRule, findingsOf } from '../../helpers/rule-cases';
import { evidence } from '../../helpers/evidence';
import { advisors, dashboard, fixedBy, lint, policy, snippetOf, table } from '../../helpers/dashboard';

const LOGS = table({ name: 'audit_logs', rls: 'enabled', exposed: 'yes', policyCount: 0, columns: ['id', 'actor', 'created_by'] });

describeRule(rule, {
  flagged: [
    {
      name: '"Add RLS policy" / "no RLS policies exist so no data will be returned": an info note',
      evidence: dashboard({ tables: [LOGS] }),
      messages: ['no-policy'],
      severity: 'info',
      check: ([f]) => expect(snippetOf(rule, f!)).toContain('(select auth.uid()) = created_by'),
    },
    {
      name: 'from the Security Advisor (RLS Enabled No Policy)',
      evidence: dashboard({ advisors: advisors(lint('rls_enabled_no_policy', { level: 'INFO', entity: 'jobs' })) }),
      messages: ['no-policy'],
    },
    {
      name: 'the table and the advisor agree: one note',
      evidence: dashboard({ tables: [LOGS], advisors: advisors(lint('rls_enabled_no_policy', { entity: 'audit_logs' })) }),
      messages: ['no-policy'],
    },
  ],
  clean: [
    { name: 'a table with a policy', evidence: dashboard({ tables: [{ ...LOGS, policyCount: 1 }] }) },
    {
      name: 'policies listed for it',
      evidence: dashboard({ tables: [{ ...LOGS, policyCount: undefined }], policies: [policy({ table: 'audit_logs', name: 'Read own' })] }),
    },
    { name: 'not reachable through the Data API', evidence: dashboard({ tables: [{ ...LOGS, exposed: 'no' }] }) },
    { name: 'RLS off (another rule)', evidence: dashboard({ tables: [{ ...LOGS, rls: 'disabled' }] }) },
  ],
  fixed: [{ name: 'adding the per-user policy of the snippet', ...fixedBy(rule, { tables: [LOGS] }) }],
});

// Found by mutation testing (docs/mutation.md): which dashboard rows count, the advisor row checked against what the
// dashboard knows, evidence, location and identity.
describe('supabase-rls-no-policy, cases from mutation testing', () => {
  const NO_POLICY = (o: Partial<ReturnType<typeof lint>> = {}) =>
    advisors(lint('rls_enabled_no_policy', { title: 'RLS Enabled No Policy', entity: 'audit_logs', ...o }));
  it.each([
    ['RLS state unknown', { ...LOGS, rls: 'unknown' as const }],
    ['policy count unknown (and no policy listed)', { ...LOGS, policyCount: undefined }],
    ['a view', { ...LOGS, kind: 'view' as const }],
  ])('a dashboard row alone is not enough when: %s', (_, t) => expect(findingsOf(rule, dashboard({ tables: [t] }))).toEqual([]));
  it.each([
    ['RLS off', { ...LOGS, rls: 'disabled' as const }],
    ['not exposed', { ...LOGS, exposed: 'no' as const }],
    ['a policy counted', { ...LOGS, policyCount: 2 }],
  ])('the advisor row is dropped when the dashboard knows better: %s', (_, t) =>
    expect(findingsOf(rule, dashboard({ tables: [t], advisors: NO_POLICY() }))).toEqual([]),
  );
  it('the advisor row is dropped when a policy of the table is listed', () =>
    expect(findingsOf(rule, dashboard({ policies: [policy({ table: 'audit_logs', name: 'Read own' })], advisors: NO_POLICY() }))).toEqual([]));
  it('an advisor row without a table is skipped', () => expect(findingsOf(rule, dashboard({ advisors: NO_POLICY({ entity: undefined }) }))).toEqual([]));
  it('evidence says where it was seen; location and identity name the table', () => {
    const fromTable = dashboard({ tables: [LOGS] });
    const [f] = findingsOf(rule, fromTable);
    expect(f!.message).toMatch(/^public\.audit_logs has RLS on and no policy: browsers get no rows/);
    expect(f!.evidence).toBe('public.audit_logs: RLS enabled, 0 policies (dashboard)');
    expect(f!.location).toEqual({ kind: 'builder', name: 'public.audit_logs' });
    expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, fromTable.origin, 'rls_enabled_no_policy_public_audit_logs'));
    const [g] = findingsOf(rule, dashboard({ advisors: NO_POLICY() }));
    expect(g!.evidence).toBe('public.audit_logs: RLS enabled, 0 policies (Security Advisor: RLS Enabled No Policy)');
  });
  it('nothing outside the Supabase dashboard', () => expect(findingsOf(rule, evidence())).toEqual([]));
});

// Found by mutation testing (docs/mutation.md): the guide's snippet is SQL and its docs are the advisor lint's page.
it('supabase-rls-no-policy: the guide shows SQL and links the lint’s page', () => {
  expect(rule.meta.fix.snippet?.language).toBe('sql');
  expect(rule.meta.fix.docs).toContain('0008_rls_enabled_no_policy');
});
