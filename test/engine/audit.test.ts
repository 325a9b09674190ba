import { describe, expect, it } from 'vitest';
import { AUDIT_VERSION, buildAudit, primaryTarget } from '@/engine/audit';
import { parseAudit } from '@/utils/storage/records';
import { DEPLOYED_RULES } from '@/rules';
import { defineRule } from '@/engine/rule';
import { evidence, NOW } from '../helpers/evidence';
import { BUBBLE_DEPLOYED_RULES, GLIDE_APP_RULES, SUPABASE_APP_RULES } from '@/rules';

const OPTS = { mode: 'click' as const, fullAccess: true, retentionDays: 30, startedAt: NOW - 500, now: NOW };
const DAY = 86_400_000;

describe('buildAudit', () => {
  it('validates, detects the platform, runs the rules and stamps the audit', () => {
    const a = buildAudit(evidence({ url: 'https://tinypoll.bubbleapps.io/', headers: [['x-bubble-perf', '1']] }), DEPLOYED_RULES, OPTS);
    expect(a).toMatchObject({
      version: AUDIT_VERSION,
      url: 'https://tinypoll.bubbleapps.io/',
      origin: 'https://tinypoll.bubbleapps.io',
      mode: 'click',
      fullAccess: true,
      createdAt: NOW,
      expiresAt: NOW + 30 * DAY,
      durationMs: 500,
      vars: { app: 'tinypoll' },
      errors: [],
      gaps: [],
    });
    expect(a.platforms[0]).toMatchObject({ id: 'bubble', confidence: 'high' });
    expect(a.findings.map((f) => f.ruleId)).toContain('csp-missing');
    expect(a.evaluated).toContain('csp-missing');
    // no redirect check in this evidence: that rule is skipped, not evaluated
    // no redirect check, no page text collected (the Supabase app rules read discovery made from that text)
    // (…nor deployed-Bubble API answers: the Bubble deployed rules are skipped too.)
    expect(a.skipped.filter((id) => !id.startsWith('bubble-'))).toEqual([
      'http-redirect-missing',
      'secret-exposed',
      'publishable-key-in-page',
      ...SUPABASE_APP_RULES.map((r) => r.meta.id),
      ...GLIDE_APP_RULES.map((r) => r.meta.id),
    ]);
    expect(a.skipped.filter((id) => id.startsWith('bubble-'))).toEqual(BUBBLE_DEPLOYED_RULES.map((r) => r.meta.id));
  });

  it('gives the Bubble fix target to the rules when Bubble is confidently detected', () => {
    let target: string | undefined;
    const probe = defineRule({
      ...DEPLOYED_RULES[0]!,
      meta: { ...DEPLOYED_RULES[0]!.meta, id: 'probe' },
      check: (_e, ctx) => {
        target = ctx.target;
        return [];
      },
    });
    buildAudit(evidence({ url: 'https://tinypoll.bubbleapps.io/' }), [probe], OPTS);
    expect(target).toBe('bubble');
    buildAudit(evidence(), [probe], OPTS);
    expect(target).toBeUndefined();
  });

  it('never reports a negative duration (clock skew)', () => {
    expect(buildAudit(evidence(), [], { ...OPTS, startedAt: NOW + 10_000 }).durationMs).toBe(0);
  });

  it('the audit it builds reads back from storage', () => {
    const a = buildAudit(evidence(), DEPLOYED_RULES, OPTS);
    expect(parseAudit(JSON.parse(JSON.stringify(a)), NOW).value).toEqual(a);
  });

  it.each([
    ['not an object', 'garbage'],
    ['null', null],
    ['missing fields', { url: 'https://a.example/' }],
    ['a list where an object belongs', { ...evidence(), responses: 'nope' }],
    ['an unknown redirect status', { ...evidence(), redirect: { status: 'maybe' } }],
  ])('throws a clear error on malformed evidence (%s)', (_, raw) => {
    expect(() => buildAudit(raw, DEPLOYED_RULES, OPTS)).toThrow(/^Collected data was malformed: .+/);
  });

  it('a rule that throws is reported in the audit, the others still produce findings', () => {
    const broken = defineRule({
      ...DEPLOYED_RULES[0]!,
      meta: { ...DEPLOYED_RULES[0]!.meta, id: 'broken' },
      check: () => {
        throw new Error('nope');
      },
    });
    const a = buildAudit(evidence(), [broken, ...DEPLOYED_RULES], OPTS);
    expect(a.errors).toEqual([{ ruleId: 'broken', message: 'nope' }]);
    expect(a.findings.length).toBeGreaterThan(0);
  });
});

describe('primaryTarget', () => {
  const d = (id: string, kind: 'platform' | 'host', confidence: 'high' | 'medium' | 'low') => ({ id, kind, confidence });

  it('prefers a sure platform, then a sure host, and never a low-confidence guess', () => {
    expect(primaryTarget([d('netlify', 'host', 'high'), d('bubble', 'platform', 'medium')])).toBe('bubble');
    expect(primaryTarget([d('bubble', 'platform', 'low'), d('netlify', 'host', 'high')])).toBe('netlify');
    expect(primaryTarget([d('bubble', 'platform', 'low')])).toBeUndefined();
    expect(primaryTarget([])).toBeUndefined();
  });
});
