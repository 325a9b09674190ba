/** Deployed Glide app evidence from a logged-out visit (bubble-glide.md §5): request kinds, app id, grouping. */
import { describe, expect, it } from 'vitest';
import { glideAppIdOf, glideRequestKind } from '@/utils/glide/app-evidence';
import { glideAppFrom } from '@/entrypoints/background/glide-app';

describe('glideRequestKind', () => {
  it.each([
    ['firestore.googleapis.com/v1/projects/glide-prod/databases/(default)/documents/glide-apps-v4-data/abc/tables/_t/rows', 'firestore-rows'],
    ['firestore.googleapis.com/v1/projects/glide-prod/databases/(default)/documents/glide-apps-v4-data/abc', 'firestore-app'],
    ['api.glideapp.io/api/function/queryTables', 'api-function'],
    ['api.glideapps.com/tables', 'api-v2'],
    ['functions.prod.internal.glideapps.com/api/apps/abc/tables', 'functions'],
    ['storage.googleapis.com/glide-prod.appspot.com/uploads-v2/abc/pub/x.png', 'upload'],
    ['res.cloudinary.com/glide/image/fetch/f_auto/x', 'image'],
    ['firestore.googleapis.com/v1/projects/other/databases/x', undefined],
    ['res.cloudinary.com/acme/image/x', undefined],
  ])('%s → %s', (url, kind) => expect(glideRequestKind(url)).toBe(kind));
});

describe('glideAppIdOf', () => {
  it('from /play/<appId>', () => expect(glideAppIdOf('https://go.glideapps.com/play/AbCdEfGhIjKlMnOpQrSt/dl/0a1b2c')).toBe('AbCdEfGhIjKlMnOpQrSt'));
  it('from an upload path', () =>
    expect(glideAppIdOf('https://x.glide.page/', ['storage.googleapis.com/glide-prod.appspot.com/uploads-v2/AbCdEfGhIjKlMnOpQrSt/pub/a.png'])).toBe(
      'AbCdEfGhIjKlMnOpQrSt',
    ));
  it('none evident', () => expect(glideAppIdOf('https://x.glide.page/', ['res.cloudinary.com/glide/image/x'])).toBeUndefined());
});

describe('glideAppFrom', () => {
  it('groups requests by path, sums sizes, keeps counts only', () => {
    const rows = 'firestore.googleapis.com/v1/projects/glide-prod/databases/(default)/documents/glide-apps-v4-data/a/tables/_t/rows';
    const app = glideAppFrom(
      'https://x.glide.page/',
      {
        signIn: 'absent',
        emails: 2,
        phones: 0,
        entries: [
          { hostPath: rows, bytes: 1000 },
          { hostPath: rows, bytes: 500 },
          { hostPath: 'evil.example/x', bytes: 9 },
        ],
      },
      [],
    );
    expect(app).toEqual({ signIn: 'absent', visible: { emails: 2, phones: 0 }, requests: [{ kind: 'firestore-rows', url: rows, count: 2, bytes: 1500 }] });
  });
  it('a hostile read (bad counts) gives no evidence rather than garbage', () => {
    expect(glideAppFrom('https://x.glide.page/', { signIn: 'absent', emails: -1, phones: 0, entries: [] }, [])).toBeUndefined();
  });
});
