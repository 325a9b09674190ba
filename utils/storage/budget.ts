/**
 * Size budget of stored audits (issue 10 item 12). storage.local holds 10 MB without the `unlimitedStorage`
 * permission (chrome.storage.local.QUOTA_BYTES = 10,485,760; Firefox applies no fixed quota but the same budget
 * keeps records small). One page with 1,895 keys once filled it, and every later audit failed. So:
 * - one stored audit is at most AUDIT_BUDGET_BYTES of JSON: beyond it, the least severe findings are left out
 *   (the first finding of every rule goes before the second of any at the same severity), with a visible gap;
 * - before a write that would take storage past EVICT_AT, the oldest other audits are removed (never anything
 *   else: consent, settings, the builders' and dashboard's records stay; see keys.ts isUserDecision);
 * - a write that still fails says so in words a user can act on.
 * Pure, except the functions that take a storage area.
 */
import type { Audit } from '../../engine/audit-schema';
import { AUDIT_LIMITS } from '../../engine/audit-schema';
import { SEVERITIES } from '../../engine/severity';
import { PREFIXES, isUserDecision } from './keys';

export const QUOTA_BYTES = 10 * 1024 * 1024;
/** 512 KB: storage.local holds about twenty audits of the largest size next to everything else. */
export const AUDIT_BUDGET_BYTES = 512 * 1024;
/** Evict old audits before a write would take storage.local past this. */
export const EVICT_AT = Math.floor(QUOTA_BYTES * 0.8);

const encoder = new TextEncoder();
/** Bytes a record takes as storage counts it: its key plus its value as JSON (UTF-8). */
export function recordBytes(key: string, value: unknown): number {
  return encoder.encode(key).length + encoder.encode(JSON.stringify(value) ?? '').length;
}

export const TRIM_COLLECTOR = 'storage';

function trimNote(left: number, kept: number, budget: number): string {
  return `${left.toLocaleString('en-US')} more finding${left === 1 ? '' : 's'} not stored: one stored audit is kept under ${Math.round(budget / 1024).toLocaleString('en-US')} KB, so the ${kept.toLocaleString('en-US')} most severe are kept (every rule's first finding before its repeats). Audit again after fixing these to see the rest.`;
}

/** The audit, cut to `budget` bytes of JSON under `key` if it is larger; `left` says how many findings were left out. */
export function fitAudit(key: string, audit: Audit, budget = AUDIT_BUDGET_BYTES): { audit: Audit; left: number; bytes: number } {
  const full = recordBytes(key, audit);
  if (full <= budget) return { audit, left: 0, bytes: full };
  const nth = new Map<string, number>();
  const order = audit.findings
    .map((f, i) => {
      const n = nth.get(f.ruleId) ?? 0;
      nth.set(f.ruleId, n + 1);
      return { i, sev: SEVERITIES.indexOf(f.severity), n };
    })
    .sort((a, b) => a.sev - b.sev || a.n - b.n || a.i - b.i)
    .map((x) => x.i);
  const withFirst = (k: number): Audit => {
    const keep = new Set(order.slice(0, k));
    const left = audit.findings.length - k;
    const note = { collector: TRIM_COLLECTOR, message: trimNote(left, k, budget).slice(0, AUDIT_LIMITS.gapMessage) };
    const gaps = [...audit.gaps.filter((g) => g.collector !== TRIM_COLLECTOR)];
    if (gaps.length >= AUDIT_LIMITS.gaps) gaps.length = AUDIT_LIMITS.gaps - 1;
    return { ...audit, findings: audit.findings.filter((_, i) => keep.has(i)), gaps: [note, ...gaps] };
  };
  // The largest k whose audit fits (binary search: sizes grow with k).
  let lo = 0;
  let hi = audit.findings.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (recordBytes(key, withFirst(mid)) <= budget) lo = mid;
    else hi = mid - 1;
  }
  const fitted = withFirst(lo);
  return { audit: fitted, left: audit.findings.length - lo, bytes: recordBytes(key, fitted) };
}

export interface SizedArea {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  remove(keys: string | string[]): Promise<void>;
  getBytesInUse?(keys?: string | string[] | null): Promise<number>;
}

/** Audits other than `keep`, oldest first, with their sizes; and the total bytes in use. */
async function inventory(area: SizedArea, keep: string): Promise<{ total: number; audits: { key: string; at: number; bytes: number }[] }> {
  const all = await area.get(null);
  let total = 0;
  const audits: { key: string; at: number; bytes: number }[] = [];
  for (const [key, value] of Object.entries(all)) {
    const bytes = recordBytes(key, value);
    total += bytes;
    if (key === keep || !key.startsWith(PREFIXES.audit) || isUserDecision(key)) continue;
    const at = (value as { createdAt?: unknown } | null)?.createdAt;
    audits.push({ key, at: typeof at === 'number' && Number.isFinite(at) ? at : 0, bytes });
  }
  audits.sort((a, b) => a.at - b.at);
  return { total, audits };
}

/**
 * Removes the oldest audits (never `keep`, never anything but audits) until `incoming` more bytes fit under `limit`
 * (`keep`'s current size is counted as freed: it is about to be replaced). Returns the removed keys.
 */
export async function makeRoom(area: SizedArea, keep: string, incoming: number, limit = EVICT_AT): Promise<string[]> {
  if (area.getBytesInUse) {
    const used = await area.getBytesInUse(null).catch(() => undefined);
    if (used !== undefined && used + incoming <= limit) return [];
  }
  const all = await area.get(keep).catch(() => ({}) as Record<string, unknown>);
  const replaced = keep in all ? recordBytes(keep, all[keep]) : 0;
  const { total, audits } = await inventory(area, keep);
  let used = total - replaced;
  const removed: string[] = [];
  for (const a of audits) {
    if (used + incoming <= limit) break;
    removed.push(a.key);
    used -= a.bytes;
  }
  if (removed.length) await area.remove(removed);
  return removed;
}

export const STORAGE_FULL_MESSAGE =
  'The audit could not be stored: the extension’s storage in this browser is full, even after removing every older audit. Nothing you decided (settings, permissions you gave) was removed. Lower how long audits are kept in the settings, then audit again.';
