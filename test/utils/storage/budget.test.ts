/**
 * utils/storage/budget.ts and store.ts saveAudit (issue 10 item 12): one audit of a page with 1,895 keys used to
 * fill the 10 MB storage.local quota, and every later audit failed. Each stored audit now has a size budget (the
 * least severe findings beyond it are left out, with a visible gap), the oldest audits are evicted when storage is
 * nearly full (never consent, settings or any other record), and a write that still fails says so clearly.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { buildAudit, type Audit } from '@/engine/audit';
import type { Finding } from '@/engine/finding';
import { DEPLOYED_RULES } from '@/rules';
import { AUDIT_BUDGET_BYTES, EVICT_AT, QUOTA_BYTES, STORAGE_FULL_MESSAGE, TRIM_COLLECTOR, fitAudit, makeRoom, recordBytes } from '@/utils/storage/budget';
import { KEYS, isUserDecision } from '@/utils/storage/keys';
import { parseAudit } from '@/utils/storage/records';
import { storageOf, type StorageArea, type StorageLog } from '@/utils/storage/store';
import { evidence, NOW } from '../../helpers/evidence';

const OPTS = { mode: 'click' as const, fullAccess: true, retentionDays: 30, startedAt: NOW - 500, now: NOW };
const base = (): Audit => JSON.parse(JSON.stringify(buildAudit(evidence(), DEPLOYED_RULES, OPTS)));

/** An audit like the one of the 1,895-key page: one `secret-exposed` finding per key, ~2 KB each. */
function manyKeys(n: number, origin = 'https://keys.example.com', createdAt = NOW): Audit {
  const a = base();
  const one = (i: number): Finding => ({
    ...(a.findings[0] as Finding),
    ruleId: i % 10 === 0 ? 'publishable-key-in-page' : 'secret-exposed',
    severity: i % 10 === 0 ? 'info' : 'critical',
    message: `Key ${i}: ${'x'.repeat(1500)}`,
    evidence: `sk_…${String(i).padStart(4, '0')}`,
    location: { kind: 'script', url: `https://keys.example.com/bundle-${i}.js` },
  });
  return { ...a, origin, createdAt, expiresAt: createdAt + 30 * 86_400_000, findings: Array.from({ length: n }, (_, i) => one(i)) };
}

/** A fake storage.local with Chrome's 10 MB quota: a write past it throws like Chrome does. */
function quotaArea(quota = QUOTA_BYTES, withBytesInUse = true) {
  const data = new Map<string, unknown>();
  const used = () => [...data].reduce((n, [k, v]) => n + recordBytes(k, v), 0);
  const area: StorageArea & { data: Map<string, unknown> } = {
    data,
    async get(keys) {
      const list = keys == null ? [...data.keys()] : Array.isArray(keys) ? keys : [keys];
      return Object.fromEntries(list.filter((k) => data.has(k)).map((k) => [k, structuredClone(data.get(k))]));
    },
    async set(items) {
      const next = new Map(data);
      for (const [k, v] of Object.entries(items)) next.set(k, structuredClone(v));
      const size = [...next].reduce((n, [k, v]) => n + recordBytes(k, v), 0);
      if (size > quota) throw new Error('Resource::kQuotaBytes quota exceeded');
      for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v));
    },
    async remove(keys) {
      for (const k of Array.isArray(keys) ? keys : [keys]) data.delete(k);
    },
    ...(withBytesInUse ? { getBytesInUse: async () => used() } : {}),
  };
  return area;
}

describe('fitAudit', () => {
  it('leaves an audit within the budget as it is', () => {
    const a = base();
    expect(fitAudit('audit:x', a).audit).toBe(a);
  });

  it('cuts an over-budget audit to the budget, keeps the most severe and says how many were left out', () => {
    const a = manyKeys(1895);
    expect(recordBytes('audit:k', a)).toBeGreaterThan(AUDIT_BUDGET_BYTES);
    const { audit, left, bytes } = fitAudit('audit:k', a);
    expect(bytes).toBeLessThanOrEqual(AUDIT_BUDGET_BYTES);
    expect(recordBytes('audit:k', audit)).toBe(bytes);
    expect(left).toBe(1895 - audit.findings.length);
    expect(left).toBeGreaterThan(0);
    // Every kept finding is at least as severe as every one left out: the info findings go first.
    expect(audit.findings.every((f) => f.severity === 'critical')).toBe(true);
    const note = audit.gaps.find((g) => g.collector === TRIM_COLLECTOR);
    expect(note?.message).toMatch(new RegExp(`^${left.toLocaleString('en-US')} more findings not stored`));
    expect(parseAudit(audit, NOW).value).toBeDefined(); // still a valid stored audit
  });

  it('keeps the first finding of every rule before the repeats of any rule', () => {
    const a = manyKeys(600);
    a.findings.push({ ...a.findings[1]!, ruleId: 'secret-in-builder-field', message: 'the only one of its rule' });
    const { audit } = fitAudit('audit:k', a, 200 * 1024);
    expect(audit.findings.some((f) => f.ruleId === 'secret-in-builder-field')).toBe(true);
  });

  it('never grows the gap list past its schema limit', () => {
    const a = manyKeys(1000);
    a.gaps = Array.from({ length: 50 }, (_, i) => ({ collector: 'x', message: `gap ${i}` }));
    const { audit } = fitAudit('audit:k', a);
    expect(audit.gaps.length).toBe(50);
    expect(audit.gaps[0]!.collector).toBe(TRIM_COLLECTOR);
    expect(parseAudit(audit, NOW).value).toBeDefined();
  });
});

