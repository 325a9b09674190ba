/** probes.ts: the plain-HTTP redirect check and the CORS probe, with mocked permissions, fetch, webRequest and DNR. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeResponse, hangingFetch, mockApis, mockWebRequest, restoreApis, type WebRequestMock } from './mocks';

type Probes = typeof import('@/entrypoints/background/probes');
type Capture = typeof import('@/entrypoints/background/capture');

const PAGE = 'https://app.example.com/dashboard?x=1';
const HTTP = 'http://app.example.com/';

let probes: Probes;
let capture: Capture;
let wr: WebRequestMock;
let permissions: { contains: ReturnType<typeof vi.fn> };
let dnr: { updateSessionRules: ReturnType<typeof vi.fn> };

beforeEach(async () => {
  wr = mockWebRequest('chrome');
  permissions = { contains: vi.fn(async () => true) };
  dnr = { updateSessionRules: vi.fn(async () => undefined) };
  mockApis({ webRequest: wr, permissions, declarativeNetRequest: dnr });
  vi.resetModules();
  capture = await import('@/entrypoints/background/capture');
  probes = await import('@/entrypoints/background/probes');
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  restoreApis();
});

const redirect = (requestId: string, url: string, statusCode: number, redirectUrl: string, tabId = -1) =>
  wr.onBeforeRedirect.emit({ requestId, url, statusCode, redirectUrl, tabId });
const netError = (requestId: string, url: string, error: string, tabId = -1) => wr.onErrorOccurred.emit({ requestId, url, error, tabId });

describe('checkHttpRedirect', () => {
  it('without access to the plain-HTTP origin: not-checked, and nothing is fetched', async () => {
    permissions.contains.mockResolvedValue(false);
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    const r = await probes.checkHttpRedirect(PAGE);
    expect(r).toEqual({ status: 'not-checked', reason: expect.stringContaining('no access to http://app.example.com/') });
    expect(permissions.contains).toHaveBeenCalledWith({ origins: ['http://app.example.com/*'] });
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('a permissions API that rejects counts as no access', async () => {
    permissions.contains.mockRejectedValue(new Error('boom'));
    vi.stubGlobal('fetch', vi.fn());
    expect((await probes.checkHttpRedirect(PAGE)).status).toBe('not-checked');
  });

  it('an address that cannot be parsed: not-checked', async () => {
    expect(await probes.checkHttpRedirect('not a url')).toEqual({ status: 'not-checked', reason: expect.any(String) });
  });

  it('redirect to https on the same host: checked, with the hops from webRequest', async () => {
    const res = fakeResponse({ url: 'https://app.example.com/', redirected: true });
    const fetchMock = vi.fn(async () => {
      redirect('7', 'http://unrelated.example.org/', 301, 'https://unrelated.example.org/'); // another request: ignored
      redirect('8', HTTP, 302, 'https://evil.example/', 3); // a tab's request: ignored
      redirect('9', HTTP, 301, 'https://app.example.com/');
      return res;
    });
    vi.stubGlobal('fetch', fetchMock);
    const r = await probes.checkHttpRedirect(PAGE);
    expect(r).toEqual({
      status: 'checked',
      httpUrl: HTTP,
      finalUrl: 'https://app.example.com/',
      hops: [{ url: HTTP, status: 301, location: 'https://app.example.com/' }],
    });
    expect(fetchMock).toHaveBeenCalledWith(HTTP, expect.objectContaining({ redirect: 'follow', credentials: 'omit', cache: 'no-store' }));
    expect(res.cancel).toHaveBeenCalled();
  });

  // Issue 9, defect 3: Chromium upgrades http:// itself once it knows the site's HSTS (an internal 307 with
  // Non-Authoritative-Reason: HSTS); that was recorded as the server's redirect, i.e. a pass.
  it("the browser's own HSTS upgrade is marked, so the rule says 'not checked from this browser'", async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        wr.onBeforeRedirect.emit({
          requestId: '5',
          url: HTTP,
          statusCode: 307,
          statusLine: 'HTTP/1.1 307 Internal Redirect',
          redirectUrl: 'https://app.example.com/',
          tabId: -1,
          responseHeaders: [
            { name: 'Location', value: 'https://app.example.com/' },
            { name: 'Non-Authoritative-Reason', value: 'HSTS' },
          ],
        });
        return fakeResponse({ url: 'https://app.example.com/', redirected: true });
      }),
    );
    expect(await probes.checkHttpRedirect(PAGE)).toEqual({
      status: 'checked',
      httpUrl: HTTP,
      finalUrl: 'https://app.example.com/',
      hops: [{ url: HTTP, status: 307, location: 'https://app.example.com/' }],
      browserUpgrade: 'hsts',
    });
    expect(wr.onBeforeRedirect.addListener).toHaveBeenCalledWith(expect.any(Function), expect.anything(), ['responseHeaders']);
  });

  it('a server 307 (no browser marker) is not taken for the browser’s upgrade', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        wr.onBeforeRedirect.emit({
          requestId: '6',
          url: HTTP,
          statusCode: 307,
          redirectUrl: 'https://app.example.com/',
          tabId: -1,
          responseHeaders: [{ name: 'Location', value: 'https://app.example.com/' }],
        });
        return fakeResponse({ url: 'https://app.example.com/', redirected: true });
      }),
    );
    const r = await probes.checkHttpRedirect(PAGE);
    expect(r).toEqual({
      status: 'checked',
      httpUrl: HTTP,
      finalUrl: 'https://app.example.com/',
      hops: [{ url: HTTP, status: 307, location: 'https://app.example.com/' }],
    });
  });

  it('keeps several hops in order', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        redirect('1', HTTP, 301, 'http://www.app.example.com/');
        redirect('1', 'http://www.app.example.com/', 308, 'https://www.app.example.com/');
        return fakeResponse({ url: 'https://www.app.example.com/', redirected: true });
      }),
    );
    const r = await probes.checkHttpRedirect(PAGE);
    expect(r.status === 'checked' && r.hops.map((h) => `${h.status} ${h.url} → ${h.location}`)).toEqual([
      `301 ${HTTP} → http://www.app.example.com/`,
      '308 http://www.app.example.com/ → https://www.app.example.com/',
    ]);
  });

  it('without webRequest events (no webRequest API) the first hop is still recorded', async () => {
    mockApis({ webRequest: undefined });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => fakeResponse({ url: 'https://app.example.com/', redirected: true })),
    );
    expect(await probes.checkHttpRedirect(PAGE)).toEqual({
      status: 'checked',
      httpUrl: HTTP,
      finalUrl: 'https://app.example.com/',
      hops: [{ url: HTTP, status: 301 }],
    });
  });

  it('stays on http: checked with an http finalUrl', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => fakeResponse({ url: HTTP, status: 200 })),
    );
    expect(await probes.checkHttpRedirect(PAGE)).toEqual({ status: 'checked', httpUrl: HTTP, finalUrl: HTTP, hops: [{ url: HTTP, status: 200 }] });
  });

  it('ERR_TOO_MANY_REDIRECTS: failed, "redirect loop" (error event before the fetch rejects)', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        for (let i = 0; i < 40; i++) redirect('1', i % 2 ? 'https://app.example.com/' : HTTP, 301, i % 2 ? HTTP : 'https://app.example.com/');
        netError('1', HTTP, 'net::ERR_TOO_MANY_REDIRECTS');
        throw new TypeError('Failed to fetch');
      }),
    );
    const r = await probes.checkHttpRedirect(PAGE);
    expect(r).toEqual({ status: 'failed', httpUrl: HTTP, reason: 'redirect loop (net::ERR_TOO_MANY_REDIRECTS)' });
  });

  it('ERR_TOO_MANY_REDIRECTS arriving just after the fetch rejects is still seen', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        setTimeout(() => netError('1', HTTP, 'net::ERR_TOO_MANY_REDIRECTS'), 5);
        throw new TypeError('Failed to fetch');
      }),
    );
    const r = await probes.checkHttpRedirect(PAGE);
    expect(r).toMatchObject({ status: 'failed', reason: expect.stringMatching(/^redirect loop/) });
  });

  it('Firefox redirect loop (NS_ERROR_REDIRECT_LOOP): failed, "redirect loop"', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        netError('1', HTTP, 'NS_ERROR_REDIRECT_LOOP');
        throw new TypeError('NetworkError when attempting to fetch resource.');
      }),
    );
    expect(await probes.checkHttpRedirect(PAGE)).toMatchObject({ status: 'failed', reason: expect.stringMatching(/^redirect loop/) });
  });

  it('ERR_CONNECTION_REFUSED: not-checked (nothing listens on plain HTTP)', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        netError('1', HTTP, 'net::ERR_CONNECTION_REFUSED');
        throw new TypeError('Failed to fetch');
      }),
    );
    expect(await probes.checkHttpRedirect(PAGE)).toEqual({ status: 'not-checked', reason: expect.stringContaining('nothing answers on plain HTTP') });
  });

  it('an error event from a tab is not taken for ours', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        netError('1', HTTP, 'net::ERR_CONNECTION_REFUSED', 4);
        throw new TypeError('Failed to fetch');
      }),
    );
    expect(await probes.checkHttpRedirect(PAGE)).toEqual({ status: 'failed', httpUrl: HTTP, reason: 'Failed to fetch' });
  });

  it('a server that never answers: bounded by the timeout, reported as not checked (no finding)', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('fetch', hangingFetch());
    let result: Awaited<ReturnType<Probes['checkHttpRedirect']>> | undefined;
    void probes.checkHttpRedirect(PAGE).then((r) => (result = r));
    await vi.advanceTimersByTimeAsync(4000);
    expect(result).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1100);
    expect(result).toBeDefined();
    // Many hosts silently drop port 80: silence is "not checked", never a finding.
    expect(result).toMatchObject({ status: 'not-checked', reason: expect.stringContaining('did not answer') });
  });

  it('always removes its webRequest listeners', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await probes.checkHttpRedirect(PAGE);
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => fakeResponse({ url: HTTP })),
    );
    await probes.checkHttpRedirect(PAGE);
    expect(wr.onBeforeRedirect.listeners).toHaveLength(0);
    expect(wr.onErrorOccurred.listeners).toHaveLength(0);
    expect(wr.onBeforeRedirect.removeListener).toHaveBeenCalledTimes(2);
  });
});

describe('probeDocument', () => {
  const addCall = () =>
    dnr.updateSessionRules.mock.calls.find(([a]) => (a as { addRules?: unknown[] }).addRules)?.[0] as {
      removeRuleIds: number[];
      addRules: { id: number; action: unknown; condition: unknown }[];
    };
  const lastCall = () => dnr.updateSessionRules.mock.calls.at(-1)![0] as { removeRuleIds: number[]; addRules?: unknown };

  it('adds a session rule that sets Origin to PROBE_ORIGIN for this host and extension requests only, then removes it', async () => {
    const res = fakeResponse({
      url: PAGE,
      headers: [
        ['access-control-allow-origin', probes.PROBE_ORIGIN],
        ['access-control-allow-credentials', 'true'],
      ],
    });
    const fetchMock = vi.fn(async () => res);
    vi.stubGlobal('fetch', fetchMock);
    const r = await probes.probeDocument(PAGE);

    const add = addCall();
    const id = add.addRules[0]!.id;
    expect(add.removeRuleIds).toEqual([id]);
    expect(add.addRules[0]).toEqual({
      id,
      priority: 1,
      action: { type: 'modifyHeaders', requestHeaders: [{ header: 'Origin', operation: 'set', value: 'https://cors-probe.micro-app-auditor.invalid' }] },
      // Only this address: the redirect check to http://app.example.com/ running beside it gets no made-up Origin.
      condition: { urlFilter: `|${PAGE}|`, requestDomains: ['app.example.com'], tabIds: [-1], resourceTypes: ['xmlhttprequest'] },
    });
    expect(probes.probeAddress('https://app.example.com/a?b=1#frag')).toBe('https://app.example.com/a?b=1');
    expect(lastCall()).toEqual({ removeRuleIds: [id] });
    // Rule in place before the request, removed after it.
    const [addOrder, removeOrder] = dnr.updateSessionRules.mock.invocationCallOrder;
    expect(addOrder).toBeLessThan(fetchMock.mock.invocationCallOrder[0]!);
    expect(removeOrder).toBeGreaterThan(fetchMock.mock.invocationCallOrder[0]!);

    expect(fetchMock).toHaveBeenCalledWith(PAGE, expect.objectContaining({ credentials: 'include', cache: 'no-store' }));
    expect(res.cancel).toHaveBeenCalled();
    expect(r).toEqual({
      url: PAGE,
      status: 200,
      type: 'main_frame',
      headers: expect.arrayContaining([
        ['access-control-allow-credentials', 'true'],
        ['access-control-allow-origin', probes.PROBE_ORIGIN],
      ]),
      source: 'probe',
      requestOrigin: probes.PROBE_ORIGIN,
    });
    expect(r!.headers).toHaveLength(2);
  });

  it('prefers what webRequest saw of its own request (all headers, the Origin actually sent)', async () => {
    capture.startCapture();
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        wr.onSendHeaders.emit({
          requestId: 'p1',
          tabId: -1,
          requestHeaders: [
            { name: 'Origin', value: probes.PROBE_ORIGIN },
            { name: 'Cookie', value: 'sid=1' },
          ],
        });
        wr.onHeadersReceived.emit({
          requestId: 'p1',
          url: PAGE,
          tabId: -1,
          type: 'xmlhttprequest',
          statusCode: 200,
          responseHeaders: [
            { name: 'Access-Control-Allow-Origin', value: probes.PROBE_ORIGIN },
            { name: 'Set-Cookie', value: 'sid=2; Secure' },
          ],
        });
        return fakeResponse({ url: PAGE, headers: [['access-control-allow-origin', probes.PROBE_ORIGIN]] });
      }),
    );
    const r = await probes.probeDocument(PAGE);
    // (The webRequest copy also carries its requestId; the Evidence schema drops that field.)
    expect(r).toMatchObject({
      url: 'https://app.example.com/dashboard', // query strings are never kept (they can carry keys)
      status: 200,
      type: 'main_frame',
      headers: [
        ['Access-Control-Allow-Origin', probes.PROBE_ORIGIN],
        ['Set-Cookie', 'sid=; Secure'], // names and attributes only: cookie values are never kept (capture.ts)
      ],
      source: 'probe',
      requestCredentialed: true,
      requestOrigin: probes.PROBE_ORIGIN,
    });
  });

  // Issue 10 item 13: the cookie-carrying probe followed redirects, so a page could send the user's cookies (with
  // our Origin) to another site the user granted. It never follows one now.
  it('sends cookies to the audited address only: redirects are not followed', async () => {
    const fetchMock = vi.fn(async () => ({ ...fakeResponse({ url: '', status: 0 }), type: 'opaqueredirect' }));
    vi.stubGlobal('fetch', fetchMock);
    const r = await probes.probeDocument(PAGE);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(fetchMock).toHaveBeenCalledWith(PAGE, expect.objectContaining({ credentials: 'include', redirect: 'manual' }));
    // Nothing usable without webRequest's copy of the first response (an opaque redirect has no headers).
    expect(r).toBeUndefined();
    expect(lastCall()).toEqual({ removeRuleIds: [addCall().addRules[0]!.id] });
  });

  it('a redirect answer is still read from webRequest (the first response’s own headers)', async () => {
    capture.startCapture();
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        wr.onSendHeaders.emit({ requestId: 'r1', tabId: -1, requestHeaders: [{ name: 'Origin', value: probes.PROBE_ORIGIN }] });
        wr.onHeadersReceived.emit({
          requestId: 'r1',
          url: PAGE,
          tabId: -1,
          type: 'xmlhttprequest',
          statusCode: 302,
          responseHeaders: [
            { name: 'Location', value: 'https://other-granted.example.org/steal' },
            { name: 'Access-Control-Allow-Origin', value: '*' },
          ],
        });
        return { ...fakeResponse({ url: '', status: 0 }), type: 'opaqueredirect' };
      }),
    );
    const r = await probes.probeDocument(PAGE);
    expect(r).toMatchObject({ url: 'https://app.example.com/dashboard', status: 302, type: 'main_frame' });
  });

  it('removes the rule when the fetch fails, and returns undefined', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    expect(await probes.probeDocument(PAGE)).toBeUndefined();
    const id = addCall().addRules[0]!.id;
    expect(lastCall()).toEqual({ removeRuleIds: [id] });
  });

  it('removes the rule when the fetch times out (bounded)', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('fetch', hangingFetch());
    let done = false;
    const p = probes.probeDocument(PAGE).then((r) => {
      done = true;
      return r;
    });
    await vi.advanceTimersByTimeAsync(5100);
    expect(done).toBe(true);
    expect(await p).toBeUndefined();
    expect(lastCall()).toEqual({ removeRuleIds: [addCall().addRules[0]!.id] });
  });

  it('without the rule (DNR refused) the probe still reads headers but claims no Origin', async () => {
    dnr.updateSessionRules.mockRejectedValueOnce(new Error('rule limit'));
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => fakeResponse({ url: PAGE })),
    );
    const r = await probes.probeDocument(PAGE);
    expect(r).toBeDefined();
    expect(r).not.toHaveProperty('requestOrigin');
    expect(dnr.updateSessionRules).toHaveBeenCalledTimes(2);
  });

  it('without declarativeNetRequest at all the probe claims no Origin', async () => {
    mockApis({ declarativeNetRequest: undefined });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => fakeResponse({ url: PAGE })),
    );
    const r = await probes.probeDocument(PAGE);
    expect(r).toMatchObject({ type: 'main_frame', source: 'probe' });
    expect(r).not.toHaveProperty('requestOrigin');
  });

  it('uses a different rule id for each probe', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => fakeResponse({ url: PAGE })),
    );
    await Promise.all([probes.probeDocument(PAGE), probes.probeDocument('https://b.example.org/')]);
    const ids = dnr.updateSessionRules.mock.calls
      .map(([a]) => (a as { addRules?: { id: number }[] }).addRules?.[0]?.id)
      .filter((x): x is number => x !== undefined);
    expect(new Set(ids).size).toBe(2);
  });
});
