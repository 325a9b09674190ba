/** utils/storage: every stored record read back through its schema; garbage and old versions repaired or dropped. */
import { describe, expect, it } from 'vitest';
import { buildAudit } from '@/engine/audit';
import { DEPLOYED_RULES } from '@/rules';
import { KEYS } from '@/utils/storage/keys';
import { DEFAULT_RETENTION_DAYS, parseAudit, parseSettings } from '@/utils/storage/records';
import { evidence, NOW } from '../../helpers/evidence';

const OPTS = { mode: 'click' as const, fullAccess: true, retentionDays: 30, startedAt: NOW - 500, now: NOW };
const DAY = 86_400_000;
const parseAuditValue = (raw: unknown, now: number) => parseAudit(raw, now).value;
const parseSettingsValue = (raw: unknown) => parseSettings(raw).value;

describe('readStoredAudit', () => {
  const stored = () => JSON.parse(JSON.stringify(buildAudit(evidence(), DEPLOYED_RULES, OPTS)));

  it('returns a valid, unexpired audit', () => expect(parseAuditValue(stored(), NOW + DAY)?.url).toBe('https://app.example.com/'));

  it('returns undefined once expired (at or after expiresAt)', () => {
    expect(parseAuditValue(stored(), NOW + 30 * DAY)).toBeUndefined();
    expect(parseAuditValue(stored(), NOW + 31 * DAY)).toBeUndefined();
  });

  it.each([
    ['undefined', undefined],
    ['a string', 'audit'],
    ['an array', []],
    ['an older version', { ...stored(), version: 0 }],
    ['a finding with an unknown severity', { ...stored(), findings: [{ ...stored().findings[0], severity: 'catastrophic' }] }],
    [
      'a missing field',
      (() => {
        const s = stored();
        delete s.findings;
        return s;
      })(),
    ],
  ])('returns undefined for garbage (%s)', (_, raw) => expect(parseAuditValue(raw, NOW)).toBeUndefined());

  it('cuts over-long stored strings instead of rejecting the audit', () => {
    const s = stored();
    s.findings[0].message = 'm'.repeat(10_000);
    expect(parseAuditValue(s, NOW)?.findings[0]?.message.length).toBe(2000); // the bound counts its own ellipsis
  });
});

describe('readSettings', () => {
  it('keeps valid settings', () => expect(parseSettingsValue({ retentionDays: 7 })).toEqual({ retentionDays: 7 }));

  it.each([
    undefined,
    null,
    'x',
    42,
    [],
    [1, 2],
    {},
    { retentionDays: 'a' },
    { retentionDays: 0 },
    { retentionDays: 366 },
    { retentionDays: 1.5 },
    { retentionDays: null },
  ])('falls back to the defaults for %j', (raw) => expect(parseSettingsValue(raw)).toEqual({ retentionDays: DEFAULT_RETENTION_DAYS }));

  it('drops unknown keys', () => expect(parseSettingsValue({ retentionDays: 10, evil: true })).toEqual({ retentionDays: 10 }));
});

describe('keys', () => {
  it('keys audits by scope', () => expect(KEYS.audit('https://app.example.com')).toBe('audit:https://app.example.com'));
});
