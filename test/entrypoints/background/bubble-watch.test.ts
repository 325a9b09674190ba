/**
 * The Bubble editor watch in the background: which completed requests mean "the editor changed or loaded its model"
 * (the editor page's own traffic only), and the panel port (only our script in the editor's top frame; its data
 * from the stored audit; "close for this session" kept in storage.session).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { buildAudit } from '@/engine/audit';
import { BUILDER_RULES } from '@/rules';
import { saveAudit } from '@/entrypoints/background/store';
import { EDITOR_TRAFFIC, isEditorTraffic, startBubbleEditorWatch } from '@/entrypoints/background/bubble-watch';
import { PANEL_PORT, type PanelUpdate } from '@/utils/bubble/panel';
import { leakyApp } from '../../fixtures/bubble/app';
import { bubbleEvidence } from '../../helpers/bubble';
import { mockEvent, mockOfflineBrowser, restoreApis } from './mocks';

const req = (over: Partial<Parameters<typeof isEditorTraffic>[0]> = {}) => ({
  tabId: 4,
  frameId: 0,
  method: 'POST',
  url: 'https://bubble.io/appeditor/write',
  statusCode: 200,
  initiator: 'https://bubble.io',
  ...over,
});

describe('isEditorTraffic', () => {
  it('counts the editor’s writes and both shapes of its loads', () => {
    expect(isEditorTraffic(req())).toBe(true);
    expect(isEditorTraffic(req({ url: 'https://bubble.io/appeditor/load_multiple_paths/leaky-app/test' }))).toBe(true);
    expect(isEditorTraffic(req({ method: 'GET', url: 'https://bubble.io/appeditor/load_single_path/leaky-app/test/h/ABC' }))).toBe(true);
    expect(isEditorTraffic(req({ method: 'GET', url: 'https://bubble.io/load_single_path/leaky-app/test/h/ABC' }))).toBe(true);
    // Firefox names the page as originUrl instead of initiator
    expect(isEditorTraffic(req({ initiator: undefined, originUrl: 'https://bubble.io/page?id=leaky-app' }))).toBe(true);
  });

  it('ignores everything else', () => {
    expect(isEditorTraffic(req({ method: 'GET' }))).toBe(false); // a write is a POST
    expect(isEditorTraffic(req({ statusCode: 500 }))).toBe(false); // a failed write changed nothing
    expect(isEditorTraffic(req({ statusCode: 0 }))).toBe(false);
    expect(isEditorTraffic(req({ tabId: -1 }))).toBe(false); // not from a tab (the extension itself)
    expect(isEditorTraffic(req({ frameId: 3 }))).toBe(false); // a frame inside the editor
    expect(isEditorTraffic(req({ initiator: 'https://evil.example' }))).toBe(false); // another site calling bubble.io
    expect(isEditorTraffic(req({ initiator: undefined, originUrl: 'https://evil.example/x' }))).toBe(false);
    expect(isEditorTraffic(req({ url: 'https://bubble.io/appeditor/calculate_derived' }))).toBe(false);
    expect(isEditorTraffic(req({ url: 'https://evil.example/appeditor/write' }))).toBe(false);
    expect(isEditorTraffic(req({ url: 'not a url' }))).toBe(false);
  });

  it('the webRequest filter covers exactly those URLs on bubble.io', () => {
    expect(EDITOR_TRAFFIC.every((p) => p.startsWith('https://bubble.io/'))).toBe(true);
  });
});

describe('the panel port', () => {
  const EDITOR_URL = 'https://bubble.io/page?id=leaky-app&tab=Data';
  let onConnect: ReturnType<typeof mockEvent>;
  let saved: PropertyDescriptor | undefined;

  beforeEach(() => {
    fakeBrowser.reset();
    mockOfflineBrowser(vi.fn(async () => [{ frameId: 0, result: { state: 'not-ready' } }]));
    onConnect = mockEvent();
    saved = Object.getOwnPropertyDescriptor(fakeBrowser.runtime, 'onConnect');
    Object.defineProperty(fakeBrowser.runtime, 'onConnect', { value: onConnect, configurable: true });
    startBubbleEditorWatch();
  });
  afterEach(() => {
    if (saved) Object.defineProperty(fakeBrowser.runtime, 'onConnect', saved);
    restoreApis();
    vi.restoreAllMocks();
  });

  const port = (sender: Record<string, unknown>, name = PANEL_PORT) => {
    const onMessage = mockEvent();
    const p = { name, sender, postMessage: vi.fn(), disconnect: vi.fn(), onMessage, onDisconnect: mockEvent() };
    onConnect.emit(p);
    return p;
  };
  const editorSender = (over: Record<string, unknown> = {}) => ({ id: fakeBrowser.runtime.id, url: EDITOR_URL, frameId: 0, tab: { id: 7 }, ...over });

  it('refuses ports from anything but our script in the top frame of a Bubble editor tab', () => {
    for (const bad of [
      editorSender({ url: 'https://bubble-editor.test/page?id=leaky-app' }),
      editorSender({ frameId: 2 }),
      editorSender({ id: 'another-extension' }),
      editorSender({ tab: undefined }),
    ]) {
      const p = port(bad);
      expect(p.disconnect).toHaveBeenCalled();
      expect(p.postMessage).not.toHaveBeenCalled();
    }
    expect(port(editorSender(), 'other-port').disconnect).not.toHaveBeenCalled(); // not ours to answer
  });

  it('answers with the stored audit’s panel content, and remembers “close for this session” out of the page’s reach', async () => {
    const now = Date.now();
    const built = buildAudit(bubbleEvidence(leakyApp(), 'editor'), BUILDER_RULES, {
      mode: 'monitor',
      fullAccess: true,
      retentionDays: 30,
      startedAt: now,
      now,
    });
    // Stored as the background stores an editor's audit: under the app's scope.
    const audit = await saveAudit({ ...built, origin: 'https://bubble.io/page?id=leaky-app' });
    const p = port(editorSender());
    await vi.waitFor(() => expect(p.postMessage).toHaveBeenCalled());
    const update = p.postMessage.mock.calls[0]![0] as PanelUpdate;
    expect(update.total).toBe(audit.findings.length);
    expect(update.publicTypes).toContain('User');
    expect(update.dismissed).toBe(false);
    p.onMessage.emit({ type: 'bubble:panel:dismiss' });
    await vi.waitFor(async () => expect((await fakeBrowser.storage.session.get('bubble-panel:dismissed'))['bubble-panel:dismissed']).toEqual([audit.origin]));
    const again = port(editorSender());
    await vi.waitFor(() => expect(again.postMessage).toHaveBeenCalled());
    expect((again.postMessage.mock.calls[0]![0] as PanelUpdate).dismissed).toBe(true);
  });
});
