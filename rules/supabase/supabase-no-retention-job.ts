import { defineRule } from '../../engine/rule';
import { personalOrLog, timeColumn } from '../../utils/supabase/columns';
import type { CronJob, SupabaseDashboard } from '../../utils/supabase/dashboard-evidence';
import { dashboardOf, tableVars } from '../../utils/supabase/dashboard-findings';
import { DASHBOARD } from '../../utils/supabase/links';
import { literal, quoteIdent, sqlBody } from '../../utils/supabase/sql';

type M = 'extension-off' | 'no-jobs' | 'no-delete' | 'not-checked';
type CronState = NonNullable<SupabaseDashboard['cron']>['state'];

/** Schemas Supabase manages itself: their retention is not the app's to schedule. */
const SYSTEM =
  /^(auth|storage|cron|net|realtime|extensions|graphql|graphql_public|pgsodium|pgsodium_masks|vault|supabase_functions|supabase_migrations|information_schema|pg_catalog|pgbouncer)$/;
const DELETES = /\b(delete\s+from|truncate|drop\s+table|detach\s+partition|drop_partition|run_maintenance|partman)\b/i;
const NAMED = /\b(purge|prune|clean ?up|retention|expire|expiry|archive|delete|gdpr)\b/i;

/** A job that deletes app data on a schedule. Supabase's own housekeeping (cron.job_run_details, net._http_response) does not count. */
export function isRetentionJob(job: Pick<CronJob, 'name' | 'command'>): boolean {
  const own = job.command.replace(/\b(delete\s+from|truncate(\s+table)?)\s+("?)(cron|net)\3\s*\.\s*"?\w+"?/gi, '');
  if (DELETES.test(own)) return true;
  return NAMED.test(job.name.replace(/[-_]/g, ' ')) && !/^\s*(delete\s+from\s+(cron|net)\.)/i.test(job.command) && !/delete-job-run-details/i.test(job.name);
}

/** What the Cron page said → which message (an unclear page is "not checked", never "no job"). */
const MESSAGE_OF_STATE: Record<CronState, M> = { 'extension-off': 'extension-off', 'no-jobs': 'no-jobs', jobs: 'no-delete', unknown: 'not-checked' };

export default defineRule({
  meta: {
    id: 'supabase-no-retention-job',
    title: 'Personal data and logs are kept forever (no deletion job)',
    severity: 'low',
    category: 'supabase',
    checklist: 'data-retention',
    surfaces: ['builder', 'supabase-cron'],
    confidence: 'medium',
    rationale:
      'Rows that are never deleted pile up: every old email address, IP address or log line is one more thing to leak, and privacy laws (GDPR: storage limitation) expect personal data to be deleted once it is no longer needed.',
    messages: {
      'extension-off': 'Cron (pg_cron) is not enabled, so nothing deletes old rows, while {tables} hold personal data or logs.',
      'no-jobs': 'There are no cron jobs, so nothing deletes old rows, while {tables} hold personal data or logs.',
      'no-delete': '{jobs} cron job(s) exist but none deletes old rows, while {tables} hold personal data or logs.',
      'not-checked':
        'Not checked: the Cron page did not show whether any job deletes old rows (still loading, or a search filter hid the jobs), while {tables} hold personal data or logs. Open Integrations → Cron without a filter.',
    },
    fix: {
      summary: 'Schedule a nightly pg_cron job that deletes rows older than you need to keep them.',
      steps: [
        'Decide how long each table’s rows are needed (e.g. 30 days of logs, accounts until deleted) and write it down.',
        'Integrations → Cron (button below): enable the extension if asked, then "Create job".',
        'Use the snippet: it deletes rows older than 30 days every night at 03:00 UTC (adjust table, column and interval).',
        'Check the job’s runs on the same page the next day.',
      ],
      deepLink: `${DASHBOARD}/integrations/cron/jobs`,
      snippet: {
        language: 'sql',
        fill: true,
        code: "{enable_sql}-- Every night at 03:00 UTC, delete rows of {table_sql} older than 30 days:\n{time_note}select cron.schedule(\n  {job_literal},\n  '0 3 * * *',\n  {command_sql}\n);",
      },
      docs: 'https://supabase.com/docs/guides/cron',
    },
  },
  check(evidence) {
    const d = dashboardOf(evidence);
    if (!d?.cron) return [];
    const { cron } = d;
    if (cron.state === 'jobs' && cron.jobs.some(isRetentionJob)) return [];
    const candidates = d.tables
      .filter((t) => !SYSTEM.test(t.schema) && t.kind !== 'view' && personalOrLog(t))
      .sort((a, b) => Number(!!timeColumn(b)) - Number(!!timeColumn(a)) || a.name.localeCompare(b.name));
    const first = candidates[0];
    if (!first) return [];
    const messageId = MESSAGE_OF_STATE[cron.state];
    const names = candidates.slice(0, 3).map((t) => `${t.schema}.${t.name}`);
    const tables = names.join(', ') + (candidates.length > 3 ? ` and ${candidates.length - 3} more` : '');
    const col = timeColumn(first);
    const target = tableVars(first.schema, first.name);
    const body = `delete from ${target.table_sql} where ${quoteIdent(col ?? 'created_at')} < now() - interval '30 days'`;
    return [
      {
        messageId,
        ...(messageId === 'not-checked' ? { severity: 'info' as const } : {}),
        data: { tables, jobs: cron.jobs.length },
        evidence: `cron: ${cron.state === 'jobs' ? `${cron.jobs.length} job(s), none deleting` : cron.state}; tables: ${tables}`,
        location: { kind: 'builder', name: 'Cron jobs' },
        identity: 'no_retention_job',
        vars: {
          ...target,
          enable_sql: cron.state === 'extension-off' ? '-- Enable pg_cron first:\ncreate extension if not exists pg_cron with schema pg_catalog;\n\n' : '',
          time_note: col ? '' : '-- created_at is a guess: use the column that records when the row was written.\n',
          job_literal: literal(`purge-old-${first.name}`.slice(0, 60)),
          command_sql: sqlBody(body),
        },
      },
    ];
  },
});
