/**
 * What the Supabase dashboard content script observed, merged per project (utils/supabase/dashboard-merge.ts) and
 * kept in local storage with the same expiry as audits. The project ref always comes from the sender's URL.
 */
import type { DashboardObservation, SupabaseDashboard } from '@/utils/supabase/dashboard-evidence';
import { dropStale, mergeObservation } from '@/utils/supabase/dashboard-merge';
import { KEYS } from '@/utils/storage/keys';
import { local } from './store';

export const dashboardKey = KEYS.supabaseDashboard;

const isEmpty = (d: SupabaseDashboard) =>
  !d.tables.length && !d.policies.length && !d.buckets.length && !d.cron && !d.advisors && !d.sqlUnavailable && !d.pages.length;

async function read(ref: string, now: number): Promise<SupabaseDashboard | undefined> {
  const store = local();
  const stored = await store.loadSupabaseDashboard(ref); // unreadable or filed under the wrong project: removed
  if (!stored) return undefined;
  const fresh = dropStale(stored, now - (await store.retentionMs()));
  if (isEmpty(fresh)) {
    await store.removeSupabaseDashboard(ref);
    return undefined;
  }
  return fresh;
}

/** Merges one observation into the project's record; returns the merged picture. */
export async function recordObservation(ref: string, observation: DashboardObservation, now = Date.now()): Promise<SupabaseDashboard> {
  const merged = mergeObservation(await read(ref, now), ref, observation, now);
  await local().saveSupabaseDashboard(ref, merged);
  return merged;
}

/** The merged dashboard evidence for a project, or undefined when nothing (fresh) was observed. */
export function dashboardEvidence(ref: string, now = Date.now()): Promise<SupabaseDashboard | undefined> {
  return read(ref, now);
}

export async function hasDeepAuditConsent(ref: string): Promise<boolean> {
  return (await local().getConsent('supabase-deep-audit', ref)) !== undefined;
}
