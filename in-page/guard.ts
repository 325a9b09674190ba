/**
 * Live guard for builder fields: scans what is pasted or typed into inputs, textareas and code editors for keys.
 * Cheap by construction on heavy single-page editors: two delegated listeners on the document (a third, for focus,
 * when the secret engine is loaded on first need), no observers, no
 * timers while nothing is typed; typing only re-arms one debounce timer per field; values are read and scanned
 * once the user pauses (or at once for a paste). Never reads password fields. Never stores or sends a raw value.
 * Only the browser's own (trusted) input and paste events count: a page cannot plant or clear a finding.
 */
import { DEFAULT_MAX_BYTES, type FieldMatch } from '@/utils/secrets/types';

export type { FieldMatch };

export interface GuardHooks {
  /**
   * The keys in a field's text: at once, or later (the builder content scripts scan in the background:
   * in-page/scanner.ts). A rejection skips that scan (a paste is kept for the next scan that works). A field's scans
   * are handled in the order of its events, whatever order their answers come in.
   */
  scan(text: string, fieldName: string): FieldMatch[] | Promise<FieldMatch[]>;
  /**
   * Resolves once `scan` can run (the builder content scripts wake the service worker that scans:
   * in-page/scanner.ts). Called at the first sign of input, so the wait overlaps the debounce. A rejection skips that
   * scan (the next input tries again). Without it, `scan` is ready at once.
   */
  ready?(): Promise<unknown>;
  /** A key appeared in a field (called once per field and key). */
  found(field: Element, label: string, match: FieldMatch, safe: boolean): void;
  /** The field no longer holds that key (cleared, replaced). */
  cleared(field: Element, fingerprint: string): void;
  /** True when the field itself is a safe store (e.g. Bubble's "Private" header row, a secrets page). */
  isSafe(field: Element): boolean;
}

export const DEBOUNCE_MS = 300;
export const MAX_FIELD_CHARS = 256 * 1024;

/**
 * `fn` of a value now, or of a promised one once it settles (a synchronous scan stays synchronous). A promise is
 * told by its `then`, not `instanceof`: an extension API's promise may come from another realm (Firefox).
 */
function after<T, R>(value: T | Promise<T>, fn: (v: T) => R): R | Promise<Awaited<R>> {
  return isPromise(value) ? (value.then(fn) as Promise<Awaited<R>>) : fn(value);
}
const isPromise = <T>(v: T | Promise<T>): v is Promise<T> => typeof (v as { then?: unknown } | null)?.then === 'function';

/** The editable element an event came from: input/textarea, or the contenteditable root of a code editor. */
export function editableTarget(e: Event): HTMLElement | undefined {
  // The target itself when it is a field (every keystroke in an ordinary one): the event path is built only for a
  // target retargeted from an open shadow root or a code editor's inner element.
  const direct = e.target;
  const t = (direct instanceof HTMLInputElement || direct instanceof HTMLTextAreaElement ? direct : (e.composedPath?.()[0] ?? direct)) as Element | null;
  if (!t || !(t instanceof Element)) return undefined;
  if (t instanceof HTMLInputElement) return ['password', 'checkbox', 'radio', 'file', 'hidden', 'range', 'color'].includes(t.type) ? undefined : t;
  if (t instanceof HTMLTextAreaElement) return t;
  const editable = t.closest('[contenteditable=""], [contenteditable="true"], [contenteditable="plaintext-only"]');
  return editable instanceof HTMLElement ? editable : undefined;
}

export function fieldValue(el: HTMLElement): string {
  const v = el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement ? el.value : (el.textContent ?? '');
  return v.length > MAX_FIELD_CHARS ? v.slice(0, MAX_FIELD_CHARS) : v;
}

