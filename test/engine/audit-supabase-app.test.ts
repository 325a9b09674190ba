/** What a stored audit keeps about a Supabase app: a count-only summary for the popup, and the ref for dashboard links. */
import { expect, it } from 'vitest';
import { buildAudit } from '@/engine/audit';
import { AuditSchema } from '@/engine/audit-schema';
import { guideForFinding } from '@/engine/fix';
import { DEPLOYED_RULES, ruleById } from '@/rules';
import { NOW } from '../helpers/evidence';
import { REF, supabaseEvidence } from '../helpers/supabase';

const opts = { mode: 'click' as const, fullAccess: true, retentionDays: 30, startedAt: NOW - 100, now: NOW };

it('stores a count-only Supabase summary that reads back from storage', () => {
  const a = buildAudit(
    supabaseEvidence([
      { tables: [{ name: 'profiles' }], probe: { tables: [{ name: 'profiles', verdict: 'readable', status: 206, count: 3, columns: ['id', 'email'] }] } },
    ]),
    DEPLOYED_RULES,
    opts,
  );
  expect(a.supabase).toEqual({
    projects: [
      {
        ref: REF,
        tables: 1,
        tableNames: ['profiles'],
        publicKey: true,
        probe: { state: 'complete', requests: 4, durationMs: 1500, checkedAt: 1, reused: false },
      },
    ],
  });
  expect(AuditSchema.parse(JSON.parse(JSON.stringify(a))).supabase).toEqual(a.supabase);
});

it('names the project in dashboard links of other rules too (secret-exposed → API keys page)', () => {
  const a = buildAudit(supabaseEvidence([{ skipped: 'no-consent' }]), DEPLOYED_RULES, opts);
  expect(a.vars.ref).toBe(REF);
  const g = guideForFinding(
    { ruleId: 'secret-exposed' },
    { ...a, platforms: [{ id: 'supabase', name: 'Supabase', kind: 'platform', confidence: 'medium', signals: [] }] },
    ruleById,
  )!;
  expect(g.primary.deepLink).toBe(`https://supabase.com/dashboard/project/${REF}/settings/api-keys`);
});

it('no Supabase project: no summary, no ref', () => {
  const a = buildAudit(supabaseEvidence([]), DEPLOYED_RULES, opts);
  expect(a.supabase).toBeUndefined();
  expect(a.vars.ref).toBeUndefined();
});
