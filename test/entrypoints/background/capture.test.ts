/** capture.ts: passive webRequest capture, driven by triggering the listeners it registers on a mocked webRequest. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { HttpResponse } from '@/utils/evidence/evidence';
import { mockApis, mockWebRequest, restoreApis, type WebRequestMock } from './mocks';

type Capture = typeof import('@/entrypoints/background/capture');

let capture: Capture;
let wr: WebRequestMock;
let seq = 0;

/** A fresh capture module, as after a service-worker restart (its in-memory state is gone). */
async function loadCapture(): Promise<Capture> {
  vi.resetModules();
  return import('@/entrypoints/background/capture');
}

function send(requestId: string, tabId: number, headers: Record<string, string> = {}) {
  wr.onSendHeaders.emit({
    requestId,
    tabId,
    url: 'https://ignored.example/',
    requestHeaders: Object.entries(headers).map(([name, value]) => ({ name, value })),
  });
}

function receive(d: { requestId?: string; url: string; tabId: number; type: string; status?: number; headers?: [string, string][] }) {
  const requestId = d.requestId ?? `r${++seq}`;
  wr.onHeadersReceived.emit({
    requestId,
    url: d.url,
    tabId: d.tabId,
    type: d.type,
    statusCode: d.status ?? 200,
    responseHeaders: (d.headers ?? []).map(([name, value]) => ({ name, value })),
  });
  return requestId;
}

const TAB = 5;
const PAGE = 'https://app.example.com/dashboard';

beforeEach(async () => {
  // Fake timers throughout: a real 300 ms storage write left pending by one test must not land in the next one.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  wr = mockWebRequest('chrome');
  mockApis({ webRequest: wr });
  capture = await loadCapture();
});

afterEach(() => {
  vi.useRealTimers();
  restoreApis();
});

