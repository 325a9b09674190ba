/**
 * The Bubble editor, kept current while the builder works:
 * - **Refresh on writes.** The editor saves through `POST https://bubble.io/appeditor/write` and loads parts of the
 *   app through `load_single_path` / `load_multiple_paths` (shared/reference/bubble-glide.md 2a; both URL shapes of
 *   load_single_path). The browser tells us when such a request of an editor tab completed (webRequest, in the
 *   background: nothing the page can see or dispatch); the tab's model is then read again (bubble-editor.ts, MAIN
 *   world, schema-checked and bounded) and its audit and badge refreshed, debounced and bounded per tab
 *   (utils/bubble/refresh.ts). The traffic only says "look again": what is read is still the model, checked as
 *   always, so a page that makes such requests can cost at most one bounded read every few seconds and can inject
 *   nothing. No timer, no listener work while the editor makes no such request.
 * - **The in-page panel's data.** Our Bubble content script opens a port (PANEL_PORT) from the editor's top frame;
 *   it gets the stored audit's panel content (utils/bubble/panel-build.ts), and later updates through
 *   `tabs.sendMessage` whenever that app's stored audit changes (a write's refresh, a click in the popup). The
 *   panel's data never comes from the page. "Close for this session" is kept in storage.session, out of the page's
 *   reach.
 */
import { browser, type Browser } from 'wxt/browser';
import { BUILDER_RULES } from '@/rules';
import { auditScope, BUILDERS } from '@/utils/platform/builders';
import { KEYS, PREFIXES } from '@/utils/storage/keys';
import { PANEL_PORT } from '@/utils/bubble/panel';
import { panelUpdate, type GuideLinks } from '@/utils/bubble/panel-build';
import { createRefresher, EDITOR_REFRESH, type Refresher } from '@/utils/bubble/refresh';
import { auditTab } from './audit';
import { loadAudit } from './store';

/** The editor's own traffic that means the model changed or was loaded (webRequest URL patterns). */
export const EDITOR_TRAFFIC = [
  'https://bubble.io/appeditor/write*',
  'https://bubble.io/appeditor/load_single_path/*',
  'https://bubble.io/appeditor/load_multiple_paths/*',
  'https://bubble.io/load_single_path/*',
];

const EDITOR_SCOPE_PREFIX = `${PREFIXES.audit}https://bubble.io/page?id=`;

let links: GuideLinks | undefined;
const guideLinks = (): GuideLinks =>
  (links ??= Object.fromEntries(BUILDER_RULES.map((r) => [r.meta.id, r.meta.fix.platforms?.bubble?.deepLink ?? r.meta.fix.deepLink])));

const isEditorUrl = (url: string | undefined): url is string => !!url && BUILDERS.bubble.page.test(url);

/** Does this completed request belong to the Bubble editor page itself (not another site calling bubble.io)? */
export function isEditorTraffic(d: {
  tabId: number;
  frameId?: number;
  method: string;
  url: string;
  statusCode: number;
  initiator?: string;
  originUrl?: string;
}): boolean {
  if (d.tabId < 0 || (d.frameId !== undefined && d.frameId !== 0)) return false;
  if (d.statusCode < 200 || d.statusCode >= 400) return false;
  const from = d.initiator ?? (d.originUrl ? safeOrigin(d.originUrl) : undefined);
  if (from !== undefined && from !== 'https://bubble.io') return false;
  let path: string;
  try {
    const u = new URL(d.url);
    if (u.origin !== 'https://bubble.io') return false;
    path = u.pathname;
  } catch {
    return false;
  }
  if (path === '/appeditor/write') return d.method === 'POST';
  return path.startsWith('/appeditor/load_single_path/') || path.startsWith('/appeditor/load_multiple_paths/') || path.startsWith('/load_single_path/');
}

