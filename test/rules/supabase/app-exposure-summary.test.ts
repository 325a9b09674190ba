import { describe, expect, it } from 'vitest';
import { fingerprint } from '@/engine/engine';
import rule, { describeAnswers } from '@/rules/supabase/app-exposure-summary';
import { describeRule, findingsOf } from '../../helpers/rule-cases';
import { REF, supabaseEvidence } from '../../helpers/supabase';

const TABLES = [
  { name: 'profiles', verdict: 'readable', status: 206, count: 12, columns: ['id', 'email'] },
  { name: 'votes', verdict: 'empty', status: 200, count: 0 },
  { name: 'payments', verdict: 'no-grant', status: 401, code: '42501' },
  { name: 'drafts', verdict: 'missing', status: 404, code: 'PGRST205' },
  { name: 'legacy_notes', verdict: 'missing', status: 404, code: '42P01' },
  { name: 'reports', verdict: 'unknown', status: 500, note: 'unexpected answer (HTTP 500)' },
] as const;
const checked = (over: Record<string, unknown> = {}, tables: readonly Record<string, unknown>[] = TABLES) =>
  supabaseEvidence([{ tables: tables.map((t) => ({ name: t.name as string })), probe: { tables: tables as never, requests: tables.length + 2, ...over } }]);

describeRule(rule, {
  flagged: [
    {
      name: 'every documented answer classified, the unclear one reported as such',
      evidence: checked(),
      messages: ['complete'],
      severity: 'low',
      check: ([f]) => {
        expect(f!.message).toContain(
          'Checked 6 tables with the app’s public key: 1 readable by anyone, 1 return nothing (RLS on), 1 not granted to logged-out visitors, 2 not found, 1 unclear. 8 requests in 1.5 s.',
        );
        expect(f!.evidence).toMatch(
          /^unclear: reports \(500\) · readable \(200\/206 rows\): profiles \(12\) · RLS on \(200 \[\]\): votes · no grant \(401 42501\): payments · no such table \(404\): drafts PGRST205, legacy_notes 42P01/,
        );
        expect(f!.evidence).toContain('OpenAPI root: 403 (locked)');
      },
    },
    { name: 'all answers clear: info', evidence: checked({}, TABLES.slice(0, 4)), messages: ['complete'], severity: 'info' },
    {
      name: 'cancelled from the popup',
      evidence: checked({ state: 'cancelled', notChecked: 14 }, TABLES.slice(0, 2)),
      messages: ['cancelled'],
      check: ([f]) => expect(f!.message).toContain('14 table names not checked'),
    },
    {
      name: 'some answers did not arrive',
      evidence: checked({ state: 'partial' }, TABLES.slice(0, 2)),
      messages: ['partial'],
      severity: 'low',
      check: ([f]) => expect(f!.message).toMatch(/some answers did not arrive/),
    },
    { name: 'out of time', evidence: checked({ state: 'timed-out' }, TABLES.slice(0, 1)), messages: ['timed-out'] },
    {
      name: 'a bogus project that never answers',
      evidence: checked({ state: 'failed', openapi: undefined, buckets: undefined }, [{ name: 'x', verdict: 'unknown', status: 0, note: 'fetch failed' }]),
      messages: ['failed'],
    },
    {
      name: 'a result reused by a background re-audit says so',
      evidence: checked({ reused: true }, TABLES.slice(1, 2)),
      messages: ['complete'],
      check: ([f]) => expect(f!.message).toMatch(/reused/),
    },
  ],
  clean: [
    { name: 'no consent: nothing was checked', evidence: supabaseEvidence([{ skipped: 'no-consent' }]) },
    { name: 'no Supabase project', evidence: supabaseEvidence([]) },
  ],
  fixed: [{ name: 'consent withdrawn: the summary goes away with the check', before: checked(), after: supabaseEvidence([{ skipped: 'no-consent' }]) }],
});

