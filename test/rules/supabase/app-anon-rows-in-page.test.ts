import { describe, expect, it } from 'vitest';
import { fingerprint } from '@/engine/engine';
import rule from '@/rules/supabase/app-anon-rows-in-page';
import { describeRule, findingsOf } from '../../helpers/rule-cases';
import { REF, supabaseEvidence } from '../../helpers/supabase';

type Req = { method?: string; status?: number; rows?: number; total?: number; select?: string[]; anonymous?: boolean };
const req = (r: Req = {}) => ({ method: 'GET', status: 206, rows: 5, total: 12, select: ['id', 'full_name', 'email'], anonymous: true, ...r });
const page = (table: string, ...requests: Record<string, unknown>[]) =>
  supabaseEvidence([{ tables: [{ name: table, requested: true, requests }], skipped: 'no-consent' }]);

describeRule(rule, {
  flagged: [
    {
      name: 'a logged-out page received 5 of 12 profiles with email and full_name',
      evidence: page('profiles', req()),
      messages: ['personal'],
      severity: 'high',
      check: ([f]) => {
        expect(f!.message).toContain('5 rows of `profiles` (12 in all)');
        expect(f!.message).toMatch(/`full_name`, `email`/);
        expect(f!.location.url).toBe(`https://${REF}.supabase.co/rest/v1/profiles`);
        expect(f!.vars).toMatchObject({ ref: REF, table: 'profiles' });
      },
    },
    {
      name: 'select=*: columns unknown, says so and suggests the exposure check',
      evidence: page('messages', req({ select: ['*'], status: 200, rows: 3, total: undefined })),
      messages: ['unknown-columns'],
      severity: 'medium',
      check: ([f]) => expect(f!.message).toMatch(/exposure check/),
    },
    { name: 'no select at all is select=*', evidence: page('notes', req({ select: undefined })), messages: ['unknown-columns'] },
    { name: 'HEAD with a range still counts rows received', evidence: page('profiles', req({ method: 'HEAD' })), messages: ['personal'] },
  ],
  clean: [
    { name: 'the request carried a user session (not anonymous)', evidence: page('profiles', req({ anonymous: false })) },
    { name: 'anonymity unknown', evidence: page('profiles', req({ anonymous: undefined })) },
    { name: 'RLS on: 200 with an empty range', evidence: page('profiles', req({ status: 200, rows: 0, total: 0 })) },
    { name: 'no grant: 401', evidence: page('profiles', req({ status: 401, rows: undefined })) },
    { name: 'named columns, none personal (a public poll list)', evidence: page('polls', req({ select: ['id', 'title'] })) },
    { name: 'a POST (an RPC or an insert) is not a read', evidence: page('profiles', req({ method: 'POST' })) },
    {
      name: 'the exposure check reports the table itself',
      evidence: supabaseEvidence([
        {
          tables: [{ name: 'profiles', requests: [req()] }],
          probe: { tables: [{ name: 'profiles', verdict: 'readable', status: 206, count: 12, columns: ['id', 'email'] }] },
        },
      ]),
    },
  ],
  fixed: [
    { name: 'RLS on: the same request now returns nothing', before: page('profiles', req()), after: page('profiles', req({ status: 200, rows: 0, total: 0 })) },
  ],
});

