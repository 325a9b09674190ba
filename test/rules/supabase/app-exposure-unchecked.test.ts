import { expect } from 'vitest';
import rule from '@/rules/supabase/app-exposure-unchecked';
import { describeRule } from '../../helpers/rule-cases';
import { REF, probe, supabaseEvidence } from '../../helpers/supabase';

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
