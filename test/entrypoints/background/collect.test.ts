/** collect.ts: which collectors run, how their failures become gaps, and how their output is turned into Evidence. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { EvidenceSchema, type EvidenceInput, type HttpResponse } from '@/utils/evidence/evidence';
import { collectEvidence } from '@/entrypoints/background/collect';
import { readGlobals, snapshotPage } from '@/entrypoints/background/page-snapshot';
import { fakeResponse, hangingFetch, mockApis, mockWebRequest, restoreApis, snapshot as pageSnapshot } from './mocks';

const PAGE = 'https://app.example.com/dashboard';
const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
const NOW_S = Math.floor(NOW / 1000);
let tabSeq = 100;

const snapshot = (over: Record<string, unknown> = {}) => pageSnapshot(PAGE, over);

type ExecDetails = { target: { tabId: number }; func: unknown; args: unknown[]; world?: string };

let executeScript: ReturnType<typeof vi.fn>;
let getAll: ReturnType<typeof vi.fn>;
let contains: ReturnType<typeof vi.fn>;
let updateSessionRules: ReturnType<typeof vi.fn>;
let fetchMock: ReturnType<typeof vi.fn>;
/** What the page answers to the snapshot and globals scripts (replace per test). */
let pageReply: unknown;
let globalsReply: unknown;

beforeEach(() => {
  pageReply = { snapshot: snapshot(), pageCookies: [] };
  globalsReply = {};
  executeScript = vi.fn(async (d: ExecDetails) => [{ frameId: 0, result: d.func === snapshotPage ? pageReply : globalsReply }]);
  getAll = vi.fn(async () => []);
  contains = vi.fn(async () => true);
  updateSessionRules = vi.fn(async () => undefined);
  fetchMock = vi.fn(async (url: string) =>
    url.startsWith('http:')
      ? fakeResponse({ url: 'https://app.example.com/', redirected: true })
      : fakeResponse({ url: PAGE, headers: [['access-control-allow-origin', '*']] }),
  );
  mockApis({
    scripting: { executeScript },
    cookies: { getAll },
    permissions: { contains },
    declarativeNetRequest: { updateSessionRules },
    webRequest: mockWebRequest('chrome'),
  });
  vi.stubGlobal('fetch', fetchMock);
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  restoreApis();
});

/** Captured responses for a tab, as capture.ts leaves them in storage.session. */
async function captured(tabId: number, responses: HttpResponse[]) {
  await fakeBrowser.storage.session.set({ [`capture:${tabId}`]: responses });
}
/** Which collectors left a gap (EvidenceInput's lists are typed as raw input). */
const collectors = (ev: EvidenceInput) => (ev.gaps as { collector: string }[]).map((g) => g.collector);
const doc = (headers: [string, string][] = [], url = PAGE): HttpResponse => ({ url, status: 200, type: 'main_frame', headers, source: 'webRequest' });

