import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { TEXT_LIMITS } from '@/utils/evidence/evidence';
import { clearBundleCache, fetchBundles, readCapped } from '@/entrypoints/background/bundles';

const PAGE = 'https://app.example.com/';

function body(text: string, chunk = 64 * 1024): Response {
  let i = 0;
  const enc = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    pull(ctrl) {
      if (i >= text.length) return ctrl.close();
      ctrl.enqueue(enc.encode(text.slice(i, i + chunk)));
      i += chunk;
    },
  });
  return new Response(stream, { status: 200 });
}

beforeEach(() => clearBundleCache());
afterEach(() => vi.unstubAllGlobals());

describe('readCapped', () => {
  it('stops downloading at the cap and says it was cut', async () => {
    const res = body('x'.repeat(3 * 1024 * 1024));
    const r = await readCapped(res, 1024 * 1024);
    expect(r.text.length).toBe(1024 * 1024);
    expect(r.truncated).toBe(true);
  });
  it('reads a small file whole', async () => {
    expect(await readCapped(body('var a=1;'), 100)).toEqual({ text: 'var a=1;', truncated: false });
  });
});

describe('fetchBundles', () => {
  it('downloads CDN and same-origin scripts, caps each file, and caches them', async () => {
    const fetchMock = vi.fn(async (url: string) => body(url.endsWith('big.js') ? 'y'.repeat(TEXT_LIMITS.perFile + 10) : `/*${url}*/`));
    vi.stubGlobal('fetch', fetchMock);
    const urls = ['https://cdn.example.net/lib.js', `${PAGE}big.js`, `${PAGE}app.js#x`, 'data:text/javascript,1'];
    const r = await fetchBundles(1, PAGE, urls);
    expect(r.files.map((f) => f.url)).toEqual(['https://cdn.example.net/lib.js', `${PAGE}big.js`, `${PAGE}app.js`]);
    expect(r.files[1]!.truncated).toBe(true);
    expect(r.files[1]!.text.length).toBe(TEXT_LIMITS.perFile);
    await fetchBundles(1, PAGE, urls);
    expect(fetchMock).toHaveBeenCalledTimes(3); // second audit served from the cache
  });

  it('falls back to fetching same-origin files inside the page when the background may not', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const executeScript = vi.fn(async () => [{ result: [{ url: `${PAGE}app.js`, text: 'var k=1', truncated: false }] }]);
    fakeBrowser.scripting = { executeScript } as never;
    const r = await fetchBundles(7, PAGE, [`${PAGE}app.js`, 'https://cdn.example.net/x.js']);
    expect(r.files).toEqual([{ url: `${PAGE}app.js`, text: 'var k=1', truncated: false }]);
    expect(r.skipped).toEqual([{ url: 'https://cdn.example.net/x.js', reason: expect.stringContaining('could not be read'), firstParty: false }]);
    expect(executeScript).toHaveBeenCalledWith(expect.objectContaining({ target: { tabId: 7 } }));
  });

  it('ignores what the page answers for files it was not asked about', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('no'))),
    );
    fakeBrowser.scripting = {
      executeScript: vi.fn(async () => [
        {
          result: [
            { url: 'https://evil.example/x.js', text: 'z' },
            { url: `${PAGE}a.js`, error: 'HTTP 404' },
          ],
        },
      ]),
    } as never;
    const r = await fetchBundles(1, PAGE, [`${PAGE}a.js`]);
    expect(r.files).toEqual([]);
    expect(r.skipped).toEqual([{ url: `${PAGE}a.js`, reason: 'could not be downloaded (HTTP 404)', firstParty: true }]);
  });

  it('skips scripts beyond the per-page file count', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (u: string) => body(u)),
    );
    const urls = Array.from({ length: TEXT_LIMITS.files + 5 }, (_, i) => `${PAGE}s${i}.js`);
    const r = await fetchBundles(1, PAGE, urls);
    expect(r.files.length).toBe(TEXT_LIMITS.files);
    expect(r.skipped.length).toBe(5);
  });
});

