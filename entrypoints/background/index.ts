/**
 * Service worker: routes validated messages, captures headers for granted sites, re-audits monitored sites as
 * they load, keeps the badge current and purges expired audits.
 */
import { browser } from 'wxt/browser';
import { ExtensionMessage, type AuditReply } from '@/rules/core/messages';
import { auditTab, auditableUrl } from './audit';
import { startCapture } from './capture';
import { purgeExpired } from './store';
import { showBadge } from './badge';

export default defineBackground(() => {
  // Listeners are registered synchronously at start-up so a restarted service worker receives the event that woke it.
  startCapture();

  browser.runtime.onMessage.addListener((raw: unknown, sender): Promise<AuditReply> | undefined => {
    // Only our own extension pages may ask for audits; content scripts and web pages never can.
    if (sender.id !== browser.runtime.id || (sender.tab && !sender.url?.startsWith(browser.runtime.getURL('')))) return undefined;
    const parsed = ExtensionMessage.safeParse(raw);
    if (!parsed.success) return undefined;
    switch (parsed.data.type) {
      case 'audit:run':
        return auditTab(parsed.data.tabId, parsed.data.mode);
    }
  });

  // Monitoring: a site the user granted is re-audited each time a page of it finishes loading.
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status === 'loading' && change.url) void showBadge(tabId, undefined);
    if (change.status !== 'complete') return;
    const url = auditableUrl(tab.url);
    if (!url) return;
    void browser.permissions
      .contains({ origins: [`${url.origin}/*`] })
      .then((granted) => (granted ? auditTab(tabId, 'monitor') : undefined))
      .catch(() => undefined);
  });

  void purgeExpired();
});
