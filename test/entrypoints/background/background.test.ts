/**
 * entrypoints/background/index.ts: the service worker's main function (WXT's defineBackground returns
 * `{ main }`; the vitest plugin provides defineBackground). Messages are sent by triggering runtime.onMessage.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { buildAudit } from '@/engine/audit';
import { ALL_RULES, DEPLOYED_RULES } from '@/rules';
import { storeGuides } from '@/entrypoints/background/store';
import background from '@/entrypoints/background';
import { snapshotPage } from '@/entrypoints/background/page-snapshot';
import { evidence } from '../../helpers/evidence';
import { mockOfflineBrowser, restoreApis, snapshot } from './mocks';

const PAGE = 'https://app.example.com/';

let executeScript: ReturnType<typeof vi.fn>;
let contains: ReturnType<typeof vi.fn>;
let tabsGet: ReturnType<typeof vi.spyOn>;
let tabId: number;

type Sender = Parameters<Parameters<typeof fakeBrowser.runtime.onMessage.addListener>[0]>[1];
const ownPage = (): Sender => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') });

async function send(message: unknown, sender: Sender): Promise<unknown> {
  const replies = await fakeBrowser.runtime.onMessage.trigger(message, sender);
  expect(replies).toHaveLength(1);
  return replies[0];
}

beforeEach(async () => {
  ({ executeScript, contains } = mockOfflineBrowser(
    vi.fn(async (d: { func: unknown }) => [{ frameId: 0, result: d.func === snapshotPage ? { snapshot: snapshot(PAGE), pageCookies: [] } : {} }]),
  ));
  tabId = (await fakeBrowser.tabs.create({ url: PAGE })).id!;
  tabsGet = vi.spyOn(fakeBrowser.tabs, 'get');
  background.main();
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  restoreApis();
});

describe('start-up', () => {
  it('registers its listeners synchronously', () => {
    expect((fakeBrowser.runtime.onMessage as unknown as { hasListeners(): boolean }).hasListeners()).toBe(true);
    expect((fakeBrowser.tabs.onUpdated as unknown as { hasListeners(): boolean }).hasListeners()).toBe(true);
    expect((fakeBrowser.tabs.onRemoved as unknown as { hasListeners(): boolean }).hasListeners()).toBe(true); // capture
  });

  it('purges expired audits', async () => {
    const then = Date.now() - 2 * 86_400_000;
    const old = buildAudit(evidence(), DEPLOYED_RULES, { mode: 'click', fullAccess: false, retentionDays: 1, startedAt: then, now: then });
    await fakeBrowser.storage.local.set({ 'audit:https://app.example.com': old, 'audit:https://junk.example': 'junk' });
    background.main();
    await vi.waitFor(async () => expect(await storedExceptGuides()).toEqual({}));
  });
});

/** Storage without the fix guides the background keeps for the popup. */
async function storedExceptGuides() {
  const { guides: _, ...rest } = await fakeBrowser.storage.local.get(null);
  return rest;
}

describe('fix guides for the popup', () => {
  it("stores every rule's fix guide at start-up, and does not rewrite an unchanged catalogue", async () => {
    background.main();
    await vi.waitFor(async () => expect((await fakeBrowser.storage.local.get('guides')).guides).toBeDefined());
    const { guides } = (await fakeBrowser.storage.local.get('guides')).guides as { guides: Record<string, unknown> };
    expect(Object.keys(guides).sort()).toEqual(ALL_RULES.map((r) => r.meta.id).sort());
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    await storeGuides(ALL_RULES);
    expect(set).not.toHaveBeenCalled();
  });
});

