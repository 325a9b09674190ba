import { describe, expect, it } from 'vitest';
import rule from '@/rules/glide/glide-app-downloads';
import { fingerprint } from '@/engine/engine';
import { describeRule, findingsOf } from '../../helpers/rule-cases';
import { evidence } from '../../helpers/evidence';
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

// Found by mutation testing (docs/mutation.md): wording without a size, the kinds list, the evidence line (data
// requests only, at most four), location and identity.
describe('glide-app-downloads, cases from mutation testing', () => {
  const req = (kind: 'firestore-rows' | 'firestore-app' | 'api-function' | 'api-v2' | 'functions' | 'image' | 'upload', path: string, count = 1) => ({
    kind,
    url: `api.glideapp.io/${path}`,
    count,
  });
  it('no sizes known: the message has no size part; the kinds are listed with commas', () => {
    const [f] = findingsOf(rule, glideApp({ requests: [req('firestore-rows', 'rows', 2), req('api-function', 'api/function/queryTables', 3)] }));
    expect(f!.message).toBe(
      'Without signing in, the page downloaded table data: 5 request(s) to firestore-rows, api-function. Anything in those tables is readable by anyone with the link.',
    );
    expect(f!.severity).toBe('medium');
    expect(f!.evidence).toBe('api.glideapp.io/rows ×2; api.glideapp.io/api/function/queryTables ×3');
  });
  it('the evidence lists the first four data requests, never images or uploads', () => {
    const e = glideApp({
      requests: [
        req('image', 'img-1', 9),
        req('upload', 'upload-1', 8),
        req('firestore-rows', 'a'),
        req('image', 'img-2'),
        req('firestore-app', 'b', 2),
        req('api-v2', 'c', 3),
        req('upload', 'upload-2'),
        req('functions', 'd', 4),
        req('api-function', 'e', 5),
      ],
    });
    const [f] = findingsOf(rule, e);
    expect(f!.evidence).toBe('api.glideapp.io/a ×1; api.glideapp.io/b ×2; api.glideapp.io/c ×3; api.glideapp.io/d ×4');
    expect(f!.message).toContain('15 request(s) to firestore-rows, firestore-app, api-v2, functions, api-function.');
    expect(f!.location).toEqual({ kind: 'request', url: 'https://tinyshop.glide.page/dl/a1b2c3' });
    expect(f!.fingerprint).toBe(fingerprint(rule.meta.id, e.origin, 'downloads'));
    expect(f!.vars).toEqual({});
  });
  it('the app id, when evident, feeds the Data tab link', () => {
    const [f] = findingsOf(rule, glideApp({ appId: 'AbCdEfGhIjKlMnOpQrSt', requests: [ROWS] }));
    expect(f!.vars).toEqual({ appId: 'AbCdEfGhIjKlMnOpQrSt' });
  });
  it('the rule alone returns nothing without a Glide app visit', () => {
    expect(rule.check(evidence(), { platforms: [] })).toEqual([]);
  });
});
