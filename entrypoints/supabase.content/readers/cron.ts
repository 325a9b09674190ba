/**
 * Cron jobs (/integrations/cron/*, older /database/cron-jobs): the jobs grid (name, schedule, command), the empty
 * state "No cron jobs created yet" (Studio Integrations/CronJobs/CronJobsEmptyState.tsx), pg_cron not enabled
 * ("Enable pg_cron", Integrations/Integration/MissingExtensionAlert.tsx; "Enable Cron Jobs" on older pages).
 * "No cron jobs found" shows only when a search filter hides every job: it says nothing about the jobs. Anything
 * unclear is reported as state 'unknown' ("not checked"), never as "no jobs".
 */
import type { ObservationDraft } from '@/utils/supabase/dashboard-evidence';
import { SAYS, norm, type DashboardPage } from '../studio';
import { BOUNDS, take, textOf, type Extract } from './dom';

const CRON_EXPR = /^(\S+\s+){4}\S+$|^\d+\s+seconds?$/i;
const SQLISH = /\b(select|delete|call|update|insert|truncate|perform|drop|vacuum|refresh)\b|net\.http/i;

export function readCron(doc: Document, page: DashboardPage, base: string): Extract {
  void page;
  void base;
  const region = doc.querySelector('main') ?? doc.body;
  const jobs: { name: string; schedule: string; command: string }[] = [];
  for (const row of take(region, 'tr, [role="row"]', 400)) {
    if (row.querySelector('th, [role="columnheader"]')) continue;
    const cells = take(row, 'td, [role="gridcell"], [role="cell"]', 10).map((c) => textOf(c, 2000).replace(/\s+/g, ' ').trim());
    if (cells.length < 2) continue;
    const schedule = cells.find((c) => CRON_EXPR.test(c)) ?? '';
    const command = cells.filter((c) => SQLISH.test(c)).sort((a, b) => b.length - a.length)[0] ?? '';
    if (!schedule && !command) continue;
    jobs.push({ name: cells[0]!.slice(0, 128), schedule, command });
  }
  const text = norm(textOf(region, BOUNDS.text));
  let cron: NonNullable<ObservationDraft['cron']>;
  if (jobs.length) cron = { state: 'jobs', jobs };
  else if (text.includes(SAYS.filteredNoJobs)) cron = { state: 'unknown', jobs: [] };
  else if (SAYS.noJobs.some((s) => text.includes(s))) cron = { state: 'no-jobs', jobs: [] };
  else if (SAYS.cronOff.some((s) => text.includes(s))) cron = { state: 'extension-off', jobs: [] };
  else cron = { state: 'unknown', jobs: [] };
  return { observation: { page: 'cron', source: 'dom', cron }, anchors: new Map() };
}
