/**
 * `builder:scanner`: the background injects the secret engine (scanner.js) into the asking builder content
 * script's own document, and only for our content script in a builder editor tab (in-page/scanner.ts).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleMessage } from '@/entrypoints/background';
import { mockOfflineBrowser } from './mocks';

type Sender = Parameters<typeof handleMessage>[1];
const EDITOR = 'https://supabase.com/dashboard/project/abcdefghijklmnopqrst/editor/1';

let tabId: number;
let executeScript: ReturnType<typeof vi.fn>;
const sender = (over: Partial<Sender> = {}, url = EDITOR): Sender => ({
  id: fakeBrowser.runtime.id,
  url,
  frameId: 0,
  tab: { id: tabId, index: 0, highlighted: false, active: true, pinned: false, incognito: false, url } as Sender['tab'],
  ...over,
});

beforeEach(async () => {
  fakeBrowser.reset();
  ({ executeScript } = mockOfflineBrowser(vi.fn(async () => [{ frameId: 0, result: undefined }])));
  tabId = (await fakeBrowser.tabs.create({ url: EDITOR })).id!;
});
afterEach(() => vi.unstubAllGlobals());

describe('builder:scanner', () => {
  it('injects our packaged scanner.js into the sender document (Chrome names it), nothing else', async () => {
    expect(await handleMessage({ type: 'builder:scanner' }, sender({ documentId: 'DOC1' } as Partial<Sender>))).toEqual({ ok: true });
    expect(executeScript).toHaveBeenCalledExactlyOnceWith({ target: { tabId, documentIds: ['DOC1'] }, files: ['/scanner.js'] });
  });

  it('without a document id (Firefox): into the sender frame', async () => {
    expect(await handleMessage({ type: 'builder:scanner' }, sender())).toEqual({ ok: true });
    expect(executeScript).toHaveBeenCalledExactlyOnceWith({ target: { tabId, frameIds: [0] }, files: ['/scanner.js'] });
  });

  it('from another page of a builder host (the guard keeps running after in-app navigation): injected there too', async () => {
    const account = 'https://supabase.com/dashboard/account/tokens';
    expect(await handleMessage({ type: 'builder:scanner' }, sender({}, account))).toEqual({ ok: true });
    expect(executeScript).toHaveBeenCalledExactlyOnceWith({ target: { tabId, frameIds: [0] }, files: ['/scanner.js'] });
  });

  it('an injection that fails (tab gone or navigated) answers nothing, without throwing', async () => {
    executeScript.mockRejectedValueOnce(new Error('No tab with id'));
    expect(await handleMessage({ type: 'builder:scanner' }, sender())).toBeUndefined();
  });

  it.each<[string, () => Sender]>([
    ['a web page that is not a builder', () => sender({}, 'https://evil.example/dashboard/project/abcdefghijklmnopqrst')],
    ['another extension', () => sender({ id: 'someone-else' })],
    ['a sub-frame', () => sender({ frameId: 3 })],
    ['a sender without a tab', () => sender({ tab: undefined })],
  ])('from %s: ignored, nothing injected', async (_, from) => {
    expect(await handleMessage({ type: 'builder:scanner' }, from())).toBeUndefined();
    expect(executeScript).not.toHaveBeenCalled();
  });

  it('a message with extra fields (a file, a tab) is not ours: ignored', async () => {
    expect(await handleMessage({ type: 'builder:scanner', files: ['/evil.js'], tabId: 1 }, sender())).toBeUndefined();
    expect(executeScript).not.toHaveBeenCalled();
  });
});
