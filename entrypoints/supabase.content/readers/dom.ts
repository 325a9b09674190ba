/**
 * Small bounded DOM helpers shared by the dashboard readers (one reader per page in this folder). Every helper visits
 * a bounded number of elements and copies a bounded amount of text: a page cannot make a reader do unbounded work.
 * Nothing here knows Studio's wording (that is entrypoints/supabase.content/studio.ts).
 */
import type { ObservationDraft } from '@/utils/supabase/dashboard-evidence';
import { norm } from '../studio';
import { take } from '@/in-page/query';

export const BOUNDS = {
  links: 3000,
  buttons: 800,
  rows: 2000,
  headers: 300,
  cards: 2000,
  text: 20_000,
  cardText: 4000,
  dialogText: 100_000,
  dialogNodes: 20_000,
} as const;

export type AnchorKey = `table:${string}` | `bucket:${string}`;
export const tableAnchor = (schema: string, name: string): AnchorKey => `table:${schema}\u0000${name}`;
export const bucketAnchor = (id: string): AnchorKey => `bucket:${id}`;

export interface Extract {
  observation: ObservationDraft;
  /** Elements to put markers next to, by what they show. */
  anchors: Map<AnchorKey, Element>;
}

export type PolicyIn = NonNullable<ObservationDraft['policies']>[number];
export type TableIn = NonNullable<ObservationDraft['tables']>[number];

/** Bounded, document-ordered queries, cheap over a whole editor page (in-page/query.ts). */
export { take };

/** textContent, cut: a page cannot make us copy megabytes. */
export function textOf(el: Element | null | undefined, max: number = BOUNDS.cardText): string {
  const t = el?.textContent ?? '';
  return t.length > max ? t.slice(0, max) : t;
}

/** The first non-empty text node under `el` (a name before its badges and icons), bounded walk. */
export function firstText(el: Element, maxNodes = 40): string {
  const walker = el.ownerDocument.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
  for (let i = 0; i < maxNodes; i++) {
    const n = walker.nextNode();
    if (!n) break;
    const t = (n.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (t) return t;
  }
  return '';
}

/**
 * Some element under `root` (or root) whose whole text is exactly `wanted` (a badge, a button), bounded. Only text
 * nodes that hold a word of `wanted` are followed up to their short ancestors (most text nodes hold none), so a
 * match costs a few nodes, not a normalised copy of every element's text. A phrase split across elements
 * ("Enable <b>RLS</b>") is found from either word.
 */
export function hasExactText(root: Element, wanted: readonly string[] | string, max = 200): Element | undefined {
  const want = typeof wanted === 'string' ? [wanted] : wanted;
  if (want.includes(norm(textOf(root, 200)))) return root;
  const words = [...new Set(want.flatMap((w) => w.toLowerCase().split(' ')).filter(Boolean))];
  const walker = root.ownerDocument.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let i = 0; i < max; i++) {
    const n = walker.nextNode();
    if (!n) break;
    const data = (n.nodeValue ?? '').toLowerCase();
    if (!words.some((w) => data.includes(w))) continue;
    // The text node's own elements, innermost first, while their text is short enough to be a badge.
    for (let el = n.parentElement; el && el !== root; el = el.parentElement) {
      const t = el.textContent ?? '';
      if (t.length > 60) break;
      if (el.children.length <= 3 && want.includes(norm(t))) return el;
    }
  }
  return undefined;
}

/** The largest ancestor of `el` (a few levels up) that holds no other card marker: the card `el` heads. */
export function cardOf(el: Element, markers: Element[], depth = 8): Element {
  let card: Element = el;
  for (let i = 0, up = el.parentElement; up && i < depth; i++, up = up.parentElement) {
    if (up.tagName === 'BODY' || up.tagName === 'MAIN') break;
    if (markers.some((m) => m !== el && up.contains(m))) break;
    card = up;
  }
  return card;
}

const BLOCK = new Set([
  'P',
  'DIV',
  'LI',
  'PRE',
  'TD',
  'TH',
  'TR',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'SECTION',
  'ARTICLE',
  'ASIDE',
  'HEADER',
  'FOOTER',
  'UL',
  'OL',
  'TABLE',
  'BLOCKQUOTE',
  'FORM',
  'LABEL',
]);
const SKIP = new Set(['SCRIPT', 'STYLE', 'TEXTAREA', 'NOSCRIPT', 'TEMPLATE', 'SVG']);

/**
 * The text of `root` line by line, as a code view shows it: text nodes are joined within their nearest block
 * element, each block starts a new line, and a block whose whole text is a number (a line-number gutter, as in
 * Studio's LockedQuerySection `<p>1</p>` or Monaco's margin) is dropped. Non-breaking spaces become spaces.
 * Bounded in nodes and characters. Known limit: a code line that is only an integer is dropped with the gutter.
 */
export function codeLines(root: Element, maxChars: number = BOUNDS.dialogText, maxNodes: number = BOUNDS.dialogNodes): string[] {
  const walker = root.ownerDocument.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  const lines: string[] = [];
  const gutter = new Map<Element, boolean>();
  let current = '';
  let block: Element | null | undefined;
  let chars = 0;
  const blockOf = (n: Node): Element | null => {
    for (let el = n.parentElement; el && el !== root; el = el.parentElement) if (BLOCK.has(el.tagName)) return el;
    return null;
  };
  const skipped = (n: Node) => {
    for (let el = n.parentElement; el && el !== root; el = el.parentElement) if (SKIP.has(el.tagName.toUpperCase())) return true;
    return false;
  };
  for (let i = 0; i < maxNodes && chars < maxChars; i++) {
    const n = walker.nextNode();
    if (!n) break;
    if (skipped(n)) continue;
    const b = blockOf(n);
    if (b !== block) {
      if (current.trim()) lines.push(current.trim());
      current = '';
      block = b;
    }
    if (b) {
      let g = gutter.get(b);
      if (g === undefined) gutter.set(b, (g = /^\s*\d{1,6}\s*$/.test(textOf(b, 40))));
      if (g) continue;
    }
    const t = (n.textContent ?? '').replace(/\u00a0/g, ' ');
    chars += t.length;
    current += t;
  }
  if (current.trim()) lines.push(current.trim());
  return lines;
}