/** A short human name for a field: its label, aria-label, placeholder or name. */
export function fieldLabel(el: HTMLElement): string {
  const byId = el.id ? el.ownerDocument.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent : undefined;
  const label =
    el.getAttribute('aria-label') ??
    byId ??
    el.closest('label')?.textContent ??
    el.getAttribute('placeholder') ??
    el.getAttribute('name') ??
    (el.closest('.monaco-editor, .cm-editor') ? 'code editor' : el.tagName.toLowerCase());
  return label.replace(/\s+/g, ' ').trim().slice(0, 80) || 'field';
}

/**
 * Code editors (Monaco, CodeMirror) keep only the visible part of their text in the DOM: reading the DOM cannot prove
 * a key left them, so a warning about such a field is never cleared from a DOM read (the user dismisses it).
 */
export function partialField(el: Element): boolean {
  return el.closest('.monaco-editor, .cm-editor') !== null;
}

export interface GuardOptions {
  /**
   * Is this event the user's own? Default: `event.isTrusted`. A page can dispatch `paste` and `input` events itself
   * (to plant a finding with a field label of its choosing, or to clear one while the key stays in the field):
   * only events the browser made from real input count. Unit tests inject their own check.
   */
  isTrusted?(e: Event): boolean;
}

export function startFieldGuard(doc: Document, hooks: GuardHooks, options: GuardOptions = {}): () => void {
  const trusted = options.isTrusted ?? ((e: Event) => e.isTrusted);
  const timers = new WeakMap<HTMLElement, ReturnType<typeof setTimeout>>();
  const shown = new WeakMap<HTMLElement, Set<string>>();

  /** Keys still in the field, read again now: a finding is cleared only when a fresh read no longer holds it. */
  const stillHeld = (el: HTMLElement, fingerprints: Iterable<string>): Set<string> | Promise<Set<string>> => {
    const want = new Set(fingerprints);
    if (!want.size) return want;
    if (el.isConnected && partialField(el)) return want;
    const fresh = el.isConnected ? hooks.scan(fieldValue(el), fieldLabel(el)) : [];
    return after(fresh, (ms) => new Set(ms.map((m) => m.fingerprint).filter((fp) => want.has(fp))));
  };

  const check = (el: HTMLElement, text: string, append: boolean): void | Promise<void> => {
    const label = fieldLabel(el);
    return after(hooks.scan(text, label), (matches) => {
      const before = shown.get(el) ?? new Set<string>();
      const now = append ? new Set(before) : new Set<string>();
      // Asked once per check, and only for a key new to the field (Bubble's answer looks through the field's row).
      let safe: boolean | undefined;
      for (const m of matches) {
        now.add(m.fingerprint);
        if (!before.has(m.fingerprint)) hooks.found(el, label, m, (safe ??= hooks.isSafe(el)));
      }
      shown.set(el, now);
      if (append) return;
      const gone = [...before].filter((fp) => !now.has(fp));
      return after(stillHeld(el, gone), (held) => {
        for (const fp of gone) {
          if (held.has(fp)) now.add(fp);
          else hooks.cleared(el, fp);
        }
      });
    });
  };

  /**
   * Pastes whose scan waited for a load (or a scan) that failed: their clipboard text is all we have of them (a code
   * editor keeps only part of its text in the DOM), so they are scanned once a later load succeeds. A few at most.
   */
  const unscanned: (() => void)[] = [];
  const keepUnscanned = (fn: () => void) => {
    if (unscanned.length < 5) unscanned.push(fn);
  };

  /**
   * A field's checks, one after another in event order: a scan answered later (in the background) never lets an
   * older answer overwrite a newer one. The chain is dropped once it is idle.
   */
  const turns = new WeakMap<HTMLElement, Promise<void>>();
  const inTurn = (el: HTMLElement, job: () => void | Promise<void>, onFail?: () => void) => {
    const prev = turns.get(el);
    let done: void | Promise<void>;
    try {
      done = prev ? prev.then(job) : job();
    } catch (e) {
      // A synchronous scan that threw: as a rejected one.
      done = Promise.reject(e);
    }
    if (!isPromise(done)) return;
    const settled = done.catch(() => onFail?.());
    turns.set(el, settled);
    void settled.then(() => {
      if (turns.get(el) === settled) turns.delete(el);
    });
  };

  /**
   * Runs `fn` for `el` once `scan` can run: at once when no loading is needed, otherwise after it (in event order).
   * When the load or the scan fails, `keep` holds `fn` for the next successful load.
   */
  const whenReady = (el: HTMLElement, fn: () => void | Promise<void>, keep = false) => {
    const run = () => inTurn(el, fn, keep ? () => keepUnscanned(run) : undefined);
    const go = () => {
      for (const held of unscanned.splice(0)) held();
      run();
    };
    if (!hooks.ready) return go();
    hooks.ready().then(go, () => {
      if (keep) keepUnscanned(run);
    });
  };

  const onInput = (e: Event) => {
    if (!trusted(e)) return;
    const el = editableTarget(e);
    if (!el) return;
    hooks.ready?.().catch(() => undefined); // start loading now: it overlaps the pause
    const t = timers.get(el);
    if (t !== undefined) clearTimeout(t);
    timers.set(
      el,
      setTimeout(() => {
        timers.delete(el);
        whenReady(el, () => (el.isConnected ? check(el, fieldValue(el), false) : undefined));
      }, DEBOUNCE_MS),
    );
  };

  // A paste is scanned at once from the clipboard text: code editors (Monaco) keep only part of the text in the DOM.
  const onPaste = (e: Event) => {
    if (!trusted(e)) return;
    const el = editableTarget(e);
    const text = (e as ClipboardEvent).clipboardData?.getData('text/plain');
    if (!el || !text) return;
    // The engine's own cap, also what a `builder:scan` message may carry.
    const pasted = text.length > DEFAULT_MAX_BYTES ? text.slice(0, DEFAULT_MAX_BYTES) : text;
    whenReady(el, () => (el.isConnected ? check(el, pasted, true) : undefined), true);
  };

  // Focus on a field is the first sign of input: loading starts then, so a paste right after it does not wait.
  const onFocus = (e: Event) => {
    if (trusted(e) && editableTarget(e)) hooks.ready?.().catch(() => undefined);
  };

  const opts = { capture: true, passive: true } as const;
  doc.addEventListener('input', onInput, opts);
  doc.addEventListener('paste', onPaste, opts);
  if (hooks.ready) doc.addEventListener('focusin', onFocus, opts); // only when there is something to load
  return () => {
    doc.removeEventListener('input', onInput, opts);
    doc.removeEventListener('paste', onPaste, opts);
    doc.removeEventListener('focusin', onFocus, opts);
  };
}

/**
 * Bubble's API Connector keeps a header or parameter server-side when its "Private" box is ticked. The editor's class
 * names are hashed, so look for a checked checkbox labelled "Private" in the field's row (a few ancestors up).
 */
const TEXT_FIELD = 'textarea, input:not([type]), input[type="text"], input[type="search"], input[type="url"]';

export function inPrivateRow(el: Element, depth = 4): boolean {
  let child: Element = el;
  let row: Element | null = el.parentElement;
  for (let i = 0; row && i < depth; i++, child = row, row = row.parentElement) {
    const boxes = [...row.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')].filter((box) =>
      (box.closest('label')?.textContent ?? box.getAttribute('aria-label') ?? box.parentElement?.textContent ?? '').toLowerCase().includes('private'),
    );
    if (boxes.length === 0) continue;
    // Several boxes, or a box in a sibling branch that holds its own text fields: that is another row's box.
    if (boxes.length > 1) return false;
    const box = boxes[0]!;
    if (!child.contains(box)) {
      let branch: Element = box;
      while (branch.parentElement && branch.parentElement !== row) branch = branch.parentElement;
      if (branch.matches(TEXT_FIELD) || branch.querySelector(TEXT_FIELD)) return false;
    }
    return box.checked;
  }
  return false;
}
