import { expect } from 'vitest';
import rule from '@/rules/supabase/app-exposure-summary';
import { describeRule } from '../../helpers/rule-cases';
import { supabaseEvidence } from '../../helpers/supabase';

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
