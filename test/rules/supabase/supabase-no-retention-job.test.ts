import { describe, expect, it } from 'vitest';
import { fingerprint } from '@/engine/engine';
import { resolveGuide } from '@/engine/fix';
import rule, { isRetentionJob } from '@/rules/supabase/supabase-no-retention-job';
import { NOW } from '../../helpers/evidence';
import { describeRule, findingsOf } from '../../helpers/rule-cases';
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

// Found by mutation testing (docs/mutation.md): messages in full, evidence, location, identity, vars, the order of
// the tables (time column first, then by name), the "and N more", the schemas and views left out, the job name cut.
describe('supabase-no-retention-job, cases from mutation testing', () => {
  const one = (tables: ReturnType<typeof table>[], c: ReturnType<typeof cron>) => {
    const ev = dashboard({ tables, cron: c });
    const found = findingsOf(rule, ev);
    expect(found.length).toBe(1);
    return { f: found[0]!, ev };
  };
  const EVENTS = table({ name: 'events', columns: ['id', 'kind'] });
  const LEADS = table({ name: 'leads', columns: ['id', 'email', 'created_at'] });
  it('no-jobs: message, evidence, location, identity, vars in full; tables with a time column first, then by name', () => {
    const { f, ev } = one([EVENTS, PROFILES, LOGS], cron('no-jobs'));
    expect(f.message).toBe(
      'There are no cron jobs, so nothing deletes old rows, while public.audit_logs, public.profiles, public.events hold personal data or logs.',
    );
    expect(f.evidence).toBe('cron: no-jobs; tables: public.audit_logs, public.profiles, public.events');
    expect(f.location).toEqual({ kind: 'builder', name: 'Cron jobs' });
    expect(f.fingerprint).toBe(fingerprint(rule.meta.id, ev.origin, 'no_retention_job'));
    expect(f.severity).toBe('low');
    expect(f.vars).toEqual({
      schema: 'public',
      table: 'audit_logs',
      table_sql: 'public.audit_logs',
      table_literal: "'public.audit_logs'",
      enable_sql: '',
      time_note: '',
      job_literal: "'purge-old-audit_logs'",
      command_sql: "$$delete from public.audit_logs where created_at < now() - interval '30 days'$$",
    });
  });
  it('more than three tables: "and N more"; exactly three: none', () => {
    const more = one([EVENTS, PROFILES, LOGS, LEADS, table({ name: 'visits', columns: ['id'] })], cron('no-jobs')).f;
    expect(more.message).toBe(
      'There are no cron jobs, so nothing deletes old rows, while public.audit_logs, public.leads, public.profiles and 2 more hold personal data or logs.',
    );
    expect(one([EVENTS, PROFILES, LOGS], cron('no-jobs')).f.message).not.toContain('more');
  });
  it('extension-off, no-delete, not-checked: messages and evidence in full', () => {
    const off = one([PROFILES], cron('extension-off')).f;
    expect(off.message).toBe('Cron (pg_cron) is not enabled, so nothing deletes old rows, while public.profiles hold personal data or logs.');
    expect(off.evidence).toBe('cron: extension-off; tables: public.profiles');
    expect(off.vars!.enable_sql).toBe('-- Enable pg_cron first:\ncreate extension if not exists pg_cron with schema pg_catalog;\n\n');
    const jobs = one([PROFILES], cron('jobs', [HOUSEKEEPING, { name: 'report', schedule: '0 1 * * *', command: 'select 1' }])).f;
    expect(jobs.message).toBe('2 cron job(s) exist but none deletes old rows, while public.profiles hold personal data or logs.');
    expect(jobs.evidence).toBe('cron: 2 job(s), none deleting; tables: public.profiles');
    const unknown = one([PROFILES], cron('unknown')).f;
    expect(unknown.message).toBe(
      'Not checked: the Cron page did not show whether any job deletes old rows (still loading, or a search filter hid the jobs), while public.profiles hold personal data or logs. Open Integrations → Cron without a filter.',
    );
    expect(unknown.evidence).toBe('cron: unknown; tables: public.profiles');
    expect(unknown.vars!.enable_sql).toBe('');
  });
  it('no time column: the guess and created_at', () => {
    const { f } = one([EVENTS], cron('no-jobs'));
    expect(f.vars!.time_note).toBe('-- created_at is a guess: use the column that records when the row was written.\n');
    expect(f.vars!.command_sql).toBe("$$delete from public.events where created_at < now() - interval '30 days'$$");
  });
  it('the job name is cut at 60 characters', () => {
    const long = `${'a'.repeat(70)}_logs`;
    const { f } = one([table({ name: long, columns: ['id'] })], cron('no-jobs'));
    expect(f.vars!.job_literal).toBe(`'${`purge-old-${long}`.slice(0, 60)}'`);
  });
  it('views and every Supabase-managed schema are left out; a non-managed schema with a managed name inside is not', () => {
    const managed = [
      'auth',
      'storage',
      'cron',
      'net',
      'realtime',
      'extensions',
      'graphql',
      'graphql_public',
      'pgsodium',
      'pgsodium_masks',
      'vault',
      'supabase_functions',
      'supabase_migrations',
      'information_schema',
      'pg_catalog',
      'pgbouncer',
    ];
    const sys = managed.map((schema) => table({ schema, name: 'audit_logs', columns: ['id', 'created_at'] }));
    expect(findingsOf(rule, dashboard({ tables: [...sys, table({ name: 'audit_logs', kind: 'view' })], cron: cron('no-jobs') }))).toEqual([]);
    for (const schema of ['myauth', 'auth2', 'app']) {
      expect(one([table({ schema, name: 'audit_logs', columns: ['id'] })], cron('no-jobs')).f.evidence).toBe(`cron: no-jobs; tables: ${schema}.audit_logs`);
    }
  });
  it('a deleting job only counts when the page listed jobs', () => {
    const purge = { name: 'purge', schedule: '0 3 * * *', command: 'delete from public.audit_logs' };
    expect(one([LOGS], { ...cron('unknown'), jobs: [purge] }).f.messageId).toBe('not-checked');
  });
});

