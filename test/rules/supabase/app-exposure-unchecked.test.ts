import { describe, expect, it } from 'vitest';
import { fingerprint } from '@/engine/engine';
import rule from '@/rules/supabase/app-exposure-unchecked';
import { describeRule, findingsOf } from '../../helpers/rule-cases';
import { ANON, REF, probe, supabaseEvidence } from '../../helpers/supabase';

const tables = ['profiles', 'polls', 'votes'].map((name) => ({ name, inCode: true }));
const unchecked = supabaseEvidence([{ tables, skipped: 'no-consent' }]);

describeRule(rule, {
  flagged: [
    {
      name: 'project and tables found, no consent: suggests the check, info only',
      evidence: unchecked,
      messages: ['no-consent'],
      severity: 'info',
      check: ([f]) => {
        expect(f!.message).toContain(REF);
        expect(f!.message).toContain('3 tables (`profiles`, `polls`, `votes`)');
        expect(f!.message).toMatch(/own this app/);
        expect(f!.vars).toEqual({ ref: REF });
      },
    },
    {
      name: 'only a secret key in the page: the check cannot run',
      evidence: supabaseEvidence([
        { tables, keys: [{ kind: 'secret', masked: 'sb_secret_…WxYz', fingerprint: 'aaaaaaaaaaaaaaaa' }], skipped: 'no-public-key' },
      ]),
      messages: ['no-public-key'],
      check: ([f]) => expect(f!.message).toMatch(/never uses a secret key/),
    },
    {
      name: 'no table names found',
      evidence: supabaseEvidence([{ tables: [], skipped: 'no-consent' }]),
      messages: ['no-consent'],
      check: ([f]) => expect(f!.message).toMatch(/no table names/),
    },
  ],
  clean: [
    { name: 'the check ran', evidence: supabaseEvidence([{ tables, probe: probe() }]) },
    { name: 'consent given, check not run yet (a background re-audit)', evidence: supabaseEvidence([{ tables, skipped: 'not-run' }]) },
    { name: 'no Supabase project', evidence: supabaseEvidence([]) },
  ],
  fixed: [{ name: 'the owner ran the exposure check', before: unchecked, after: supabaseEvidence([{ tables, probe: probe() }]) }],
});

// Found by mutation testing (docs/mutation.md): the evidence line (keys, the 20-table cap), location, identity.
describe('app-exposure-unchecked, cases from mutation testing', () => {
  const named = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `t${i + 1}`, inCode: true }));
  it('evidence lists the keys and tables; location and identity are the project', () => {
    const [f] = findingsOf(rule, unchecked);
    expect(f!.evidence).toBe(`https://${REF}.supabase.co · keys: anon-jwt eyJ…AbCd · tables: profiles, polls, votes`);
    expect(f!.location).toEqual({ kind: 'script', url: `https://${REF}.supabase.co`, name: REF });
    expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, unchecked.origin, REF));
  });
  it('two keys: both listed', () => {
    const second = { kind: 'publishable' as const, masked: 'sb_publishable_…QrSt', fingerprint: 'bbbbbbbbbbbbbbbb' };
    const [f] = findingsOf(rule, supabaseEvidence([{ tables, keys: [ANON, second], skipped: 'no-consent' }]));
    expect(f!.evidence).toContain('keys: anon-jwt eyJ…AbCd, publishable sb_publishable_…QrSt ·');
  });
  it('no key and no table: says none', () => {
    const [f] = findingsOf(rule, supabaseEvidence([{ keys: [], tables: [], skipped: 'no-public-key' }]));
    expect(f!.evidence).toBe(`https://${REF}.supabase.co · keys: none · tables: none found`);
  });
  it('one table: "1 table"', () => {
    const [f] = findingsOf(rule, supabaseEvidence([{ tables: named(1), skipped: 'no-consent' }]));
    expect(f!.message).toContain('1 table (`t1`)');
  });
  it('20 tables are all shown; past 20 the list is cut with …', () => {
    const [twenty] = findingsOf(rule, supabaseEvidence([{ tables: named(20), skipped: 'no-consent' }]));
    expect(twenty!.evidence).toMatch(/tables: t1, t2, .*, t20$/);
    const [more] = findingsOf(rule, supabaseEvidence([{ tables: named(21), skipped: 'no-consent' }]));
    expect(more!.evidence).toMatch(/tables: t1, .*, t20, …$/);
    expect(more!.evidence).not.toContain('t21');
  });
  it('a probe result wins over a leftover skip reason', () =>
    expect(findingsOf(rule, supabaseEvidence([{ tables, probe: probe(), skipped: 'no-consent' }]))).toEqual([]));
});
