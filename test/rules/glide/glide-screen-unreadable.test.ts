import { describe, expect, it } from 'vitest';
import rule from '@/rules/glide/glide-screen-unreadable';
import { fingerprint } from '@/engine/engine';
import { describeRule, findingsOf } from '../../helpers/rule-cases';
import { glide } from '../../helpers/glide';
import type { GlideScreen } from '@/utils/glide/constants';
import { NOW, evidence } from '../../helpers/evidence';

const screen = (s: 'access' | 'users' | 'data', status: 'read' | 'unreadable', missing?: string) => ({
  screen: s,
  status,
  ...(missing ? { missing } : {}),
  seenAt: NOW,
});

describeRule(rule, {
  flagged: [
    {
      name: 'half-rendered Access screen: says what was missing and what to check by hand',
      evidence: glide({ screens: [screen('access', 'unreadable', 'the Public / Private options under "Access"')] }),
      messages: ['unreadable'],
      severity: 'info',
      check: ([f]) => expect(f!.message).toContain('Allow visitors to request access'),
    },
    {
      name: 'the Users screen (no documented wording)',
      evidence: glide({ screens: [screen('users', 'unreadable', 'no public source documents its wording')] }),
      messages: ['unreadable'],
    },
  ],
  clean: [{ name: 'every screen read', evidence: glide({ screens: [screen('access', 'read'), screen('data', 'read')] }) }],
  fixed: [
    {
      name: 'screen reopened once loaded',
      before: glide({ screens: [screen('access', 'unreadable', 'x')] }),
      after: glide({ screens: [screen('access', 'read')] }),
    },
  ],
});

// Found by mutation testing (docs/mutation.md): what to check by hand on each of the seven screens, the wording when
// the reader did not say what was missing, evidence lines, locations and identities.
describe('glide-screen-unreadable, cases from mutation testing', () => {
  const BY_HAND: [GlideScreen, string, string][] = [
    ['access', 'Settings → Access', 'is the app Public or Private, who can sign in, and is "Allow visitors to request access" on'],
    [
      'data',
      'Data',
      'which tables hold emails, phone numbers or notes about people, and whether each email column’s menu offers "Make Row Owner" (then it is not one)',
    ],
    ['workflows', 'Workflows', 'is there a Schedule workflow with a "Delete row" step for tables with personal data'],
    ['users', 'Users', 'who can sign in (the Users table in the Data tab and Settings → Access), and whether anyone listed should not'],
    [
      'secrets',
      'Secrets',
      'that every key your Call API and AI integrations use is listed here by name (saved values cannot be read back), not pasted into a field',
    ],
    ['integrations', 'Integrations', 'that no key is pasted into a Call API header or body or an AI integration’s settings'],
    [
      'api',
      'Data → Show API',
      'that the team-wide token shown there (a UUID, Bearer token) is not pasted into any app, column, Call API header or integration',
    ],
  ];
  for (const [s, name, check] of BY_HAND) {
    it(`${s}: names the screen and what to check there; without a reason, says the wording was not on screen`, () => {
      const e = glide({ screens: [{ screen: s, status: 'unreadable', seenAt: NOW }] });
      const [f, ...rest] = findingsOf(rule, e);
      expect(rest).toEqual([]);
      expect(f!.message).toBe(`Could not read the ${name} screen (its documented wording was not on screen). Check it by hand: ${check}.`);
      expect(f!.evidence).toBe(`${name}: unreadable`);
      expect(f!.location).toEqual({ kind: 'builder', name });
      expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, e.origin, `screen:${s}`));
      expect(f!.vars).toEqual({ appId: 'AbCdEfGhIjKlMnOpQrSt' });
    });
  }
  it('with a reason: the reason is in the message and the evidence', () => {
    const [f] = findingsOf(rule, glide({ screens: [screen('data', 'unreadable', 'the table list')] }));
    expect(f!.message).toContain('Could not read the Data screen (the table list). Check it by hand: ');
    expect(f!.evidence).toBe('Data: the table list');
  });
  it('the rule alone returns nothing without Glide builder evidence', () => {
    expect(rule.check(evidence(), { platforms: [] })).toEqual([]);
  });
});
