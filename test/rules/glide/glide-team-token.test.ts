import rule from '@/rules/glide/glide-team-token';
import { describeRule } from '../../helpers/rule-cases';
import { glide } from '../../helpers/glide';
import { NOW } from '../../helpers/evidence';
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
