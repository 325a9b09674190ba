import rule from '@/rules/glide/glide-no-retention';
import { describeRule } from '../../helpers/rule-cases';
import { PEOPLE, PRODUCTS, glide } from '../../helpers/glide';
import { NOW } from '../../helpers/evidence';
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