function safeOrigin(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

async function dismissedScopes(): Promise<string[]> {
  const got = (await browser.storage.session.get(KEYS.bubblePanelDismissed).catch(() => ({}))) as Record<string, unknown>;
  const v = got[KEYS.bubblePanelDismissed];
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string').slice(0, 500) : [];
}

async function updateFor(scope: string) {
  const [audit, dismissed] = await Promise.all([loadAudit(scope).catch(() => undefined), dismissedScopes()]);
  return { audit, update: panelUpdate(audit, guideLinks(), dismissed.includes(scope)) };
}

/** Sends the app's panel content to every editor tab of that app (top frame only). */
async function pushToTabs(scope: string): Promise<void> {
  const tabs = await browser.tabs.query({ url: 'https://bubble.io/page*' }).catch(() => [] as Browser.tabs.Tab[]);
  const mine = tabs.filter((t) => t.id !== undefined && isEditorUrl(t.url) && auditScope(t.url) === scope);
  if (!mine.length) return;
  const { update } = await updateFor(scope);
  for (const t of mine) void browser.tabs.sendMessage(t.id!, update, { frameId: 0 }).catch(() => undefined);
}

async function refreshTab(tabId: number): Promise<void> {
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  if (!isEditorUrl(tab?.url)) return;
  await auditTab(tabId, 'monitor', { fresh: true }); // reads the model again, stores the audit, sets the badge
}

let refresher: Refresher<number> | undefined;

/** The per-tab refresher (created on first use; tests may pass their own run function and timers). */
export function editorRefresher(): Refresher<number> {
  return (refresher ??= createRefresher({ ...EDITOR_REFRESH, run: refreshTab }));
}

function onConnect(port: Browser.runtime.Port): void {
  if (port.name !== PANEL_PORT) return;
  const s = port.sender;
  const url = s?.url;
  if (s?.id !== browser.runtime.id || s.tab?.id === undefined || s.frameId !== 0 || !isEditorUrl(url)) {
    port.disconnect();
    return;
  }
  const tabId = s.tab.id;
  const scope = auditScope(url);
  port.onMessage.addListener((raw: unknown) => {
    if ((raw as { type?: unknown } | null)?.type !== 'bubble:panel:dismiss') return;
    void dismissedScopes()
      .then((list) => (list.includes(scope) ? undefined : browser.storage.session.set({ [KEYS.bubblePanelDismissed]: [...list, scope].slice(-500) })))
      .then(() => pushToTabs(scope))
      .catch(() => undefined);
  });
  void updateFor(scope).then(({ update }) => {
    try {
      port.postMessage(update);
    } catch {
      /* the tab went away */
    }
  });
  // The editor just opened (or reloaded): read its model once it has settled (its load traffic pokes too).
  editorRefresher().poke(tabId);
}

/**
 * Registered synchronously at service-worker start-up (entrypoints/background/index.ts). Each listener on its own:
 * an API this browser lacks costs only its part of the Bubble watch, never the service worker's other listeners.
 */
export function startBubbleEditorWatch(): void {
  const register = (fn: () => void) => {
    try {
      fn();
    } catch {
      /* this browser (or a test's fake) does not have that API */
    }
  };
  register(() =>
    browser.webRequest.onCompleted.addListener(
      (d) => {
        if (isEditorTraffic(d as Parameters<typeof isEditorTraffic>[0])) editorRefresher().poke(d.tabId);
      },
      { urls: EDITOR_TRAFFIC },
    ),
  );
  register(() => browser.runtime.onConnect.addListener(onConnect));
  register(() =>
    browser.storage.onChanged.addListener((changes, area) => {
      if (area !== 'local') return;
      for (const key of Object.keys(changes)) if (key.startsWith(EDITOR_SCOPE_PREFIX)) void pushToTabs(key.slice(PREFIXES.audit.length));
    }),
  );
  register(() => browser.tabs.onRemoved.addListener((tabId) => refresher?.forget(tabId)));
}
