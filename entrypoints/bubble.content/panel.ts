/**
 * The quiet in-page panel in the Bubble editor and the Data → Privacy markers (components/bubble/EditorPanel.tsx).
 * Data: the stored audit as the background sends it (entrypoints/background/bubble-watch.ts), first over our own
 * runtime port, then through `tabs.sendMessage` whenever the audit changes; both channels are the extension's own
 * (a page cannot post on them) and each update is checked again (utils/bubble/panel.ts parsePanelUpdate).
 * The panel lives in a closed shadow root kept in the document like the field warnings (in-page/builder-guard.ts);
 * it is collapsed to a count badge by default, opens on click, and "Close for this session" is remembered by the
 * background (storage.session), not by anything the page can read or write.
 */
import { h, render } from 'preact';
import type { Browser } from 'wxt/browser';
import { browser } from '@/in-page/browser';
import { EDITOR_PANEL_CSS, EditorPanel } from '../../components/bubble/EditorPanel';
import { keepInDocument, mountClosedHost } from '@/in-page/builder-guard';
import type { OwnContext } from '@/in-page/context';
import { hostOnDemand, type InPageHost } from '@/in-page/shadow-host';
import { PANEL_PORT, parsePanelUpdate, type PanelUpdate } from '@/utils/bubble/panel';
import { startPrivacyMarkers } from './privacy-markers';

export const PANEL_HOST = 'micro-app-auditor-panel';

export function runBubblePanel(ctx: OwnContext): void {
  let update: PanelUpdate | undefined;
  let open = false;
  let ui: InPageHost | undefined;
  let unguard: (() => void) | undefined;
  let port: Browser.runtime.Port | undefined;
  const markers = startPrivacyMarkers(ctx);

  const visible = () => !!update && !update.dismissed && update.total > 0;
  const paint = () => {
    if (!ui || !update) return;
    render(h(EditorPanel, { update, open, onToggle: toggle, onDismiss: dismiss }), ui.uiContainer);
    if (visible() && !unguard) unguard = keepInDocument(ui.shadowHost);
    else if (!visible() && unguard) {
      unguard();
      unguard = undefined;
    }
  };
  const host = hostOnDemand(() => mountClosedHost(ctx, PANEL_HOST, EDITOR_PANEL_CSS));

  const toggle = () => {
    open = !open;
    paint();
  };
  const dismiss = () => {
    if (!update) return;
    update = { ...update, dismissed: true };
    open = false;
    paint();
    send({ type: 'bubble:panel:dismiss' });
  };

  const apply = (raw: unknown) => {
    if (!ctx.isValid) return;
    const next = parsePanelUpdate(raw);
    if (!next) return;
    update = next;
    markers.setNames(next.publicTypes);
    if (visible()) ui = host();
    paint();
  };

  const connect = () => {
    const p = browser.runtime.connect({ name: PANEL_PORT });
    p.onMessage.addListener((m: unknown) => apply(m));
    // The service worker stops when idle: later updates come through tabs.sendMessage; we reconnect only to post.
    p.onDisconnect.addListener(() => {
      if (port === p) port = undefined;
    });
    port = p;
    return p;
  };
  const send = (m: { type: 'bubble:panel:dismiss' }) => {
    try {
      (port ?? connect()).postMessage(m);
    } catch {
      /* the extension was reloaded */
    }
  };

  // From the background only: a message with a tab came from a content script, not from the service worker.
  const onMessage = (raw: unknown, sender: Browser.runtime.MessageSender) => {
    if (sender.id !== browser.runtime.id || sender.tab) return undefined;
    if ((raw as { type?: unknown } | null)?.type === 'bubble:panel') apply(raw);
    return undefined;
  };
  browser.runtime.onMessage.addListener(onMessage);
  connect();

  ctx.onLocationChange(() => markers.locationChanged());
  ctx.onInvalidated(() => {
    browser.runtime.onMessage.removeListener(onMessage);
    try {
      port?.disconnect();
    } catch {
      /* already gone */
    }
    unguard?.();
    if (ui) {
      render(null, ui.uiContainer);
      ui.remove();
    }
  });
}
