import { browser } from 'wxt/browser';
import type { Audit } from '@/engine/audit';
import type { HttpResponse, Source } from '@/utils/evidence/evidence';
import { SUPABASE_LIMITS, type SupabaseApp, type SupabaseProbe } from '@/utils/supabase/app-evidence';
import { local } from './store';
import { discoverSupabase } from '@/utils/supabase/app-discover';
import { runExposureCheck, type ExposureCheckOptions } from './supabase-probe';
import { checkMemory } from './check-memory';

/** At most this many projects are checked per audit (a page naming more is not an ordinary app). */
const MAX_PROJECTS_PROBED = 3;

const running = new Map<number, AbortController>();
/** The last check per origin and project, for monitoring re-audits (./check-memory.ts). */
const checks = checkMemory<SupabaseProbe>();
/** A cancel that arrived while the audit was still collecting, before the check started (tab → when). */
const cancelRequested = new Map<number, number>();
const CANCEL_VALID_MS = 60_000;

/**
 * Cancels the exposure check of a tab's audit (popup "Cancel check"): aborts the requests in flight, or, when the
 * audit has not reached the check yet, makes it stop before the first request. True when a check was running.
 */
export function cancelProbe(tabId: number, now = Date.now()): boolean {
  const c = running.get(tabId);
  if (!c) {
    // Cancels too old to count are dropped here: one for a tab closed before its check started would otherwise stay.
    for (const [id, at] of cancelRequested) if (now - at > CANCEL_VALID_MS) cancelRequested.delete(id);
    cancelRequested.set(tabId, now);
    return false;
  }
  c.abort();
  return true;
}

export async function hasProbeConsent(origin: string): Promise<boolean> {
  return (await local().getConsent('supabase-exposure-check', origin)) !== undefined;
}

export interface SupabaseCollectOptions {
  tabId: number;
  origin: string;
  mode: Audit['mode'];
  sources: readonly Source[] | undefined;
  responses: readonly HttpResponse[];
  resources: readonly string[] | undefined;
  /** Test hook: options for the probe (fetch, clock, limits). */
  probe?: Partial<ExposureCheckOptions>;
  /** Whether the extension may access a match pattern (default: browser.permissions.contains). */
  hostAccess?: (pattern: string) => Promise<boolean>;
}

const hasHostAccess = (pattern: string) => browser.permissions.contains({ origins: [pattern] }).catch(() => false);

/**
 * Chromium's webRequest shows the page's own requests to `<ref>.supabase.co` only when the extension may access
 * that host too: with the site granted but not the project, say so (the popup offers the project's address).
 */
async function unseenProjectRequests(o: SupabaseCollectOptions, refs: string[], gaps: { collector: string; message: string }[]) {
  const access = o.hostAccess ?? hasHostAccess;
  let site = false;
  try {
    site = await access(`https://${new URL(o.origin).host}/*`);
  } catch {
    return;
  }
  if (!site) return; // a quick audit: no webRequest capture at all, which the popup already says
  for (const ref of refs.slice(0, MAX_PROJECTS_PROBED)) {
    if (await access(`https://${ref}.supabase.co/*`).catch(() => false)) continue;
    gaps.push({
      collector: 'supabase',
      message: `The page’s own requests to ${ref}.supabase.co were not read: the extension may access this site but not that address. Allow it in the popup (“Allow reading this app’s Supabase requests”) and reload the page to see which tables a logged-out visitor receives.`,
    });
  }
}

export async function collectSupabase(o: SupabaseCollectOptions, gaps: { collector: string; message: string }[]): Promise<SupabaseApp | undefined> {
  const { app, probeKeys } = discoverSupabase({ sources: o.sources, responses: o.responses, resources: o.resources });
  if (!app) return undefined;
  await unseenProjectRequests(
    o,
    app.projects.map((p) => p.ref),
    gaps,
  );
  const consent = await hasProbeConsent(o.origin);
  let budget: number = SUPABASE_LIMITS.probeTables;
  let probed = 0;
  const controller = new AbortController();
  if (consent && o.mode !== 'monitor') {
    running.get(o.tabId)?.abort();
    running.set(o.tabId, controller);
    const asked = cancelRequested.get(o.tabId);
    cancelRequested.delete(o.tabId);
    if (asked !== undefined && Date.now() - asked < CANCEL_VALID_MS) controller.abort();
  }
  try {
    for (const project of app.projects) {
      if (!consent) {
        project.skipped = 'no-consent';
        continue;
      }
      const key = probeKeys.find((k) => k.ref === project.ref);
      if (!key) {
        project.skipped = 'no-public-key';
        continue;
      }
      const memo = `${o.origin}\u0000${project.ref}`;
      if (o.mode === 'monitor') {
        // A check the user started may still be running (a page load re-audits while it does): wait for its result
        // rather than store an audit that says "not run" over the one the user asked for.
        const last = await checks.reuse(memo);
        if (last) project.probe = last;
        else project.skipped = 'not-run';
        continue;
      }
      // (A cancelled check still "runs": it stops before its first request and reports itself cancelled.)
      if (probed >= MAX_PROJECTS_PROBED) {
        project.skipped = 'not-run';
        continue;
      }
      probed++;
      const names = project.tables.map((t) => t.name).slice(0, budget);
      const probe = await checks.run(
        memo,
        runExposureCheck({ ...o.probe, ref: project.ref, key, tables: names, signal: controller.signal }).then((p) => {
          p.notChecked = Math.max(0, project.tablesFound - p.tables.length);
          return p;
        }),
      );
      budget -= probe.tables.length;
      project.probe = probe;
      if (probe.state !== 'complete') {
        const why = {
          partial: 'some answers did not arrive',
          cancelled: 'it was cancelled',
          'timed-out': 'it ran out of time',
          failed: 'the project did not answer',
        }[probe.state];
        gaps.push({ collector: 'supabase', message: `The Supabase exposure check of ${project.ref} is incomplete: ${why}.` });
      }
      if (probe.notChecked > 0) {
        gaps.push({
          collector: 'supabase',
          message: `${probe.notChecked} of ${project.tablesFound} table names found were not checked (at most ${SUPABASE_LIMITS.probeTables} per audit).`,
        });
      }
    }
  } finally {
    if (running.get(o.tabId) === controller) running.delete(o.tabId);
  }
  return app;
}

/** Test hook: how many early cancels are remembered (one per tab, for at most a minute). */
export function pendingCancels(): number {
  return cancelRequested.size;
}

/** Test hook: forget reused results. */
export function clearProbeMemory(): void {
  checks.clear();
}
