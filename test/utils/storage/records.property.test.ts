/**
 * Stored records (utils/storage/records.ts, read by utils/storage/store.ts): whatever is in storage — garbage, a
 * record of an earlier version, a valid record with damaged fields — is repaired or dropped with a reason, never a
 * crash. Every parser returns `{ value }` or `{ value: undefined, reason }`; the store logs each reason and reads
 * the key as its default; a list keeps its good entries.
 */
import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { buildAudit } from '@/engine/audit';
import { DEPLOYED_RULES } from '@/rules';
import { CONSENT_CHECKS, KEYS, type ConsentCheck } from '@/utils/storage/keys';
import {
  DEFAULT_SETTINGS,
  parseAccepted,
  parseAudit,
  parseBuilderSecrets,
  parseCapture,
  parseConfirmations,
  parseConsent,
  parseGlideBuilder,
  parseGuides,
  parseSettings,
  parseSupabaseDashboard,
} from '@/utils/storage/records';
import { storageOf, type StorageLog } from '@/utils/storage/store';
import { NOW, evidence } from '../../helpers/evidence';

const ORIGIN = 'https://app.example.com';
const REF = 'qwertyuiopasdfghjklz';
const APP = 'AbCdEfGhIjKlMnOp';
const CHECKS = Object.keys(CONSENT_CHECKS) as ConsentCheck[];

/** A real, current audit record (what saveAudit writes). */
const AUDIT = JSON.parse(
  JSON.stringify(
    buildAudit(evidence({ headers: [['server', 'nginx/1.2']] }), DEPLOYED_RULES, {
      mode: 'click',
      fullAccess: true,
      retentionDays: 30,
      startedAt: NOW - 1000,
      now: NOW,
    }),
  ),
) as Record<string, unknown>;

/** Paths in a JSON value, for damaging one field at a time. */
function paths(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (out.length > 3000) return out;
  if (Array.isArray(v)) {
    for (const [i, x] of v.entries()) paths(x, [...at, i], out);
  } else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  return out;
}
function damaged(record: unknown, pick: number, value: unknown, remove: boolean): unknown {
  const root = structuredClone(record) as Record<string | number, unknown>;
  const all = paths(root).filter((p) => p.length > 0);
  const p = all[pick % all.length]!;
  const parent = p.slice(0, -1).reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], root) as Record<string | number, unknown>;
  if (remove) delete parent[p[p.length - 1]!];
  else parent[p[p.length - 1]!] = value;
  return root;
}

/** Any value storage could hold, biased to record-like objects with familiar keys. */
const garbage = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(
    fc.constantFrom(
      'version',
      'origin',
      'url',
      'findings',
      'expiresAt',
      'grantedAt',
      'check',
      'subject',
      'via',
      'ref',
      'appId',
      'retentionDays',
      'sessionOnly',
      'fingerprint',
    ),
    fc.jsonValue({ maxDepth: 2 }),
  ),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 20 }),
  fc.string({ maxLength: 2000 }),
);

function expectHandled(r: { value?: unknown; reason?: string }) {
  if (r.value === undefined) {
    expect(typeof r.reason).toBe('string');
    expect(r.reason!.length).toBeGreaterThan(0);
  }
  if (r.reason !== undefined) expect(r.reason.length).toBeLessThan(500);
}

describe('record parsers over garbage', () => {
  it('every parser returns a value or a reason, never throwing', () => {
    fc.assert(
      fc.property(garbage, fc.constantFrom(...CHECKS), (raw, check) => {
        expectHandled(parseSettings(raw));
        expect(parseSettings(raw).value).toBeDefined();
        expectHandled(parseAudit(raw, NOW));
        expectHandled(parseGuides(raw));
        expectHandled(parseBuilderSecrets(raw, NOW));
        expectHandled(parseSupabaseDashboard(raw, REF));
        expectHandled(parseGlideBuilder(raw, APP));
        expectHandled(parseConsent(raw, check, CONSENT_CHECKS[check] === 'ref' ? REF : ORIGIN));
        expectHandled(parseCapture(raw));
        expectHandled(parseAccepted(raw, NOW));
        expectHandled(parseConfirmations(raw));
      }),
      { numRuns: 400 },
    );
  });

  it('lists keep their good entries among garbage and say how many were dropped', () => {
    const good = { fingerprint: 'abc123', reason: 'Known and accepted', acceptedAt: NOW - 10, expiresAt: NOW + 1e9, severity: 'low' };
    fc.assert(
      fc.property(fc.array(garbage, { maxLength: 20 }), fc.nat(20), (junk, at) => {
        const list = [...junk.slice(0, at), good, ...junk.slice(at)];
        const r = parseAccepted(list, NOW);
        const value = r.value ?? [];
        expect(value.some((a) => a.fingerprint === 'abc123')).toBe(true);
        if (value.length < list.length) expect(r.reason).toMatch(/dropped/);
      }),
      { numRuns: 200 },
    );
  });
});