describe('saveAudit within the quota', () => {
  let log: StorageLog;
  beforeEach(() => {
    log = vi.fn<StorageLog>();
  });

  it('after a 1,895-key audit, later audits are still stored (the defect: every later one failed)', { timeout: 60_000 }, async () => {
    const area = quotaArea();
    const store = storageOf(area, log);
    await area.set({ [KEYS.settings]: { retentionDays: 30 }, [KEYS.consent('supabase-deep-audit', 'qwertyuiopasdfghjklz')]: { version: 2 } });
    const saved = await store.saveAudit('https://keys.example.com', manyKeys(1895));
    expect(saved.left).toBeGreaterThan(0);
    for (let i = 0; i < 20; i++) await store.saveAudit(`https://app${i}.example.com`, manyKeys(450, `https://app${i}.example.com`, NOW + i + 1));
    expect(await store.loadAudit('https://app19.example.com', NOW)).toBeDefined();
    const total = [...area.data].reduce((n, [k, v]) => n + recordBytes(k, v), 0);
    expect(total).toBeLessThanOrEqual(QUOTA_BYTES);
    // User decisions are never evicted.
    expect(area.data.has(KEYS.settings)).toBe(true);
    expect(area.data.has(KEYS.consent('supabase-deep-audit', 'qwertyuiopasdfghjklz'))).toBe(true);
    // The oldest audits went first.
    expect(area.data.has(KEYS.audit('https://keys.example.com'))).toBe(false);
  });

  it('evicts only audits, oldest first, and only as many as needed', async () => {
    const area = quotaArea(QUOTA_BYTES, false); // Firefox: no getBytesInUse
    const keep = {
      [KEYS.settings]: { retentionDays: 9 },
      'builder:https://bubble.io/page?id=a': [],
      'supabase-dashboard:qwertyuiopasdfghjklz': { big: 'y'.repeat(2_000_000) },
    };
    await area.set(keep);
    for (let i = 0; i < 6; i++) await area.set({ [KEYS.audit(`https://old${i}.example.com`)]: manyKeys(450, `https://old${i}.example.com`, NOW - 1000 + i) });
    const before = [...area.data.keys()];
    const removed = await makeRoom(area, KEYS.audit('https://new.example.com'), 3_000_000);
    expect(removed.length).toBeGreaterThan(0);
    expect(removed).toEqual(before.filter((k) => k.startsWith('audit:')).slice(0, removed.length));
    for (const k of Object.keys(keep)) expect(area.data.has(k)).toBe(true);
    expect(removed.some(isUserDecision)).toBe(false);
    const total = [...area.data].reduce((n, [k, v]) => n + recordBytes(k, v), 0);
    expect(total + 3_000_000).toBeLessThanOrEqual(EVICT_AT);
    expect(removed.length).toBeLessThan(6);
  });

  it('says clearly when the audit still cannot be stored, and removes no user decision', async () => {
    const area = quotaArea(300 * 1024);
    await area.set({ [KEYS.settings]: { retentionDays: 30 }, 'supabase-dashboard:qwertyuiopasdfghjklz': { big: 'z'.repeat(250 * 1024) } });
    const store = storageOf(area, log);
    await expect(store.saveAudit('https://keys.example.com', manyKeys(300))).rejects.toThrow(STORAGE_FULL_MESSAGE);
    expect(area.data.has(KEYS.settings)).toBe(true);
  });

  it('keeps page URLs of builder secrets without query string or fragment (the scope is in the key)', async () => {
    const area = quotaArea();
    const store = storageOf(area, log);
    const scope = 'https://bubble.io/page?id=tinypoll';
    const secret = {
      field: 'f',
      page: 'https://bubble.io/page?id=tinypoll&token=abc#x',
      provider: 'stripe',
      providerName: 'Stripe',
      exposure: 'secret' as const,
      severity: 'critical' as const,
      masked: 'sk_…1',
      fingerprint: 'aaaaaaaaaaaaaaaa',
      advice: '',
      rotateUrl: 'https://x.example',
      safe: false,
      seenAt: NOW,
      expiresAt: NOW + 1000,
    };
    await store.saveBuilderSecrets(scope, [secret]);
    expect(JSON.stringify([...area.data])).not.toContain('token=abc');
    expect((await store.loadBuilderSecrets(scope, NOW))[0]?.page).toBe('https://bubble.io/page');
  });
});
