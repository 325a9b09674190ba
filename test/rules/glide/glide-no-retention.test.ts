import { describe, expect, it } from 'vitest';
import rule from '@/rules/glide/glide-no-retention';
import { fingerprint } from '@/engine/engine';
import { describeRule, findingsOf } from '../../helpers/rule-cases';
import { PEOPLE, PRODUCTS, glide } from '../../helpers/glide';
import { NOW, evidence } from '../../helpers/evidence';
import type { GlideWorkflow } from '@/utils/glide/builder-evidence';

const wf = (state: 'list' | 'none' | 'unknown', items: GlideWorkflow[] = []) => ({ state, items, seenAt: NOW });
const CLEANUP: GlideWorkflow = { name: 'Nightly clean-up', trigger: 'schedule', deletesRows: true };

describeRule(rule, {
  flagged: [
    { name: 'no workflows at all', evidence: glide({ tables: [PEOPLE], workflows: wf('none') }), messages: ['no-workflows'], severity: 'low' },
    {
      name: 'workflows, none deleting on a schedule',
      evidence: glide({ tables: [PEOPLE], workflows: wf('list', [{ name: 'Welcome email', trigger: 'manual', deletesRows: false }]) }),
      messages: ['no-delete'],
    },
    {
      name: 'a scheduled workflow whose steps were not shown: not checked',
      evidence: glide({ tables: [PEOPLE], workflows: wf('list', [{ name: 'Weekly', trigger: 'schedule' }]) }),
      messages: ['not-read'],
      severity: 'info',
    },
    { name: 'screen unclear: not checked', evidence: glide({ tables: [PEOPLE], workflows: wf('unknown') }), messages: ['not-read'], severity: 'info' },
  ],
  clean: [
    { name: 'scheduled delete exists', evidence: glide({ tables: [PEOPLE], workflows: wf('list', [CLEANUP]) }) },
    { name: 'no personal tables', evidence: glide({ tables: [PRODUCTS], workflows: wf('none') }) },
    { name: 'Workflows screen not read', evidence: glide({ tables: [PEOPLE] }) },
  ],
  fixed: [
    {
      name: 'scheduled "Delete row" workflow added',
      before: glide({ tables: [PEOPLE], workflows: wf('none') }),
      after: glide({ tables: [PEOPLE], workflows: wf('list', [CLEANUP]) }),
    },
  ],
});

// Found by mutation testing (docs/mutation.md): only a scheduled delete counts; only a scheduled workflow with unknown
// steps makes the list "not checked"; wording, evidence line, location, identity.
describe('glide-no-retention, cases from mutation testing', () => {
  const ids = (items: GlideWorkflow[]) => findingsOf(rule, glide({ tables: [PEOPLE], workflows: wf('list', items) })).map((f) => f.messageId);
  it('a workflow that deletes rows but is not scheduled is no clean-up', () => {
    expect(ids([{ name: 'Delete by hand', trigger: 'manual', deletesRows: true }])).toEqual(['no-delete']);
  });
  it('a scheduled workflow seen not deleting is a verdict, not "not checked"', () => {
    expect(ids([{ name: 'Daily digest', trigger: 'schedule', deletesRows: false }])).toEqual(['no-delete']);
  });
  it('an unscheduled workflow whose steps were not shown does not make the list "not checked"', () => {
    expect(ids([{ name: 'On signup', trigger: 'manual' }])).toEqual(['no-delete']);
  });
  it('one scheduled workflow with unknown steps among others is enough for "not checked"', () => {
    expect(
      ids([
        { name: 'Weekly', trigger: 'schedule' },
        { name: 'Welcome email', trigger: 'manual', deletesRows: false },
      ]),
    ).toEqual(['not-read']);
  });
  it('wording, evidence, location and identity', () => {
    const e = glide({
      tables: [PEOPLE],
      workflows: wf('list', [
        { name: 'Welcome email', trigger: 'manual', deletesRows: false },
        { name: 'Export', trigger: 'webhook' },
      ]),
    });
    const [f] = findingsOf(rule, e);
    expect(f!.message).toBe(
      '2 workflow(s) exist but none runs on a schedule and deletes rows, while Customers (Name, Email, Phone Number…) hold personal-looking columns.',
    );
    expect(f!.severity).toBe('low');
    expect(f!.evidence).toBe('workflows: list (2); tables: Customers (Name, Email, Phone Number…)');
    expect(f!.location).toEqual({ kind: 'builder', name: 'Workflows' });
    expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, e.origin, 'no_retention'));
    expect(f!.vars).toEqual({ appId: 'AbCdEfGhIjKlMnOpQrSt' });
  });
  it('the rule alone returns nothing without Glide builder evidence', () => {
    expect(rule.check(evidence(), { platforms: [] })).toEqual([]);
  });
});
