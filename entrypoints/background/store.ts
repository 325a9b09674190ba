/**
 * Local storage of audits and settings. Nothing here leaves the browser. Audits expire (default 30 days,
 * configurable); expired or unreadable entries are removed, never shown.
 */
import { browser } from 'wxt/browser';
import { GUIDES_KEY, SETTINGS_KEY, auditKey, readSettings, readStoredAudit, type Audit, type Settings } from '@/engine/audit-schema';
import { hash64 } from '@/utils/hash';
import type { Rule } from '@/engine/rule';

export async function getSettings(): Promise<Settings> {
  const raw: unknown = (await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY];
  // readSettings throws on an array (typeof [] === 'object'); unreadable settings must fall back, not fail every audit.
  return readSettings(Array.isArray(raw) ? {} : raw);
}

export async function saveAudit(audit: Audit): Promise<void> {
  await browser.storage.local.set({ [auditKey(audit.origin)]: audit });
}

/** Reads a stored audit; garbage or an expired audit reads as "none" (and is removed). */
export async function loadAudit(origin: string, now = Date.now()): Promise<Audit | undefined> {
  const key = auditKey(origin);
  const raw = (await browser.storage.local.get(key))[key];
  if (raw === undefined) return undefined;
  const audit = readStoredAudit(raw, now);
  if (!audit) await browser.storage.local.remove(key);
  return audit;
}

/** Removes expired and unreadable audits; returns how many were removed. */
export async function purgeExpired(now = Date.now()): Promise<number> {
  const all = await browser.storage.local.get(null);
  const stale = Object.entries(all)
    .filter(([key, value]) => key.startsWith('audit:') && !readStoredAudit(value, now))
    .map(([key]) => key);
  if (stale.length) await browser.storage.local.remove(stale);
  return stale.length;
}

/**
 * Keeps every rule's fix guide in storage for the popup (which loads no rule code). Written when the catalogue
 * differs from what is stored, i.e. after an install or update; a no-op on every other service-worker start.
 */
export async function storeGuides(rules: readonly Rule[]): Promise<void> {
  const guides = Object.fromEntries(rules.map((r) => [r.meta.id, r.meta.fix]));
  const catalogue = hash64(JSON.stringify(guides));
  const stored = (await browser.storage.local.get(GUIDES_KEY))[GUIDES_KEY] as { catalogue?: unknown } | undefined;
  if (stored?.catalogue !== catalogue) await browser.storage.local.set({ [GUIDES_KEY]: { catalogue, guides } });
}