describe('messages', () => {
  it("a valid 'audit:run' from the extension's own page runs an audit and replies with it", async () => {
    const reply = await send({ type: 'audit:run', tabId }, ownPage());
    expect(reply).toMatchObject({ ok: true, audit: { url: PAGE, origin: 'https://app.example.com', mode: 'click' } });
    expect(executeScript).toHaveBeenCalled();
    expect(await fakeBrowser.storage.local.get('audit:https://app.example.com')).toHaveProperty(['audit:https://app.example.com']);
  });

  it('the popup opened in a tab (popup.html?tabId=…, used by the headless command) may ask too', async () => {
    const sender: Sender = {
      ...ownPage(),
      url: fakeBrowser.runtime.getURL(`/popup.html?tabId=${tabId}`),
      tab: { id: 9, index: 0, highlighted: false, active: true, pinned: false, incognito: false },
    };
    expect(await send({ type: 'audit:run', tabId, mode: 'headless' }, sender)).toMatchObject({ ok: true, audit: { mode: 'headless' } });
  });

  const SENDERS: [string, () => Sender][] = [
    ['another extension', () => ({ id: 'other-extension-id', url: 'chrome-extension://other-extension-id/popup.html' })],
    ['another extension claiming our page', () => ({ id: 'other-extension-id', url: fakeBrowser.runtime.getURL('/popup.html') })],
    [
      'a content script in a web page tab',
      () => ({
        id: fakeBrowser.runtime.id,
        url: 'https://evil.example/',
        frameId: 0,
        tab: { id: 4, index: 0, highlighted: false, active: true, pinned: false, incognito: false, url: 'https://evil.example/' },
      }),
    ],
    ['a sender without id or url', () => ({})],
  ];
  it.each(SENDERS)('from %s: no reply, nothing runs', async (_name, sender) => {
    expect(await send({ type: 'audit:run', tabId }, sender())).toBeUndefined();
    expect(tabsGet).not.toHaveBeenCalled();
    expect(executeScript).not.toHaveBeenCalled();
    expect(await storedExceptGuides()).toEqual({});
  });

  const MALFORMED: [string, unknown][] = [
    ['undefined', undefined],
    ['null', null],
    ['a string', 'audit:run'],
    ['an array', [{ type: 'audit:run', tabId: 1 }]],
    ['an unknown type', { type: 'audit:delete-everything', tabId: 1 }],
    ['no type', { tabId: 1 }],
    ['a negative tabId', { type: 'audit:run', tabId: -1 }],
    ['a fractional tabId', { type: 'audit:run', tabId: 1.5 }],
    ['a tabId as a string', { type: 'audit:run', tabId: '1' }],
    ['a missing tabId', { type: 'audit:run' }],
    ['an unknown mode', { type: 'audit:run', tabId: 1, mode: 'root' }],
    ['extra junk fields', { type: 'audit:run', tabId: 1, junk: '<img src=x onerror=alert(1)>' }],
  ];
  it.each(MALFORMED)('malformed (%s): no reply, nothing runs', async (_name, message) => {
    const raw = message as { tabId?: unknown };
    if (raw && typeof raw === 'object' && 'tabId' in raw && raw.tabId === 1) raw.tabId = tabId;
    expect(await send(message, ownPage())).toBeUndefined();
    expect(tabsGet).not.toHaveBeenCalled();
    expect(executeScript).not.toHaveBeenCalled();
  });
});

describe('monitoring', () => {
  const complete = (url: string) =>
    fakeBrowser.tabs.onUpdated.trigger(
      tabId,
      { status: 'complete' },
      { id: tabId, url, index: 0, highlighted: false, active: true, pinned: false, incognito: false },
    );

  // The re-audit starts a second after the load event, so requests the page's scripts start at load are listed.
  const SETTLE_MS = 1000;

  it('a granted site is re-audited a moment after a page of it finishes loading', async () => {
    contains.mockResolvedValue(true);
    await complete(PAGE);
    expect(contains).not.toHaveBeenCalled();
    await vi.waitFor(async () => expect(await fakeBrowser.storage.local.get(null)).toHaveProperty(['audit:https://app.example.com', 'mode'], 'monitor'), {
      timeout: SETTLE_MS + 4000,
    });
    expect(contains).toHaveBeenCalledWith({ origins: ['https://app.example.com/*'] });
  });

  it('a page left before the moment is over is not re-audited', async () => {
    contains.mockResolvedValue(true);
    await complete(PAGE);
    await fakeBrowser.tabs.onUpdated.trigger(
      tabId,
      { status: 'loading', url: 'https://b.example.org/' },
      { id: tabId, url: 'https://b.example.org/', index: 0, highlighted: false, active: true, pinned: false, incognito: false },
    );
    await new Promise((r) => setTimeout(r, SETTLE_MS + 200));
    expect(contains).not.toHaveBeenCalled();
    expect(executeScript).not.toHaveBeenCalled();
  });

  it('a site that is not granted is left alone', async () => {
    await complete(PAGE);
    await vi.waitFor(() => expect(contains).toHaveBeenCalled(), { timeout: SETTLE_MS + 4000 });
    await new Promise((r) => setTimeout(r, 20));
    expect(executeScript).not.toHaveBeenCalled();
  });

  it('browser pages are not even looked at', async () => {
    await complete('chrome://settings/');
    expect(contains).not.toHaveBeenCalled();
  });

  it('a new navigation clears the badge', async () => {
    await fakeBrowser.action.setBadgeText({ tabId, text: '3' });
    await fakeBrowser.tabs.onUpdated.trigger(
      tabId,
      { status: 'loading', url: 'https://b.example.org/' },
      { id: tabId, url: 'https://b.example.org/', index: 0, highlighted: false, active: true, pinned: false, incognito: false },
    );
    await vi.waitFor(async () => expect(await fakeBrowser.action.getBadgeText({ tabId })).toBe(''));
  });
});
