/**
 * Service worker: routes validated messages, captures headers for granted sites, re-audits monitored sites as
 * they load, keeps the badge current and purges expired audits.
 */
import { defineBackground } from 'wxt/utils/define-background';
import { browser, type Browser } from 'wxt/browser';
import { builderForUrl, onBuilderHost } from '@/utils/platform/builders';
import { ExtensionMessage, type AuditReply, type BuilderScanReply, type DeepAuditReply, type SupabaseObservedReply } from '@/utils/messages';
import { scanSecrets } from '@/utils/secrets';
import { auditTab, auditableUrl } from './audit';
import { addBuilderSecret, clearBuilderSecret } from './builder-store';
import { startCapture } from './capture';
import { handleDeepAudit, handleObserved } from './supabase-dashboard';
import { handleGlideObserved } from './glide-builder';
import { cancelProbe } from './supabase-app';
import { cancelBubbleCheck } from './bubble-app';
import { startBubbleEditorWatch } from './bubble-watch';
import { purgeExpired, purgeOnBrowserStart, storeGuides } from './store';
import { ALL_RULES } from '@/rules';
import { showBadge } from './badge';
import { createMonitorQueue } from './monitor-queue';

type Sender = Browser.runtime.MessageSender;

/** How long after a monitored page's load event its re-audit starts. */
const MONITOR_SETTLE_MS = 1000;
/** The monitoring re-audit each tab is waiting to start (a newer load replaces it). */
const pendingMonitor = new Map<number, object>();
/**
 * Monitoring re-audits run a few at a time, the most recent load first, with a bounded wait list (monitor-queue.ts):
 * hundreds of tabs loading at once do not start hundreds of audits.
 */
const monitorQueue = createMonitorQueue(async (tabId) => {
  // The tab's page when its turn comes (it may have navigated or closed while it waited).
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  const url = auditableUrl(tab?.url);
  if (!url || onBuilderHost(url.href)) return;
  if (await browser.permissions.contains({ origins: [`${url.origin}/*`] }).catch(() => false)) await auditTab(tabId, 'monitor');
});

/** Our own extension pages (popup): may ask for audits. */
function fromExtensionPage(sender: Sender): boolean {
  return sender.id === browser.runtime.id && !!sender.url?.startsWith(browser.runtime.getURL('/'));
}

/** Our content script in the top frame of a tab whose page `urlOk` accepts. Its data is still untrusted. */
function fromOurTopFrame(sender: Sender, urlOk: (url: string) => boolean): boolean {
  return sender.id === browser.runtime.id && !!sender.tab?.id && sender.frameId === 0 && !!sender.url && urlOk(sender.url);
}

/** Our builder content script, in the top frame of a builder's editor tab. */
const fromBuilderEditor = (sender: Sender) => fromOurTopFrame(sender, (url) => !!builderForUrl(url));

/**
 * Loads the secret engine into the asking content script's frame (in-page/scanner.ts): our packaged file, into that
 * document only (Chrome names it; Firefox has no document ids, so the frame), in the extension's isolated world.
 */
async function injectScanner(sender: Sender): Promise<{ ok: true } | undefined> {
  const tabId = sender.tab!.id!;
  const target = sender.documentId ? { tabId, documentIds: [sender.documentId] } : { tabId, frameIds: [sender.frameId ?? 0] };
  try {
    await browser.scripting.executeScript({ target, files: ['/scanner.js'] });
    return { ok: true };
  } catch {
    return undefined; // the tab navigated or closed: the content script says it could not load
  }
}

/**
 * Scans a builder field's text for the content script's field guard (in-page/scanner.ts `scanInBackground`): the
 * engine already lives here for the deployed-app audit, so the tab need not load it. The answer holds what the guard
 * shows and reports, masked; the text is neither kept nor logged.
 */
export function scanField(text: string, field: string): BuilderScanReply {
  const matches = text ? scanSecrets(text, { fieldName: field }) : [];
  return {
    ok: true,
    matches: matches.map(({ provider, providerName, exposure, severity, masked, fingerprint, advice, rotateUrl }) => ({
      provider,
      providerName,
      exposure,
      severity,
      masked,
      fingerprint,
      advice,
      rotateUrl,
    })),
  };
}

