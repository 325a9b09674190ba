import { describe, expect, it } from 'vitest';
import { fingerprint } from '@/engine/engine';
import rule from '@/rules/bubble/bubble-data-api-readable';
import { type BubbleDeployedInput, classifyMeta, classifyObj } from '@/utils/bubble/deployed';
import { deployedEvidence } from '../../helpers/bubble';
import { describeRule, findingsOf } from '../../helpers/rule-cases';
import { NOT_EXPOSED, metaBody, objBody } from '../../fixtures/bubble/deployed';

const probe = (...types: ReturnType<typeof classifyObj>[]) => ({ state: 'complete' as const, startedAt: 0, durationMs: 10, requests: types.length, types });
const readable = (type: string, fields: Record<string, unknown>, total = 41) => classifyObj(type, { status: 200, body: objBody([fields], total - 1) });

describeRule(rule, {
  flagged: [
    {
      name: 'a type with personal-looking fields lists records to a logged-out visitor',
      evidence: deployedEvidence({ probe: probe(readable('user', { _id: '1x2', email: 'a@b.test', 'Phone Number': '+1' })) }),
      messages: ['personal'],
      severity: 'critical',
      check: ([f]) => {
        expect(f!.message).toContain('41 records');
        expect(JSON.stringify(f)).not.toContain('a@b.test');
      },
    },
    {
      name: 'a type with other fields',
      evidence: deployedEvidence({ probe: probe(readable('product', { _id: '1', Title: 't' })) }),
      messages: ['readable'],
      severity: 'high',
      check: ([f]) => expect(f!.evidence).not.toMatch(/reused/),
    },
    {
      name: 'the last check, reused by a monitoring re-audit: same finding, its evidence says so',
      evidence: deployedEvidence({ probe: { ...probe(readable('product', { _id: '1', Title: 't' })), reused: true } }),
      messages: ['readable'],
      severity: 'high',
      check: ([f]) => expect(f!.evidence).toMatch(/reused by a background re-audit/),
    },
    {
      name: 'Data API on but the check was not allowed',
      evidence: deployedEvidence({ meta: classifyMeta({ status: 200, body: JSON.stringify(metaBody()) }), skipped: 'no-consent' }),
      messages: ['unchecked'],
      severity: 'info',
    },
  ],
  clean: [
    {
      name: 'empty answer (privacy rules hide everything)',
      evidence: deployedEvidence({ probe: probe(classifyObj('user', { status: 200, body: objBody([], 0) })) }),
    },
    { name: 'not exposed (the documented 404)', evidence: deployedEvidence({ probe: probe(classifyObj('user', { status: 404, body: NOT_EXPOSED })) }) },
    { name: 'APIs off and no consent', evidence: deployedEvidence({ meta: classifyMeta({ status: 404 }), skipped: 'no-consent' }) },
  ],
  fixed: [
    {
      name: 'adding privacy rules: the type now answers with no results',
      before: deployedEvidence({ probe: probe(readable('user', { email: 'x' })) }),
      after: deployedEvidence({ probe: probe(classifyObj('user', { status: 200, body: objBody([], 0) })) }),
    },
  ],
});

// Found by mutation testing (docs/mutation.md): findings pinned whole (URL, evidence, location, identity), the record
// count's wording, a readable type without fields, and when the "unchecked" note applies.
describe('bubble-data-api-readable, cases from mutation testing', () => {
  const id = rule.meta.id;
  const row = (t: object) => ({ type: 'order item', status: 200, verdict: 'readable' as const, ...t });
  const noConsent = (meta: BubbleDeployedInput['meta'], skipped: 'no-consent' | 'not-run' = 'no-consent') =>
    deployedEvidence({ ...(meta ? { meta } : {}), skipped });
  const on = (types: string[]) => ({ status: 200, state: 'on' as const, types, workflows: [] });

  it('a personal-looking type: critical, the URL encoded, the count and the fields in the evidence', () => {
    const ev = deployedEvidence({ probe: probe(row({ total: 41, fields: ['_id', 'email', 'Phone Number'] })) });
    const url = `${ev.origin}/api/1.1/obj/order%20item`;
    expect(findingsOf(rule, ev)).toEqual([
      {
        ruleId: id,
        title: rule.meta.title,
        severity: 'critical',
        messageId: 'personal',
        message:
          'GET /api/1.1/obj/order item answers a logged-out visitor with records (41 records); fields include personal-looking email, Phone Number. (Values were not kept.)',
        evidence: `GET ${url}?limit=1 (no credentials) → 200; 41 records; fields: _id, email, Phone Number`,
        location: { kind: 'request', url, name: 'order item' },
        fingerprint: fingerprint(id, ev.origin, 'obj:order item'),
      },
    ]);
  });

  it('other fields: high, lists the fields; one record says "1 record"', () => {
    const [f] = findingsOf(rule, deployedEvidence({ probe: probe(row({ total: 1, fields: ['_id', 'Title'] })) }));
    expect(f!.severity).toBe('high');
    expect(f!.message).toBe(
      'GET /api/1.1/obj/order item answers a logged-out visitor with records (1 record); fields: _id, Title. Fine only if every record is meant to be public.',
    );
  });

  it('no total and no fields: "an unknown number", fields (none)', () => {
    const ev = deployedEvidence({ probe: probe(row({})) });
    const [f] = findingsOf(rule, ev);
    expect(f!.messageId).toBe('readable');
    expect(f!.message).toBe(
      'GET /api/1.1/obj/order item answers a logged-out visitor with records (an unknown number); fields: (none). Fine only if every record is meant to be public.',
    );
    expect(f!.evidence).toBe(`GET ${ev.origin}/api/1.1/obj/order%20item?limit=1 (no credentials) → 200; an unknown number; fields: (none)`);
  });

  it('unchecked: info, the count, the types in the evidence, the meta URL as location', () => {
    const ev = noConsent(on(['user', 'invoice']));
    expect(findingsOf(rule, ev)).toEqual([
      {
        ruleId: id,
        title: rule.meta.title,
        severity: 'info',
        messageId: 'unchecked',
        message:
          'The Data API exposes 2 types; whether a logged-out visitor can list them was not checked (allow the Data API check for this site in the popup, or run the audit with --probe).',
        evidence: `GET ${ev.origin}/api/1.1/meta → get: user, invoice; Data API check not run (no consent)`,
        location: { kind: 'request', url: `${ev.origin}/api/1.1/meta`, name: 'Data API' },
        fingerprint: fingerprint(id, ev.origin, 'unchecked'),
      },
    ]);
  });

  it('unchecked with one type says "1 type"', () => {
    expect(findingsOf(rule, noConsent(on(['user'])))[0]!.message).toMatch(/^The Data API exposes 1 type; /);
  });

  it('no note when the check was skipped for another reason, the Data API is not on, it exposes no type, or meta is unknown', () => {
    expect(findingsOf(rule, noConsent(on(['user']), 'not-run'))).toEqual([]);
    expect(findingsOf(rule, noConsent({ status: 200, state: 'unreadable', types: ['user'], workflows: [] }))).toEqual([]);
    expect(findingsOf(rule, noConsent(on([])))).toEqual([]);
    expect(findingsOf(rule, noConsent(undefined))).toEqual([]);
  });
});
