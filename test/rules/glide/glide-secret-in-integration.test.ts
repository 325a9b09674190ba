import { describe, expect, it } from 'vitest';
import rule from '@/rules/glide/glide-secret-in-integration';
import { fingerprint } from '@/engine/engine';
import { describeRule, findingsOf } from '../../helpers/rule-cases';
import { glide } from '../../helpers/glide';
import { NOW, evidence } from '../../helpers/evidence';
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

// Found by mutation testing (docs/mutation.md): a key in an unknown place reads as a column value, capability keys
// count, evidence, location and identity (one per key and field).
describe('glide-secret-in-integration, cases from mutation testing', () => {
  it('wording, evidence, location, identity per key and field', () => {
    const e = glide({ secrets: [key({})] });
    const [f] = findingsOf(rule, e);
    expect(f!.message).toBe('Stripe live secret key (sk_live_…9xQz) is pasted into a Call API field (Call API → Headers) instead of a Glide Secret.');
    expect(f!.evidence).toBe('Call API → Headers: sk_live_…9xQz');
    expect(f!.location).toEqual({ kind: 'builder', name: 'Call API → Headers' });
    expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, e.origin, '0123456789abcdef:Call API → Headers'));
    expect(f!.vars).toEqual({ appId: 'AbCdEfGhIjKlMnOpQrSt' });
    const two = findingsOf(rule, glide({ secrets: [key({}), key({ field: 'Call API → Body' })] }));
    expect(two.map((x) => x.location.name).sort()).toEqual(['Call API → Body', 'Call API → Headers']);
  });
  it('a key in a place the reader could not name reads as a column value', () => {
    const [f] = findingsOf(rule, glide({ secrets: [key({ place: 'other', field: 'Somewhere → Text' })] }));
    expect(f!.messageId).toBe('column');
    expect(f!.message).toBe('Stripe live secret key (sk_live_…9xQz) is written in a column or template (Somewhere → Text): it is stored with the app’s data.');
  });
  it('the provider name is not followed by a second "key" (provider names already say key or token)', () => {
    const [f] = findingsOf(rule, glide({ secrets: [key({ place: 'ai', field: 'OpenAI → API key', providerName: 'OpenAI API key', masked: 'sk-…a1B2' })] }));
    expect(f!.message).toBe('OpenAI API key (sk-…a1B2) is pasted into an AI integration’s settings (OpenAI → API key) instead of a Glide Secret.');
    const [w] = findingsOf(rule, glide({ secrets: [key({ place: 'workflow', field: 'Workflow → Call API' })] }));
    expect(w!.message).toBe('Stripe live secret key (sk_live_…9xQz) is pasted into a workflow step (Workflow → Call API) instead of a Glide Secret.');
  });
  it('a capability (a URL or key that grants access by itself) counts like a secret, with its own severity', () => {
    const [f] = findingsOf(rule, glide({ secrets: [key({ exposure: 'capability', severity: 'high' })] }));
    expect(f!.messageId).toBe('call-api');
    expect(f!.severity).toBe('high');
  });
  it('the rule alone returns nothing without Glide builder evidence', () => {
    expect(rule.check(evidence(), { platforms: [] })).toEqual([]);
  });
});
