/**
 * Reads and writes of every stored record, over a storage area handed in by the caller (browser.storage.local in
 * the extension, a fake in tests): the only code that touches stored records. A read that finds garbage or an old
 * version repairs, migrates or removes it and logs why; it never throws and never loses a user's decision
 * (settings and consent are repaired, not dropped, where that can be done).
 */
import type { Audit } from '../../engine/audit-schema';
import type { HttpResponse } from '../evidence/evidence';
import type { SupabaseDashboard } from '../supabase/dashboard-evidence';
import type { GlideBuilder } from '../glide/builder-evidence';
import { AUDIT_BUDGET_BYTES, EVICT_AT, STORAGE_FULL_MESSAGE, fitAudit, makeRoom } from './budget';
import { CONSENT_CHECKS, KEYS, PREFIXES, consentSubject, isUserDecision, type ConsentCheck, type ConsentRecord } from './keys';
import {
  DEFAULT_SETTINGS,
  newConsent,
  parseAudit,
  parseBuilderSecrets,
  parseCapture,
  parseConsent,
  parseGlideBuilder,
  parseGuides,
  parseSettings,
  parseSupabaseDashboard,
  parseAccepted,
  parseConfirmations,
  AcceptedRiskSchema,
  ConfirmationSchema,
  type Settings,
  type StoredBuilderSecret,
  type StoredGuides,
} from './records';
import type { AcceptedRisk, ChecklistItem, Confirmation } from '../../engine/checklist';
import { activeChecksAllowed, readPolicy } from '../policy';

/** The part of a WebExtension StorageArea we use (browser.storage.local / .session, or a fake). */
export interface StorageArea {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
  /** Chrome's storage areas have it; Firefox's local area and the test fakes may not. */
  getBytesInUse?(keys?: string | string[] | null): Promise<number>;
}

/** What saveAudit did to make the audit fit: findings left out (with a gap saying so) and older audits removed. */
export interface SavedAudit {
  audit: Audit;
  left: number;
  evicted: string[];
}

