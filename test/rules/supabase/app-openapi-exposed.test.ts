import { expect } from 'vitest';
import rule from '@/rules/supabase/app-openapi-exposed';
import { describeRule } from '../../helpers/rule-cases';
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
