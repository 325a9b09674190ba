/**
 * snapshotPage() and readGlobals() run inside the audited page (scripting.executeScript). Here they run directly in
 * happy-dom on documents built by each test.
 *
 * happy-dom notes (limitations of the test DOM, not of the collector):
 * - the page address is set with window.happyDOM.setURL();
 * - happy-dom ignores the ` i` flag of `[attr="value" i]`, so password inputs are written as type="password"
 *   (browsers match any case);
 * - happy-dom has no Resource Timing entries, so performance.getEntriesByType is stubbed;
 * - happy-dom recomputes document.baseURI by searching the whole tree on every read (about 10 ms with 30,000
 *   elements; browsers cache it), so the huge-page tests pin it to the page address;
 * - happy-dom logs an error (to Node's own console) for every <iframe src> it may not load; muted while building pages.
 */
import nodeConsole from 'node:console';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PageSnapshotSchema, TEXT_LIMITS } from '@/utils/evidence/evidence';
import { readGlobals, snapshotPage } from '@/entrypoints/background/page-snapshot';

interface Snap {
  snapshot: {
    url: string;
    title: string;
    contentType: string;
    scripts: { src?: string; integrity?: string; crossOrigin?: string; type?: string; inlineLength?: number }[];
    meta: { name?: string; httpEquiv?: string; property?: string; content: string }[];
    iframes: { src: string; sandbox?: string }[];
    forms: { action: string; method: string; hasPassword: boolean }[];
    mixedContent: { tag: string; url: string }[];
    resources: string[];
    rootAttributes: Record<string, string>;
    counts: { elements: number; scripts: number };
    truncated: boolean;
  };
  texts: { kind: string; url: string; label: string; text: string; truncated: boolean }[];
  pageCookies: Record<string, unknown>[];
  response?: { url: string; status: number; type: string; headers: [string, string][]; source: string };
  refetchError?: string;
}

const happy = (window as unknown as { happyDOM: { setURL(u: string): void; settings: Record<string, unknown> } }).happyDOM;

function page(url: string, html: string, rootAttrs: Record<string, string> = {}) {
  happy.setURL(url);
  document.title = '';
  document.head.innerHTML = '';
  const mute = vi.spyOn(nodeConsole, 'error').mockImplementation(() => undefined);
  try {
    document.body.innerHTML = html;
  } finally {
    mute.mockRestore();
  }
  for (const a of [...document.documentElement.attributes]) document.documentElement.removeAttribute(a.name);
  for (const [k, v] of Object.entries(rootAttrs)) document.documentElement.setAttribute(k, v);
}

/** The caps collect.ts passes. */
const TEXT_CAP = { perItem: TEXT_LIMITS.perFile, total: TEXT_LIMITS.perPage / 2 };

async function snap(refetch = false, textCap = TEXT_CAP): Promise<Snap> {
  return (await snapshotPage({ refetch, textCap })) as Snap;
}

/**
 * Snapshots a page and counts the element attribute reads it made: the work per element, which must stop at the
 * caps whatever the page's size. (How long it takes is measured by a benchmark, never asserted by a test.)
 */
async function snapWithReads(url: string, html: string): Promise<{ snapshot: Snap['snapshot']; reads: number }> {
  page(url, html);
  const get = vi.spyOn(Element.prototype, 'getAttribute');
  const has = vi.spyOn(Element.prototype, 'hasAttribute');
  try {
    const { snapshot } = await snap();
    return { snapshot, reads: get.mock.calls.length + has.mock.calls.length };
  } finally {
    get.mockRestore();
    has.mockRestore();
  }
}

