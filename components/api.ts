/**
 * The popup's bridge to the browser: the only place in components/ that calls browser.*. Tests pass a fake.
 */
import { browser } from 'wxt/browser';
import { SETTINGS_KEY, auditKey, readSettings, readStoredAudit, type Audit } from '@/rules/core/audit';
import type { AuditReply, ExtensionMessage } from '@/rules/core/messages';

export interface TabInfo {
  id: number;
  url?: string;
}

export interface PopupApi {
  currentTab(): Promise<TabInfo | undefined>;
  loadAudit(origin: string): Promise<Audit | undefined>;
  runAudit(tabId: number): Promise<AuditReply>;
  hasAccess(origin: string): Promise<boolean>;
  /** Must run inside the click handler: browsers only show the permission prompt for a user gesture. */
  requestAccess(origin: string): Promise<boolean>;
  revokeAccess(origin: string): Promise<boolean>;
  copy(text: string): Promise<void>;
  open(url: string): void;
  getRetentionDays(): Promise<number>;
  setRetentionDays(days: number): Promise<void>;
}

/** Origins to ask for: the site itself and its plain-HTTP twin (for the redirect check). */
export function accessOrigins(origin: string): string[] {
  const u = new URL(origin);
  return [`https://${u.host}/*`, `http://${u.host}/*`];
}

export function browserApi(search = location.search): PopupApi {
  // popup.html?tabId=N lets the headless command and tests show a given tab (a real popup uses the active tab).
  const forced = Number(new URLSearchParams(search).get('tabId'));
  return {
    async currentTab() {
      if (Number.isInteger(forced) && forced > 0) {
        const t = await browser.tabs.get(forced).catch(() => undefined);
        return t?.id !== undefined ? { id: t.id, ...(t.url ? { url: t.url } : {}) } : undefined;
      }
      const [t] = await browser.tabs.query({ active: true, currentWindow: true });
      return t?.id !== undefined ? { id: t.id, ...(t.url ? { url: t.url } : {}) } : undefined;
    },
    async loadAudit(origin) {
      const key = auditKey(origin);
      const raw = (await browser.storage.local.get(key))[key];
      return readStoredAudit(raw, Date.now());
    },
    async runAudit(tabId) {
      const msg: ExtensionMessage = { type: 'audit:run', tabId, mode: 'click' };
      const reply = (await browser.runtime.sendMessage(msg)) as AuditReply | undefined;
      return reply ?? { ok: false, kind: 'error', message: 'The extension’s background did not answer. Reload the extension and try again.' };
    },
    hasAccess: (origin) => browser.permissions.contains({ origins: accessOrigins(origin).slice(0, 1) }).catch(() => false),
    requestAccess: (origin) => browser.permissions.request({ origins: accessOrigins(origin) }).catch(() => false),
    revokeAccess: (origin) => browser.permissions.remove({ origins: accessOrigins(origin) }).catch(() => false),
    copy: (text) => navigator.clipboard.writeText(text),
    open: (url) => void browser.tabs.create({ url }),
    async getRetentionDays() {
      return readSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]).retentionDays;
    },
    async setRetentionDays(days) {
      const current = readSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
      await browser.storage.local.set({ [SETTINGS_KEY]: { ...current, retentionDays: days } });
    },
  };
}
