/**
 * utils/storage/store.ts over a fake storage area: one module reads and writes every record; garbage is repaired or
 * dropped with a logged reason; consent has one format, and consent stored in the two earlier formats still counts
 * (migrated in place); the zod-free consent reader content scripts use agrees with the zod schema.
 */
import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CONSENT_VERSION, KEYS, isUserDecision, readConsentValue, type ConsentCheck } from '@/utils/storage/keys';
import { ConsentSchema, DEFAULT_RETENTION_DAYS, parseBuilderSecrets } from '@/utils/storage/records';
import { storageOf, type StorageLog } from '@/utils/storage/store';

const ORIGIN = 'https://app.example.com';
const REF = 'qwertyuiopasdfghjklz';
const NOW = 1_700_000_000_000;
const area = () => fakeBrowser.storage.local;
const raw = async (key: string) => (await area().get(key))[key];

let log: ReturnType<typeof vi.fn<StorageLog>>;
let store: ReturnType<typeof storageOf>;
beforeEach(() => {
  fakeBrowser.reset();
  log = vi.fn<StorageLog>();
  store = storageOf(area(), log);
});

describe('settings', () => {
  it('defaults when nothing is stored, without a log line', async () => {
    expect(await store.getSettings()).toEqual({ retentionDays: DEFAULT_RETENTION_DAYS });
    expect(log).not.toHaveBeenCalled();
  });

  it.each([
    ['a string', 'x'],
    ['an array', [7]],
    ['a bad retention', { retentionDays: 0 }],
    ['an unknown key', { retentionDays: 9, evil: 1 }],
  ])('repairs %s in place and says why', async (_, value) => {
    await area().set({ [KEYS.settings]: value });
    const s = await store.getSettings();
    expect(s.retentionDays).toBe(
      Array.isArray(value) || typeof value !== 'object' || (value as { retentionDays: number }).retentionDays === 0 ? DEFAULT_RETENTION_DAYS : 9,
    );
    expect(log).toHaveBeenCalledWith(KEYS.settings, expect.any(String));
    expect(await raw(KEYS.settings)).toEqual(s);
  });

  it('writes a patch over the current settings, bounded by the schema', async () => {
    await store.setSettings({ retentionDays: 7 });
    expect(await raw(KEYS.settings)).toEqual({ retentionDays: 7 });
    await store.setSettings({ retentionDays: 9999 });
    expect((await store.getSettings()).retentionDays).toBe(DEFAULT_RETENTION_DAYS);
  });
});

describe('audits and guides', () => {
  it('drops an unreadable audit with the reason and reads it as none', async () => {
    await area().set({ [KEYS.audit(ORIGIN)]: { version: 0 } });
    expect(await store.loadAudit(ORIGIN, NOW)).toBeUndefined();
    expect(await raw(KEYS.audit(ORIGIN))).toBeUndefined();
    expect(log).toHaveBeenCalledWith(KEYS.audit(ORIGIN), expect.stringContaining('version 0'));
  });

  it('drops unreadable guides', async () => {
    await area().set({ [KEYS.guides]: { catalogue: 1 } });
    expect(await store.loadGuides()).toBeUndefined();
    expect(await raw(KEYS.guides)).toBeUndefined();
  });

  it('never purges user decisions with the audits', async () => {
    await area().set({
      [KEYS.audit(ORIGIN)]: 'garbage',
      [KEYS.settings]: { retentionDays: 3 },
      [KEYS.consent('supabase-deep-audit', REF)]: { ref: REF, grantedAt: 1 },
    });
    expect(await store.purgeAudits(NOW)).toBe(1);
    expect(await raw(KEYS.settings)).toEqual({ retentionDays: 3 });
    expect(await raw(KEYS.consent('supabase-deep-audit', REF))).toBeDefined();
    expect(isUserDecision(KEYS.settings) && isUserDecision(KEYS.consent('supabase-exposure-check', ORIGIN))).toBe(true);
    expect(isUserDecision(KEYS.audit(ORIGIN))).toBe(false);
  });
});

describe('builder secrets', () => {
  const secret = (fp: string, expiresAt = NOW + 1000) => ({
    field: 'Key',
    page: 'https://bubble.io/page?id=x',
    provider: 'stripe',
    providerName: 'Stripe',
    exposure: 'secret',
    severity: 'critical',
    masked: 'sk_live_…abcd',
    fingerprint: fp,
    advice: 'Rotate it.',
    rotateUrl: 'https://dashboard.stripe.com/apikeys',
    safe: false,
    seenAt: NOW,
    expiresAt,
  });

  it('keeps the good entries of a list with bad or expired ones, and says how many were dropped', () => {
    const parsed = parseBuilderSecrets([secret('aaaaaaaa'), 'garbage', { fingerprint: 1 }, secret('bbbbbbbb', NOW - 1)], NOW);
    expect(parsed.value?.map((s) => s.fingerprint)).toEqual(['aaaaaaaa']);
    expect(parsed.reason).toMatch(/2 unreadable entries dropped/);
  });

  it('reads a non-list as empty with a reason', async () => {
    await area().set({ [KEYS.builderSecrets('bubble:x')]: { not: 'a list' } });
    expect(await store.loadBuilderSecrets('bubble:x', NOW)).toEqual([]);
    expect(log).toHaveBeenCalledWith(KEYS.builderSecrets('bubble:x'), expect.stringContaining('not a list'));
  });
});