beforeEach(() => {
  // Keep happy-dom from trying to load <script src> and <iframe src> (it has no network here).
  happy.settings.handleDisabledFileLoadingAsSuccess = true;
  happy.settings.disableIframePageLoading = true;
  // No cookieStore unless a test provides one (happy-dom has a stub that ignores document.cookie).
  vi.stubGlobal('cookieStore', undefined);
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('snapshotPage: what a page shows', () => {
  it('reads scripts with and without src / integrity, resolving relative addresses', async () => {
    page(
      'https://app.example.com/dash/index.html',
      `<script src="/static/app.js"></script>
       <script src="https://cdn.example.net/lib.js" integrity="sha384-abc" crossorigin="anonymous"></script>
       <script type="module" src="chunk.js"></script>
       <script>window.x = 12345;</script>`,
    );
    const { snapshot } = await snap();
    expect(snapshot.scripts).toEqual([
      { src: 'https://app.example.com/static/app.js', integrity: undefined, crossOrigin: undefined, type: undefined, inlineLength: undefined },
      { src: 'https://cdn.example.net/lib.js', integrity: 'sha384-abc', crossOrigin: 'anonymous', type: undefined, inlineLength: undefined },
      { src: 'https://app.example.com/dash/chunk.js', integrity: undefined, crossOrigin: undefined, type: 'module', inlineLength: undefined },
      { src: undefined, integrity: undefined, crossOrigin: undefined, type: undefined, inlineLength: 'window.x = 12345;'.length },
    ]);
    expect(snapshot.counts.scripts).toBe(4);
    expect(snapshot.truncated).toBe(false);
  });

  it('reads meta tags that have content, iframes with src, title, content type and root attributes', async () => {
    page(
      'https://app.example.com/',
      `<meta name="generator" content="Webflow">
       <meta http-equiv="Content-Security-Policy" content="default-src 'self'">
       <meta property="og:image" content="https://lovable.dev/x.png">
       <meta charset="utf-8">
       <iframe src="/embed" sandbox="allow-scripts"></iframe>
       <iframe src="https://other.example.org/widget"></iframe>
       <iframe></iframe>`,
      { lang: 'en', 'data-wf-site': 'abc123' },
    );
    document.title = 'My app';
    const { snapshot } = await snap();
    expect(snapshot.meta).toEqual([
      { name: 'generator', httpEquiv: undefined, property: undefined, content: 'Webflow' },
      { name: undefined, httpEquiv: 'Content-Security-Policy', property: undefined, content: "default-src 'self'" },
      { name: undefined, httpEquiv: undefined, property: 'og:image', content: 'https://lovable.dev/x.png' },
    ]);
    expect(snapshot.iframes).toEqual([
      { src: 'https://app.example.com/embed', sandbox: 'allow-scripts' },
      { src: 'https://other.example.org/widget', sandbox: undefined },
    ]);
    expect(snapshot.title).toBe('My app');
    expect(snapshot.contentType).toBe('text/html');
    expect(snapshot.url).toBe('https://app.example.com/');
    expect(snapshot.rootAttributes).toEqual({ lang: 'en', 'data-wf-site': 'abc123' });
  });

  it('reads forms: action (absolute, defaulting to the page), method, password fields, plain-http actions', async () => {
    page(
      'https://app.example.com/login',
      `<form action="http://app.example.com/session" method="POST"><input name="u"><input type="password" name="p"></form>
       <form action="/search"><input name="q"></form>
       <form method="post"><input type="password"></form>`,
    );
    const { snapshot } = await snap();
    expect(snapshot.forms).toEqual([
      { action: 'http://app.example.com/session', method: 'post', hasPassword: true },
      { action: 'https://app.example.com/search', method: 'get', hasPassword: false },
      { action: 'https://app.example.com/login', method: 'post', hasPassword: true },
    ]);
  });

  it('reports mixed content on an https page (any case of "http:")', async () => {
    page(
      'https://app.example.com/',
      `<script src="http://cdn.example.net/a.js"></script>
       <img src="HTTP://img.example.net/x.png">
       <link rel="stylesheet" href="http://cdn.example.net/a.css">
       <link rel="icon" href="http://cdn.example.net/favicon.ico">
       <iframe src="http://widgets.example.net/"></iframe>
       <img src="https://img.example.net/fine.png">
       <img src="//img.example.net/relative-scheme.png">`,
    );
    const { snapshot } = await snap();
    expect(snapshot.mixedContent).toEqual([
      { tag: 'script', url: 'http://cdn.example.net/a.js' },
      { tag: 'img', url: 'HTTP://img.example.net/x.png' },
      { tag: 'link', url: 'http://cdn.example.net/a.css' },
      { tag: 'iframe', url: 'http://widgets.example.net/' },
    ]);
  });

  it('reports no mixed content on a plain-http page', async () => {
    page('http://app.example.com/', '<script src="http://cdn.example.net/a.js"></script><img src="http://x.example/y.png">');
    const { snapshot } = await snap();
    expect(snapshot.mixedContent).toEqual([]);
  });

  it('lists resource entries without query or fragment, once each, and adds http: ones to mixed content', async () => {
    page('https://app.example.com/', '');
    vi.spyOn(performance, 'getEntriesByType').mockReturnValue([
      { name: 'https://abcdefghijklmnopqrst.supabase.co/rest/v1/todos?select=*', initiatorType: 'fetch' },
      { name: 'https://abcdefghijklmnopqrst.supabase.co/rest/v1/todos?select=id', initiatorType: 'fetch' },
      { name: 'http://api.example.net/v1/data#x', initiatorType: 'xmlhttprequest' },
      { name: 'http://cdn.example.net/font.woff2', initiatorType: 'css' },
    ] as unknown as PerformanceEntryList);
    const { snapshot } = await snap();
    expect(snapshot.resources).toEqual([
      'https://abcdefghijklmnopqrst.supabase.co/rest/v1/todos',
      'http://api.example.net/v1/data',
      'http://cdn.example.net/font.woff2',
    ]);
    expect(snapshot.mixedContent).toEqual([
      { tag: 'fetch', url: 'http://api.example.net/v1/data' },
      { tag: 'css', url: 'http://cdn.example.net/font.woff2' },
    ]);
  });

  it('survives a browser without Resource Timing', async () => {
    page('https://app.example.com/', '<p>hi</p>');
    vi.spyOn(performance, 'getEntriesByType').mockImplementation(() => {
      throw new Error('not supported');
    });
    const { snapshot } = await snap();
    expect(snapshot.resources).toEqual([]);
  });

  it('produces what the background accepts (PageSnapshotSchema)', async () => {
    page('https://app.example.com/', '<script src="/a.js"></script><meta name="x" content="y"><form><input type="password"></form>', { 'data-wf-page': '1' });
    const { snapshot } = await snap();
    const parsed = PageSnapshotSchema.safeParse(snapshot);
    expect(parsed.success).toBe(true);
  });
});

describe('snapshotPage: cookies visible to the page', () => {
  it('falls back to document.cookie (names only, never values) when there is no cookieStore', async () => {
    page('https://app.example.com/', '');
    document.cookie = 'snap_sid=secret-value';
    document.cookie = 'snap_theme=dark';
    const { pageCookies } = await snap();
    const names = pageCookies.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['snap_sid', 'snap_theme']));
    for (const c of pageCookies) {
      expect(c).toMatchObject({ domain: 'app.example.com', path: '/', httpOnly: false, sameSite: 'unspecified', source: 'page' });
      expect(JSON.stringify(c)).not.toContain('secret-value');
    }
    document.cookie = 'snap_sid=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
    document.cookie = 'snap_theme=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
  });

  it('uses cookieStore attributes where available (expiry in seconds, values dropped)', async () => {
    page('https://app.example.com/', '');
    vi.stubGlobal('cookieStore', {
      getAll: vi.fn(async () => [
        { name: 'sid', value: 'secret', domain: null, path: '/', secure: true, sameSite: 'Lax', expires: 1_800_000_000_000 },
        { name: 'pref', value: 'v', domain: 'example.com', path: '/app', secure: false, sameSite: 'none', expires: null },
      ]),
    });
    const { pageCookies } = await snap();
    expect(pageCookies).toEqual([
      { name: 'sid', domain: 'app.example.com', path: '/', secure: true, httpOnly: false, sameSite: 'lax', expires: 1_800_000_000, source: 'page' },
      { name: 'pref', domain: 'example.com', path: '/app', secure: false, httpOnly: false, sameSite: 'none', source: 'page' },
    ]);
  });

  it('drops a nameless cookie from cookieStore (Chromium lists `Set-Cookie: =value` with an empty name)', async () => {
    page('https://app.example.com/', '');
    vi.stubGlobal('cookieStore', {
      getAll: vi.fn(async () => [
        { name: '', value: 'novalue', domain: null, path: '/', secure: false, sameSite: 'lax', expires: null },
        { name: 'weird_session', value: '1', domain: null, path: '/', secure: false, sameSite: 'lax', expires: null },
      ]),
    });
    const { pageCookies } = await snap();
    expect(pageCookies.map((c) => c.name)).toEqual(['weird_session']);
  });

  it('reports no cookies when cookie access throws (sandboxed document)', async () => {
    page('https://app.example.com/', '');
    vi.stubGlobal('cookieStore', { getAll: vi.fn(async () => Promise.reject(new DOMException('denied', 'SecurityError'))) });
    const { pageCookies } = await snap();
    expect(pageCookies).toEqual([]);
  });
});

