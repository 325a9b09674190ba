import { describe, expect, it } from 'vitest';
import { fingerprint } from '@/engine/engine';
import rule from '@/rules/bubble/bubble-meta-exposed';
import { classifyMeta } from '@/utils/bubble/deployed';
import { deployedEvidence } from '../../helpers/bubble';
import { describeRule, findingsOf } from '../../helpers/rule-cases';
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

// Found by mutation testing (docs/mutation.md): findings pinned whole (the workflow finding takes the rule's own
// severity), the count's wording, and a meta answer that is not "on" or not there at all.
describe('bubble-meta-exposed, cases from mutation testing', () => {
  const id = rule.meta.id;
  it('a workflow without auth and two types: pinned whole', () => {
    const ev = meta(metaBody({ get: ['user', 'invoice'], post: [{ endpoint: 'create_user', auth_unecessary: true }] }));
    const url = `${ev.origin}/api/1.1/meta`;
    expect(findingsOf(rule, ev)).toEqual([
      {
        ruleId: id,
        title: rule.meta.title,
        severity: 'medium',
        messageId: 'workflow-no-auth',
        message:
          'The public API workflow “create_user” runs without authentication (/api/1.1/meta: "auth_unecessary": true): anyone can call /api/1.1/wf/create_user.',
        evidence: `GET ${url} → 200; post[endpoint=create_user].auth_unecessary: true`,
        location: { kind: 'request', url, name: 'create_user' },
        fingerprint: fingerprint(id, ev.origin, 'wf:create_user'),
      },
      {
        ruleId: id,
        title: rule.meta.title,
        severity: 'info',
        messageId: 'types-exposed',
        message: 'The Data API serves 2 types: user, invoice. Each is readable by anyone its privacy rules let through.',
        evidence: `GET ${url} → 200; get: user, invoice`,
        location: { kind: 'request', url, name: 'Data API' },
        fingerprint: fingerprint(id, ev.origin, 'types'),
      },
    ]);
  });
  it('one type: "1 type"', () => {
    const [f] = findingsOf(rule, meta(metaBody({ get: ['user'], post: [] })));
    expect(f!.message).toBe('The Data API serves 1 type: user. Each is readable by anyone its privacy rules let through.');
  });
  it('a meta answer that is not "on" is not read, even with types in it; no meta answer at all is no finding', () => {
    const unreadable = { status: 200, state: 'unreadable' as const, types: ['user'], workflows: [{ endpoint: 'x', auth: 'none' as const }] };
    expect(findingsOf(rule, deployedEvidence({ meta: unreadable }))).toEqual([]);
    expect(findingsOf(rule, deployedEvidence({ skipped: 'no-consent' }))).toEqual([]);
  });
});