// Found by mutation testing (docs/mutation.md): every message in full, evidence, location, identity, vars, severity.
describe('app-exposure-summary, cases from mutation testing', () => {
  const one = (over: Record<string, unknown> = {}, tables: readonly Record<string, unknown>[] = TABLES) => {
    const ev = checked(over, tables);
    const [f, ...rest] = findingsOf(rule, ev);
    expect(rest).toEqual([]);
    return { f: f!, ev };
  };
  it('complete: message, evidence, location, identity and vars in full', () => {
    const { f, ev } = one();
    expect(f.message).toBe(
      'Checked 6 tables with the app’s public key: 1 readable by anyone, 1 return nothing (RLS on), 1 not granted to logged-out visitors, 2 not found, 1 unclear. 8 requests in 1.5 s.',
    );
    expect(f.evidence).toBe(
      'unclear: reports (500) · readable (200/206 rows): profiles (12) · RLS on (200 []): votes · no grant (401 42501): payments · no such table (404): drafts PGRST205, legacy_notes 42P01 · OpenAPI root: 403 (locked) · buckets: 200 (empty) · anon-jwt key',
    );
    expect(f.location).toEqual({ kind: 'request', url: `https://${REF}.supabase.co/rest/v1/`, name: REF });
    expect(f.fingerprint).toBe(fingerprint(rule.meta.id, ev.origin, REF));
    expect(f.vars).toEqual({ ref: REF });
  });
  it('partial, cancelled, timed-out, failed: messages in full, severity low', () => {
    const two = TABLES.slice(0, 2);
    expect(one({ state: 'partial', durationMs: 2345 }, two).f.message).toBe(
      'Checked 2 tables with the app’s public key, some answers did not arrive: 1 readable by anyone, 1 return nothing (RLS on), 0 not granted, 0 not found, 0 unclear. 4 requests in 2.3 s.',
    );
    const c = one({ state: 'cancelled', notChecked: 1 }, two).f;
    expect(c.message).toBe(
      'The check was cancelled after 2 tables: 1 readable by anyone, 1 return nothing (RLS on), 0 not granted, 0 not found, 0 unclear. 1 table name not checked.',
    );
    expect(c.severity).toBe('low');
    const t = one({ state: 'timed-out', reused: true }, TABLES.slice(2, 3)).f;
    expect(t.message).toBe(
      'The check ran out of time after 1 table: 0 readable by anyone, 0 return nothing (RLS on), 1 not granted, 0 not found, 0 unclear. (Result of the last check, reused by a background re-audit.)',
    );
    expect(t.severity).toBe('low');
    const x = one({ state: 'failed', openapi: undefined, buckets: undefined, requests: 3 }, []).f;
    expect(x.message).toBe(`The Supabase project ${REF} did not answer the check (3 requests in 1.5 s): nothing could be classified.`);
    expect(x.severity).toBe('low');
    expect(x.evidence).toBe('OpenAPI root: no answer · buckets: no answer · anon-jwt key');
  });
  it('complete with no unclear answer is info; the notes and the bucket count', () => {
    const { f } = one(
      {
        notChecked: 3,
        reused: true,
        buckets: {
          status: 200,
          verdict: 'listed',
          list: [
            { id: 'a', public: true },
            { id: 'b', public: false },
          ],
        },
        keyKind: 'publishable',
      },
      TABLES.slice(1, 2),
    );
    expect(f.severity).toBe('info');
    expect(f.message).toBe(
      'Checked 1 table with the app’s public key: 0 readable by anyone, 1 return nothing (RLS on), 0 not granted to logged-out visitors, 0 not found, 0 unclear. 3 requests in 1.5 s. 3 table names not checked. (Result of the last check, reused by a background re-audit.)',
    );
    expect(f.evidence).toBe('RLS on (200 []): votes · OpenAPI root: 403 (locked) · buckets: 200 (listed, 2) · publishable key');
  });
  it('describeAnswers: unclear without a status or with a code, readable without a count, missing without a code', () => {
    expect(
      describeAnswers([
        { name: 'a', verdict: 'unknown', status: 0 },
        { name: 'b', verdict: 'unknown', status: 502, code: 'X1' },
        { name: 'c', verdict: 'readable', status: 200 },
        { name: 'd', verdict: 'readable', status: 206, count: 3 },
        { name: 'e', verdict: 'missing', status: 404 },
        { name: 'f', verdict: 'empty', status: 200 },
        { name: 'g', verdict: 'empty', status: 200 },
        { name: 'h', verdict: 'no-grant', status: 401 },
        { name: 'i', verdict: 'no-grant', status: 401 },
      ] as never),
    ).toBe(
      'unclear: a (no answer), b (502 X1) · readable (200/206 rows): c (?), d (3) · RLS on (200 []): f, g · no grant (401 42501): h, i · no such table (404): e',
    );
    expect(describeAnswers([])).toBe('');
  });
});
