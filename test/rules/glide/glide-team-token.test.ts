import { describe, expect, it } from 'vitest';
import rule from '@/rules/glide/glide-team-token';
import { describeRule, findingsOf } from '../../helpers/rule-cases';
import { glide } from '../../helpers/glide';
import { NOW, evidence } from '../../helpers/evidence';
import type { GlideSecret } from '@/utils/glide/builder-evidence';

const token = (o: Partial<GlideSecret> = {}): GlideSecret => ({
  place: 'call-api',
  field: 'Call API → Headers',
  provider: 'glide-api-token',
  providerName: 'Glide API token',
  exposure: 'secret',
  severity: 'critical',
  masked: '…4f2a',
  fingerprint: 'fedcba9876543210',
  seenAt: NOW,
  ...o,
});

describeRule(rule, {
  flagged: [{ name: 'team token in a Call API header', evidence: glide({ secrets: [token()] }), messages: ['team-token'], severity: 'critical' }],
  clean: [{ name: 'another provider’s key', evidence: glide({ secrets: [token({ provider: 'stripe-secret-key', providerName: 'Stripe' })] }) }],
  fixed: [{ name: 'token removed from the header', before: glide({ secrets: [token()] }), after: glide({ secrets: [] }) }],
});

// Found by mutation testing (docs/mutation.md): wording, evidence, location and identity of the finding.
describe('glide-team-token, cases from mutation testing', () => {
  it('names the masked token and the field it sits in, one identity per token and field', () => {
    const [f] = findingsOf(rule, glide({ secrets: [token()] }));
    expect(f!.message).toBe(
      'The team-wide Glide API token …4f2a is pasted into Call API → Headers: whoever reads it can read and write every app and table of your team.',
    );
    expect(f!.evidence).toBe('Call API → Headers: …4f2a');
    expect(f!.location).toEqual({ kind: 'builder', name: 'Call API → Headers' });
    const other = findingsOf(rule, glide({ secrets: [token({ field: 'Column "key"' })] }))[0]!;
    expect(other.fingerprint).not.toBe(f!.fingerprint);
  });
  it('the rule alone returns nothing without Glide builder evidence', () => {
    expect(rule.check(evidence({}), { platforms: [] })).toEqual([]);
  });
});
