import { expect } from 'vitest';
import rule from '@/rules/bubble/bubble-data-api-readable';
import { classifyMeta, classifyObj } from '@/utils/bubble/deployed';
import { deployedEvidence } from '../../helpers/bubble';
import { describeRule } from '../../helpers/rule-cases';
import { NOT_EXPOSED, metaBody, objBody } from '../../fixtures/bubble/deployed';

const probe = (...types: ReturnType<typeof classifyObj>[]) => ({ state: 'complete' as const, startedAt: 0, durationMs: 10, requests: types.length, types });
const readable = (type: string, fields: Record<string, unknown>, total = 41) => classifyObj(type, { status: 200, body: objBody([fields], total - 1) });

describeRule(rule, {
  flagged: [
    {
      name: 'a type with personal-looking fields lists records to a logged-out visitor',
      evidence: deployedEvidence({ probe: probe(readable('user', { _id: '1x2', email: 'a@b.test', 'Phone Number': '+1' })) }),
      messages: ['personal'],
      severity: 'critical',
      check: ([f]) => {
        expect(f!.message).toContain('41 records');
        expect(JSON.stringify(f)).not.toContain('a@b.test');
      },
    },
    {
      name: 'a type with other fields',
      evidence: deployedEvidence({ probe: probe(readable('product', { _id: '1', Title: 't' })) }),
      messages: ['readable'],
      severity: 'high',
    },
    {
      name: 'Data API on but the check was not allowed',
      evidence: deployedEvidence({ meta: classifyMeta({ status: 200, body: JSON.stringify(metaBody()) }), skipped: 'no-consent' }),
      messages: ['unchecked'],
      severity: 'info',
    },
  ],
  clean: [
    {
      name: 'empty answer (privacy rules hide everything)',
      evidence: deployedEvidence({ probe: probe(classifyObj('user', { status: 200, body: objBody([], 0) })) }),
    },
    { name: 'not exposed (the documented 404)', evidence: deployedEvidence({ probe: probe(classifyObj('user', { status: 404, body: NOT_EXPOSED })) }) },
    { name: 'APIs off and no consent', evidence: deployedEvidence({ meta: classifyMeta({ status: 404 }), skipped: 'no-consent' }) },
  ],
  fixed: [
    {
      name: 'adding privacy rules: the type now answers with no results',
      before: deployedEvidence({ probe: probe(readable('user', { email: 'x' })) }),
      after: deployedEvidence({ probe: probe(classifyObj('user', { status: 200, body: objBody([], 0) })) }),
    },
  ],
});
