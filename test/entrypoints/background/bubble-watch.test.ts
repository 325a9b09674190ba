/** Which completed requests mean "the Bubble editor changed or loaded its model": the editor page's own traffic only. */
import { describe, expect, it } from 'vitest';
import { EDITOR_TRAFFIC, isEditorTraffic } from '@/entrypoints/background/bubble-watch';

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
