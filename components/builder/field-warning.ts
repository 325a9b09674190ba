/**
 * The in-page warning shown next to a builder field that received a key. Rendered in a shadow root (no page CSS in,
 * none out), positioned with `position: fixed` below the field so the editor's layout never moves.
 *
 * Plain DOM, not Preact: it is the only UI most builder tabs ever draw, once, on a page that is busy re-rendering
 * itself, and Preact's first render cost the heavy editor benchmark 6–9 ms of script time (compiling the diff on
 * first use). Every page string is set as text (`textContent`), never parsed as markup.
 */
import { safeLink } from '@/utils/links';
import { showInvisible } from '@/utils/text';

export interface WarningItem {
  id: string;
  /** Where the field is on screen now. */
  rect(): DOMRect | undefined;
  field: string;
  providerName: string;
  exposure: 'secret' | 'capability' | 'test';
  masked: string;
  why: string;
  safePlace: string;
  rotateUrl: string;
}

const HEADLINE = {
  secret: 'Secret key in a field that is not private',
  capability: 'Webhook URL in a field that is not private',
  test: 'Test key in a builder field',
} as const;

function place(rect: DOMRect | undefined): { top: number; left: number } {
  const w = 360;
  const vw = window.innerWidth;
  const vh = window.innerHeight;
  if (!rect) return { top: 12, left: Math.max(8, vw - w - 12) };
  const below = rect.bottom + 6;
  const top = below + 180 > vh ? Math.max(8, rect.top - 186) : below;
  return { top, left: Math.min(Math.max(8, rect.left), Math.max(8, vw - w - 8)) };
}

/** An element with text children and strings (strings become text nodes: never markup). */
function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attrs: Record<string, string>,
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const e = doc.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) e.setAttribute(name, value);
  e.append(...children);
  return e;
}

function card(doc: Document, item: WarningItem, onDismiss: () => void): HTMLElement {
  const headingId = `maa-h-${item.id}`;
  const rotate = safeLink(item.rotateUrl);
  const dismiss = el(doc, 'button', { type: 'button', 'aria-label': `Dismiss the warning about ${item.providerName}` }, 'Dismiss');
  dismiss.addEventListener('click', onDismiss);
  const actions = el(doc, 'div', { class: 'maa-actions' });
  if (rotate) actions.append(el(doc, 'a', { href: rotate, target: '_blank', rel: 'noreferrer noopener' }, 'Rotate this key'));
  actions.append(dismiss);
  const root = el(
    doc,
    'div',
    { class: `maa-card maa-${item.exposure}`, role: 'alert', 'aria-labelledby': headingId, 'data-maa-warning': item.exposure },
    el(doc, 'p', { class: 'maa-title', id: headingId }, HEADLINE[item.exposure]),
    el(doc, 'p', {}, el(doc, 'strong', {}, item.providerName), ' ', el(doc, 'code', {}, showInvisible(item.masked)), ` in “${showInvisible(item.field)}”.`),
    el(doc, 'p', {}, item.why),
    el(doc, 'p', {}, el(doc, 'strong', {}, 'Instead:'), ` ${item.safePlace}`),
    actions,
    el(doc, 'p', { class: 'maa-foot' }, 'Micro-App Auditor · only a masked preview is kept, on this computer'),
  );
  root.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') onDismiss();
  });
  return root;
}

/** What a container holds between draws: one card per warning, by id (kept, so focus and listeners survive). */
const drawn = new WeakMap<Element, { stack: HTMLElement; cards: Map<string, HTMLElement> }>();

/**
 * Draws the warnings into `container`, in order: a card is created once per id and moved, never rebuilt, so a
 * keyboard user's focus on "Dismiss" survives the redraws that follow scrolling. `tick` marks each draw (tests).
 */
export function renderFieldWarnings(container: Element, items: readonly WarningItem[], onDismiss: (id: string) => void, tick = 0): void {
  const doc = container.ownerDocument;
  let state = drawn.get(container);
  if (!state || state.stack.parentNode !== container) {
    state = { stack: el(doc, 'div', { class: 'maa-stack' }), cards: new Map() };
    container.replaceChildren(state.stack);
    drawn.set(container, state);
  }
  const { stack, cards } = state;
  stack.setAttribute('data-tick', String(tick));
  const wanted = new Set(items.map((i) => i.id));
  for (const [id, c] of cards)
    if (!wanted.has(id)) {
      c.remove();
      cards.delete(id);
    }
  let before: ChildNode | null = stack.firstChild;
  for (const item of items) {
    let c = cards.get(item.id);
    if (!c) {
      c = card(doc, item, () => onDismiss(item.id));
      cards.set(item.id, c);
    }
    const pos = place(item.rect());
    c.style.top = `${pos.top}px`;
    c.style.left = `${pos.left}px`;
    if (c !== before) stack.insertBefore(c, before);
    before = c.nextSibling;
  }
}

export const FIELD_WARNING_CSS = `
.maa-card { position: fixed; z-index: 2147483646; width: 360px; box-sizing: border-box; padding: 10px 12px;
  font: 13px/1.4 system-ui, sans-serif; color: #1b1f24; background: #fff8f6; border: 1px solid #c62828;
  border-left: 5px solid #c62828; border-radius: 8px; box-shadow: 0 6px 24px rgba(0,0,0,.18); }
.maa-card.maa-capability { background: #fffaf2; border-color: #b35900; }
.maa-card.maa-test { background: #f6f8fa; border-color: #5a6b00; }
.maa-card p { margin: 0 0 6px; }
.maa-title { font-weight: 700; color: #8b0000; }
.maa-capability .maa-title { color: #8a4500; } .maa-test .maa-title { color: #465300; }
.maa-card code { font: 12px ui-monospace, monospace; background: #f0f0f0; padding: 0 3px; border-radius: 3px; }
.maa-actions { display: flex; gap: 12px; align-items: center; justify-content: flex-end; }
.maa-actions a { color: #0969da; }
.maa-actions button { font: inherit; padding: 3px 12px; border-radius: 5px; border: 1px solid #8c959f; background: #fff; cursor: pointer; }
.maa-card :focus-visible { outline: 2px solid #0969da; outline-offset: 2px; }
.maa-foot { font-size: 11px; color: #57606a; margin: 4px 0 0 !important; }
`;
