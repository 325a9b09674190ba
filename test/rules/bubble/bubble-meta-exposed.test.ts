import { expect } from 'vitest';
import rule from '@/rules/bubble/bubble-meta-exposed';
import { classifyMeta } from '@/utils/bubble/deployed';
import { deployedEvidence } from '../../helpers/bubble';
import { describeRule } from '../../helpers/rule-cases';
import { metaBody } from '../../fixtures/bubble/deployed';

const meta = (body: object) => deployedEvidence({ meta: classifyMeta({ status: 200, body: JSON.stringify(body) }) });

describeRule(rule, {
  flagged: [
    {
      name: 'a workflow with "auth_unecessary": true (the forum’s Ctrl+F)',
      evidence: meta(metaBody({ get: [], post: [{ endpoint: 'create_user', auth_unecessary: true }] })),
      messages: ['workflow-no-auth'],
      check: ([f]) => expect(f!.message).toContain('/api/1.1/wf/create_user'),
    },
    {
      name: 'types served by the Data API (info)',
      evidence: meta(metaBody({ get: ['user', 'invoice'], post: [] })),
      messages: ['types-exposed'],
      severity: 'info',
    },
    { name: 'the fixture app’s meta', evidence: meta(metaBody()), messages: ['workflow-no-auth', 'types-exposed'] },
  ],
  clean: [
    { name: 'APIs off: non-200', evidence: deployedEvidence({ meta: classifyMeta({ status: 404, body: 'not found' }) }) },
    {
      name: 'workflows need auth or are admin only',
      evidence: meta(
        metaBody({
          get: [],
          post: [
            { endpoint: 'a', auth_unecessary: false },
            { endpoint: 'b', auth_unecessary: 'admin_only' },
          ],
        }),
      ),
    },
    { name: '200 but not the documented JSON', evidence: deployedEvidence({ meta: classifyMeta({ status: 200, body: '<html>' }) }) },
  ],
  fixed: [
    {
      name: 'unticking “can be run without authentication” and the Data API types',
      before: meta(metaBody()),
      after: meta(metaBody({ get: [], post: [{ endpoint: 'create_json_file', auth_unecessary: false }] })),
    },
  ],
});