// Found by mutation testing (docs/mutation.md): messages in full, evidence, location, identity, vars, which requests
// count (method, status, anonymity, rows), the largest row count and total, the probe's own report of the table.
describe('app-anon-rows-in-page, cases from mutation testing', () => {
  const one = (name: string, ...requests: Record<string, unknown>[]) => findingsOf(rule, page(name, ...requests));
  it('personal: message, evidence, location, identity and vars in full', () => {
    const ev = page('profiles', req());
    const [f] = findingsOf(rule, ev);
    expect(f!.message).toBe(
      'A logged-out visitor’s page downloaded 5 rows of `profiles` (12 in all), with columns that look personal: `full_name`, `email`. Anyone can repeat this request with the app’s public key.',
    );
    expect(f!.severity).toBe('high');
    expect(f!.evidence).toBe(`GET https://${REF}.supabase.co/rest/v1/profiles?select=id,full_name,email → 206, 5 rows of 12 (apikey only, no user session)`);
    expect(f!.location).toEqual({ kind: 'request', url: `https://${REF}.supabase.co/rest/v1/profiles`, name: 'profiles' });
    expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, ev.origin, `${REF}/profiles`));
    expect(f!.vars).toEqual({
      ref: REF,
      schema: 'public',
      table: 'profiles',
      table_sql: 'public.profiles',
      owner_sql: 'id',
      owner_hint: "id holds the owner's user id",
    });
  });
  it('unknown columns: message and evidence in full, one row, no total', () => {
    const [f] = one('messages', req({ select: ['*'], status: 200, rows: 1, total: undefined }));
    expect(f!.message).toBe(
      'A logged-out visitor’s page downloaded 1 row of `messages` (select=*, so which columns is not visible in the request). If you own this app, run the Supabase exposure check in the popup to see the columns.',
    );
    expect(f!.evidence).toBe(`GET https://${REF}.supabase.co/rest/v1/messages?select=* → 200, 1 row (apikey only, no user session)`);
  });
  it('select=* next to personal named columns: the named ones are shown, the request says *', () => {
    const [f] = one('profiles', req({ select: ['*'] }), req({ select: ['email'] }));
    expect(f!.messageId).toBe('personal');
    expect(f!.evidence).toMatch(/\?select=\* → /);
    expect(f!.message).toContain('look personal: `email`.');
  });
  it('the largest row count and total of several requests; a total equal to the rows is not repeated', () => {
    const [f] = one('profiles', req({ rows: 3, total: 4 }), req({ rows: 7, total: 7 }), req({ rows: 2, total: undefined }));
    expect(f!.message).toContain('downloaded 7 rows of `profiles`, with');
    expect(f!.evidence).toContain('→ 206, 7 rows of 7 (apikey');
    const [g] = one('profiles', req({ rows: 3, total: 9 }), req({ rows: 2, total: 4 }));
    expect(g!.message).toContain('3 rows of `profiles` (9 in all)');
    expect(g!.evidence).toContain('→ 206, 3 rows of 9 (apikey');
  });
  it('only counted requests feed the numbers and the columns', () => {
    const [f] = one(
      'profiles',
      req({ rows: 2, total: 3, select: ['id', 'email'] }),
      req({ rows: 50, total: 90, anonymous: false, select: ['phone'] }),
      req({ rows: 40, total: 80, status: 401, select: ['phone'] }),
      req({ rows: 30, total: 70, method: 'POST', select: ['phone'] }),
      req({ rows: 0, total: 60, select: ['phone'] }),
    );
    expect(f!.message).toContain('2 rows of `profiles` (3 in all), with columns that look personal: `email`.');
    expect(f!.evidence).toContain('?select=id,email → 206, 2 rows of 3');
  });
  it('each counted method and status alone flags', () => {
    for (const r of [
      { method: 'GET', status: 200 },
      { method: 'GET', status: 206 },
      { method: 'HEAD', status: 200 },
      { method: 'HEAD', status: 206 },
    ]) {
      expect(one('profiles', req(r)).map((f) => f.messageId)).toEqual(['personal']);
    }
    for (const r of [{ status: 204 }, { status: 304 }, { method: 'PATCH' }, { rows: undefined }, { rows: 0 }]) {
      expect(one('profiles', req(r))).toEqual([]);
    }
  });
  it("the evidence names the first counted request's status", () => {
    const [f] = one('profiles', req({ status: 401 }), req({ status: 200 }), req({ status: 206 }));
    expect(f!.evidence).toContain('→ 200, 5 rows');
  });
  it('the exposure check reporting the table as not readable, or another table as readable, leaves this finding', () => {
    const withProbe = (probeTables: Record<string, unknown>[]) =>
      findingsOf(rule, supabaseEvidence([{ tables: [{ name: 'profiles', requests: [req()] }], probe: { tables: probeTables as never } }]));
    expect(withProbe([{ name: 'profiles', verdict: 'empty', status: 200, count: 0 }]).length).toBe(1);
    expect(withProbe([{ name: 'other', verdict: 'readable', status: 206, count: 1 }]).length).toBe(1);
  });
  it('the exposure check reporting this table readable among others still leaves it to app-table-readable', () => {
    const ev = supabaseEvidence([
      {
        tables: [{ name: 'profiles', requests: [req()] }],
        probe: {
          tables: [
            { name: 'profiles', verdict: 'readable', status: 206, count: 12, columns: ['id', 'email'] },
            { name: 'other', verdict: 'empty', status: 200, count: 0 },
          ] as never,
        },
      },
    ]);
    expect(findingsOf(rule, ev)).toEqual([]);
  });
  it('select=*: no columns known, the owner column in the guide is a guess', () => {
    const [f] = one('profiles', req({ select: ['*'] }));
    expect(f!.vars!.owner_hint).toBe("user_id is a guess: use the column that holds the owner's auth.users id");
  });
});
