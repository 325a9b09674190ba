import { describe, expect, it } from 'vitest';
import { fingerprint } from '@/engine/engine';
import rule from '@/rules/bubble/bubble-app-rights-open';
import { APP_ID, hardenedApp, leakyApp, minimalApp } from '../../fixtures/bubble/app';
import { bubbleEvidence } from '../../helpers/bubble';
import { describeRule, findingsOf } from '../../helpers/rule-cases';

describeRule(rule, {
  flagged: [
    {
      name: 'any value but "private" is shown as found',
      evidence: bubbleEvidence(leakyApp()),
      messages: ['not-private'],
      severity: 'high',
      check: ([f]) => expect(f!.message).toContain('“public”'),
    },
    {
      name: 'a value naming edit: critical (editor)',
      evidence: bubbleEvidence(minimalApp({ clientSafe: { app_rights: 'everyone_can_edit' } }), 'editor'),
      messages: ['not-private'],
      severity: 'critical',
    },
  ],
  clean: [
    { name: '"private"', evidence: bubbleEvidence(minimalApp()) },
    { name: 'not in the model (no guess)', evidence: bubbleEvidence(minimalApp({ clientSafe: { app_rights: undefined } })) },
  ],
  fixed: [{ name: 'set to Private app', before: bubbleEvidence(leakyApp()), after: bubbleEvidence(hardenedApp()) }],
});

// Found by mutation testing (docs/mutation.md): the finding pinned whole, and the "edit" wording.
describe('bubble-app-rights-open, cases from mutation testing', () => {
  it('"public": high, quotes the value, points at Settings → General, keyed on app-rights', () => {
    const ev = bubbleEvidence(leakyApp());
    expect(findingsOf(rule, ev)).toEqual([
      {
        ruleId: rule.meta.id,
        title: rule.meta.title,
        severity: 'high',
        messageId: 'not-private',
        message: 'Application rights are “public”, not “private”: people outside your team can open the editor.',
        evidence: 'settings.client_safe.app_rights: "public"',
        location: { kind: 'builder', name: 'Settings → General' },
        fingerprint: fingerprint(rule.meta.id, ev.origin, 'app-rights'),
        vars: { app: APP_ID },
      },
    ]);
  });
  it('a value naming edit (any case): critical, says they can change it', () => {
    const [f] = findingsOf(rule, bubbleEvidence(minimalApp({ clientSafe: { app_rights: 'Everyone_Can_EDIT' } })));
    expect(f!.severity).toBe('critical');
    expect(f!.message).toBe('Application rights are “Everyone_Can_EDIT”, not “private”: people outside your team can open the editor and change it.');
    expect(f!.evidence).toBe('settings.client_safe.app_rights: "Everyone_Can_EDIT"');
  });
});
