/** store.ts: audits and settings in storage.local (fakeBrowser's in-memory storage). */
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { buildAudit, type Audit } from '@/engine/audit';
import { DEFAULT_RETENTION_DAYS } from '@/utils/storage/records';
import { DEPLOYED_RULES } from '@/rules';
import { getSettings, loadAudit, purgeExpired, saveAudit } from '@/entrypoints/background/store';
import { NOW, evidence } from '../../helpers/evidence';
import { storageOf } from '@/utils/storage/store';

const DAY = 86_400_000;

function audit(url = 'https://app.example.com/', retentionDays = 30, now = NOW): Audit {
  return buildAudit(evidence({ url }), DEPLOYED_RULES, { mode: 'click', fullAccess: false, retentionDays, startedAt: now - 100, now });
}

describe('saveAudit / loadAudit', () => {
  it('round-trips an audit under audit:<origin>', async () => {
    const a = audit();
    await saveAudit(a);
    expect(Object.keys(await fakeBrowser.storage.local.get(null))).toEqual(['audit:https://app.example.com']);
    expect(await loadAudit('https://app.example.com', NOW + 1000)).toEqual(a);
  });

  it('nothing stored → undefined', async () => {
    expect(await loadAudit('https://nothing.example', NOW)).toBeUndefined();
  });

  it.each([
    ['a string', 'garbage'],
    ['an object of the wrong shape', { version: 1, url: 'x' }],
    ['a future version', { ...audit(), version: 2 }],
    ['a finding with a bad severity', { ...audit(), findings: [{ ...audit('https://app.example.com/').findings[0]!, severity: 'apocalyptic' }] }],
  ])('garbage (%s) reads as undefined and is removed', async (_name, raw) => {
    await fakeBrowser.storage.local.set({ 'audit:https://app.example.com': raw });
    expect(await loadAudit('https://app.example.com', NOW)).toBeUndefined();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('expiry is honoured: default 30 days', async () => {
    const a = audit();
    expect(a.expiresAt - a.createdAt).toBe(DEFAULT_RETENTION_DAYS * DAY);
    await saveAudit(a);
    expect(await loadAudit(a.origin, NOW + 30 * DAY - 1)).toBeDefined();
    expect(await loadAudit(a.origin, NOW + 30 * DAY)).toBeUndefined();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('expiry follows the retention the audit was built with', async () => {
    const a = audit('https://app.example.com/', 7);
    await saveAudit(a);
    expect(await loadAudit(a.origin, NOW + 6 * DAY)).toBeDefined();
    expect(await loadAudit(a.origin, NOW + 7 * DAY + 1)).toBeUndefined();
  });
});

describe('getSettings', () => {
  it('defaults to 30 days', async () => {
    expect(await getSettings()).toEqual({ retentionDays: 30 });
  });

  it('respects settings.retentionDays', async () => {
    await fakeBrowser.storage.local.set({ settings: { retentionDays: 7 } });
    expect((await getSettings()).retentionDays).toBe(7);
  });

  it.each([
    ['a string', 'yes'],
    ['a non-number', { retentionDays: 'seven' }],
    ['zero', { retentionDays: 0 }],
    ['too long', { retentionDays: 10_000 }],
    ['a fraction', { retentionDays: 1.5 }],
    ['an array', [1, 2]],
  ])('bad settings (%s) fall back to the default', async (_name, raw) => {
    await fakeBrowser.storage.local.set({ settings: raw });
    expect((await getSettings()).retentionDays).toBe(30);
  });
});

describe('purgeExpired', () => {
  it('removes expired and unreadable audits only, and says how many', async () => {
    const fresh = audit('https://fresh.example/');
    const old = audit('https://old.example/', 1, NOW - 2 * DAY);
    await saveAudit(fresh);
    await saveAudit(old);
    await fakeBrowser.storage.local.set({ 'audit:https://junk.example': 42, settings: { retentionDays: 7 }, other: 'kept' });
    expect(await purgeExpired(NOW)).toBe(2);
    expect(Object.keys(await fakeBrowser.storage.local.get(null)).sort()).toEqual(['audit:https://fresh.example', 'other', 'settings']);
  });

  it('nothing to purge → 0 and no change', async () => {
    await saveAudit(audit());
    expect(await purgeExpired(NOW)).toBe(0);
    expect(Object.keys(await fakeBrowser.storage.local.get(null))).toHaveLength(1);
  });
});

describe('saveCaptures: one write per tab', () => {
  it('a tab whose write fails (storage full) costs only its own copy, and says so', async () => {
    const kept: Record<string, unknown> = {};
    const logs: string[] = [];
    const area = {
      get: async (k: string | string[] | null) => (typeof k === 'string' ? { [k]: kept[k] } : { ...kept }),
      set: async (items: Record<string, unknown>) => {
        if (Object.keys(items).some((k) => k === 'capture:2')) throw new Error('QUOTA_BYTES quota exceeded');
        Object.assign(kept, items);
      },
      remove: async () => undefined,
    };
    const s = storageOf(area as never, (key, reason) => logs.push(`${key} ${reason}`));
    const r = (url: string) => ({ url, status: 200, type: 'main_frame' as const, headers: [], source: 'webRequest' as const });
    await s.saveCaptures(
      new Map([
        [1, [r('https://a.example/')]],
        [2, [r('https://b.example/')]],
        [3, [r('https://c.example/')]],
      ]),
    );
    expect(Object.keys(kept).sort()).toEqual(['capture:1', 'capture:3']);
    expect(logs.join('\n')).toContain('1 of 3 tab captures not kept');
  });
});