describe('old versions and damaged fields', () => {
  it('a current audit reads back; any damaged or re-versioned copy is kept valid or dropped with a reason', () => {
    expect(parseAudit(AUDIT, NOW).value).toBeDefined();
    fc.assert(
      fc.property(fc.nat(), fc.jsonValue({ maxDepth: 2 }), fc.boolean(), (pick, value, remove) => {
        const r = parseAudit(damaged(AUDIT, pick, value, remove), NOW);
        expectHandled(r);
      }),
      { numRuns: 300 },
    );
    for (const version of [(AUDIT.version as number) - 1, (AUDIT.version as number) + 1, String(AUDIT.version), null, -1]) {
      const r = parseAudit({ ...AUDIT, version }, NOW);
      expect(r.value).toBeUndefined();
      expect(r.reason).toMatch(/version|unreadable/);
    }
  });

  it('settings: damaged fields are repaired to defaults, the others kept, with a reason', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 1 }), fc.jsonValue({ maxDepth: 1 }), (retentionDays, sessionOnly) => {
        const r = parseSettings({ retentionDays, sessionOnly });
        expect(r.value).toBeDefined();
        expect(Number.isFinite(r.value!.retentionDays)).toBe(true);
        if (r.value!.retentionDays !== retentionDays) expect(r.reason).toBeDefined();
      }),
      { numRuns: 300 },
    );
    expect(parseSettings('garbage')).toEqual({ value: DEFAULT_SETTINGS, reason: expect.stringContaining('defaults restored') });
  });

  it('consent in any earlier shape is either migrated to the current version or dropped', () => {
    const earlier = fc.oneof(
      fc.record(
        {
          grantedAt: fc.oneof(fc.integer({ min: 0 }), fc.jsonValue({ maxDepth: 0 })),
          via: fc.oneof(fc.constantFrom('popup', 'headless', 'settings'), fc.string()),
        },
        { requiredKeys: [] },
      ),
      fc.record({ ref: fc.oneof(fc.constant(REF), fc.string()), grantedAt: fc.oneof(fc.integer({ min: 0 }), fc.string()) }, { requiredKeys: [] }),
      fc.record({
        version: fc.integer({ min: -1, max: 4 }),
        check: fc.constantFrom(...CHECKS),
        subject: fc.constantFrom(ORIGIN, REF, 'https://evil.example'),
        grantedAt: fc.integer({ min: 0 }),
        via: fc.constant('popup'),
      }),
    );
    fc.assert(
      fc.property(earlier, fc.constantFrom(...CHECKS), (raw, check) => {
        const subject = CONSENT_CHECKS[check] === 'ref' ? REF : ORIGIN;
        const r = parseConsent(raw, check, subject);
        expectHandled(r);
        if (r.value) {
          expect(r.value.version).toBe(2);
          expect(r.value.check).toBe(check);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('the store over a storage area full of garbage', () => {
  let log: ReturnType<typeof vi.fn<StorageLog>>;
  beforeEach(() => {
    fakeBrowser.reset();
    log = vi.fn<StorageLog>();
  });

  it('every read resolves to its default or a valid record, and each dropped record is logged', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(garbage, { minLength: 11, maxLength: 11 }), async (values) => {
        await fakeBrowser.storage.local.clear();
        await fakeBrowser.storage.session.clear();
        log.mockClear();
        const keys = [
          KEYS.settings,
          KEYS.audit(ORIGIN),
          KEYS.guides,
          KEYS.builderSecrets(ORIGIN),
          KEYS.supabaseDashboard(REF),
          KEYS.glideBuilder(APP),
          KEYS.consent('supabase-exposure-check', ORIGIN),
          KEYS.accepted(ORIGIN),
          KEYS.confirmed(ORIGIN),
        ];
        // fakeBrowser stores by structured clone, as the real area does (functions and symbols do not survive).
        const stored = Object.fromEntries(keys.map((k, i) => [k, JSON.parse(JSON.stringify(values[i] ?? null) ?? 'null')]));
        await fakeBrowser.storage.local.set(stored);
        await fakeBrowser.storage.session.set({ [KEYS.capture(1)]: JSON.parse(JSON.stringify(values[10] ?? null) ?? 'null') });
        const local = storageOf(fakeBrowser.storage.local, log);
        const session = storageOf(fakeBrowser.storage.session, log);
        const settings = await local.getSettings();
        expect(Number.isFinite(settings.retentionDays)).toBe(true);
        await local.loadAudit(ORIGIN, NOW);
        await local.loadGuides();
        expect(Array.isArray(await local.loadBuilderSecrets(ORIGIN, NOW))).toBe(true);
        await local.loadSupabaseDashboard(REF);
        await local.loadGlideBuilder(APP);
        await local.getConsent('supabase-exposure-check', ORIGIN);
        expect(Array.isArray(await local.loadAccepted(ORIGIN, NOW))).toBe(true);
        expect(Array.isArray(await local.loadConfirmations(ORIGIN))).toBe(true);
        expect(Array.isArray(await session.loadCapture(1))).toBe(true);
        expect(Array.isArray(await local.listConsents())).toBe(true);
        for (const [, reason] of log.mock.calls) expect(typeof reason).toBe('string');
      }),
      { numRuns: 60 },
    );
  });
});
