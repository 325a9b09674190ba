import { describe, expect, it } from 'vitest';
import rule from '@/rules/glide/glide-webhook-exposed';
import { fingerprint } from '@/engine/engine';
import { describeRule, findingsOf } from '../../helpers/rule-cases';
import { glide } from '../../helpers/glide';
import { NOW, evidence } from '../../helpers/evidence';

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

// Found by mutation testing (docs/mutation.md): the rule's own severity, wording, evidence, location and identity;
// no Workflows reading, no verdict.
describe('glide-webhook-exposed, cases from mutation testing', () => {
  it('names the workflow and the field; high; one identity per webhook and field', () => {
    const e = glide({ workflows: wf(HASH), urlHashes: [{ hash: HASH, field: 'Leads → Template', seenAt: NOW }] });
    const [f] = findingsOf(rule, e);
    expect(f!.severity).toBe('high');
    expect(f!.message).toBe('The webhook URL of workflow New lead also appears in Leads → Template: anyone who can read that field can trigger the workflow.');
    expect(f!.evidence).toBe('webhook of New lead in Leads → Template');
    expect(f!.location).toEqual({ kind: 'builder', name: 'Leads → Template' });
    expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, e.origin, `${HASH}:Leads → Template`));
    expect(f!.vars).toEqual({ appId: 'AbCdEfGhIjKlMnOpQrSt' });
  });
  it('URLs seen in fields but the Workflows screen not read: nothing', () => {
    expect(findingsOf(rule, glide({ urlHashes: [{ hash: HASH, field: 'Leads → Template', seenAt: NOW }] }))).toEqual([]);
  });
  it('the rule alone returns nothing without Glide builder evidence', () => {
    expect(rule.check(evidence(), { platforms: [] })).toEqual([]);
  });
});
