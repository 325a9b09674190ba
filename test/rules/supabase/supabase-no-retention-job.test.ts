import { expect, it } from 'vitest';
import rule, { isRetentionJob } from '@/rules/supabase/supabase-no-retention-job';
import { NOW } from '../../helpers/evidence';
import { describeRule } from '../../helpers/rule-cases';
import { dashboard, fixedBy, snippetOf, table } from '../../helpers/dashboard';

const LOGS = table({ name: 'audit_logs', rls: 'enabled', columns: ['id', 'actor', 'ip_address', 'created_at'] });
const PROFILES = table({ name: 'profiles', columns: ['id', 'email', 'inserted_at'] });
const cron = (state: 'jobs' | 'no-jobs' | 'extension-off' | 'unknown', jobs: { name: string; schedule: string; command: string }[] = []) => ({
  state,
  jobs,
  source: 'dom' as const,
  seenAt: NOW,
});
const HOUSEKEEPING = {
  name: 'delete-job-run-details',
  schedule: '0 12 * * *',
  command: "DELETE FROM cron.job_run_details WHERE end_time < now() - interval '7 days'",
};

describeRule(rule, {
  flagged: [
    {
      name: 'no cron jobs ("No cron jobs created yet") while logs and personal data are kept',
      evidence: dashboard({ tables: [LOGS, PROFILES], cron: cron('no-jobs') }),
      messages: ['no-jobs'],
      severity: 'low',
      check: ([f]) => {
        expect(f!.message).toContain('public.audit_logs');
        const code = snippetOf(rule, f!);
        expect(code).toContain(
          "select cron.schedule(\n  'purge-old-audit_logs',\n  '0 3 * * *',\n  $$delete from public.audit_logs where created_at < now() - interval '30 days'$$\n);",
        );
      },
    },
    {
      name: 'pg_cron off ("Enable Cron Jobs"): the snippet enables it first',
      evidence: dashboard({ tables: [PROFILES], cron: cron('extension-off') }),
      messages: ['extension-off'],
      check: ([f]) => {
        const code = snippetOf(rule, f!);
        expect(code).toContain('create extension if not exists pg_cron with schema pg_catalog;');
        expect(code).toContain('where inserted_at < now()');
      },
    },
    {
      name: 'the Cron page did not say ("No cron jobs found" under a filter, still loading): not checked (info), never "no job"',
      evidence: dashboard({ tables: [LOGS], cron: cron('unknown') }),
      messages: ['not-checked'],
      severity: 'info',
    },
    {
      name: 'only Supabase’s own housekeeping job (cron.job_run_details) runs',
      evidence: dashboard({ tables: [LOGS], cron: cron('jobs', [HOUSEKEEPING]) }),
      messages: ['no-delete'],
    },
    {
      name: 'no time column: the guess is said',
      evidence: dashboard({ tables: [table({ name: 'events', columns: ['id', 'kind'] })], cron: cron('no-jobs') }),
      messages: ['no-jobs'],
      check: ([f]) => expect(snippetOf(rule, f!)).toContain('created_at is a guess'),
    },
  ],
  clean: [
    {
      name: 'a job deletes old rows',
      evidence: dashboard({
        tables: [LOGS],
        cron: cron('jobs', [{ name: 'purge', schedule: '0 3 * * *', command: "delete from public.audit_logs where created_at < now() - interval '30 days'" }]),
      }),
    },
    { name: 'cron page not seen', evidence: dashboard({ tables: [LOGS] }) },
    {
      name: 'no table looks personal or like a log',
      evidence: dashboard({ tables: [table({ name: 'countries', columns: ['id', 'name', 'code'] })], cron: cron('no-jobs') }),
    },
    {
      name: 'only Supabase-managed schemas',
      evidence: dashboard({ tables: [table({ schema: 'auth', name: 'sessions', columns: ['id', 'ip', 'created_at'] })], cron: cron('no-jobs') }),
    },
  ],
  fixed: [
    { name: 'scheduling the snippet’s nightly purge', ...fixedBy(rule, { tables: [LOGS, PROFILES], cron: cron('no-jobs') }) },
    { name: 'enabling pg_cron and scheduling the purge', ...fixedBy(rule, { tables: [PROFILES], cron: cron('extension-off') }) },
  ],
});

it('isRetentionJob', () => {
  expect(isRetentionJob(HOUSEKEEPING)).toBe(false);
  expect(isRetentionJob({ name: 'cleanup', command: 'select public.purge_old_rows()' })).toBe(true);
  expect(isRetentionJob({ name: 'report', command: "select net.http_post(url := 'https://x')" })).toBe(false);
  expect(isRetentionJob({ name: 'x', command: 'truncate table public.page_views' })).toBe(true);
  expect(isRetentionJob({ name: 'x', command: "DELETE FROM net._http_response WHERE created < now() - interval '6 hours'" })).toBe(false);
});
