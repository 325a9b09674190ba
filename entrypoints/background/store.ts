/**
 * The background's stored audits, settings and fix guides, through the one storage module (utils/storage). Nothing
 * here leaves the browser. Audits expire (default 30 days, configurable); expired or unreadable entries are removed,
 * never shown.
 */
import { browser } from 'wxt/browser';
import type { Audit } from '@/engine/audit-schema';
import type { Rule } from '@/engine/rule';
import { hash64 } from '@/utils/hash';
import type { Settings } from '@/utils/storage/records';
import { storageOf } from '@/utils/storage/store';

/** The extension's local storage, read and written only through the storage module (consent within the organisation policy). */
export const local = () => storageOf(browser.storage.local, undefined, browser.storage.managed);

export function getSettings(): Promise<Settings> {
  return local().getSettings();
}

/** Stores an audit within its size budget; resolves to the audit as stored (findings over the budget left out, with a gap). */
export async function saveAudit(audit: Audit): Promise<Audit> {
  return (await local().saveAudit(audit.origin, audit)).audit;
}

/** Reads a stored audit; garbage or an expired audit reads as "none" (and is removed). */
export function loadAudit(origin: string, now = Date.now()): Promise<Audit | undefined> {
  return local().loadAudit(origin, now);
}

/** Removes expired and unreadable audits; returns how many were removed. */
export function purgeExpired(now = Date.now()): Promise<number> {
  return local().purgeAudits(now);
}

/** Settings "keep nothing after the browser closes": every stored audit goes when the browser starts again. */
export async function purgeOnBrowserStart(): Promise<number> {
  const store = local();
  return (await store.getSettings()).sessionOnly ? store.removeAllAudits() : 0;
}

/**
 * Keeps every rule's fix guide in storage for the popup (which loads no rule code). Written when the catalogue
 * differs from what is stored, i.e. after an install or update; a no-op on every other service-worker start.
 */
export async function storeGuides(rules: readonly Rule[]): Promise<void> {
  const guides = Object.fromEntries(rules.map((r) => [r.meta.id, r.meta.fix]));
  const catalogue = hash64(JSON.stringify(guides));
  const store = local();
  if ((await store.loadGuides())?.catalogue !== catalogue) await store.saveGuides({ catalogue, guides });
}
