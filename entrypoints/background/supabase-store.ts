/**
 * What the Supabase dashboard content script observed, merged per project (utils/supabase/dashboard-merge.ts) and
 * kept in local storage with the same expiry as audits. The project ref always comes from the sender's URL.
 */
import { browser } from 'wxt/browser';
import { readSettings, SETTINGS_KEY } from '@/engine/audit';
import { SupabaseDashboardSchema, type DashboardObservation, type SupabaseDashboard } from '@/utils/supabase/dashboard-evidence';
import { dropStale, mergeObservation } from '@/utils/supabase/dashboard-merge';
import { consentKey, isConsent } from '@/utils/supabase/dashboard-consent';

export const dashboardKey = (ref: string) => `supabase-dashboard:${ref}`;

async function retentionMs(): Promise<number> {
  return readSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]).retentionDays * 86_400_000;
}

const isEmpty = (d: SupabaseDashboard) => !d.tables.length && !d.policies.length && !d.buckets.length && !d.cron && !d.advisors && !d.pages.length;

async function read(ref: string, now: number): Promise<SupabaseDashboard | undefined> {
  const key = dashboardKey(ref);
  const raw = (await browser.storage.local.get(key))[key];
  if (raw === undefined) return undefined;
  const parsed = SupabaseDashboardSchema.safeParse(raw);
  if (!parsed.success || parsed.data.ref !== ref) {
    await browser.storage.local.remove(key); // unreadable or filed under the wrong project: never shown
    return undefined;
  }
  const fresh = dropStale(parsed.data, now - (await retentionMs()));
  if (isEmpty(fresh)) {
    await browser.storage.local.remove(key);
    return undefined;
  }
  return fresh;
}

/** Merges one observation into the project's record; returns the merged picture. */
export async function recordObservation(ref: string, observation: DashboardObservation, now = Date.now()): Promise<SupabaseDashboard> {
  const merged = mergeObservation(await read(ref, now), ref, observation, now);
  await browser.storage.local.set({ [dashboardKey(ref)]: merged });
  return merged;
}

/** The merged dashboard evidence for a project, or undefined when nothing (fresh) was observed. */
export function dashboardEvidence(ref: string, now = Date.now()): Promise<SupabaseDashboard | undefined> {
  return read(ref, now);
}

export async function hasDeepAuditConsent(ref: string): Promise<boolean> {
  const key = consentKey(ref);
  return isConsent((await browser.storage.local.get(key))[key], ref);
}
