/**
 * The user's decisions about findings and checklist items (accepted risks, hand confirmations) through
 * utils/storage: validated on write and read, bad entries dropped one by one, expired acceptances gone, and never
 * evicted to make room (isUserDecision).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { KEYS, isUserDecision } from '@/utils/storage/keys';
import { storageOf, type StorageLog } from '@/utils/storage/store';
import { buildAudit } from '@/engine/audit';
import { DEPLOYED_RULES } from '@/rules';
import { auditLinks } from '@/engine/checklist';
import { evidence } from '../../helpers/evidence';

const SCOPE = 'https://app.example.com';
const NOW = 1_700_000_000_000;
const DAY = 86_400_000;
const area = () => fakeBrowser.storage.local;
const raw = async (key: string) => (await area().get(key))[key];
const risk = (fingerprint: string, over = {}) => ({
  fingerprint,
  reason: 'Internal demo, no real data',
  acceptedAt: NOW,
  expiresAt: NOW + 90 * DAY,
  severity: 'medium' as const,
  ...over,
});

let log: ReturnType<typeof vi.fn<StorageLog>>;
let store: ReturnType<typeof storageOf>;
beforeEach(() => {
  fakeBrowser.reset();
  log = vi.fn<StorageLog>();
  store = storageOf(area(), log);
});

describe('accepted risks', () => {
  it('are user decisions, like consent and settings', () => {
    expect(isUserDecision(KEYS.accepted(SCOPE))).toBe(true);
    expect(isUserDecision(KEYS.confirmed(SCOPE))).toBe(true);
    expect(isUserDecision(KEYS.audit(SCOPE))).toBe(false);
  });

  it('stores one entry per fingerprint; accepting again replaces it; un-accepting removes it', async () => {
    await store.acceptRisk(SCOPE, risk('a'), NOW);
    await store.acceptRisk(SCOPE, risk('b'), NOW);
    await store.acceptRisk(SCOPE, risk('a', { reason: 'second thoughts' }), NOW);
    expect((await store.loadAccepted(SCOPE, NOW)).map((r) => [r.fingerprint, r.reason])).toEqual([
      ['b', 'Internal demo, no real data'],
      ['a', 'second thoughts'],
    ]);
    await store.unacceptRisk(SCOPE, 'a', NOW);
    await store.unacceptRisk(SCOPE, 'b', NOW);
    expect(await raw(KEYS.accepted(SCOPE))).toBeUndefined();
  });

  it('refuses an acceptance without a reason', async () => {
    await expect(store.acceptRisk(SCOPE, risk('a', { reason: '   ' }), NOW)).rejects.toThrow();
    expect(await raw(KEYS.accepted(SCOPE))).toBeUndefined();
  });

  it('drops expired and unreadable entries on read, keeps the others, and says why', async () => {
    await area().set({ [KEYS.accepted(SCOPE)]: [risk('a'), risk('old', { expiresAt: NOW - 1 }), { fingerprint: 'x' }, 'garbage'] });
    expect((await store.loadAccepted(SCOPE, NOW)).map((r) => r.fingerprint)).toEqual(['a']);
    expect(log).toHaveBeenCalledWith(KEYS.accepted(SCOPE), expect.stringMatching(/2 unreadable.*1 expired/));
    expect(await raw(KEYS.accepted(SCOPE))).toEqual([risk('a')]);
  });

  it('reads a non-list as none', async () => {
    await area().set({ [KEYS.accepted(SCOPE)]: { a: 1 } });
    expect(await store.loadAccepted(SCOPE, NOW)).toEqual([]);
  });
});

describe('confirmations', () => {
  it('one per item, with its date; cleared on request; unknown items dropped', async () => {
    await store.confirmItem(SCOPE, 'admin-mfa', NOW);
    await store.confirmItem(SCOPE, 'rate-limits', NOW + 1);
    await store.confirmItem(SCOPE, 'admin-mfa', NOW + 2);
    expect(await store.loadConfirmations(SCOPE)).toEqual([
      { item: 'rate-limits', confirmedAt: NOW + 1 },
      { item: 'admin-mfa', confirmedAt: NOW + 2 },
    ]);
    await store.clearConfirmations(SCOPE, ['admin-mfa']);
    expect(await store.loadConfirmations(SCOPE)).toEqual([{ item: 'rate-limits', confirmedAt: NOW + 1 }]);
    await area().set({
      [KEYS.confirmed(SCOPE)]: [
        { item: 'no-such-item', confirmedAt: NOW },
        { item: 'rate-limits', confirmedAt: NOW },
      ],
    });
    expect(await store.loadConfirmations(SCOPE)).toEqual([{ item: 'rate-limits', confirmedAt: NOW }]);
  });
});

describe('settings: keep nothing after the browser closes', () => {
  it('is off unless set, and stored as a boolean', async () => {
    expect((await store.getSettings()).sessionOnly).toBeUndefined();
    await store.setSettings({ sessionOnly: true });
    expect(await raw(KEYS.settings)).toEqual({ retentionDays: 30, sessionOnly: true });
    await area().set({ [KEYS.settings]: { retentionDays: 7, sessionOnly: 'yes' } });
    expect(await store.getSettings()).toEqual({ retentionDays: 7 });
  });

  it('removeAllAudits removes audits only, never decisions', async () => {
    await area().set({ [KEYS.audit(SCOPE)]: {}, [KEYS.accepted(SCOPE)]: [risk('a')], [KEYS.settings]: { retentionDays: 7 } });
    expect(await store.removeAllAudits()).toBe(1);
    expect(await raw(KEYS.accepted(SCOPE))).toBeTruthy();
    expect(await raw(KEYS.settings)).toBeTruthy();
  });
});

describe('linked audits', () => {
  it('finds the builder audit of the same Supabase project as a deployed app', async () => {
    const ref = 'abcdefghijklmnopqrst';
    const now = Date.now();
    const o = { mode: 'click' as const, fullAccess: true, retentionDays: 30, startedAt: now, now };
    const deployed = { ...buildAudit(evidence({}), DEPLOYED_RULES, o), supabase: { projects: [{ ref }] } } as never;
    const dash = { ...buildAudit(evidence({}), DEPLOYED_RULES, o), origin: `https://supabase.com/dashboard/project/${ref}`, context: 'builder' as const };
    const other = { ...buildAudit(evidence({}), DEPLOYED_RULES, o), origin: 'https://other.example.com' };
    await area().set({ [KEYS.audit(dash.origin)]: dash, [KEYS.audit(other.origin)]: other });
    const linked = await store.loadLinkedAudits(SCOPE, auditLinks(deployed), auditLinks, now);
    expect(linked.map((a) => a.origin)).toEqual([dash.origin]);
  });
});