describe('snapshotPage: hostile pages', () => {
  // See the note at the top: happy-dom's document.baseURI is slow on huge trees, browsers' is not.
  beforeEach(() => {
    Object.defineProperty(document, 'baseURI', { configurable: true, get: () => location.href });
  });
  afterEach(() => {
    delete (document as unknown as Record<string, unknown>).baseURI;
  });

  it('30,000 scripts: bounded output, truncated, per-element work capped', async () => {
    const small = await snapWithReads('https://app.example.com/', '<script src="/s.js"></script>'.repeat(4000));
    const { snapshot, reads } = await snapWithReads('https://app.example.com/', '<script src="/s.js"></script>'.repeat(30_000));
    expect(snapshot.scripts).toHaveLength(2000);
    expect(snapshot.counts.scripts).toBe(30_000);
    expect(snapshot.truncated).toBe(true);
    // The work per element stops at the caps: 7.5 times the scripts, exactly the same attribute reads.
    expect(reads).toBe(small.reads);
    expect(JSON.stringify(snapshot).length).toBeLessThan(500_000);
  });

  it('text for the secret scanner stays within its budget', async () => {
    page('https://app.example.com/', `${'<script>var k = "x";</script>'.repeat(2000)}<p>${'y'.repeat(200_000)}</p>`);
    const { texts, snapshot } = await snap(false, { perItem: 10_000, total: 50_000 });
    expect(texts.every((t) => t.text.length <= 10_000)).toBe(true);
    expect(texts.reduce((n, t) => n + t.text.length, 0)).toBeLessThanOrEqual(50_000);
    expect(texts.find((t) => t.kind === 'html')?.truncated).toBe(true);
    expect(snapshot.truncated).toBe(true); // more than 500 inline scripts
  });

  it('50,000 elements of every kind the snapshot lists: each list capped, truncated, per-element work capped', async () => {
    const html = (each: number) =>
      '<meta name="m" content="c">'.repeat(each) +
      '<iframe src="/f"></iframe>'.repeat(each) +
      '<form action="http://app.example.com/x"><input type="password"></form>'.repeat(each / 2) +
      '<img src="http://img.example.net/p.png">'.repeat(each) +
      '<div></div>'.repeat(each);
    const small = await snapWithReads('https://app.example.com/', html(1000));
    const { snapshot, reads } = await snapWithReads('https://app.example.com/', html(10_000));
    expect(snapshot.counts.elements).toBeGreaterThanOrEqual(50_000);
    expect(snapshot.meta).toHaveLength(200);
    expect(snapshot.iframes).toHaveLength(200);
    expect(snapshot.forms).toHaveLength(200);
    expect(snapshot.mixedContent).toHaveLength(200);
    expect(snapshot.truncated).toBe(true);
    // Ten times the elements, exactly the same attribute reads: nothing walks every element of the page.
    expect(reads).toBe(small.reads);
    expect(JSON.stringify(snapshot).length).toBeLessThan(500_000);
  });

  it('more than 300 distinct resources: capped and truncated', async () => {
    page('https://app.example.com/', '');
    vi.spyOn(performance, 'getEntriesByType').mockReturnValue(
      Array.from({ length: 5000 }, (_, i) => ({ name: `https://app.example.com/r/${i}.js`, initiatorType: 'script' })) as unknown as PerformanceEntryList,
    );
    const { snapshot } = await snap();
    expect(snapshot.resources).toHaveLength(300);
    expect(snapshot.truncated).toBe(true);
  });

  it('huge attribute values are cut', async () => {
    page(
      'https://app.example.com/',
      `<script src="/${'a'.repeat(100_000)}.js" integrity="${'b'.repeat(10_000)}"></script><meta name="n" content="${'c'.repeat(50_000)}">`,
      {
        'data-x': 'd'.repeat(10_000),
      },
    );
    const { snapshot } = await snap();
    expect(snapshot.scripts[0]!.src!.length).toBeLessThanOrEqual(4096);
    expect(snapshot.scripts[0]!.integrity!.length).toBeLessThanOrEqual(1024);
    expect(snapshot.meta[0]!.content.length).toBeLessThanOrEqual(8192);
    expect(snapshot.rootAttributes['data-x']!.length).toBeLessThanOrEqual(256);
  });
});