describe('startCapture', () => {
  it('registers header listeners for http(s) with extraHeaders on Chromium, and cleanup listeners', () => {
    capture.startCapture();
    const filter = { urls: ['http://*/*', 'https://*/*'] };
    expect(wr.onSendHeaders.addListener).toHaveBeenCalledWith(expect.any(Function), filter, ['requestHeaders', 'extraHeaders']);
    expect(wr.onHeadersReceived.addListener).toHaveBeenCalledWith(expect.any(Function), filter, ['responseHeaders', 'extraHeaders']);
    expect(wr.onCompleted.addListener).toHaveBeenCalledWith(expect.any(Function), filter);
    expect(wr.onErrorOccurred.addListener).toHaveBeenCalledWith(expect.any(Function), filter);
    expect((fakeBrowser.tabs.onRemoved as unknown as { hasListeners(): boolean }).hasListeners()).toBe(true);
  });

  it('does not ask for extraHeaders where the browser has no such option (Firefox)', async () => {
    wr = mockWebRequest('firefox');
    mockApis({ webRequest: wr });
    capture = await loadCapture();
    capture.startCapture();
    expect(wr.onSendHeaders.addListener.mock.calls[0]![2]).toEqual(['requestHeaders']);
    expect(wr.onHeadersReceived.addListener.mock.calls[0]![2]).toEqual(['responseHeaders']);
  });

  it('does nothing (and does not throw) without webRequest', async () => {
    mockApis({ webRequest: undefined });
    capture = await loadCapture();
    expect(() => capture.startCapture()).not.toThrow();
    expect(await capture.capturedFor(TAB)).toEqual([]);
  });

  it('survives a webRequest whose addListener throws', async () => {
    wr.onSendHeaders.addListener.mockImplementation(() => {
      throw new Error('extraHeaders not allowed');
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(() => capture.startCapture()).not.toThrow();
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
});

describe('what is kept per tab', () => {
  beforeEach(() => capture.startCapture());

  it('keeps the top document with its headers', async () => {
    receive({
      url: PAGE,
      tabId: TAB,
      type: 'main_frame',
      headers: [
        ['Content-Security-Policy', "default-src 'self'"],
        ['Set-Cookie', 'a=1'],
      ],
    });
    expect(await capture.capturedFor(TAB)).toEqual([
      {
        url: PAGE,
        status: 200,
        type: 'main_frame',
        headers: [
          ['Content-Security-Policy', "default-src 'self'"],
          ['Set-Cookie', 'a='],
        ],
        source: 'webRequest',
      },
    ]);
  });

  it('never keeps a cookie value, in memory or in storage.session (names and attributes only)', async () => {
    const value = 'eyJhbGciOiJIUzI1NiJ9.c2Vzc2lvbi12YWx1ZQ.sig';
    receive({ url: PAGE, tabId: TAB, type: 'main_frame', headers: [['Set-Cookie', `__Host-session=${value}; Path=/; Secure; HttpOnly; SameSite=Lax`]] });
    expect((await capture.capturedFor(TAB))[0]!.headers).toEqual([['Set-Cookie', '__Host-session=; Path=/; Secure; HttpOnly; SameSite=Lax']]);
    await vi.advanceTimersByTimeAsync(400);
    expect(JSON.stringify(await fakeBrowser.storage.session.get(null))).not.toContain(value);
  });

  it.each([
    ['a=1', 'a='],
    ['a=1; Secure', 'a=; Secure'],
    ['novalue; Path=/', '; Path=/'],
    ['a==b=c;HttpOnly', 'a=;HttpOnly'],
    ['', ''],
  ])('withoutCookieValue(%j) is %j', (line, want) => expect(capture.withoutCookieValue(line)).toBe(want));

  it('a new top-level navigation resets the tab list', async () => {
    receive({ url: PAGE, tabId: TAB, type: 'main_frame' });
    receive({ url: 'https://app.example.com/app.js', tabId: TAB, type: 'script' });
    receive({ url: 'https://other.example.org/', tabId: TAB, type: 'main_frame' });
    const list = await capture.capturedFor(TAB);
    expect(list.map((r) => r.url)).toEqual(['https://other.example.org/']);
  });

  it('keeps redirect hops of one navigation (same requestId) in order', async () => {
    const id = 'nav-1';
    receive({
      requestId: id,
      url: 'http://app.example.com/',
      tabId: TAB,
      type: 'main_frame',
      status: 301,
      headers: [['Location', 'https://app.example.com/']],
    });
    receive({ requestId: id, url: 'https://app.example.com/', tabId: TAB, type: 'main_frame', status: 302, headers: [['Location', PAGE]] });
    receive({ requestId: id, url: PAGE, tabId: TAB, type: 'main_frame', status: 200 });
    const list = await capture.capturedFor(TAB);
    expect(list.map((r) => [r.status, r.url])).toEqual([
      [301, 'http://app.example.com/'],
      [302, 'https://app.example.com/'],
      [200, PAGE],
    ]);
  });

  it('keeps same-origin subresources, drops cross-origin ones except XHR/fetch calls', async () => {
    receive({ url: PAGE, tabId: TAB, type: 'main_frame' });
    receive({ url: 'https://app.example.com/app.js', tabId: TAB, type: 'script' });
    receive({ url: 'https://app.example.com/style.css', tabId: TAB, type: 'stylesheet' });
    receive({ url: 'https://cdn.example.net/lib.js', tabId: TAB, type: 'script' });
    receive({ url: 'https://ads.example.net/frame', tabId: TAB, type: 'sub_frame' });
    receive({ url: 'https://abcdefghijklmnopqrst.supabase.co/rest/v1/todos', tabId: TAB, type: 'xmlhttprequest' });
    receive({ url: 'https://app.example.com/logo.png', tabId: TAB, type: 'image' });
    const list = await capture.capturedFor(TAB);
    expect(list.map((r) => [r.type, r.url])).toEqual([
      ['main_frame', PAGE],
      ['script', 'https://app.example.com/app.js'],
      ['stylesheet', 'https://app.example.com/style.css'],
      ['xmlhttprequest', 'https://abcdefghijklmnopqrst.supabase.co/rest/v1/todos'],
      ['other', 'https://app.example.com/logo.png'],
    ]);
  });

  it('ignores subresources that arrive before any top document', async () => {
    receive({ url: 'https://app.example.com/app.js', tabId: TAB, type: 'script' });
    receive({ url: 'https://api.example.net/x', tabId: TAB, type: 'xmlhttprequest' });
    expect(await capture.capturedFor(TAB)).toEqual([]);
  });

  it('keeps tabs apart', async () => {
    receive({ url: PAGE, tabId: 1, type: 'main_frame' });
    receive({ url: 'https://b.example.org/', tabId: 2, type: 'main_frame' });
    expect((await capture.capturedFor(1)).map((r) => r.url)).toEqual([PAGE]);
    expect((await capture.capturedFor(2)).map((r) => r.url)).toEqual(['https://b.example.org/']);
  });

  it('caps the list per tab (60)', async () => {
    receive({ url: PAGE, tabId: TAB, type: 'main_frame' });
    for (let i = 0; i < 500; i++) receive({ url: `https://app.example.com/chunk-${i}.js`, tabId: TAB, type: 'script' });
    const list = await capture.capturedFor(TAB);
    expect(list).toHaveLength(60);
    expect(list[0]!.type).toBe('main_frame');
  });

  it('bounds header lists and values', async () => {
    const headers = Array.from({ length: 500 }, (_, i) => [`x-h-${i}`, 'v'.repeat(20_000)] as [string, string]);
    receive({ url: PAGE, tabId: TAB, type: 'main_frame', headers });
    const [doc] = await capture.capturedFor(TAB);
    // Cut by bytes first (MAX_HEADER_BYTES), each value at 8 KB.
    expect(doc!.headers.length).toBeLessThan(10);
    expect(doc!.headers.every(([, v]) => v.length <= 8192)).toBe(true);
    const many = Array.from({ length: 500 }, (_, i) => [`x-h-${i}`, 'v'] as [string, string]);
    receive({ url: `${PAGE}?again`, tabId: TAB, type: 'main_frame', headers: many });
    const [again] = await capture.capturedFor(TAB);
    expect(again!.headers).toHaveLength(200);
  });

  it('attaches requestCredentialed and requestOrigin from the request headers', async () => {
    send('doc', TAB, { Cookie: 'sid=1' });
    receive({ requestId: 'doc', url: PAGE, tabId: TAB, type: 'main_frame' });
    send('api', TAB, { Authorization: 'Bearer x', Origin: 'https://app.example.com' });
    receive({ requestId: 'api', url: 'https://api.example.net/v1', tabId: TAB, type: 'xmlhttprequest' });
    send('js', TAB, { Accept: '*/*' });
    receive({ requestId: 'js', url: 'https://app.example.com/a.js', tabId: TAB, type: 'script' });
    receive({ requestId: 'unknown', url: 'https://app.example.com/b.js', tabId: TAB, type: 'script' });
    const list = await capture.capturedFor(TAB);
    expect(list[0]).toMatchObject({ requestCredentialed: true });
    expect(list[0]).not.toHaveProperty('requestOrigin');
    expect(list[1]).toMatchObject({ requestCredentialed: true, requestOrigin: 'https://app.example.com' });
    expect(list[2]).toMatchObject({ requestCredentialed: false });
    expect(list[3]).not.toHaveProperty('requestCredentialed');
  });

  it('forgets request headers once the request completed', async () => {
    send('doc', TAB, { Cookie: 'sid=1' });
    wr.onCompleted.emit({ requestId: 'doc' });
    receive({ requestId: 'doc', url: PAGE, tabId: TAB, type: 'main_frame' });
    expect((await capture.capturedFor(TAB))[0]).not.toHaveProperty('requestCredentialed');
  });
});

describe('extension-initiated requests (tabId -1)', () => {
  beforeEach(() => capture.startCapture());

  it('go to onOwnResponse listeners, with their requestId, and to no tab', async () => {
    const seen: (HttpResponse & { requestId: string })[] = [];
    const stop = capture.onOwnResponse((r) => seen.push(r));
    send('probe-1', -1, { Origin: 'https://cors-probe.micro-app-auditor.invalid' });
    receive({ requestId: 'probe-1', url: PAGE, tabId: -1, type: 'xmlhttprequest', headers: [['Access-Control-Allow-Origin', '*']] });
    expect(seen).toEqual([
      {
        url: PAGE,
        status: 200,
        type: 'xmlhttprequest',
        headers: [['Access-Control-Allow-Origin', '*']],
        source: 'probe',
        requestCredentialed: false,
        requestOrigin: 'https://cors-probe.micro-app-auditor.invalid',
        requestId: 'probe-1',
      },
    ]);
    expect(await capture.capturedFor(-1)).toEqual([]);
    stop();
    receive({ url: PAGE, tabId: -1, type: 'xmlhttprequest' });
    expect(seen).toHaveLength(1);
  });
});

describe('surviving a service-worker restart, and tab removal', () => {
  beforeEach(() => capture.startCapture());

  it('capturedFor falls back to storage.session after a restart', async () => {
    receive({ url: PAGE, tabId: TAB, type: 'main_frame', headers: [['Strict-Transport-Security', 'max-age=31536000']] });
    receive({ url: 'https://app.example.com/app.js', tabId: TAB, type: 'script' });
    const before = await capture.capturedFor(TAB);
    await vi.advanceTimersByTimeAsync(400);
    expect((await fakeBrowser.storage.session.get(`capture:${TAB}`))[`capture:${TAB}`]).toEqual(before);

    const restarted = await loadCapture();
    expect(await restarted.capturedFor(TAB)).toEqual(before);
    expect(await restarted.capturedFor(99)).toEqual([]);
  });

  it('garbage in storage.session reads as nothing', async () => {
    await fakeBrowser.storage.session.set({ [`capture:${TAB}`]: { not: 'a list' } });
    expect(await capture.capturedFor(TAB)).toEqual([]);
  });

  it('removing a tab clears its memory and session copy', async () => {
    receive({ url: PAGE, tabId: TAB, type: 'main_frame' });
    await vi.advanceTimersByTimeAsync(400);
    expect(await fakeBrowser.storage.session.get(`capture:${TAB}`)).toHaveProperty(`capture:${TAB}`);
    await fakeBrowser.tabs.onRemoved.trigger(TAB, { windowId: 0, isWindowClosing: false });
    await vi.advanceTimersByTimeAsync(400);
    expect(await capture.capturedFor(TAB)).toEqual([]);
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });

  it('a tab closed before the pending write leaves nothing behind in storage.session', async () => {
    receive({ url: PAGE, tabId: TAB, type: 'main_frame' });
    await fakeBrowser.tabs.onRemoved.trigger(TAB, { windowId: 0, isWindowClosing: false });
    await vi.advanceTimersByTimeAsync(400);
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
    expect(await capture.capturedFor(TAB)).toEqual([]);
  });

  it('a reused tab starts a new list after removal', async () => {
    const id = receive({ url: PAGE, tabId: TAB, type: 'main_frame' });
    await fakeBrowser.tabs.onRemoved.trigger(TAB, { windowId: 0, isWindowClosing: false });
    // The same requestId again (ids are per session; this is the defensive case) is still a fresh document.
    receive({ requestId: id, url: 'https://b.example.org/', tabId: TAB, type: 'main_frame' });
    expect((await capture.capturedFor(TAB)).map((r) => r.url)).toEqual(['https://b.example.org/']);
  });
});

describe('toHeaders: header bytes per response are bounded', () => {
  it('keeps real headers whole, cuts a hostile response at MAX_HEADER_BYTES, and marks a cut value', async () => {
    const { toHeaders, MAX_HEADER_BYTES } = await loadCapture();
    const real = [
      { name: 'Content-Security-Policy', value: `default-src 'self'; ${'script-src https://cdn.example; '.repeat(100)}` },
      { name: 'Strict-Transport-Security', value: 'max-age=31536000' },
    ];
    expect(toHeaders(real)).toEqual(real.map((h) => [h.name, h.value]));
    const hostile = Array.from({ length: 100 }, (_, i) => ({ name: `x-junk-${i}`, value: 'j'.repeat(8000) }));
    const kept = toHeaders(hostile);
    const bytes = kept.reduce((n, [name, value]) => n + name.length + value.length, 0);
    expect(bytes).toBeLessThanOrEqual(MAX_HEADER_BYTES + 8192 + 256);
    expect(kept.length).toBeLessThan(hostile.length);
    expect(toHeaders([{ name: 'X-Long', value: 'v'.repeat(20_000) }])[0]![1]).toMatch(/…$/);
  });
});
