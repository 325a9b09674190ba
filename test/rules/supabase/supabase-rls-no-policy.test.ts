import { expect } from 'vitest';
import rule from '@/rules/supabase/supabase-rls-no-policy';
import { describeRule } from '../../helpers/rule-cases';
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
