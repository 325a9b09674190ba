import { expect } from 'vitest';
import rule from '@/rules/glide/glide-screen-unreadable';
import { describeRule } from '../../helpers/rule-cases';
import { glide } from '../../helpers/glide';
import { NOW } from '../../helpers/evidence';

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
