/**
 * The popup's bridge to the browser: the only place in components/ that calls browser.*. Tests pass a fake.
 */
import { browser } from 'wxt/browser';
import { GUIDES_KEY, SETTINGS_KEY, auditKey, readSettings, readStoredAudit, readStoredGuides, type Audit } from '@/rules/core/audit-schema';
import type { FixGuide } from '@/rules/core/rule';
import type { AuditReply, DeepAuditReply, ExtensionMessage } from '@/rules/core/messages';
import { probeConsentKey, readProbeConsent } from '@/rules/supabase/app-consent';
import type { ProbeApi } from './ExposureCheckPanel';
import type { DeepAuditApi } from './supabase/DeepAuditPanel';
import { consentKey, isConsent } from '@/rules/supabase/dashboard-consent';

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
  requestAccess(origin: string, extraHosts?: string[]): Promise<boolean>;
  revokeAccess(origin: string, extraHosts?: string[]): Promise<boolean>;
  copy(text: string): Promise<void>;
  open(url: string): void;
  getRetentionDays(): Promise<number>;
  /** Every rule's fix guide, stored by the background (read after the findings are on screen). */
  loadGuides?(): Promise<Record<string, FixGuide>>;
  setRetentionDays(days: number): Promise<void>;
  /** Consent and cancel for the Supabase exposure check (absent: the popup does not offer the check). */
  supabaseProbe?: ProbeApi;
  /** Consent and run for the Supabase dashboard's deep audit (absent: the popup does not offer it). */
  supabaseDeepAudit?: DeepAuditApi;
}

/** Origins to ask for: the site itself and its plain-HTTP twin (for the redirect check). */
export function accessOrigins(origin: string, extraHosts: string[] = []): string[] {
  const u = new URL(origin);
  // Extra hosts: the app's Supabase project (<ref>.supabase.co), whose answers to the page's own requests webRequest
  // only shows with access to that host too. HTTPS only.
  const extra = extraHosts.filter((h) => /^[a-z0-9]{20}\.supabase\.co$/.test(h)).map((h) => `https://${h}/*`);
  return [`https://${u.host}/*`, `http://${u.host}/*`, ...extra];
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
    requestAccess: (origin, extraHosts) => browser.permissions.request({ origins: accessOrigins(origin, extraHosts) }).catch(() => false),
    revokeAccess: (origin, extraHosts) => browser.permissions.remove({ origins: accessOrigins(origin, extraHosts) }).catch(() => false),
    copy: (text) => navigator.clipboard.writeText(text),
    open: (url) => void browser.tabs.create({ url }),
    async loadGuides() {
      return readStoredGuides((await browser.storage.local.get(GUIDES_KEY))[GUIDES_KEY]);
    },
    async getRetentionDays() {
      return readSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]).retentionDays;
    },
    async setRetentionDays(days) {
      const current = readSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
      await browser.storage.local.set({ [SETTINGS_KEY]: { ...current, retentionDays: days } });
    },
    supabaseProbe: {
      async hasConsent(origin) {
        const key = probeConsentKey(origin);
        return readProbeConsent((await browser.storage.local.get(key))[key]) !== undefined;
      },
      async setConsent(origin, granted) {
        const key = probeConsentKey(origin);
        if (granted) await browser.storage.local.set({ [key]: { grantedAt: Date.now(), via: 'popup' } });
        else await browser.storage.local.remove(key);
      },
      async cancel(tabId) {
        const msg: ExtensionMessage = { type: 'supabase:cancel-probe', tabId };
        await browser.runtime.sendMessage(msg).catch(() => undefined);
      },
    },
    supabaseDeepAudit: {
      async hasConsent(ref) {
        const key = consentKey(ref);
        return isConsent((await browser.storage.local.get(key))[key], ref);
      },
      async setConsent(ref, granted) {
        const key = consentKey(ref);
        if (granted) await browser.storage.local.set({ [key]: { ref, grantedAt: Date.now() } });
        else await browser.storage.local.remove(key);
      },
      async run(tabId) {
        const msg: ExtensionMessage = { type: 'supabase:deep-audit', tabId };
        const reply = (await browser.runtime.sendMessage(msg).catch(() => undefined)) as DeepAuditReply | undefined;
        return reply ?? { ok: false, kind: 'error', message: 'The extension’s background did not answer. Reload the extension and try again.' };
      },
    },
  };
}
