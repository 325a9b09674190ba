import rule from '@/rules/glide/glide-webhook-exposed';
import { describeRule } from '../../helpers/rule-cases';
import { glide } from '../../helpers/glide';
import { NOW } from '../../helpers/evidence';

const HASH = '1122334455667788';
const wf = (webhookHash?: string) => ({
  state: 'list' as const,
  items: [{ name: 'New lead', trigger: 'webhook' as const, ...(webhookHash ? { webhookHash } : {}) }],
  seenAt: NOW,
});

describeRule(rule, {
  flagged: [
    {
      name: 'webhook URL also in a template column',
      evidence: glide({ workflows: wf(HASH), urlHashes: [{ hash: HASH, field: 'Leads → Template', seenAt: NOW }] }),
      messages: ['exposed'],
    },
  ],
  clean: [
    {
      name: 'webhook URL only on the Workflows screen',
      evidence: glide({ workflows: wf(HASH), urlHashes: [{ hash: 'aaaaaaaaaaaaaaaa', field: 'Leads → Website', seenAt: NOW }] }),
    },
    { name: 'webhook URL not shown', evidence: glide({ workflows: wf(), urlHashes: [{ hash: HASH, field: 'x', seenAt: NOW }] }) },
  ],
  fixed: [
    {
      name: 'URL removed from the column (new trigger)',
      before: glide({ workflows: wf(HASH), urlHashes: [{ hash: HASH, field: 'Leads → Template', seenAt: NOW }] }),
      after: glide({ workflows: wf('9999999999999999'), urlHashes: [] }),
    },
  ],
});