/** Only the fields a message type declares: the schemas strip unknown ones, but such a message is not ours. */
function onlyKnownFields(raw: unknown, type: string): boolean {
  const shape = ExtensionMessage.options.find((o) => o.shape.type.value === type)?.shape;
  return !!shape && Object.keys(raw as object).every((k) => Object.hasOwn(shape, k));
}

export async function handleMessage(
  raw: unknown,
  sender: Sender,
): Promise<AuditReply | { ok: true } | BuilderScanReply | SupabaseObservedReply | DeepAuditReply | undefined> {
  const parsed = ExtensionMessage.safeParse(raw);
  if (!parsed.success || !onlyKnownFields(raw, parsed.data.type)) return undefined;
  const msg = parsed.data;
  switch (msg.type) {
    case 'audit:run':
      return fromExtensionPage(sender) ? auditTab(msg.tabId, msg.mode) : undefined;
    case 'builder:secret':
    case 'builder:cleared': {
      if (!fromBuilderEditor(sender)) return undefined;
      // The page URL is the sender's, never what the message claims.
      if (msg.type === 'builder:secret') await addBuilderSecret({ ...msg.secret, page: sender.url! });
      else await clearBuilderSecret(sender.url!, msg.fingerprint);
      await auditTab(sender.tab!.id!, 'monitor', { fresh: true }); // refresh the stored audit and the badge
      return { ok: true };
    }
    case 'builder:scanner':
      // Any page of a builder's host: the guard keeps running after in-app navigation away from the editor's
      // address (Supabase account pages, Glide's other screens), and the engine only scans what is typed there.
      return fromOurTopFrame(sender, onBuilderHost) ? injectScanner(sender) : undefined;
    case 'builder:scan':
      // The same senders as the engine's injection: our content script in the top frame of a builder host's tab.
      return fromOurTopFrame(sender, onBuilderHost) ? scanField(msg.text, msg.field) : undefined;
    case 'supabase:observed':
      // Only our content script in the top frame of a dashboard tab; the project comes from its URL.
      return fromBuilderEditor(sender) ? handleObserved(msg.observation, sender) : undefined;
    case 'supabase:deep-audit':
      return fromExtensionPage(sender) ? handleDeepAudit(msg.tabId) : undefined;
    case 'glide:observed':
      // Only our content script in the top frame of a Glide builder tab; the app comes from its URL.
      return fromBuilderEditor(sender) && sender.url?.startsWith('https://go.glideapps.com/app/') ? handleGlideObserved(msg.observation, sender) : undefined;
    case 'supabase:cancel-probe':
      if (!fromExtensionPage(sender)) return undefined;
      cancelProbe(msg.tabId);
      cancelBubbleCheck(msg.tabId);
      return { ok: true };
  }
}

export default defineBackground(() => {
  // Listeners are registered synchronously at start-up so a restarted service worker receives the event that woke it.
  startCapture();
  startBubbleEditorWatch(); // the Bubble editor's writes refresh its audit; its in-page panel's data

  browser.runtime.onMessage.addListener((raw: unknown, sender) => handleMessage(raw, sender));

  // Monitoring: a site the user granted is re-audited each time a page of it finishes loading, once the page has
  // had a moment to make the requests its scripts start at load (fetches are not part of the load event, and the
  // browser lists a request only once it has finished). A click in the meantime runs its own audit.
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status === 'loading') {
      pendingMonitor.delete(tabId);
      monitorQueue.forget(tabId);
    }
    if (change.status === 'loading' && change.url) void showBadge(tabId, undefined);
    if (change.status !== 'complete') return;
    const url = auditableUrl(tab.url);
    if (!url || onBuilderHost(url.href)) return;
    const token = {};
    pendingMonitor.set(tabId, token);
    setTimeout(() => {
      if (pendingMonitor.get(tabId) !== token) return; // the tab navigated again meanwhile
      pendingMonitor.delete(tabId);
      monitorQueue.enqueue(tabId);
    }, MONITOR_SETTLE_MS);
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    pendingMonitor.delete(tabId);
    monitorQueue.forget(tabId);
  });

  void purgeExpired();
  browser.runtime.onStartup.addListener(() => void purgeOnBrowserStart());
  void storeGuides(ALL_RULES);
});