describe('snapshotPage: re-reading the page headers (refetch)', () => {
  function fakeResponse(cancel = vi.fn(async () => undefined)) {
    return {
      url: 'https://app.example.com/final',
      status: 200,
      headers: new Headers([
        ['content-security-policy', "default-src 'self'"],
        ['x-frame-options', 'DENY'],
      ]),
      body: { cancel },
    };
  }

  it('does not fetch unless asked', async () => {
    page('https://app.example.com/', '');
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    const out = await snap(false);
    expect(fetchMock).not.toHaveBeenCalled();
    expect(out.response).toBeUndefined();
    expect(out.refetchError).toBeUndefined();
  });

  it('captures the headers, with credentials and without cache, and cancels the body', async () => {
    page('https://app.example.com/app?tab=1', '');
    const cancel = vi.fn(async () => undefined);
    const fetchMock = vi.fn(async () => fakeResponse(cancel));
    vi.stubGlobal('fetch', fetchMock);
    const out = await snap(true);
    expect(fetchMock).toHaveBeenCalledWith('https://app.example.com/app?tab=1', expect.objectContaining({ credentials: 'include', cache: 'no-store' }));
    expect(out.response).toEqual({
      url: 'https://app.example.com/final',
      status: 200,
      type: 'main_frame',
      headers: [
        ['content-security-policy', "default-src 'self'"],
        ['x-frame-options', 'DENY'],
      ],
      source: 'refetch',
    });
    expect(cancel).toHaveBeenCalledTimes(1);
    expect(out.refetchError).toBeUndefined();
  });

  it('a network error becomes refetchError, not a throw', async () => {
    page('https://app.example.com/', '');
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const out = await snap(true);
    expect(out.refetchError).toBe('Failed to fetch');
    expect(out.response).toBeUndefined();
    expect(out.snapshot.url).toBe('https://app.example.com/');
  });

  it('a server that never answers is aborted by the timeout: refetchError, not a throw or a hang', async () => {
    vi.useFakeTimers();
    page('https://app.example.com/', '');
    vi.stubGlobal(
      'fetch',
      vi.fn(
        (_url: string, init: RequestInit) =>
          new Promise((_resolve, reject) => {
            init.signal!.addEventListener('abort', () => reject(new DOMException('This operation was aborted', 'AbortError')));
          }),
      ),
    );
    const p = snap(true);
    let settled = false;
    void p.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(2000);
    expect(settled).toBe(false);
    // Well within the 4 s the background waits for the whole script (collect.ts), so the rest of the snapshot arrives.
    await vi.advanceTimersByTimeAsync(1500);
    expect(settled).toBe(true);
    const out = await p;
    expect(out.refetchError).toMatch(/abort/i);
    expect(out.response).toBeUndefined();
  });

  it('a huge number of headers is bounded', async () => {
    page('https://app.example.com/', '');
    const headers = new Headers();
    for (let i = 0; i < 500; i++) headers.set(`x-h-${i}`, 'v'.repeat(20_000));
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => ({ url: '', status: 200, headers, body: null })),
    );
    const out = await snap(true);
    expect(out.response!.headers).toHaveLength(200);
    expect(out.response!.headers.every(([, v]) => v.length <= 8192)).toBe(true);
    expect(out.response!.url).toBe('https://app.example.com/');
  });
});

