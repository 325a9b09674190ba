import { describe, expect, it } from 'vitest';
import rule from '@/rules/glide/glide-team-token';
import { fingerprint } from '@/engine/engine';
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

const FP = 'fedcba9876543210';
const shown = { teamTokens: [{ fingerprint: FP, masked: '…16AF', seenAt: NOW }], apiPanel: { shape: 'uuid' as const, seenAt: NOW } };
const cell = (fingerprint = FP, field = 'Orders → Notes') => ({ fingerprint, place: 'column' as const, field, seenAt: NOW });

describeRule(rule, {
  flagged: [
    { name: 'team token in a Call API header', evidence: glide({ secrets: [token()] }), messages: ['team-token'], severity: 'critical' },
    {
      name: 'the token "Show API" showed, pasted into a column’s cells (found by fingerprint, whatever host)',
      evidence: glide({ ...shown, tokenCandidates: [cell()] }),
      messages: ['team-token-copied'],
      severity: 'critical',
    },
    {
      name: '"Show API" showed a token that is not a UUID: say what cannot be matched',
      evidence: glide({ apiPanel: { shape: 'other', seenAt: NOW } }),
      messages: ['token-shape'],
      severity: 'info',
    },
  ],
  clean: [
    { name: 'another provider’s key', evidence: glide({ secrets: [token({ provider: 'stripe-secret-key', providerName: 'Stripe' })] }) },
    { name: 'the team token only in "Show API" (where it belongs)', evidence: glide(shown) },
    { name: 'a UUID in a cell that is not the team token', evidence: glide({ ...shown, tokenCandidates: [cell('0123456789abcdef')] }) },
    { name: 'a token-shaped value but "Show API" never read', evidence: glide({ tokenCandidates: [cell()] }) },
  ],
  fixed: [
    { name: 'token removed from the header', before: glide({ secrets: [token()] }), after: glide({ secrets: [] }) },
    { name: 'token removed from the column', before: glide({ ...shown, tokenCandidates: [cell()] }), after: glide(shown) },
  ],
});

describe('glide-team-token, both detectors on one copy', () => {
  it('a copy found by the key detector and by fingerprint is one finding', () => {
    const e = glide({ ...shown, secrets: [token({ field: 'Call API → Headers' })], tokenCandidates: [cell(FP, 'Call API → Headers')] });
    const found = rule.check(e, { platforms: [] });
    expect(found.map((f) => f.messageId)).toEqual(['team-token']);
    expect(JSON.stringify(found)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/i);
  });
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

// Found by mutation testing, second run (docs/mutation.md, "Run G"): the copied-token and token-shape findings'
// evidence, locations and identities.
describe('glide-team-token, more cases from mutation testing', () => {
  it('a copy found by fingerprint: masked as "Show API" showed it, located at the cell', () => {
    const e = glide({ ...shown, tokenCandidates: [cell()] });
    const [f] = findingsOf(rule, e);
    expect(f!.message).toBe(
      'The team-wide token that "Show API" shows (…16AF) is also in Orders → Notes: whoever reads it can read and write every app and table of your team.',
    );
    expect(f!.evidence).toBe('Orders → Notes: …16AF');
    expect(f!.location).toEqual({ kind: 'builder', name: 'Orders → Notes' });
    expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, e.origin, `${FP}:Orders → Notes`));
  });
  it('a token that is not UUID-shaped: info, on Data → Show API', () => {
    const e = glide({ apiPanel: { shape: 'other', seenAt: NOW } });
    const [f] = findingsOf(rule, e);
    expect(f!.evidence).toBe('Data → Show API: token not UUID-shaped');
    expect(f!.location).toEqual({ kind: 'builder', name: 'Data → Show API' });
    expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, e.origin, 'token-shape'));
    expect(f!.vars).toEqual({ appId: 'AbCdEfGhIjKlMnOpQrSt' });
  });
});
