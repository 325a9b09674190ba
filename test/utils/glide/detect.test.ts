/**
 * Our own Glide fingerprint (bubble-glide.md §5): Glide's hosts and /play/<appId> on the builder's host, custom
 * domains only by Glide's assets AND data hosts together; pages that merely look like Glide get nothing.
 */
import { describe, expect, it } from 'vitest';
import { glideSignals, isGlideApp } from '@/utils/glide/detect';
import { detectPlatforms } from '@/utils/platform/detect';
import { onBuilderHost } from '@/utils/platform/builders';
import { evidence } from '../../helpers/evidence';

const UPLOAD = 'storage.googleapis.com/glide-prod.appspot.com/uploads-v2/AbCdEfGhIjKlMnOpQrSt/pub/x.png';
const QUERY = 'api.glideapp.io/api/function/queryTables';
const ROWS = 'firestore.googleapis.com/v1/projects/glide-prod/databases/(default)/documents/glide-apps-v4-data/AbCdEfGhIjKlMnOpQrSt/tables/_t/rows';
const glide = (url: string, resources: string[] = []) =>
  detectPlatforms(evidence({ url, page: { resources: resources.map((r) => `https://${r}`) } })).find((d) => d.id === 'glide');

describe('isGlideApp', () => {
  it.each([
    'https://tinyshop.glide.page/dl/a1b2c3',
    'https://tinyshop.glideapp.io/',
    'https://go.glideapps.com/play/AbCdEfGhIjKlMnOpQrSt',
    'https://go.glideapps.com/play/AbCdEfGhIjKlMnOpQrSt/dl/0a1b2c',
  ])('Glide host %s', (url) => {
    expect(isGlideApp(url, [])).toBe(true);
  });
  it('custom domain with Glide uploads and Glide data requests', () => expect(isGlideApp('https://orders.example.org/', [UPLOAD, QUERY])).toBe(true));
  it('custom domain with Cloudinary/glide images and Firestore glide-prod rows', () =>
    expect(isGlideApp('https://app.example.org/', ['res.cloudinary.com/glide/image/fetch/f_auto/x', ROWS])).toBe(true));
  it.each([
    ['the builder itself', 'https://go.glideapps.com/app/AbCdEfGhIjKlMnOpQrSt/data', []],
    ['glide.page not at the end of the host', 'https://glide.page.evil.example/', []],
    ['one Glide image embedded in a blog', 'https://blog.example.org/', ['res.cloudinary.com/glide/image/fetch/x']],
    ['a page impersonating Glide with a data URL only', 'https://evil.example/', [QUERY]],
    ['Glide.js slider from a CDN', 'https://slides.example.org/', ['cdn.jsdelivr.net/npm/@glidejs/glide/dist/glide.min.js']],
    ['Glide Data Grid library from unpkg', 'https://grid.example.org/', ['unpkg.com/@glideapps/glide-data-grid/dist/index.js']],
    [
      'another Firebase project',
      'https://app.example.org/',
      ['firestore.googleapis.com/v1/projects/my-prod/databases/(default)/documents/x', 'storage.googleapis.com/my-prod.appspot.com/x'],
    ],
  ])('not Glide: %s', (_, url, paths) => expect(isGlideApp(url as string, paths as string[])).toBe(false));
  it('lists which kinds of signal it saw', () => expect([...glideSignals('https://x.example/', [UPLOAD])]).toEqual(['assets']));
});

describe('detectPlatforms: Glide fingerprint', () => {
  it('/play/<appId> on go.glideapps.com is a deployed Glide app (high)', () =>
    expect(glide('https://go.glideapps.com/play/AbCdEfGhIjKlMnOpQrSt')?.confidence).toBe('high'));
  it('other go.glideapps.com pages (sign-in, marketing) are not called a deployed Glide app by address', () =>
    expect(glide('https://go.glideapps.com/signin')?.confidence).not.toBe('high'));
  it('custom domain: uploads + data API are page-chosen signals: low, never high (isGlideApp needs both for the Glide checks)', () => {
    expect(glide('https://orders.example.org/', [UPLOAD, QUERY])?.confidence).toBe('low');
    expect(glide('https://orders.example.org/', [UPLOAD, QUERY])?.signals).toEqual(['loads from storage.googleapis.com']);
  });
  it('never window.Glide (the slider library)', () =>
    expect(detectPlatforms(evidence({ globals: { Glide: true } })).find((d) => d.id === 'glide')).toBeUndefined());
});

describe('onBuilderHost', () => {
  it('the builder and Glide’s other pages are builder host; /play/ apps are deployed apps', () => {
    expect(onBuilderHost('https://go.glideapps.com/app/AbCdEfGhIjKlMnOpQrSt/data')).toBe(true);
    expect(onBuilderHost('https://go.glideapps.com/')).toBe(true);
    expect(onBuilderHost('https://go.glideapps.com/play/AbCdEfGhIjKlMnOpQrSt')).toBe(false);
  });
});

describe('platformVars: Glide app id for the builder links', () => {
  it('from the builder URL and from a deployed app’s evidence', async () => {
    const { platformVars } = await import('@/utils/platform/detect');
    const { glide, glideApp } = await import('../../helpers/glide');
    expect(platformVars(glide()).appId).toBe('AbCdEfGhIjKlMnOpQrSt');
    expect(platformVars(glideApp({ appId: 'ZyXwVuTsRqPoNmLkJiHg' }, 'https://go.glideapps.com/play/ZyXwVuTsRqPoNmLkJiHg')).appId).toBe('ZyXwVuTsRqPoNmLkJiHg');
    expect(platformVars(glideApp({}, 'https://orders.example.org/')).appId).toBeUndefined();
  });
});
