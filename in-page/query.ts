/**
 * Bounded element queries for the builder readers (entrypoints/glide.content/readers/, entrypoints/supabase.content/readers/),
 * cheap on a heavy editor page.
 *
 * Chromium answers `querySelectorAll` of ONE simple selector over a document quickly, but a selector LIST
 * ("h1, h2, h3, h4, h5, h6, [role="heading"]") is matched element by element against every selector of the list: on a
 * 24,000-element editor page that list took 2.1 ms, its seven parts queried one by one 0.8 ms in all (median of 11;
 * `npm run bench:builders -- --queries` prints it for every list the readers use, docs/benchmarks.md has the runs). So over a whole document each part of a
 * list is queried on its own and the answers are merged in document order without duplicates, which is exactly what
 * the list's query returns. Under an element (a row, a dialog) the list is queried as it is: the subtree is small, and
 * one call is cheaper than several.
 */

const parts = new Map<string, readonly string[]>();

/**
 * The selectors of a selector list: split at its top-level commas (not inside `:not(a, b)`, `[title="a, b"]` or a
 * quoted string). Cached: readers query the same few lists on every pass.
 */
export function selectorParts(list: string): readonly string[] {
  const known = parts.get(list);
  if (known) return known;
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '\\') i++;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) {
      out.push(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(list.slice(start).trim());
  const result = Object.freeze(out.filter(Boolean));
  if (parts.size < 200) parts.set(list, result);
  return result;
}

/** Node.DOCUMENT_POSITION_PRECEDING: `b.compareDocumentPosition(a)` has it when `a` comes before `b`. */
const PRECEDING = 2;

const isDocument = (root: ParentNode): boolean => (root as Node).nodeType === 9;

/**
 * The first `max` elements under `root` matching `selector` (a selector list is fine), in document order, as
 * `root.querySelectorAll(selector)` would list them.
 */
export function take<T extends Element>(root: ParentNode, selector: string, max: number): T[] {
  const out: T[] = [];
  if (max <= 0) return out;
  const split = isDocument(root) ? selectorParts(selector) : undefined;
  if (!split || split.length < 2) {
    const list = root.querySelectorAll<T>(selector);
    for (let i = 0; i < list.length && i < max; i++) out.push(list[i]!);
    return out;
  }
  const lists: NodeListOf<T>[] = [];
  for (const p of split) {
    const l = root.querySelectorAll<T>(p);
    if (l.length) lists.push(l);
  }
  if (lists.length === 1) {
    const list = lists[0]!;
    for (let i = 0; i < list.length && i < max; i++) out.push(list[i]!);
    return out;
  }
  // Merge the parts' answers (each in document order): the earliest head next, an element several parts matched once.
  const at = lists.map(() => 0);
  while (out.length < max) {
    let next: T | undefined;
    for (let k = 0; k < lists.length; k++) {
      const head = lists[k]![at[k]!];
      if (head && (!next || (head !== next && next.compareDocumentPosition(head) & PRECEDING))) next = head;
    }
    if (!next) break;
    out.push(next);
    for (let k = 0; k < lists.length; k++) if (lists[k]![at[k]!] === next) at[k] = at[k]! + 1;
  }
  return out;
}

/** The first element under `root` matching `selector`, as `root.querySelector(selector)` would find it. */
export function first<T extends Element>(root: ParentNode, selector: string): T | undefined {
  const split = isDocument(root) ? selectorParts(selector) : undefined;
  if (!split || split.length < 2) return root.querySelector<T>(selector) ?? undefined;
  let best: T | undefined;
  for (const p of split) {
    const el = root.querySelector<T>(p);
    if (el && (!best || (el !== best && best.compareDocumentPosition(el) & PRECEDING))) best = el;
  }
  return best;
}