describe('readGlobals', () => {
  const defined: string[] = [];
  function define(name: string, descriptor: PropertyDescriptor) {
    Object.defineProperty(window, name, { configurable: true, ...descriptor });
    defined.push(name);
  }
  afterEach(() => {
    for (const n of defined.splice(0)) delete (window as unknown as Record<string, unknown>)[n];
  });

  it('reports presence, and short string or number values', () => {
    define('bubble_version', { value: '1.2.3', writable: true });
    define('_bubble_page_load_data', { value: { huge: 'object' }, writable: true });
    define('appquery', { value: 42, writable: true });
    define('supabase', { value: 'x'.repeat(1000), writable: true });
    const out = readGlobals(['bubble_version', '_bubble_page_load_data', 'appquery', 'supabase', 'firebase']);
    expect(out).toEqual({ bubble_version: '1.2.3', _bubble_page_load_data: true, appquery: '42', supabase: 'x'.repeat(128) });
  });

  it('never calls getters: a throwing getter and a looping getter only count as present', () => {
    const throwing = vi.fn(() => {
      throw new Error('gotcha');
    });
    // Stands in for a getter that never returns (`for (;;) {}`): calling it at all is the failure, so the test
    // counts calls; a real endless getter would hang the test until its timeout.
    const looping = vi.fn(() => 'never');
    define('Webflow', { get: throwing });
    define('firebase', { get: looping });
    const out = readGlobals(['Webflow', 'firebase']);
    expect(throwing).not.toHaveBeenCalled();
    expect(looping).not.toHaveBeenCalled();
    expect(out).toEqual({ Webflow: true, firebase: true });
  });

  it('a Proxy value whose traps throw is only reported as present', () => {
    const trap = vi.fn(() => {
      throw new Error('trap');
    });
    define('__FIREBASE_DEFAULTS__', { value: new Proxy({}, { get: trap, has: trap, ownKeys: trap, getPrototypeOf: trap }), writable: true });
    expect(readGlobals(['__FIREBASE_DEFAULTS__'])).toEqual({ __FIREBASE_DEFAULTS__: true });
    expect(trap).not.toHaveBeenCalled();
  });

  it('reads at most 50 names', () => {
    const names = Array.from({ length: 80 }, (_, i) => `g_${i}`);
    for (const n of names) define(n, { value: 1, writable: true });
    expect(Object.keys(readGlobals(names))).toHaveLength(50);
  });
});
