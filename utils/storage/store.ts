/**
 * Reads and writes of every stored record, over a storage area handed in by the caller (browser.storage.local in
 * the extension, a fake in tests): the only code that touches stored records. A read that finds garbage or an old
 * version repairs, migrates or removes it and logs why; it never throws and never loses a user's decision
 * (settings and consent are repaired, not dropped, where that can be done).
 */
import type { Audit } from '../../engine/audit-schema';
import type { HttpResponse } from '../evidence/evidence';
import type { SupabaseDashboard } from '../supabase/dashboard-evidence';
import { CONSENT_CHECKS, KEYS, PREFIXES, consentSubject, isUserDecision, type ConsentCheck, type ConsentRecord } from './keys';
import {
  DEFAULT_SETTINGS,
  newConsent,
  parseAudit,
  parseBuilderSecrets,
  parseCapture,
  parseConsent,
  parseGuides,
  parseSettings,
  parseSupabaseDashboard,
  type Settings,
  type StoredBuilderSecret,
  type StoredGuides,
} from './records';

/** The part of a WebExtension StorageArea we use (browser.storage.local / .session, or a fake). */
export interface StorageArea {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export type StorageLog = (key: string, reason: string) => void;
const defaultLog: StorageLog = (key, reason) => console.warn(`[micro-app-auditor] storage ${key.slice(0, 200)}: ${reason}`);

export const DAY_MS = 86_400_000;

export function storageOf(area: StorageArea, log: StorageLog = defaultLog) {
  const getOne = async (key: string): Promise<unknown> => {
    try {
      return (await area.get(key))[key];
    } catch (e) {
      log(key, `read failed: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  };
  const drop = async (key: string, reason: string) => {
    log(key, reason);
    await area.remove(key).catch(() => undefined);
  };

  const store = {
    async getSettings(): Promise<Settings> {
      const raw = await getOne(KEYS.settings);
      const { value, reason } = parseSettings(raw);
      if (reason) {
        log(KEYS.settings, reason);
        await area.set({ [KEYS.settings]: value }).catch(() => undefined); // repaired in place
      }
      return value ?? DEFAULT_SETTINGS;
    },
    async setSettings(patch: Partial<Settings>): Promise<Settings> {
      const next = parseSettings({ ...(await store.getSettings()), ...patch }).value ?? DEFAULT_SETTINGS;
      await area.set({ [KEYS.settings]: next });
      return next;
    },
    async retentionMs(): Promise<number> {
      return (await store.getSettings()).retentionDays * DAY_MS;
    },

    async loadAudit(scope: string, now = Date.now()): Promise<Audit | undefined> {
      const key = KEYS.audit(scope);
      const raw = await getOne(key);
      if (raw === undefined) return undefined;
      const { value, reason } = parseAudit(raw, now);
      if (!value) await drop(key, reason);
      return value;
    },
    async saveAudit(scope: string, audit: Audit): Promise<void> {
      await area.set({ [KEYS.audit(scope)]: audit });
    },
    /** Removes expired and unreadable audits; returns how many were removed. */
    async purgeAudits(now = Date.now()): Promise<number> {
      const all = await area.get(null).catch(() => ({}) as Record<string, unknown>);
      const stale = Object.entries(all).filter(([key, value]) => key.startsWith(PREFIXES.audit) && !parseAudit(value, now).value).map(([key]) => key);
      if (stale.length) await area.remove(stale);
      return stale.length;
    },

    async loadGuides(): Promise<StoredGuides | undefined> {
      const raw = await getOne(KEYS.guides);
      if (raw === undefined) return undefined;
      const { value, reason } = parseGuides(raw);
      if (!value) await drop(KEYS.guides, reason);
      return value;
    },
    async saveGuides(guides: StoredGuides): Promise<void> {
      await area.set({ [KEYS.guides]: guides });
    },

    async loadBuilderSecrets(scope: string, now = Date.now()): Promise<StoredBuilderSecret[]> {
      const key = KEYS.builderSecrets(scope);
      const raw = await getOne(key);
      const { value, reason } = parseBuilderSecrets(raw, now);
      if (reason) log(key, reason);
      return value ?? [];
    },
    async saveBuilderSecrets(scope: string, list: readonly StoredBuilderSecret[]): Promise<void> {
      await area.set({ [KEYS.builderSecrets(scope)]: list });
    },

    async loadSupabaseDashboard(ref: string): Promise<SupabaseDashboard | undefined> {
      const key = KEYS.supabaseDashboard(ref);
      const raw = await getOne(key);
      if (raw === undefined) return undefined;
      const { value, reason } = parseSupabaseDashboard(raw, ref);
      if (!value) await drop(key, reason!);
      return value;
    },
    async saveSupabaseDashboard(ref: string, record: SupabaseDashboard): Promise<void> {
      await area.set({ [KEYS.supabaseDashboard(ref)]: record });
    },
    async removeSupabaseDashboard(ref: string): Promise<void> {
      await area.remove(KEYS.supabaseDashboard(ref));
    },

    /** The consent for a check on a subject (an origin or a project ref); an earlier format is migrated in place. */
    async getConsent(check: ConsentCheck, subject: string): Promise<ConsentRecord | undefined> {
      const s = consentSubject(check, subject);
      if (!s) return undefined;
      const key = KEYS.consent(check, s);
      const raw = await getOne(key);
      const parsed = parseConsent(raw, check, s);
      if (parsed.value && parsed.migrated) {
        log(key, parsed.reason!);
        await area.set({ [key]: parsed.value }).catch(() => undefined);
      } else if (!parsed.value && raw !== undefined) await drop(key, parsed.reason);
      return parsed.value;
    },
    async grantConsent(check: ConsentCheck, subject: string, via: ConsentRecord['via'], now = Date.now()): Promise<boolean> {
      const record = newConsent(check, subject, via, now);
      if (!record) return false;
      await area.set({ [KEYS.consent(check, record.subject)]: record });
      return true;
    },
    async revokeConsent(check: ConsentCheck, subject: string): Promise<void> {
      const s = consentSubject(check, subject);
      if (s) await area.remove(KEYS.consent(check, s));
    },
    /** storage.session: what a tab's pages were served with (no query strings, no cookie values: see capture.ts). */
    async loadCapture(tabId: number): Promise<HttpResponse[]> {
      const key = KEYS.capture(tabId);
      const { value, reason } = parseCapture(await getOne(key));
      if (reason) log(key, reason);
      return value ?? [];
    },
    async saveCaptures(byTab: ReadonlyMap<number, readonly HttpResponse[]>): Promise<void> {
      const items: Record<string, unknown> = {};
      for (const [tabId, list] of byTab) items[KEYS.capture(tabId)] = list;
      await area.set(items);
    },
    async removeCapture(tabId: number): Promise<void> {
      await area.remove(KEYS.capture(tabId));
    },

    /** Every valid consent, for the settings page (invalid ones are left for their own read to repair or drop). */
    async listConsents(): Promise<ConsentRecord[]> {
      const all = await area.get(null).catch(() => ({}) as Record<string, unknown>);
      const out: ConsentRecord[] = [];
      for (const [key, raw] of Object.entries(all)) {
        if (!key.startsWith(PREFIXES.consent)) continue;
        const [, check, ...rest] = key.split(':');
        const subject = rest.join(':');
        if (!check || !(check in CONSENT_CHECKS)) continue;
        const value = parseConsent(raw, check as ConsentCheck, subject).value;
        if (value) out.push(value);
      }
      return out.sort((a, b) => b.grantedAt - a.grantedAt);
    },
  };
  return store;
}

export type Store = ReturnType<typeof storageOf>;
export { isUserDecision };