describe('fetchBundles against a hostile page (issue 10 items 1 and 3)', () => {
  it('never fetches an internal address the page names, unless it is the page’s own host', async () => {
    const fetchMock = vi.fn(async (u: string) => body(`/*${u}*/`));
    vi.stubGlobal('fetch', fetchMock);
    const internal = [
      'http://10.0.0.1/a.js',
      'http://169.254.169.254/latest/meta-data/x.js',
      'http://[fd00::1]/b.js',
      'http://127.0.0.1:8080/admin/config.js',
      'http://localhost:3000/c.js',
    ];
    const r = await fetchBundles(
      1,
      PAGE,
      internal.map((url) => ({ url, loaded: true })),
    );
    expect(fetchMock).not.toHaveBeenCalled();
    expect(r.skipped.map((s) => s.reason)).toEqual(internal.map(() => 'an internal network address: never fetched'));
    expect(r.skipped.every((s) => !s.firstParty)).toBe(true);
    // Auditing the internal host itself reads its own scripts.
    const own = await fetchBundles(1, 'http://192.168.1.5:3000/', [{ url: 'http://192.168.1.5:3000/main.js', loaded: true }]);
    expect(own.files.map((f) => f.url)).toEqual(['http://192.168.1.5:3000/main.js']);
  });

  it('fetches other sites’ scripts only when the page loaded them; its own site’s listed files too', async () => {
    const fetchMock = vi.fn(async (u: string) => body(`/*${u}*/`));
    vi.stubGlobal('fetch', fetchMock);
    const r = await fetchBundles(1, PAGE, [
      { url: 'https://cdn.example.net/listed.js', loaded: false },
      { url: 'https://cdn.example.net/loaded.js', loaded: true },
      { url: `${PAGE}own-listed.js`, loaded: false },
    ]);
    expect(r.files.map((f) => f.url).sort()).toEqual([`${PAGE}own-listed.js`, 'https://cdn.example.net/loaded.js']);
    expect(r.skipped).toEqual([
      { url: 'https://cdn.example.net/listed.js', reason: 'named in the page but never loaded by it: not fetched', firstParty: false },
    ]);
  });

  it('re-reads inside the page a same-origin bundle whose size differs from what the page received (cloaking)', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => body('window.app={};')),
    ); // what a server shows the extension
    const real = 'window.app={pay:"a key only the page gets"};';
    const executeScript = vi.fn(async () => [{ result: [{ url: `${PAGE}app.js`, text: real, truncated: false }] }]);
    fakeBrowser.scripting = { executeScript } as never;
    const r = await fetchBundles(3, PAGE, [{ url: `${PAGE}app.js`, loaded: true, size: new TextEncoder().encode(real).length }]);
    expect(executeScript).toHaveBeenCalled();
    expect(r.files).toEqual([{ url: `${PAGE}app.js`, text: real, truncated: false }]);
    expect(r.skipped).toEqual([]);
  });

  it('reports a bundle still served differently as partly scanned, keeping what it read', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => body('window.app={};')),
    );
    fakeBrowser.scripting = { executeScript: vi.fn(async () => [{ result: [{ url: `${PAGE}app.js`, text: 'window.app={};', truncated: false }] }]) } as never;
    const r = await fetchBundles(3, PAGE, [{ url: `${PAGE}app.js`, loaded: true, size: 5000 }]);
    expect(r.files).toHaveLength(1);
    expect(r.skipped).toEqual([
      {
        url: `${PAGE}app.js`,
        reason: expect.stringMatching(/^served differently to the auditor \(14 bytes\) than to the page \(5000 bytes\)/),
        firstParty: true,
      },
    ]);
  });

  it('an unreadable third-party file (CORS) is not the site’s own', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const r = await fetchBundles(1, PAGE, [
      { url: 'https://cdn.other.net/x.js', loaded: true },
      { url: 'https://static.app.example.com/y.js', loaded: true },
    ]);
    expect(r.skipped.map((s) => [s.url, s.firstParty])).toEqual([
      ['https://cdn.other.net/x.js', false],
      ['https://static.app.example.com/y.js', true],
    ]);
  });
});