describe('quick audit (no host access)', () => {
  it('runs only the page scripts; no cookies API, probes or redirect check; a gap explains why', async () => {
    const tabId = ++tabSeq;
    await captured(tabId, [doc([['x-from-capture', '1']])]); // ignored without access
    pageReply = {
      snapshot: snapshot(),
      pageCookies: [],
      response: { url: PAGE, status: 200, type: 'main_frame', headers: [['content-security-policy', "default-src 'self'"]], source: 'refetch' },
    };
    const ev = await collectEvidence({ tabId, url: PAGE, fullAccess: false, now: NOW });

    expect(executeScript).toHaveBeenCalledTimes(2);
    const [snapCall, globalsCall] = executeScript.mock.calls.map(([d]) => d as ExecDetails);
    expect(snapCall).toMatchObject({ target: { tabId }, func: snapshotPage, args: [expect.objectContaining({ refetch: true })] });
    expect(snapCall!.world).toBeUndefined(); // isolated world
    expect(globalsCall).toMatchObject({ target: { tabId }, func: readGlobals, world: 'MAIN' });
    expect(globalsCall!.args[0]).toEqual(expect.arrayContaining(['bubble_version', 'supabase', 'Webflow']));

    expect(getAll).not.toHaveBeenCalled();
    expect(contains).not.toHaveBeenCalled();
    expect(fetchMock).not.toHaveBeenCalled();
    expect(updateSessionRules).not.toHaveBeenCalled();

    expect(ev.redirect).toEqual({ status: 'not-checked', reason: expect.stringContaining('allow full audits') });
    expect(ev.gaps).toContainEqual({ collector: 'access', message: expect.stringContaining('Quick audit') });
    expect(ev.responses).toEqual([pageReply && (pageReply as { response: unknown }).response]);
    expect(ev.page).toMatchObject({ url: PAGE, title: 'App' });
    expect(EvidenceSchema.safeParse(ev).success).toBe(true);
  });

  it('no re-read headers either: a gap says header checks were skipped', async () => {
    pageReply = { snapshot: snapshot(), pageCookies: [], refetchError: 'Failed to fetch' };
    const ev = await collectEvidence({ tabId: ++tabSeq, url: PAGE, fullAccess: false, now: NOW });
    expect(ev.responses).toEqual([]);
    expect(ev.gaps).toContainEqual({ collector: 'headers', message: 'The page’s headers could not be re-read: Failed to fetch' });
    expect(ev.gaps).toContainEqual({ collector: 'headers', message: expect.stringContaining('header checks were skipped') });
  });

  it('a slow server during the header re-read costs the headers only, not the page checks', async () => {
    // The real snapshot runs in the page; the browser needs a moment to inject it, and the server never answers.
    vi.useFakeTimers();
    vi.stubGlobal('cookieStore', undefined);
    vi.stubGlobal('fetch', hangingFetch());
    (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL(PAGE);
    document.body.innerHTML = '<form action="/login" method="post"><input type="password"></form>';
    executeScript.mockImplementation(async (d: ExecDetails) => {
      await new Promise((r) => setTimeout(r, 50));
      return [{ frameId: 0, result: await (d.func as (...a: unknown[]) => unknown)(...d.args) }];
    });
    const p = collectEvidence({ tabId: ++tabSeq, url: PAGE, fullAccess: false, now: NOW });
    await vi.advanceTimersByTimeAsync(6000);
    const ev = await p;
    expect(ev.page).toBeDefined();
    expect(ev.page!.forms).toEqual([{ action: 'https://app.example.com/login', method: 'post', hasPassword: true }]);
    expect(ev.gaps).toContainEqual({ collector: 'headers', message: expect.stringMatching(/could not be re-read/) });
    expect(collectors(ev)).not.toContain('page');
    document.body.innerHTML = '';
  });
});

describe('full audit (host access)', () => {
  it('reads captured responses, the cookies API, the redirect check and the CORS probe', async () => {
    const tabId = ++tabSeq;
    await captured(tabId, [doc([['strict-transport-security', 'max-age=63072000']])]);
    getAll.mockResolvedValue([
      {
        name: 'sid',
        value: 'v',
        domain: 'app.example.com',
        path: '/',
        secure: true,
        httpOnly: true,
        sameSite: 'lax',
        session: true,
        hostOnly: true,
        storeId: '0',
      },
    ]);
    const ev = await collectEvidence({ tabId, url: PAGE, fullAccess: true, now: NOW });

    expect((executeScript.mock.calls[0]![0] as ExecDetails).args).toEqual([expect.objectContaining({ refetch: false })]);
    expect(getAll).toHaveBeenCalledWith({ url: PAGE });
    expect(contains).toHaveBeenCalledWith({ origins: ['http://app.example.com/*'] });
    expect(fetchMock).toHaveBeenCalledWith('http://app.example.com/', expect.anything());
    expect(fetchMock).toHaveBeenCalledWith(PAGE, expect.anything());
    expect(updateSessionRules).toHaveBeenCalled();

    expect(ev.redirect).toMatchObject({ status: 'checked', finalUrl: 'https://app.example.com/' });
    expect(collectors(ev)).not.toContain('access');
    // The captured document stays the document; the probe only serves the CORS checks.
    expect((ev.responses as HttpResponse[]).map((r) => [r.type, r.source])).toEqual([
      ['main_frame', 'webRequest'],
      ['other', 'probe'],
    ]);
    expect(ev.responses[1]).toMatchObject({ requestOrigin: 'https://cors-probe.micro-app-auditor.invalid' });
    expect(ev.cookies).toEqual([
      { name: 'sid', domain: 'app.example.com', path: '/', secure: true, httpOnly: true, sameSite: 'lax', hostOnly: true, source: 'cookies-api' },
    ]);
    expect(EvidenceSchema.safeParse(ev).success).toBe(true);
  });

  it('without a captured document the probe stands in as the document', async () => {
    const ev = await collectEvidence({ tabId: ++tabSeq, url: PAGE, fullAccess: true, now: NOW });
    expect((ev.responses as HttpResponse[]).map((r) => [r.type, r.source])).toEqual([['main_frame', 'probe']]);
    expect(collectors(ev)).not.toContain('headers');
  });

  it('a captured document for another address (or with only a #fragment difference) is recognised', async () => {
    const tabId = ++tabSeq;
    await captured(tabId, [doc([], `${PAGE}#section`)]);
    await collectEvidence({ tabId, url: PAGE, fullAccess: true, now: NOW });
    expect((executeScript.mock.calls[0]![0] as ExecDetails).args).toEqual([expect.objectContaining({ refetch: false })]);
  });

  it('a cookies API that fails leaves a gap', async () => {
    getAll.mockRejectedValue(new Error('no'));
    const ev = await collectEvidence({ tabId: ++tabSeq, url: PAGE, fullAccess: true, now: NOW });
    expect(ev.gaps).toContainEqual({ collector: 'cookies', message: 'The browser’s cookie list could not be read.' });
  });

  it('maps cookies-API cookies: no_restriction → none, session → no expiry, unspecified kept', async () => {
    getAll.mockResolvedValue([
      {
        name: 'a',
        value: '',
        domain: '.example.com',
        path: '/',
        secure: true,
        httpOnly: false,
        sameSite: 'no_restriction',
        session: false,
        expirationDate: NOW_S + 3600,
        hostOnly: false,
        storeId: '0',
      },
      {
        name: 'b',
        value: '',
        domain: 'app.example.com',
        path: '/x',
        secure: false,
        httpOnly: true,
        sameSite: 'strict',
        session: true,
        expirationDate: NOW_S + 99,
        hostOnly: true,
        storeId: '0',
      },
      {
        name: 'c',
        value: '',
        domain: 'app.example.com',
        path: '/',
        secure: false,
        httpOnly: false,
        sameSite: 'unspecified',
        session: false,
        hostOnly: true,
        storeId: '0',
      },
    ]);
    const ev = await collectEvidence({ tabId: ++tabSeq, url: PAGE, fullAccess: true, now: NOW });
    expect(ev.cookies).toEqual([
      {
        name: 'a',
        domain: '.example.com',
        path: '/',
        secure: true,
        httpOnly: false,
        sameSite: 'none',
        expires: NOW_S + 3600,
        hostOnly: false,
        source: 'cookies-api',
      },
      { name: 'b', domain: 'app.example.com', path: '/x', secure: false, httpOnly: true, sameSite: 'strict', hostOnly: true, source: 'cookies-api' },
      { name: 'c', domain: 'app.example.com', path: '/', secure: false, httpOnly: false, sameSite: 'unspecified', hostOnly: true, source: 'cookies-api' },
    ]);
  });

  it('parses Set-Cookie from captured responses: Chromium (one header each) and Firefox (joined with newlines)', async () => {
    const tabId = ++tabSeq;
    await captured(tabId, [
      doc([
        ['Set-Cookie', 'sid=abc; Path=/; Secure; HttpOnly; SameSite=Lax'],
        ['set-cookie', 'theme=dark; Max-Age=3600'],
      ]),
      {
        url: 'https://app.example.com/api/login',
        status: 200,
        type: 'xmlhttprequest',
        headers: [['set-cookie', 'refresh=r1; Secure; SameSite=None; Domain=.example.com\ncsrf=t; Path=/api\n\n=novalue']],
        source: 'webRequest',
      },
    ]);
    const ev = await collectEvidence({ tabId, url: PAGE, fullAccess: true, now: NOW });
    const fromServer = ev.cookies!.filter((c) => (c as { source: string }).source === 'set-cookie');
    expect(fromServer).toEqual([
      {
        name: 'sid',
        domain: 'app.example.com',
        path: '/',
        secure: true,
        httpOnly: true,
        sameSite: 'lax',
        hostOnly: true,
        pathAttribute: true,
        source: 'set-cookie',
      },
      {
        name: 'theme',
        domain: 'app.example.com',
        path: '/',
        secure: false,
        httpOnly: false,
        sameSite: 'unspecified',
        hostOnly: true,
        pathAttribute: false,
        expires: NOW_S + 3600,
        source: 'set-cookie',
      },
      {
        name: 'refresh',
        domain: 'example.com',
        path: '/',
        secure: true,
        httpOnly: false,
        sameSite: 'none',
        hostOnly: false,
        pathAttribute: false,
        source: 'set-cookie',
      },
      {
        name: 'csrf',
        domain: 'app.example.com',
        path: '/api',
        secure: false,
        httpOnly: false,
        sameSite: 'unspecified',
        hostOnly: true,
        pathAttribute: true,
        source: 'set-cookie',
      },
    ]);
  });
});

describe('what the page answers is untrusted', () => {
  it.each([
    ['a string', 'garbage'],
    ['null', null],
    ['a snapshot missing fields', { snapshot: { url: PAGE }, pageCookies: [] }],
    ['a wrong type', { snapshot: snapshot({ counts: { elements: -1, scripts: 'x' } }), pageCookies: [] }],
    ['too many cookies', { snapshot: snapshot(), pageCookies: Array.from({ length: 5000 }, () => ({})) }],
  ])('%s → a gap, not a throw', async (_name, reply) => {
    pageReply = reply;
    const ev = await collectEvidence({ tabId: ++tabSeq, url: PAGE, fullAccess: false, now: NOW });
    expect(ev.page).toBeUndefined();
    expect(ev.gaps).toContainEqual({
      collector: 'page',
      partial: true,
      message: 'The page returned data we could not read; page checks and its key scan were skipped.',
    });
    expect(EvidenceSchema.safeParse(ev).success).toBe(true);
  });

  it('an empty result list → a gap', async () => {
    executeScript.mockResolvedValue([]);
    const ev = await collectEvidence({ tabId: ++tabSeq, url: PAGE, fullAccess: false, now: NOW });
    expect(ev.page).toBeUndefined();
    expect(collectors(ev)).toContain('page');
  });

  it('garbage globals are dropped; valid ones kept', async () => {
    globalsReply = { bubble_version: { nested: 'object' } };
    expect((await collectEvidence({ tabId: ++tabSeq, url: PAGE, fullAccess: false, now: NOW })).globals).toEqual({});
    globalsReply = { bubble_version: '1.0', supabase: true };
    expect((await collectEvidence({ tabId: ++tabSeq, url: PAGE, fullAccess: false, now: NOW })).globals).toEqual({ bubble_version: '1.0', supabase: true });
  });

  it('a truncated snapshot is used, with a gap saying only part was checked', async () => {
    pageReply = { snapshot: snapshot({ truncated: true }), pageCookies: [] };
    const ev = await collectEvidence({ tabId: ++tabSeq, url: PAGE, fullAccess: false, now: NOW });
    expect(ev.page).toBeDefined();
    expect(ev.gaps).toContainEqual({ collector: 'page', message: expect.stringContaining('very large') });
  });

  it('page cookies are passed on (validated later, one by one)', async () => {
    pageReply = {
      snapshot: snapshot(),
      pageCookies: [{ name: 'pref', domain: 'app.example.com', path: '/', secure: false, httpOnly: false, sameSite: 'unspecified', source: 'page' }, 'junk'],
    };
    const ev = await collectEvidence({ tabId: ++tabSeq, url: PAGE, fullAccess: false, now: NOW });
    expect(EvidenceSchema.parse(ev).cookies.map((c) => c.name)).toEqual(['pref']);
  });

  it('a script error (e.g. the frame went away) → a gap with the reason', async () => {
    executeScript.mockRejectedValue(new Error('Frame with ID 0 was removed.'));
    const ev = await collectEvidence({ tabId: ++tabSeq, url: PAGE, fullAccess: false, now: NOW });
    expect(ev.gaps).toContainEqual({ collector: 'page', partial: true, message: 'Page checks and the key scan skipped: Frame with ID 0 was removed.' });
  });

  it('a page that never answers → a timeout gap within the bound', async () => {
    vi.useFakeTimers();
    executeScript.mockImplementation(() => new Promise(() => undefined));
    let ev: Awaited<ReturnType<typeof collectEvidence>> | undefined;
    void collectEvidence({ tabId: ++tabSeq, url: PAGE, fullAccess: false, now: NOW }).then((e) => (ev = e));
    await vi.advanceTimersByTimeAsync(3990);
    expect(ev).toBeUndefined();
    await vi.advanceTimersByTimeAsync(20);
    expect(ev).toBeDefined();
    expect(ev!.page).toBeUndefined();
    expect(ev!.globals).toEqual({});
    expect(ev!.gaps).toContainEqual({
      collector: 'page',
      partial: true,
      message: 'Page checks and the key scan skipped: The page did not answer within 4000 ms',
    });
  });

  it('a full audit of a page that never answers is still bounded (probes time out too)', async () => {
    vi.useFakeTimers();
    executeScript.mockImplementation(() => new Promise(() => undefined));
    vi.stubGlobal('fetch', hangingFetch());
    let ev: Awaited<ReturnType<typeof collectEvidence>> | undefined;
    void collectEvidence({ tabId: ++tabSeq, url: PAGE, fullAccess: true, now: NOW }).then((e) => (ev = e));
    await vi.advanceTimersByTimeAsync(6000);
    expect(ev).toBeDefined();
  });
});

describe('hostile pages against the key scan (issue 10 item 3)', () => {
  it('reads the page’s globals last, so a page whose globals hang the renderer still gets its key scan', async () => {
    const order: unknown[] = [];
    executeScript.mockImplementation(async (d: ExecDetails) => {
      order.push(d.func);
      if (d.func === readGlobals) return new Promise(() => undefined); // the renderer hangs
      return [
        {
          frameId: 0,
          result: { ...(pageReply as object), texts: [{ kind: 'inline-script', url: PAGE, label: 'inline script 1', text: 'var k = 1;', truncated: false }] },
        },
      ];
    });
    vi.useFakeTimers();
    let ev: EvidenceInput | undefined;
    void collectEvidence({ tabId: ++tabSeq, url: PAGE, fullAccess: false, now: NOW }).then((e) => (ev = e));
    await vi.advanceTimersByTimeAsync(4100);
    expect(ev).toBeDefined();
    expect(order[0]).toBe(snapshotPage);
    expect(order[order.length - 1]).toBe(readGlobals);
    expect((ev!.sources as { label: string }[] | undefined)?.map((s) => s.label)).toContain('inline script 1');
    expect(ev!.gaps).toContainEqual({ collector: 'page', message: 'The page’s scripts did not answer: platform detection used the page’s markup only.' });
  });

  it('page text not read because the budget was used up is a partial gap', async () => {
    pageReply = { snapshot: snapshot(), pageCookies: [], texts: [], textSkipped: 3 };
    const ev = await collectEvidence({ tabId: ++tabSeq, url: PAGE, fullAccess: false, now: NOW });
    expect(ev.gaps).toContainEqual({
      collector: 'secrets',
      partial: true,
      message: 'Partly scanned for keys: the page’s text is over the scan limit; 3 parts were not read.',
    });
  });

  it('fetches scripts the page loaded but never named in a <script src> (import() chunks, workers), not internal ones', async () => {
    pageReply = {
      snapshot: snapshot(),
      pageCookies: [],
      scriptsSeen: {
        loaded: [
          { url: 'https://app.example.com/chunk-a.js', size: 0 },
          { url: 'http://169.254.169.254/latest/x.js', size: 0 },
        ],
        listed: [],
        timingFull: false,
      },
    };
    const ev = await collectEvidence({ tabId: ++tabSeq, url: PAGE, fullAccess: false, now: NOW });
    expect(fetchMock.mock.calls.map(([u]) => u)).toContain('https://app.example.com/chunk-a.js');
    expect(fetchMock.mock.calls.map(([u]) => u)).not.toContain('http://169.254.169.254/latest/x.js');
    expect((ev.gaps as { message: string }[]).some((g) => /169\.254\.169\.254\/x\.js \(an internal network address: never fetched\)/.test(g.message))).toBe(
      true,
    );
  });
});