describe('isRetentionJob, cases from mutation testing', () => {
  const job = (name: string, command: string) => isRetentionJob({ name, command });
  it('each deleting command counts, in any case and spacing', () => {
    for (const c of [
      'DELETE   FROM public.x where a < now()',
      'delete\nfrom public.x',
      'TRUNCATE public.x',
      'drop TABLE public.old_x',
      'alter table p detach  partition p_2020',
      "select partman.drop_partition_time('public.x')",
      'call partman.run_maintenance_proc()',
      'select run_maintenance()',
      'select drop_partition(1)',
    ]) {
      expect(job('nightly', c), c).toBe(true);
    }
    expect(job('nightly', 'select deleted_from_x()')).toBe(false);
    expect(job('nightly', 'select undelete from x')).toBe(false);
  });
  it('Supabase’s own tables do not count, in any spelling; other schemas after them do', () => {
    expect(job('nightly', 'truncate table cron.job_run_details')).toBe(false);
    expect(job('nightly', 'truncate net._http_response')).toBe(false);
    expect(job('nightly', 'delete from "cron"."job_run_details"')).toBe(false);
    expect(job('nightly', 'delete from cron . job_run_details')).toBe(false);
    expect(job('nightly', 'delete from cron.job_run_details; delete from public.logs')).toBe(true);
    expect(job('nightly', 'delete from "cron.job_run_details')).toBe(true);
    expect(job('nightly', 'delete from crons.x')).toBe(true);
  });
  it('a job named for deletion counts unless it only cleans Supabase’s own tables', () => {
    for (const name of [
      'purge',
      'prune-old',
      'clean-up',
      'cleanup',
      'clean_up',
      'retention',
      'expire_tokens',
      'expiry',
      'archive',
      'delete-old',
      'gdpr',
      'nightly_purge',
      'PURGE',
    ]) {
      expect(job(name, 'select public.f()'), name).toBe(true);
    }
    for (const name of ['purger', 'repurge', 'nightly', 'archived']) expect(job(name, 'select public.f()'), name).toBe(false);
    expect(job('purge', '  delete from cron.job_run_details')).toBe(false);
    expect(job('purge', 'DELETE FROM net._http_response')).toBe(false);
    expect(job('purge-delete-job-run-details', 'select 1')).toBe(false);
    expect(job('purge', 'select 1; delete from cron.job_run_details')).toBe(true);
    expect(job('purge', 'delete   from   cron.job_run_details')).toBe(false);
    expect(job('PURGE-DELETE-JOB-RUN-DETAILS', 'select 1')).toBe(false);
  });
  it('several of Supabase’s own tables cleaned in one job, with any spacing: still not a retention job', () => {
    expect(job('nightly', 'delete from cron.job_run_details; delete from net._http_response')).toBe(false);
    expect(job('nightly', 'delete   from   cron.job_run_details')).toBe(false);
    expect(job('nightly', 'truncate   table   cron.job_run_details')).toBe(false);
    expect(job('nightly', 'TRUNCATE TABLE "net"."_http_response"')).toBe(false);
  });
});

describe('supabase-no-retention-job fix guide, cases from mutation testing', () => {
  it('the Cron page of the project, the cron docs, an SQL snippet', () => {
    const g = resolveGuide(rule.meta.fix, [], { ref: 'abcdefghijklmnopqrst' }).primary;
    expect(g.deepLink).toBe('https://supabase.com/dashboard/project/abcdefghijklmnopqrst/integrations/cron/jobs');
    expect(g.docs).toBe('https://supabase.com/docs/guides/cron');
    expect(g.snippet?.language).toBe('sql');
  });
});

// From the first Stryker run: one deleting job among others is enough; "drop table" with any spacing.
describe('supabase-no-retention-job, cases from the first Stryker run', () => {
  it('one retention job among other jobs: nothing to report', () => {
    const jobs = [HOUSEKEEPING, { name: 'purge', schedule: '0 3 * * *', command: 'delete from public.audit_logs' }];
    expect(findingsOf(rule, dashboard({ tables: [LOGS], cron: cron('jobs', jobs) }))).toEqual([]);
  });
  it('drop table with several spaces deletes', () => expect(isRetentionJob({ name: 'nightly', command: 'drop   table public.old_x' })).toBe(true));
});
