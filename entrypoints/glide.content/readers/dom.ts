/**
 * Small bounded DOM helpers for the Glide readers: every helper visits a bounded number of elements and copies a
 * bounded amount of text, so a page cannot make a reader do unbounded work. Wording lives in ../anchors.ts only.
 */
import { ROLES, norm } from '../anchors';
import { take } from '@/in-page/query';

export const BOUNDS = { items: 2000, headers: 400, choices: 1500, fields: 300, text: 4000, fieldText: 20_000, scan: 200, cells: 3000 } as const;

/** Bounded, document-ordered queries, cheap over a whole editor page (in-page/query.ts). */
export { take };

export const textOf = (el: Element | null | undefined, max: number = BOUNDS.text): string => {
  const t = el?.textContent ?? '';
  return t.length > max ? t.slice(0, max) : t;
};

/** Text with a space between elements' texts (textContent glues "Call API" and "URL" together), bounded walk. */
export function wordsOf(el: Element, max: number = BOUNDS.text, maxNodes = 2000): string {
  const walker = el.ownerDocument.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
  let out = '';
  for (let i = 0; i < maxNodes && out.length < max; i++) {
    const n = walker.nextNode();
    if (!n) break;
    out += ` ${n.textContent ?? ''}`;
  }
  return out.slice(0, max);
}

/** Accessible name, roughly: aria-label, else the text. */
export const nameOf = (el: Element, max = 200): string => norm(el.getAttribute('aria-label') ?? textOf(el, max));

/**
 * Elements matching `selector` whose accessible name starts with one of `words` (a label and its description:
 * "Public — Anyone with link…"), or, with `anywhere`, contains one (a description after its label).
 */
export function byText(root: ParentNode, selector: string, words: readonly string[], max: number = BOUNDS.choices, anywhere = false): Element[] {
  return take(root, selector, max).filter((el) => {
    const n = nameOf(el);
    if (n.length > 300) return false; // a container, not a control
    return words.some(
      (w) => n === w || n.startsWith(`${w} `) || n.startsWith(`${w}:`) || n.startsWith(`${w}—`) || n.startsWith(`${w} -`) || (anywhere && n.includes(w)),
    );
  });
}

/** Some heading whose text is one of `words`. */
export const heading = (root: ParentNode, words: readonly string[]) => take(root, ROLES.heading, BOUNDS.headers).find((h) => words.includes(nameOf(h)));

/** Selected / checked state of a control or the control a label points at: true, false, or undefined (no state shown). */
export function checkedState(el: Element): boolean | undefined {
  const control =
    el instanceof HTMLLabelElement
      ? (el.control ?? el.querySelector('input'))
      : el.matches('input')
        ? el
        : el.querySelector('input[type="radio"], input[type="checkbox"]');
  if (control instanceof HTMLInputElement && (control.type === 'radio' || control.type === 'checkbox')) return control.checked;
  for (const a of ['aria-checked', 'aria-selected', 'aria-pressed', 'aria-current']) {
    const v = el.getAttribute(a);
    if (v === 'true' || v === 'page') return true;
    if (v === 'false') return false;
  }
  return undefined;
}

/** The value shown in a field (input, textarea, contenteditable), bounded. */
export function fieldValue(el: Element): string {
  const v = el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement ? el.value : (el.textContent ?? '');
  return v.length > BOUNDS.fieldText ? v.slice(0, BOUNDS.fieldText) : v;
}

/** A field's label: aria-label, a <label>, aria-labelledby, placeholder, or the nearest short preceding text. */
export function fieldLabel(el: Element): string {
  const doc = el.ownerDocument;
  const by = el.getAttribute('aria-labelledby');
  const labelled = by
    ? by
        .split(/\s+/)
        .map((id) => doc.getElementById(id)?.textContent ?? '')
        .join(' ')
    : '';
  const label = (el as HTMLInputElement).labels?.[0]?.textContent ?? '';
  const raw =
    el.getAttribute('aria-label') ||
    label ||
    labelled ||
    el.getAttribute('placeholder') ||
    el.previousElementSibling?.textContent ||
    el.parentElement?.previousElementSibling?.textContent ||
    'field';
  return raw.replace(/\s+/g, ' ').trim().slice(0, 80);
}

export const visible = (el: Element): boolean => {
  const h = el as HTMLElement;
  if (h.hidden || el.getAttribute('aria-hidden') === 'true') return false;
  return true;
};
