/**
 * The Supabase dashboard side of the background: files what the dashboard content script observed under the
 * project in the sender's URL, re-audits the tab and answers with marker targets; relays the popup's deep-audit
 * request to the dashboard tab once the project has consent. Callers have already checked who sent the message.
 */
import { browser, type Browser } from 'wxt/browser';
import type { Audit } from '@/engine/audit';
import { supabaseRef } from '@/utils/platform/builders';
import { DeepAuditSummarySchema, type DeepAuditReply, type SupabaseObservedReply } from '@/utils/messages';
import type { DashboardMarker, DashboardObservation } from '@/utils/supabase/dashboard-evidence';
import { maskDashboardSecrets } from '@/utils/supabase/dashboard-secrets';
import { auditTab } from './audit';
import { addBuilderSecret } from './builder-store';
import { hasDeepAuditConsent, recordObservation } from './supabase-store';

type Sender = Browser.runtime.MessageSender;

/** A real project ref from a dashboard URL (`_`, the wildcard ref, is no project). */
export function projectRef(url: string | undefined): string | undefined {
  const ref = url ? supabaseRef(url) : undefined;
  return ref && ref !== '_' ? ref : undefined;
}

/** An audit of the tab that includes everything recorded at `since` (one already running may have started before). */
async function freshAudit(tabId: number, since: number): Promise<Audit | undefined> {
  let reply = await auditTab(tabId, 'monitor');
  if (reply.ok && reply.audit.createdAt - reply.audit.durationMs < since) reply = await auditTab(tabId, 'monitor');
  return reply.ok ? reply.audit : undefined;
}

/** Where an audit's Supabase findings point on the dashboard (tables and buckets), for the in-page markers. */
export function markersOf(audit: Audit): DashboardMarker[] {
  const out: DashboardMarker[] = [];
  for (const f of audit.findings) {
    if (!f.ruleId.startsWith('supabase-') || !f.vars) continue;
    const { schema, table, bucket } = f.vars;
    const target =
      table !== undefined && schema !== undefined
        ? { kind: 'table' as const, schema, name: table }
        : bucket !== undefined
          ? { kind: 'bucket' as const, id: bucket }
          : undefined;
    if (target) out.push({ target, ruleId: f.ruleId, title: f.title, severity: f.severity });
    if (out.length >= 500) break;
  }
  return out;
}

export async function handleObserved(observation: DashboardObservation, sender: Sender): Promise<SupabaseObservedReply | undefined> {
  // The project is the one in the sender's address: a page cannot file observations under another project.
  const ref = projectRef(sender.url);
  const tabId = sender.tab?.id;
  if (!ref || tabId === undefined) return undefined;
  const at = Date.now();
  // Keys in what the dashboard showed (a cron command's Authorization header…) are reported, and stored only masked.
  const { observation: masked, found } = maskDashboardSecrets(observation);
  for (const { where, match: m, severity } of found) {
    await addBuilderSecret(
      {
        field: where,
        page: sender.url!,
        provider: m.provider,
        providerName: m.providerName,
        exposure: m.exposure,
        severity,
        masked: m.masked,
        fingerprint: m.fingerprint,
        advice: m.advice,
        rotateUrl: m.rotateUrl,
        safe: false,
        seenAt: at,
      },
      at,
    );
  }
  await recordObservation(ref, masked, at);
  const audit = await freshAudit(tabId, at);
  return { ok: true, markers: audit && projectRef(audit.url) === ref ? markersOf(audit) : [] };
}

export async function handleDeepAudit(tabId: number): Promise<DeepAuditReply> {
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  const ref = projectRef(tab?.url);
  if (!ref)
    return { ok: false, kind: 'not-dashboard', message: 'Open a project in the Supabase dashboard (supabase.com/dashboard/project/…) in this tab first.' };
  if (!(await hasDeepAuditConsent(ref))) return { ok: false, kind: 'no-consent', message: 'The deep audit needs your permission for this project first.' };
  let raw: unknown;
  try {
    raw = await browser.tabs.sendMessage(tabId, { type: 'supabase:deep-audit:run' }, { frameId: 0 });
  } catch {
    return { ok: false, kind: 'error', message: 'The dashboard tab did not answer. Reload it and try again.' };
  }
  const summary = DeepAuditSummarySchema.safeParse(raw);
  if (!summary.success) return { ok: false, kind: 'error', message: 'The dashboard tab gave no usable answer. Reload it and try again.' };
  const audit = await freshAudit(tabId, Date.now());
  return { ok: true, summary: summary.data, ...(audit ? { audit } : {}) };
}
