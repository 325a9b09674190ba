/**
 * The live editor read: the in-page function against a stand-in for the editor's node API (reference 2b), run in
 * happy-dom at Bubble's editor URL and elsewhere; and the background side, which injects only on Bubble's editor and
 * reads the answer as untrusted evidence.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EDITOR_READ_MAX_CHARS, readBubbleEditorModel, readEditorModelInPage } from '@/entrypoints/background/bubble-editor';
import { leakyApp, toEditor } from '../../fixtures/bubble/app';
import { mockApis, restoreApis } from './mocks';

type Json = Record<string, unknown>;
const rawCalls: string[] = [];
/** The editor's node API over a plain tree: child(k), exists(), raw() (recording which paths were decompressed). */
function node(v: unknown, path: string[] = []): unknown {
  return {
    child: (k: string) => node(typeof v === 'object' && v !== null ? (v as Json)[k] : undefined, [...path, k]),
    exists: () => v !== undefined,
    raw: () => {
      rawCalls.push(path.join('.') || '(root)');
      return v;
    },
  };
}
const setUrl = (url: string) => (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL(url);
const withEditor = (tree: unknown) => {
  (window as unknown as Json).appquery = () => ({ app: () => ({ json: node(tree) }) });
};

afterEach(() => {
  delete (window as unknown as Json).appquery;
  rawCalls.length = 0;
  restoreApis();
});

describe('readEditorModelInPage (MAIN world)', () => {
  it('reads user_types, settings.client_safe and api through the node API, never raw() on the root', () => {
    setUrl('https://bubble.io/page?id=leaky-app&tab=Data');
    withEditor(toEditor(leakyApp()));
    const r = readEditorModelInPage(EDITOR_READ_MAX_CHARS);
    expect(r.state).toBe('ok');
    expect(rawCalls.sort()).toEqual(['api', 'settings.client_safe', 'user_types']);
    expect(JSON.parse((r as { json: string }).json).user_types.user['%d']).toBe('User');
  });

  it('returns nothing on a page pretending to be Bubble on another host', () => {
    setUrl('https://bubble.io.evil.test/page?id=leaky-app');
    withEditor(toEditor(leakyApp()));
    expect(readEditorModelInPage(EDITOR_READ_MAX_CHARS)).toEqual({ state: 'not-editor' });
    expect(rawCalls).toEqual([]);
  });

  it('says when the editor is not ready or the model is too large', () => {
    setUrl('https://bubble.io/page?id=leaky-app');
    expect(readEditorModelInPage(EDITOR_READ_MAX_CHARS).state).toBe('not-ready');
    withEditor(toEditor(leakyApp()));
    expect(readEditorModelInPage(100).state).toBe('too-large');
  });
});

describe('readBubbleEditorModel (background)', () => {
  it('injects only into Bubble’s editor, top frame, MAIN world', async () => {
    const executeScript = vi.fn(async () => [{ result: { state: 'ok', json: JSON.stringify(toEditor(leakyApp())) } }]);
    mockApis({ scripting: { executeScript } });
    expect((await readBubbleEditorModel(1, 'https://evil.test/page?id=leaky-app')).app).toBeUndefined();
    expect(executeScript).not.toHaveBeenCalled();
    const r = await readBubbleEditorModel(1, 'https://bubble.io/page?id=leaky-app&tab=Data');
    expect(executeScript).toHaveBeenCalledWith(expect.objectContaining({ target: { tabId: 1, frameIds: [0] }, world: 'MAIN' }));
    expect(r.app?.source).toBe('editor');
    expect(r.app?.appId).toBe('leaky-app');
    expect(r.app?.types.map((t) => t.key)).toEqual(['user', 'project', 'note', 'invoice']);
  });

  it('treats the answer as untrusted: garbage, over-long JSON and hostile names end bounded or as a gap', async () => {
    const answers: unknown[] = [
      undefined,
      { state: 'ok', json: '{not json' },
      { state: 'ok', json: 'x'.repeat(EDITOR_READ_MAX_CHARS + 1) },
      { state: 'weird' },
      {
        state: 'ok',
        json: JSON.stringify({ user_types: { t: { '%d': `<script>alert(1)</script>${'A'.repeat(10_000)}` } }, settings: { client_safe: {} }, api: {} }),
      },
    ];
    const executeScript = vi.fn(async () => [{ result: answers.shift() }]);
    mockApis({ scripting: { executeScript } });
    const url = 'https://bubble.io/page?id=leaky-app';
    for (let i = 0; i < 4; i++) {
      const r = await readBubbleEditorModel(1, url);
      expect(r.app).toBeUndefined();
      expect(r.gap).toMatch(/Bubble/);
    }
    const hostile = await readBubbleEditorModel(1, url);
    expect(hostile.app!.types[0]!.display.length).toBeLessThanOrEqual(201);
  });
});
