/**
 * "Show me" in the Bubble and Glide builders: finds the element a finding names by its visible text or, for a field,
 * by its label (label element, aria-label, aria-labelledby, placeholder), never by the editors' hashed classes;
 * scrolls to it and outlines it for a moment. The popup sends the request (engine/show-me.ts); only the extension
 * itself may ask (no web page, no content script in another tab). Bounded: at most MAX_NODES elements are looked at.
 */
import type { Browser } from 'wxt/browser';
import { answering, browser } from '@/in-page/browser';
import { readShowMe, type ShowMeMessage } from '@/engine/show-me';
import type { OwnContext } from './context';
import { fieldLabel as guardLabel } from './guard';
// Matching is loose, as the readers' is: the same normalisation (case, whitespace, curly quotes, arrows).
import { normWords } from '@/utils/text';

export const HIGHLIGHT_MS = 2500;
export const MAX_NODES = 20_000;
/** Elements whose own text can name a thing in an editor: headings, list and tree items, tabs, cells, buttons, labels. */
const NAMED =
  'h1, h2, h3, h4, h5, h6, [role="heading"], [role="treeitem"], [role="option"], [role="listitem"], li, [role="tab"], [role="columnheader"], th, td, [role="gridcell"], [role="row"], button, [role="button"], a, label, summary, legend, span, div, p';
const FIELDS = 'input:not([type="hidden"]):not([type="checkbox"]):not([type="radio"]), textarea, [contenteditable="true"], [role="textbox"]';

/** Hidden by attribute or style (no layout needed); our own shadow-root hosts are never matched. */
function hidden(el: Element, win: Window): boolean {
  for (let e: Element | null = el; e; e = e.parentElement) {
    if (e.hasAttribute('hidden') || e.getAttribute('aria-hidden') === 'true') return true;
    const s = win.getComputedStyle(e);
    if (s.display === 'none' || s.visibility === 'hidden') return true;
  }
  return false;
}

/** The element's own visible text (its text nodes, children included), bounded. */
const textOf = (el: Element) => normWords((el.textContent ?? '').slice(0, 400));

/** The smallest visible element whose whole text is one of `texts` (first text wins over later ones). */
export function findByText(doc: Document, texts: readonly string[], win: Window = doc.defaultView ?? window): HTMLElement | undefined {
  const wanted = texts.map(normWords).filter(Boolean);
  const nodes = Array.from(doc.querySelectorAll(NAMED)).slice(0, MAX_NODES);
  for (const want of wanted) {
    let best: Element | undefined;
    for (const el of nodes) {
      if (textOf(el) !== want || hidden(el, win)) continue;
      // The innermost match: a cell, not its row; a label, not the panel around it (document order: parents first).
      if (!best || best.contains(el)) best = el;
    }
    if (best) return best as HTMLElement;
  }
  return undefined;
}

/** The accessible name of a field, from what a user sees: its label, aria-label(ledby) or placeholder. */
export function fieldNames(field: Element, doc: Document): string {
  const parts: string[] = [];
  const id = field.getAttribute('id');
  if (id) for (const l of Array.from(doc.querySelectorAll('label')).filter((l) => l.htmlFor === id)) parts.push(l.textContent ?? '');
  const wrapping = field.closest('label');
  if (wrapping) parts.push(wrapping.textContent ?? '');
  const by = field.getAttribute('aria-labelledby');
  if (by)
    for (const ref of by.split(/\s+/).slice(0, 5)) {
      const t = doc.getElementById(ref)?.textContent;
      if (t) parts.push(t);
    }
  parts.push(field.getAttribute('aria-label') ?? '', field.getAttribute('placeholder') ?? '');
  return parts.map(normWords).filter(Boolean).join(' | ');
}

/** The first visible field whose label is one of `texts` (a label, not a value: what a user typed is never read). */
export function findField(doc: Document, texts: readonly string[], win: Window = doc.defaultView ?? window): HTMLElement | undefined {
  const wanted = texts.map(normWords).filter(Boolean);
  const fields = Array.from(doc.querySelectorAll(FIELDS)).slice(0, MAX_NODES);
  for (const want of wanted)
    for (const f of fields) {
      if (hidden(f, win)) continue;
      // The label the paste guard reported the key under (in-page/guard.ts), or any name the field shows.
      if (normWords(guardLabel(f as HTMLElement)) === want || fieldNames(f, doc).split(' | ').includes(want)) return f as HTMLElement;
    }
  // A field's label is often a sibling text (no <label for>): the field right after a text that names it.
  const label = findByText(doc, texts, win);
  const near = label?.parentElement?.querySelector(FIELDS);
  return near && !hidden(near, win) ? (near as HTMLElement) : undefined;
}

/** Scrolls to the element and outlines it for HIGHLIGHT_MS, then puts its outline back. */
export function highlight(el: HTMLElement, later: (fn: () => void, ms: number) => unknown = setTimeout): void {
  el.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
  const before = { outline: el.style.outline, offset: el.style.outlineOffset };
  el.style.outline = '3px solid #d93f0b';
  el.style.outlineOffset = '2px';
  later(() => {
    el.style.outline = before.outline;
    el.style.outlineOffset = before.offset;
  }, HIGHLIGHT_MS);
}

/** Finds and highlights what the message names; true when something was shown. */
export function showMe(doc: Document, m: ShowMeMessage, later?: (fn: () => void, ms: number) => unknown): boolean {
  const el = m.field ? findField(doc, m.texts) : findByText(doc, m.texts);
  if (!el) return false;
  highlight(el, later);
  return true;
}

/**
 * The content script's listener: answers only the extension's own pages (popup), never a tab's content script or
 * another extension. Firefox names a tab for the popup when it runs in one (the headless command, the tests), so an
 * extension page is told apart by its address (`ownPage`, our extension's base URL): a content script's sender URL is
 * the web page's.
 */
export function onShowMeMessage(doc: Document, ctx: Pick<OwnContext, 'setTimeout'>, ownId: string, ownPage: string) {
  return (raw: unknown, sender: Pick<Browser.runtime.MessageSender, 'id' | 'tab' | 'url'>): Promise<{ ok: boolean }> | undefined => {
    if (sender.id !== ownId || (sender.tab && !sender.url?.startsWith(ownPage))) return undefined;
    const m = readShowMe(raw);
    if (!m) return undefined;
    return Promise.resolve({ ok: showMe(doc, m, (fn, ms) => ctx.setTimeout(fn, ms)) });
  };
}

/** Registers "Show me" in a builder content script for the life of its context. */
export function listenForShowMe(ctx: OwnContext, doc: Document = document): void {
  const listener = answering(onShowMeMessage(doc, ctx, browser.runtime.id, browser.runtime.getURL('/' as never)));
  browser.runtime.onMessage.addListener(listener);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(listener));
}
