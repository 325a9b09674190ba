import rule from '@/rules/glide/glide-secret-in-integration';
import { describeRule } from '../../helpers/rule-cases';
import { glide } from '../../helpers/glide';
import { NOW } from '../../helpers/evidence';
import type { GlideSecret } from '@/utils/glide/builder-evidence';

/** A key as the reader reports it: masked and fingerprinted in the page (never the value). */
const key = (o: Partial<GlideSecret>): GlideSecret => ({
  place: 'call-api',
  field: 'Call API → Headers',
  provider: 'stripe-secret-key',
  providerName: 'Stripe live secret key',
  exposure: 'secret',
  severity: 'critical',
  masked: 'sk_live_…9xQz',
  fingerprint: '0123456789abcdef',
  seenAt: NOW,
  ...o,
});

describeRule(rule, {
  flagged: [
    { name: 'Stripe key in a Call API header', evidence: glide({ secrets: [key({})] }), messages: ['call-api'], severity: 'critical' },
    {
      name: 'OpenAI key in the AI integration',
      evidence: glide({
        secrets: [
          key({
            place: 'ai',
            field: 'OpenAI → API key',
            provider: 'openai-api-key',
            providerName: 'OpenAI API key',
            masked: 'sk-…a1B2',
            fingerprint: 'aaaaaaaaaaaaaaaa',
          }),
        ],
      }),
      messages: ['ai'],
    },
    {
      name: 'key in a template column',
      evidence: glide({ secrets: [key({ place: 'column', field: 'Template column → Auth header', fingerprint: 'bbbbbbbbbbbbbbbb' })] }),
      messages: ['column'],
    },
    {
      name: 'key in a workflow step',
      evidence: glide({ secrets: [key({ place: 'workflow', field: 'Workflow → Call API', fingerprint: 'cccccccccccccccc' })] }),
      messages: ['workflow'],
    },
  ],
  clean: [
    {
      name: 'publishable key (meant for browsers)',
      evidence: glide({ secrets: [key({ provider: 'stripe-publishable-key', exposure: 'publishable', severity: 'info' })] }),
    },
    { name: 'the team token is glide-team-token’s', evidence: glide({ secrets: [key({ provider: 'glide-api-token', providerName: 'Glide API token' })] }) },
    { name: 'no keys', evidence: glide({}) },
  ],
  fixed: [{ name: 'pasted value replaced by a Secret', before: glide({ secrets: [key({})] }), after: glide({ secrets: [] }) }],
});
