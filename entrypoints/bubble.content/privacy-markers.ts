/**
 * "No privacy rules" markers beside type names on the editor's Data → Privacy tab
 * (`bubble.io/page?…&tab=Data&subtab=Privacy`, shared/reference/builders.md "Bubble → Editor"). The editor's CSS
 * classes are hashed, so the type list is found by visible text: the names the app model gives the types that have
 * no privacy rules (sent by the background from the stored audit, never read from the page). A name found nowhere
 * gets no marker and nothing else happens (degrades silently).
 *
 * Cost on a heavy editor: nothing at all outside Data → Privacy or when no type needs a marker. On that tab, one
 * observer of the editor's DOM whose callback only sets a flag; a bounded scan (at most MAX_TEXT_NODES text nodes) at
 * most every SCAN_GAP_MS, and only while a marked name is missing (for SEARCH_MS after the tab opened or the data
 * changed) or a marked element left the page (the editor re-rendered the list).
 */
import { h, render } from 'preact';
import { EDITOR_PANEL_CSS, PrivacyMarkers, type MarkerView } from '../../components/bubble/EditorPanel';
import { mountClosedHost } from '@/in-page/builder-guard';
import type { OwnContext } from '@/in-page/context';
import { hostOnDemand, type InPageHost } from '@/in-page/shadow-host';

export const MARKERS_HOST = 'micro-app-auditor-bubble-markers';
export const MAX_TEXT_NODES = 20_000;
export const SCAN_GAP_MS = 500;
export const SEARCH_MS = 15_000;

/** Is this the editor's Data → Privacy tab? */
export function onPrivacyTab(href: string): boolean {
  try {
    const u = new URL(href);
    return u.searchParams.get('tab') === 'Data' && u.searchParams.get('subtab') === 'Privacy';
  } catch {
    return false;
  }
}

const SKIP = 'script, style, textarea, input, select, [contenteditable=""], [contenteditable="true"]';
const ROW_TEXT = /Publicly visible|Privacy rules applied/;

/**
 * The element showing each name as its whole text, searched by visible text. Where a name shows more than once,
 * the one whose row (a few ancestors up) also says "Publicly visible" / "Privacy rules applied" (the type list,
 * bubble-glide.md 2b) wins, else the first in document order.
 */
export function findTypeAnchors(root: Node, names: readonly string[], maxNodes = MAX_TEXT_NODES): Map<string, Element> {
  const want = new Set(names.map((n) => n.trim()).filter(Boolean));
  const found = new Map<string, { el: Element; row: boolean }>();
  if (!want.size) return new Map();
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let seen = 0;
  for (let n = walker.nextNode(); n && seen < maxNodes; n = walker.nextNode(), seen++) {
    const text = n.nodeValue?.trim();
    if (!text || text.length > 200 || !want.has(text)) continue;
    const el = n.parentElement;
    if (!el || el.closest(SKIP)) continue;
    const prior = found.get(text);
    if (prior?.row) continue;
    const row = inTypeRow(el, text);
    if (!prior || row) found.set(text, { el, row });
  }
  return new Map([...found].map(([k, v]) => [k, v.el]));
}

/** A row of the type list: a close ancestor holding little more than the name and its privacy state. */
function inTypeRow(el: Element, name: string): boolean {
  let a: Element | null = el;
  for (let i = 0; a && i < 4; i++, a = a.parentElement) {
    const t = a.textContent ?? '';
    if (t.length > name.length + 60) return false;
    if (ROW_TEXT.test(t)) return true;
  }
  return false;
}

export interface MarkerLayer {
  setNames(names: readonly string[]): void;
  /** The editor navigated (another tab, another type). */
  locationChanged(): void;
}

export function startPrivacyMarkers(ctx: OwnContext, win: Window = window): MarkerLayer {
  let names: string[] = [];
  let anchors = new Map<string, Element>();
  let observer: MutationObserver | undefined;
  let dirty = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let searchUntil = 0;
  let ui: InPageHost | undefined;
  let tick = 0;
  let following = false;

  const views = (): MarkerView[] =>
    [...anchors].map(([name, el], i) => ({ id: `m${i}`, name, rect: () => (el.isConnected ? el.getBoundingClientRect() : undefined) }));
  const paint = () => {
    if (ui) render(h(PrivacyMarkers, { views: views(), tick: ++tick }), ui.uiContainer);
  };
  const follow = (on: boolean) => {
    if (on === following) return;
    following = on;
    if (on) {
      win.addEventListener('scroll', paint, { capture: true, passive: true });
      win.addEventListener('resize', paint, { passive: true });
    } else {
      win.removeEventListener('scroll', paint, { capture: true });
      win.removeEventListener('resize', paint);
    }
  };
  const host = hostOnDemand(() => mountClosedHost(ctx, MARKERS_HOST, EDITOR_PANEL_CSS));

  const needsScan = () =>
    Date.now() < searchUntil
      ? anchors.size < names.length || [...anchors.values()].some((a) => !a.isConnected)
      : [...anchors.values()].some((a) => !a.isConnected);

  const scan = () => {
    timer = undefined;
    dirty = false;
    if (!ctx.isValid || !active()) return;
    const before = anchors;
    anchors = findTypeAnchors(win.document.body ?? win.document.documentElement, names);
    if (anchors.size || before.size) {
      follow(anchors.size > 0);
      if (anchors.size) ui = host();
      paint();
    }
  };
  const schedule = () => {
    if (timer === undefined) timer = setTimeout(scan, SCAN_GAP_MS);
  };

  const active = () => names.length > 0 && onPrivacyTab(win.location.href);

  const stop = () => {
    observer?.disconnect();
    observer = undefined;
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    anchors = new Map();
    follow(false);
    paint();
  };

  const restart = () => {
    if (!active()) return stop();
    searchUntil = Date.now() + SEARCH_MS;
    if (!observer) {
      observer = new MutationObserver(() => {
        // Only a flag and one pending timer per burst: the editor changes its DOM constantly.
        if (dirty) return;
        if (needsScan()) {
          dirty = true;
          schedule();
        }
      });
      // The whole document, not its first <body>: an editor that replaces <body> is still watched.
      observer.observe(win.document, { childList: true, subtree: true });
    }
    scan();
  };

  ctx.onInvalidated(() => {
    stop();
    ui?.remove();
  });

  return {
    setNames(next) {
      const same = next.length === names.length && next.every((n, i) => n === names[i]);
      names = [...next];
      if (!same) restart();
    },
    locationChanged: restart,
  };
}
