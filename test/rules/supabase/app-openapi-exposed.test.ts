import { describe, expect, it } from 'vitest';
import { fingerprint } from '@/engine/engine';
import rule from '@/rules/supabase/app-openapi-exposed';
import { describeRule, findingsOf } from '../../helpers/rule-cases';
import { supabaseEvidence } from '../../helpers/supabase';

const root = (status: number, verdict: 'locked' | 'open' | 'unknown') => supabaseEvidence([{ probe: { openapi: { status, verdict } } }]);

describeRule(rule, {
  flagged: [
    {
      name: 'the OpenAPI root answers the public key with 200',
      evidence: root(200, 'open'),
      messages: ['open'],
      severity: 'low',
      check: ([f]) => expect(f!.evidence).toMatch(/expected 403/),
    },
  ],
  clean: [
    { name: 'locked down as documented since 2026-04-08 (403)', evidence: root(403, 'locked') },
    { name: 'an unclear answer is not “open”', evidence: root(401, 'unknown') },
    { name: 'no check ran', evidence: supabaseEvidence([{ skipped: 'no-consent' }]) },
  ],
  fixed: [{ name: 'openapi-mode disabled: 403', before: root(200, 'open'), after: root(403, 'locked') }],
});

// Found by mutation testing (docs/mutation.md): a probe without the OpenAPI step, evidence, location, identity.
describe('app-openapi-exposed, cases from mutation testing', () => {
  it('a probe that did not reach the OpenAPI root: nothing', () => expect(findingsOf(rule, supabaseEvidence([{ probe: { openapi: undefined } }]))).toEqual([]));
  it('evidence, location and identity', () => {
    const ev = root(200, 'open');
    const [f] = findingsOf(rule, ev);
    expect(f!.message).toMatch(/^Supabase project qwertyuiopasdfghjklz serves its OpenAPI description/);
    expect(f!.evidence).toBe('GET https://qwertyuiopasdfghjklz.supabase.co/rest/v1/ (public key) → 200 (expected 403 since 2026-04-08)');
    expect(f!.location).toEqual({ kind: 'request', url: 'https://qwertyuiopasdfghjklz.supabase.co/rest/v1/', name: 'OpenAPI root' });
    expect(f!.vars).toEqual({ ref: 'qwertyuiopasdfghjklz' });
    expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, ev.origin, 'qwertyuiopasdfghjklz/openapi'));
  });
});
