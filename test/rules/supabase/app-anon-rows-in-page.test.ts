import { expect } from 'vitest';
import rule from '@/rules/supabase/app-anon-rows-in-page';
import { describeRule } from '../../helpers/rule-cases';
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
