import { describe, expect, it } from 'vitest';
import { fingerprint } from '@/engine/engine';
import { resolveGuide } from '@/engine/fix';
import rule from '@/rules/bubble/bubble-dev-version-open';
import { hardenedApp, leakyApp, minimalApp } from '../../fixtures/bubble/app';
import { bubbleEvidence } from '../../helpers/bubble';
import { describeRule, findingsOf } from '../../helpers/rule-cases';

describeRule(rule, {
  flagged: [
    { name: 'pw_protection false', evidence: bubbleEvidence(leakyApp()), messages: ['no-password'] },
    {
      name: 'pw_protection absent (editor)',
      evidence: bubbleEvidence(minimalApp({ clientSafe: { pw_protection: undefined } }), 'editor'),
      messages: ['no-password'],
    },
  ],
  clean: [
    { name: 'protected', evidence: bubbleEvidence(minimalApp()) },
    { name: 'no client-safe settings in the model: not checked', evidence: bubbleEvidence({ user_types: {}, settings: {} }) },
  ],
  fixed: [{ name: 'turning on Limit access', before: bubbleEvidence(leakyApp()), after: bubbleEvidence(hardenedApp()) }],
});

// Found by mutation testing (docs/mutation.md): severity, wording, evidence, location and the guide's deep-link values.
describe('bubble-dev-version-open, cases from mutation testing', () => {
  it('password off: medium, says so, quotes the setting, points at Settings → General', () => {
    const ev = bubbleEvidence(leakyApp());
    const [f] = findingsOf(rule, ev);
    expect(f!.severity).toBe('medium');
    expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, ev.origin, 'pw-protection'));
    expect(f!.message).toBe('Password protection is off: anyone can open the development version (/version-test) and its test data.');
    expect(f!.evidence).toBe('settings.client_safe.pw_protection: false');
    expect(f!.location).toEqual({ kind: 'builder', name: 'Settings → General' });
    expect(f!.vars).toBeDefined();
  });
  it('password setting absent: the evidence says (absent)', () => {
    const [f] = findingsOf(rule, bubbleEvidence(minimalApp({ clientSafe: { pw_protection: undefined } }), 'editor'));
    expect(f!.evidence).toBe('settings.client_safe.pw_protection: (absent)');
  });
  it('the guide names the three settings to change', () => {
    const steps = resolveGuide(rule.meta.fix, [], {}).primary.steps;
    expect(steps).toHaveLength(4);
    for (const s of steps.slice(0, 3)) expect(s).toMatch(/“.+”|Open .+\./);
  });
});