describe('consent: one format, earlier formats honoured', () => {
  it('grants, reads and revokes in the current format, keyed by origin', async () => {
    expect(await store.grantConsent('supabase-exposure-check', `${ORIGIN}/some/page?x=1`, 'popup', NOW)).toBe(true);
    const stored = await raw(KEYS.consent('supabase-exposure-check', ORIGIN));
    expect(stored).toEqual({ version: CONSENT_VERSION, check: 'supabase-exposure-check', subject: ORIGIN, grantedAt: NOW, via: 'popup' });
    expect(ConsentSchema.safeParse(stored).success).toBe(true);
    expect(await store.getConsent('supabase-exposure-check', ORIGIN)).toMatchObject({ subject: ORIGIN });
    await store.revokeConsent('supabase-exposure-check', `${ORIGIN}/`);
    expect(await store.getConsent('supabase-exposure-check', ORIGIN)).toBeUndefined();
  });

  it('refuses subjects that are not an origin or a project ref', async () => {
    expect(await store.grantConsent('supabase-exposure-check', 'javascript:alert(1)', 'popup', NOW)).toBe(false);
    expect(await store.grantConsent('supabase-deep-audit', 'not-a-ref', 'popup', NOW)).toBe(false);
    expect(await area().get(null)).toEqual({});
  });

  it('migrates the exposure check’s earlier {grantedAt, via} record in place', async () => {
    await area().set({ [KEYS.consent('supabase-exposure-check', ORIGIN)]: { grantedAt: 5, via: 'headless' } });
    expect(await store.getConsent('supabase-exposure-check', ORIGIN)).toEqual({
      version: CONSENT_VERSION,
      check: 'supabase-exposure-check',
      subject: ORIGIN,
      grantedAt: 5,
      via: 'headless',
    });
    expect((await raw(KEYS.consent('supabase-exposure-check', ORIGIN))) as object).toMatchObject({ version: CONSENT_VERSION });
    expect(log).toHaveBeenCalledWith(KEYS.consent('supabase-exposure-check', ORIGIN), expect.stringContaining('migrated'));
  });

  it('migrates the deep audit’s earlier {ref, grantedAt} record, only for its own project', async () => {
    const other = 'zxcvbnmlkjhgfdsapoiu';
    await area().set({
      [KEYS.consent('supabase-deep-audit', REF)]: { ref: REF, grantedAt: 7 },
      [KEYS.consent('supabase-deep-audit', other)]: { ref: REF, grantedAt: 7 },
    });
    expect(await store.getConsent('supabase-deep-audit', REF)).toMatchObject({ subject: REF, grantedAt: 7, via: 'popup' });
    expect(await store.getConsent('supabase-deep-audit', other)).toBeUndefined();
    expect(await raw(KEYS.consent('supabase-deep-audit', other))).toBeUndefined(); // filed under the wrong project: dropped
  });

  it('lists every valid consent, newest first', async () => {
    await store.grantConsent('supabase-exposure-check', ORIGIN, 'popup', 1);
    await store.grantConsent('supabase-deep-audit', REF, 'popup', 2);
    await area().set({ 'consent:unknown-check:x': { grantedAt: 3 }, [KEYS.consent('supabase-exposure-check', 'https://b.example')]: 'yes' });
    expect((await store.listConsents()).map((c) => c.subject)).toEqual([REF, ORIGIN]);
  });

  it('the zod-free reader (content scripts) and the zod schema agree on current-format records', () => {
    const checks: ConsentCheck[] = ['supabase-exposure-check', 'supabase-deep-audit'];
    const record = fc.record(
      {
        version: fc.oneof(fc.constant(CONSENT_VERSION), fc.integer({ min: -1, max: 3 }), fc.string()),
        check: fc.oneof(fc.constantFrom(...checks), fc.string()),
        subject: fc.oneof(fc.constant(ORIGIN), fc.constant(REF), fc.string()),
        grantedAt: fc.oneof(fc.integer({ min: 0 }), fc.double(), fc.string()),
        via: fc.oneof(fc.constantFrom('popup', 'headless', 'settings'), fc.string()),
      },
      { requiredKeys: ['version'] },
    );
    fc.assert(
      fc.property(record, fc.constantFrom(...checks), (r, check) => {
        const subject = check === 'supabase-deep-audit' ? REF : ORIGIN;
        const zodSays = ConsentSchema.safeParse(r).success && r.check === check && r.subject === subject;
        expect(readConsentValue(r, check, subject) !== undefined).toBe(zodSays);
      }),
      { numRuns: 2000 },
    );
  });
});