/** A URL at rest: no query string, no fragment (tokens travel there). */
const atRest = (url: string) => {
  const cut = url.search(/[?#]/);
  return cut < 0 ? url : url.slice(0, cut);
};

export type StorageLog = (key: string, reason: string) => void;
const defaultLog: StorageLog = (key, reason) => console.warn(`[micro-app-auditor] storage ${key.slice(0, 200)}: ${reason}`);

export const DAY_MS = 86_400_000;

/**
 * `managed`: the browser's managed storage (the organisation policy, utils/policy.ts). When the policy turns active
 * checks off, no consent counts and none can be given.
 */
export function storageOf(area: StorageArea, log: StorageLog = defaultLog, managed?: Pick<StorageArea, 'get'>) {
  const activeAllowed = async () => activeChecksAllowed((await readPolicy(managed)).policy);
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
    /**
     * Stores an audit within its size budget (./budget.ts), removing the oldest other audits first when storage is
     * nearly full. Throws STORAGE_FULL_MESSAGE when it still cannot be written.
     */
    async saveAudit(scope: string, audit: Audit, budget = AUDIT_BUDGET_BYTES): Promise<SavedAudit> {
      const key = KEYS.audit(scope);
      const fitted = fitAudit(key, audit, budget);
      if (fitted.left) log(key, `${fitted.left} findings left out to keep the audit under ${budget} bytes`);
      const evicted = await makeRoom(area, key, fitted.bytes, EVICT_AT).catch(() => [] as string[]);
      try {
        await area.set({ [key]: fitted.audit });
      } catch (first) {
        // Full after all (another record grew, or the quota is smaller than we think): every other audit goes.
        evicted.push(...(await makeRoom(area, key, fitted.bytes, 0).catch(() => [] as string[])));
        try {
          await area.set({ [key]: fitted.audit });
        } catch (e) {
          log(key, `write failed: ${e instanceof Error ? e.message : String(e)} (first: ${first instanceof Error ? first.message : String(first)})`);
          throw new Error(STORAGE_FULL_MESSAGE);
        }
      }
      if (evicted.length) log(key, `removed ${evicted.length} older audit(s) to make room`);
      return { audit: fitted.audit, left: fitted.left, evicted };
    },
    /** Removes expired and unreadable audits; returns how many were removed. */
    async purgeAudits(now = Date.now()): Promise<number> {
      const all = await area.get(null).catch(() => ({}) as Record<string, unknown>);
      const stale = Object.entries(all)
        .filter(([key, value]) => key.startsWith(PREFIXES.audit) && !parseAudit(value, now).value)
        .map(([key]) => key);
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
      // The scope (e.g. Bubble's page?id=<app>) is in the key; the page URL is kept without query or fragment.
      await area.set({ [KEYS.builderSecrets(scope)]: list.map((s) => ({ ...s, page: atRest(s.page) })) });
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

    async loadGlideBuilder(appId: string): Promise<GlideBuilder | undefined> {
      const key = KEYS.glideBuilder(appId);
      const raw = await getOne(key);
      if (raw === undefined) return undefined;
      const { value, reason } = parseGlideBuilder(raw, appId);
      if (!value) await drop(key, reason!);
      return value;
    },
    async saveGlideBuilder(appId: string, record: GlideBuilder): Promise<void> {
      await area.set({ [KEYS.glideBuilder(appId)]: record });
    },
    async removeGlideBuilder(appId: string): Promise<void> {
      await area.remove(KEYS.glideBuilder(appId));
    },

    /** The consent for a check on a subject (an origin or a project ref); an earlier format is migrated in place. */
    async getConsent(check: ConsentCheck, subject: string): Promise<ConsentRecord | undefined> {
      const s = consentSubject(check, subject);
      if (!s) return undefined;
      if (managed && !(await activeAllowed())) return undefined;
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
      if (managed && !(await activeAllowed())) return false;
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
    /**
     * One write per tab: storage.session has a quota (10 MB in Chromium), and one write for every tab would fail as a
     * whole when one tab's capture does not fit; then only that tab's copy is missing (it is rebuilt on its next load).
     */
    async saveCaptures(byTab: ReadonlyMap<number, readonly HttpResponse[]>): Promise<void> {
      const writes = [...byTab].map(([tabId, list]) => area.set({ [KEYS.capture(tabId)]: list }));
      const failed = (await Promise.allSettled(writes)).filter((r) => r.status === 'rejected').length;
      if (failed) log(PREFIXES.capture, `${failed} of ${writes.length} tab captures not kept for a service-worker restart (storage full)`);
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

    /** Risks the user accepted on a site or project (expired and unreadable entries are dropped, and say so). */
    async loadAccepted(scope: string, now = Date.now()): Promise<AcceptedRisk[]> {
      const key = KEYS.accepted(scope);
      const raw = await getOne(key);
      const { value, reason } = parseAccepted(raw, now);
      if (reason) {
        log(key, reason);
        await area.set({ [key]: value ?? [] }).catch(() => undefined);
      }
      return value ?? [];
    },
    /** Accepts (or re-accepts) a finding's risk; throws when the entry is invalid (e.g. an empty reason). */
    async acceptRisk(scope: string, risk: AcceptedRisk, now = Date.now()): Promise<AcceptedRisk[]> {
      const entry = AcceptedRiskSchema.parse(risk);
      const next = [...(await store.loadAccepted(scope, now)).filter((a) => a.fingerprint !== entry.fingerprint), entry];
      await area.set({ [KEYS.accepted(scope)]: next });
      return next;
    },
    async unacceptRisk(scope: string, fingerprint: string, now = Date.now()): Promise<AcceptedRisk[]> {
      const next = (await store.loadAccepted(scope, now)).filter((a) => a.fingerprint !== fingerprint);
      if (next.length) await area.set({ [KEYS.accepted(scope)]: next });
      else await area.remove(KEYS.accepted(scope));
      return next;
    },

    /** Checklist items confirmed by hand on a site or project. */
    async loadConfirmations(scope: string): Promise<Confirmation[]> {
      const key = KEYS.confirmed(scope);
      const { value, reason } = parseConfirmations(await getOne(key));
      if (reason) log(key, reason);
      return value ?? [];
    },
    async confirmItem(scope: string, item: ChecklistItem, now = Date.now()): Promise<Confirmation[]> {
      const next = [...(await store.loadConfirmations(scope)).filter((c) => c.item !== item), ConfirmationSchema.parse({ item, confirmedAt: now })];
      await area.set({ [KEYS.confirmed(scope)]: next });
      return next;
    },
    /** Removes confirmations (the user took one back, or the evidence now contradicts it). */
    async clearConfirmations(scope: string, items: readonly ChecklistItem[]): Promise<Confirmation[]> {
      const next = (await store.loadConfirmations(scope)).filter((c) => !items.includes(c.item));
      if (next.length) await area.set({ [KEYS.confirmed(scope)]: next });
      else await area.remove(KEYS.confirmed(scope));
      return next;
    },

    /** Stored audits that share a link key (engine/checklist.ts auditLinks) with `links`, other than `scope` itself. */
    async loadLinkedAudits(scope: string, links: readonly string[], linksOf: (a: Audit) => string[], now = Date.now()): Promise<Audit[]> {
      if (!links.length) return [];
      const all = await area.get(null).catch(() => ({}) as Record<string, unknown>);
      const out: Audit[] = [];
      for (const [key, raw] of Object.entries(all)) {
        if (!key.startsWith(PREFIXES.audit) || key === KEYS.audit(scope)) continue;
        const a = parseAudit(raw, now).value;
        if (a && linksOf(a).some((l) => links.includes(l))) out.push(a);
      }
      return out.slice(0, 5);
    },
    /** Removes every stored audit (settings: "keep nothing after the browser closes", on browser start). */
    async removeAllAudits(): Promise<number> {
      const all = await area.get(null).catch(() => ({}) as Record<string, unknown>);
      const keys = Object.keys(all).filter((k) => k.startsWith(PREFIXES.audit));
      if (keys.length) await area.remove(keys);
      return keys.length;
    },
  };
  return store;
}

export type Store = ReturnType<typeof storageOf>;
export { isUserDecision };
