/**
 * Live read of the app model the Bubble editor has loaded (shared/reference/bubble-glide.md 2b: the node API
 * `window.appquery().app().json` with `.child(k)`, `.exists()`, `.raw()`; never `.raw()` on the root, which "forces the
 * editor to decompress and load the entire application").
 *
 * Only on Bubble's own editor (https://bubble.io/page?…, checked before injecting AND inside the page), only the top
 * frame, in the page's MAIN world through `scripting.executeScript`: the result comes straight back to the extension,
 * never through page-visible events. It is untrusted evidence: a JSON string capped in size, parsed here, read by
 * the one model reader (utils/bubble/read.ts) and schema-checked (BubbleAppSchema), so names are bounded text.
 * Sections read: `user_types`, `settings.client_safe`, `api` (the rules need these; pages and reusables are left to
 * an export, which the editor does not hold decompressed).
 */
import { browser } from 'wxt/browser';
import { BUILDERS } from '@/utils/platform/builders';
import { readBubbleApp } from '@/utils/bubble/read';
import type { BubbleApp } from '@/utils/bubble/model';
import { withTimeout } from './timeout';

/** Characters of JSON the page may hand back (the model of a large app's types, settings and workflows). */
export const EDITOR_READ_MAX_CHARS = 8 * 1024 * 1024;
const TIMEOUT_MS = 4000;

export type EditorRead = { state: 'ok'; json: string } | { state: 'not-editor' | 'not-ready' | 'too-large' | 'failed'; message?: string };

/**
 * Runs in the editor page's MAIN world (self-contained: no imports, no closures). Reads three sections through the
 * editor's own node API and returns one JSON string, or why it could not.
 */
export function readEditorModelInPage(maxChars: number): EditorRead {
  try {
    if (location.origin !== 'https://bubble.io' || location.pathname !== '/page') return { state: 'not-editor' };
    const w = window as unknown as { appquery?: () => { app?: () => { json?: unknown } } };
    if (typeof w.appquery !== 'function') return { state: 'not-ready' };
    type Node = { child(k: string): Node; exists?(): boolean; raw(): unknown };
    const root = w.appquery().app?.().json as Node | undefined;
    if (!root || typeof root.child !== 'function') return { state: 'not-ready' };
    const at = (path: string[]): unknown => {
      let n: Node = root;
      for (const k of path) n = n.child(k);
      if (typeof n.exists === 'function' && !n.exists()) return undefined;
      return n.raw();
    };
    const out = { user_types: at(['user_types']), settings: { client_safe: at(['settings', 'client_safe']) }, api: at(['api']) };
    const json = JSON.stringify(out);
    if (typeof json !== 'string') return { state: 'failed' };
    return json.length > maxChars ? { state: 'too-large' } : { state: 'ok', json };
  } catch (e) {
    return { state: 'failed', message: String(e instanceof Error ? e.message : e).slice(0, 200) };
  }
}

const MESSAGES: Record<Exclude<EditorRead['state'], 'ok'>, string> = {
  'not-editor': 'The Bubble editor model was not read: the tab is not the editor (bubble.io/page).',
  'not-ready': 'The Bubble editor has not finished loading the app: open the app in the editor, wait, and audit again.',
  'too-large': 'The Bubble app is too large to read live from the editor: audit an export instead (popup → “Audit a .bubble export”).',
  failed: 'The Bubble editor model could not be read.',
};

/** The editor's model as the Bubble rules read it, or a gap message. */
export async function readBubbleEditorModel(tabId: number, url: string): Promise<{ app?: BubbleApp; gap?: string }> {
  if (!BUILDERS.bubble.page.test(url)) return { gap: MESSAGES['not-editor'] };
  let result: unknown;
  try {
    const r = await withTimeout(
      browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, func: readEditorModelInPage, args: [EDITOR_READ_MAX_CHARS], world: 'MAIN' } as never),
      TIMEOUT_MS,
      'The Bubble editor',
    );
    result = (r as { result?: unknown }[] | undefined)?.[0]?.result;
  } catch (e) {
    return { gap: `${MESSAGES.failed} ${e instanceof Error ? e.message.slice(0, 200) : ''}`.trim() };
  }
  const read = result as Partial<EditorRead> | undefined;
  if (!read || typeof read !== 'object' || typeof read.state !== 'string') return { gap: MESSAGES.failed };
  if (read.state !== 'ok') return { gap: MESSAGES[read.state as keyof typeof MESSAGES] ?? MESSAGES.failed };
  const json = (read as { json?: unknown }).json;
  if (typeof json !== 'string' || json.length > EDITOR_READ_MAX_CHARS) return { gap: MESSAGES['too-large'] };
  try {
    const appId = new URL(url).searchParams.get('id') ?? undefined;
    return { app: readBubbleApp(JSON.parse(json), { source: 'editor', ...(appId ? { appId } : {}) }) };
  } catch (e) {
    return { gap: `${MESSAGES.failed} ${e instanceof Error ? e.message.slice(0, 200) : ''}`.trim() };
  }
}
