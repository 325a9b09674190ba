import { expect } from 'vitest';
import rule from '@/rules/glide/glide-app-downloads';
import { describeRule } from '../../helpers/rule-cases';
import { glideApp } from '../../helpers/glide';

const ROWS = {
  kind: 'firestore-rows' as const,
  url: 'firestore.googleapis.com/v1/projects/glide-prod/databases/(default)/documents/glide-apps-v4-data/x/tables/_t/rows',
  count: 3,
  bytes: 48_000,
};

describeRule(rule, {
  flagged: [
    {
      name: 'logged-out visit fetched Firestore rows',
      evidence: glideApp({ requests: [ROWS] }),
      messages: ['downloads'],
      check: ([f]) => expect(f!.message).toContain('47 KB'),
    },
  ],
  clean: [
    { name: 'only images and uploads', evidence: glideApp({ requests: [{ kind: 'image', url: 'res.cloudinary.com/glide/image/fetch/x', count: 5 }] }) },
    { name: 'sign-in screen shown', evidence: glideApp({ signIn: 'shown', requests: [ROWS] }) },
  ],
  fixed: [{ name: 'app made private: no rows before sign-in', before: glideApp({ requests: [ROWS] }), after: glideApp({ signIn: 'shown', requests: [] }) }],
});
