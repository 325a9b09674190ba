import { describe, expect, it } from 'vitest';
import { fingerprint } from '@/engine/engine';
import rule from '@/rules/supabase/app-table-readable';
import { guideForFinding } from '@/engine/fix';
import { describeRule, findingsOf } from '../../helpers/rule-cases';
import { REF, supabaseEvidence } from '../../helpers/supabase';

const readable = (name: string, columns: string[] | undefined, count?: number) => ({
  name,
  verdict: 'readable' as const,
  status: 206,
  ...(count !== undefined ? { count } : {}),
  ...(columns ? { columns } : {}),
});
const closed = (name: string) => ({ name, verdict: 'empty' as const, status: 200, count: 0 });
const app = (...tables: ReturnType<typeof readable | typeof closed>[]) =>
  supabaseEvidence([{ tables: tables.map((t) => ({ name: t.name })), probe: { tables } }]);

const profiles = app(readable('profiles', ['id', 'full_name', 'email', 'created_at'], 120));

describeRule(rule, {
  flagged: [
    {
      name: 'profiles with email readable by anyone: critical, with count, columns and per-table SQL',
      evidence: profiles,
      messages: ['personal'],
      severity: 'critical',
      check: ([f]) => {
        expect(f!.message).toContain('120 rows');
        expect(f!.message).toMatch(/`full_name`, `email`/);
        expect(f!.vars).toMatchObject({ ref: REF, table: 'profiles', owner_sql: 'id' });
        const guide = guideForFinding(f!, { platforms: [], origin: 'https://app.example.com', url: 'https://app.example.com/', vars: {} }, () => rule);
        expect(guide!.primary.deepLink).toBe(`https://supabase.com/dashboard/project/${REF}/auth/policies?schema=public&search=profiles`);
        expect(guide!.primary.snippet!.code).toContain('alter table public.profiles enable row level security;');
        expect(guide!.primary.snippet!.code).toContain('using ((select auth.uid()) = id);');
        expect(guide!.primary.snippet!.code).toContain('revoke select on public.profiles from anon;');
      },
    },
    {
      name: 'a public-looking table: medium, “fine only if public by design”',
      evidence: app(readable('products', ['id', 'title', 'price'], 40)),
      messages: ['readable'],
      severity: 'medium',
    },
    {
      name: 'rows came back but the answer was too large to read columns',
      evidence: app({ ...readable('uploads', undefined, 3), note: 'answer too large to read the column names' } as ReturnType<typeof readable>),
      messages: ['readable'],
      check: ([f]) => expect(f!.message).toMatch(/columns \(unknown: answer too large/),
    },
    {
      name: 'owner column chosen when evident; names that need quoting are quoted',
      evidence: app(readable('Order Items', ['id', 'user_id', 'card_number'], 2)),
      messages: ['personal'],
      check: ([f]) => {
        const guide = guideForFinding(f!, { platforms: [], origin: 'https://a.example', url: 'https://a.example/', vars: {} }, () => rule);
        expect(guide!.primary.snippet!.code).toContain('alter table public."Order Items" enable row level security;');
        expect(guide!.primary.snippet!.code).toContain('= user_id);');
        expect(guide!.primary.deepLink).toContain('search=Order%20Items');
      },
    },
    {
      name: 'no owner column: the guess is said to be a guess',
      evidence: app(readable('leads', ['id', 'email'], 9)),
      messages: ['personal'],
      check: ([f]) => expect(f!.vars!.owner_hint).toMatch(/guess/),
    },
    {
      name: 'two readable tables, two findings',
      evidence: app(readable('a_log', ['id', 'ip_address']), readable('b', ['id'])),
      messages: ['personal', 'readable'],
    },
  ],
  clean: [
    { name: 'RLS on: 200 []', evidence: app(closed('profiles')) },
    {
      name: 'no grant, missing and unclear answers are not “readable”',
      evidence: app(
        { name: 'x', verdict: 'no-grant', status: 401, code: '42501' } as never,
        { name: 'y', verdict: 'missing', status: 404, code: 'PGRST205' } as never,
        { name: 'z', verdict: 'unknown', status: 500 } as never,
      ),
    },
    { name: 'no exposure check ran', evidence: supabaseEvidence([{ tables: [{ name: 'profiles' }], skipped: 'no-consent' }]) },
    { name: 'not a Supabase app', evidence: { ...supabaseEvidence([]), supabase: undefined } },
  ],
  fixed: [{ name: 'RLS enabled: the same table now answers 200 []', before: profiles, after: app(closed('profiles')) }],
});

it('never reports row values: only names and counts are in the message and evidence', () => {
  const [f] = findingsOf(rule, profiles);
  expect(`${f!.message} ${f!.evidence}`).not.toMatch(/@|planted/i);
});

// Found by mutation testing (docs/mutation.md): the row count wording, unknown columns, evidence, location, identity.
describe('app-table-readable, cases from mutation testing', () => {
  it('evidence: the request, the count and the columns; location and identity name the table', () => {
    const [f] = findingsOf(rule, profiles);
    expect(f!.evidence).toBe(
      `GET https://${REF}.supabase.co/rest/v1/profiles?select=*&limit=1 (public key, Prefer: count=exact) → 206, 120 rows in all; columns: id, full_name, email, created_at`,
    );
    expect(f!.location).toEqual({ kind: 'request', url: `https://${REF}.supabase.co/rest/v1/profiles`, name: 'profiles' });
    expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, profiles.origin, `${REF}/profiles`));
  });
  it('no count and no columns: said so', () => {
    const [f] = findingsOf(rule, app(readable('notes', undefined)));
    expect(f!.message).toContain('an unknown number of rows, columns (unknown: not readable)');
    expect(f!.evidence).toBe(`GET https://${REF}.supabase.co/rest/v1/notes?select=*&limit=1 (public key, Prefer: count=exact) → 206; columns: unknown`);
  });
  it('one row: "1 row"', () => expect(findingsOf(rule, app(readable('notes', ['id'], 1)))[0]!.message).toContain(': 1 row, columns'));
});
