/**
 * The Supabase dashboard reader's runtime in the content script: reads the dashboard as the user works
 * (reader.ts), sends what it saw to the background, places markers beside what the audit found, and runs the
 * consented deep audit when the background asks. Started by entrypoints/supabase.content next to the field guard.
 */
import type { Browser } from 'wxt/browser';
import { answering, browser } from '@/in-page/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { supabaseRef } from '@/utils/platform/builders';
// Types only from messages.ts and dashboard-evidence.ts: their zod schemas would triple this content script's size.
import type { DeepAuditSummary, ExtensionMessage } from '@/utils/messages';
import { KEYS, readConsentValue } from '@/utils/storage/keys';
import type { DashboardMarker, ObservationDraft } from '@/utils/supabase/dashboard-evidence';
import { runDeepAudit } from './deep-audit';
import { MARKERS_HOST, createMarkerLayer } from './markers';
import { startDashboardReader } from './reader';
import { readHighlight } from '@/utils/highlight';

const SEVERITY = new Set(['critical', 'high', 'medium', 'low', 'info']);
const str = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;

/** The background's answer (messages.ts SupabaseObservedReply), checked where it arrives: markers or nothing. */
export function markersFrom(reply: unknown): DashboardMarker[] | undefined {
  const r = reply as { ok?: unknown; markers?: unknown } | undefined;
  if (r?.ok !== true || !Array.isArray(r.markers)) return undefined;
  const out: DashboardMarker[] = [];
  for (const m of r.markers.slice(0, 500) as Partial<DashboardMarker>[]) {
    const t = m?.target as Record<string, unknown> | undefined;
    if (!t || !str(m.ruleId, 128) || !str(m.title, 300) || !SEVERITY.has(m.severity as string)) continue;
    const target =
      t.kind === 'table' && str(t.schema, 65) && str(t.name, 129)
        ? { kind: 'table' as const, schema: t.schema, name: t.name }
        : t.kind === 'bucket' && str(t.id, 129)
          ? { kind: 'bucket' as const, id: t.id }
          : undefined;
    if (target) out.push({ target, ruleId: m.ruleId, title: m.title, severity: m.severity! });
  }
  return out;
}

async function send(observation: ObservationDraft) {
  const msg: ExtensionMessage = { type: 'supabase:observed', observation };
  return markersFrom(await browser.runtime.sendMessage(msg).catch(() => undefined));
}

/** The deep audit, here in the dashboard tab, for the project in this tab's address, if the user consented to it. */
export async function deepAuditHere(): Promise<DeepAuditSummary> {
  const ref = supabaseRef(location.href);
  if (!ref || ref === '_') return { ok: false, calls: [], message: 'This tab shows no Supabase project.' };
  // The zod-free consent reader (utils/storage/keys.ts): this content script does not load zod.
  const key = KEYS.consent('supabase-deep-audit', ref);
  if (!readConsentValue((await browser.storage.local.get(key))[key], 'supabase-deep-audit', ref))
    return { ok: false, calls: [], message: 'No permission for a deep audit of this project.' };
  const { summary, observation } = await runDeepAudit(ref, { storage: window.localStorage, fetch: globalThis.fetch.bind(globalThis) });
  if (observation) await send(observation);
  return summary;
}

export function runSupabaseDashboard(ctx: ContentScriptContext): void {
  const markers = createMarkerLayer(ctx);
  startDashboardReader({ ctx, doc: document, win: window, send, markers, ownHosts: [MARKERS_HOST, 'micro-app-auditor-warning'] });

  // Only the extension itself (background, popup) can ask; never another tab's content script. Firefox names a tab
  // for the popup when it runs in one (the headless command and the tests), so an extension page is told apart by
  // its address: a content script's sender URL is the web page's.
  const ownPage = browser.runtime.getURL('/' as never);
  const onMessage = (raw: unknown, sender: Browser.runtime.MessageSender) => {
    if (sender.id !== browser.runtime.id || (sender.tab && !sender.url?.startsWith(ownPage))) return undefined;
    const show = readHighlight(raw);
    if (show) return Promise.resolve({ ok: markers.highlight(show.name) });
    const m = raw as { type?: unknown } | null;
    if (typeof m !== 'object' || m === null || m.type !== 'supabase:deep-audit:run' || Object.keys(m).length !== 1) return undefined;
    return deepAuditHere();
  };
  const listener = answering(onMessage);
  browser.runtime.onMessage.addListener(listener);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(listener));
}
