/**
 * engine/audit-shape.ts: the popup's cheap structural check of a stored audit (zod stays out of its first paint).
 * What it accepts, the full schema accepts with the same result; what it rejects goes the full way.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildAudit, type Audit } from '@/engine/audit';
import { AuditSchema } from '@/engine/audit-schema';
import { quickAudit } from '@/engine/audit-shape';
import { DEPLOYED_RULES } from '@/rules';
import { NOW, cookie, evidence } from '../helpers/evidence';

const APP: Audit = buildAudit(
  evidence({ headers: [['server', 'nginx/1.2']], cookies: [cookie({ name: 'sessionid', httpOnly: false, secure: false })] }),
  DEPLOYED_RULES,
  { mode: 'click', fullAccess: true, retentionDays: 30, startedAt: NOW - 100, now: NOW },
);
const stored = () => JSON.parse(JSON.stringify(APP)) as Record<string, unknown>;

describe('quickAudit', () => {
  it('a stored audit passes and reads as the full schema reads it', () => {
    expect(quickAudit(stored(), NOW)).toEqual(AuditSchema.parse(stored()));
  });

  it('fills the schema’s defaults for audits stored before a field existed', () => {
    const old = stored();
    delete old.context;
    delete old.vars;
    delete old.checklist;
    delete old.rules;
    expect(quickAudit(old, NOW)).toEqual(AuditSchema.parse(old));
  });

  it('expired, another version, or a wrong shape: undefined (the popup takes the full path)', () => {
    expect(quickAudit(stored(), APP.expiresAt)).toBeUndefined();
    for (const bad of [null, 'x', [], { ...stored(), version: 2 }, { ...stored(), findings: {} }, { ...stored(), mode: 'other' }])
      expect(quickAudit(bad, NOW)).toBeUndefined();
    const f = (over: Record<string, unknown>) => ({ ...stored(), findings: [{ ...APP.findings[0], ...over }] });
    expect(quickAudit(f({ severity: 'urgent' }), NOW)).toBeUndefined();
    expect(quickAudit(f({ title: 'x'.repeat(301) }), NOW)).toBeUndefined();
    expect(quickAudit(f({ location: { kind: 'elsewhere' } }), NOW)).toBeUndefined();
    expect(quickAudit(f({ vars: { a: 1 } }), NOW)).toBeUndefined();
    expect(quickAudit({ ...stored(), checklist: [{ item: 'nope', label: '', state: 'pass', failing: 0, checked: 0 }] }, NOW)).toBeUndefined();
    expect(quickAudit({ ...stored(), supabase: { projects: [{ ref: 1 }] } }, NOW)).toBeUndefined();
  });

  it('never accepts what the full schema rejects (property: random damage to a stored audit)', () => {
    const paths: (string | number)[][] = [
      ['url'],
      ['mode'],
      ['fullAccess'],
      ['createdAt'],
      ['platforms', 0, 'kind'],
      ['findings', 0, 'severity'],
      ['findings', 0, 'location'],
      ['findings', 0, 'location', 'kind'],
      ['findings', 1, 'fingerprint'],
      ['findings', 0, 'ruleSeverity'],
      ['gaps'],
      ['errors'],
      ['checklist', 0, 'state'],
      ['checklist', 0, 'fingerprints'],
      ['rules'],
      ['vars'],
      ['supabase'],
    ];
    const junk = fc.oneof(
      fc.constant(null),
      fc.integer(),
      fc.string({ maxLength: 5 }),
      fc.boolean(),
      fc.constant([]),
      fc.constant({}),
      fc.string({ minLength: 5000, maxLength: 5000 }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...paths), junk, (path, value) => {
        const a = stored();
        let o = a as Record<string | number, unknown>;
        for (const k of path.slice(0, -1)) {
          if (typeof o[k] !== 'object' || o[k] === null) return;
          o = o[k] as Record<string | number, unknown>;
        }
        o[path.at(-1)!] = value;
        const quick = quickAudit(a, NOW);
        const full = AuditSchema.safeParse(a);
        if (quick) {
          expect(full.success).toBe(true);
          expect(quick).toEqual(full.data);
        }
      }),
      { numRuns: 400 },
    );
  });
});
