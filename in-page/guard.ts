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
 * Code editors (Monaco, CodeMirror 5 and 6, Ace) keep only the visible part of their text in the DOM: reading the DOM
 * cannot prove a key left them, so a warning about such a field is never cleared from a DOM read (the user dismisses
 * it). Their input is a hidden textarea or a contenteditable that handles a paste itself (Monaco and Ace prevent the
 * browser's insertion and read the clipboard): a paste into one is read from the clipboard.
 */
export function partialField(el: Element): boolean {
  return el.closest('.monaco-editor, .cm-editor, .CodeMirror, .ace_editor') !== null;
}

/** An input or textarea of the page's own, outside any code editor: the browser inserts what is pasted into it. */
const plainField = (el: HTMLElement): boolean => (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) && !partialField(el);

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
  /** When each field's typing pause ends (a field with an entry has its timer running). */
  const due = new WeakMap<HTMLElement, number>();
  const shown = new WeakMap<HTMLElement, Set<string>>();
  /**
   * The text of each field's last whole check that completed: the same text again has the same keys, so it is not
   * sent to be scanned again (a paste into a plain field is checked at once, and its typing pause then reads the same).
   */
  const lastChecked = new WeakMap<HTMLElement, string>();

  /** Keys still in the field, read again now: a finding is cleared only when a fresh read no longer holds it. */
  const stillHeld = (el: HTMLElement, fingerprints: Iterable<string>): Set<string> | Promise<Set<string>> => {
    const want = new Set(fingerprints);
    if (!want.size) return want;
    if (el.isConnected && partialField(el)) return want;
    const fresh = el.isConnected ? hooks.scan(fieldValue(el), fieldLabel(el)) : [];
    return after(fresh, (ms) => new Set(ms.map((m) => m.fingerprint).filter((fp) => want.has(fp))));
  };

  const check = (el: HTMLElement, text: string, append: boolean): void | Promise<void> => {
    if (!append && lastChecked.get(el) === text) return;
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
        lastChecked.set(el, text);
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

  /**
   * A paste is scanned at once, not after the typing pause: the field's whole text (`whole`: a plain field, read after
   * the insertion), or the clipboard's text, whose keys are added to what the field already showed.
   */
  const scanPasted = (el: HTMLElement, text: string, whole: boolean) => {
    // The engine's own cap, also what a `builder:scan` message may carry.
    const pasted = text.length > DEFAULT_MAX_BYTES ? text.slice(0, DEFAULT_MAX_BYTES) : text;
    whenReady(el, () => (el.isConnected ? check(el, pasted, !whole) : undefined), true);
  };

  /** Starts the engine's loading (once: the answer is kept; a failure lets the next input try again). */
  let warming: Promise<unknown> | undefined;
  const warm = () => {
    warming ??= hooks.ready?.().catch(() => {
      warming = undefined;
    });
  };

  /** The field's typing pause is over when no input came for DEBOUNCE_MS: one timer per pause, not one per keystroke. */
  const waitForPause = (el: HTMLElement) => {
    const left = (due.get(el) ?? 0) - Date.now();
    if (left > 0) return void setTimeout(() => waitForPause(el), left);
    due.delete(el);
    whenReady(el, () => (el.isConnected ? check(el, fieldValue(el), false) : undefined));
  };

  /** Plain fields with a paste whose insertion has not been seen yet (see onPaste). */
  const pasting = new WeakSet<HTMLElement>();

  const onInput = (e: Event) => {
    if (!trusted(e)) return;
    const el = editableTarget(e);
    if (!el) return;
    // The browser has inserted a paste: the field holds its text now (read now: an editor may empty its input next).
    if ((e as InputEvent).inputType === 'insertFromPaste' && pasting.delete(el)) scanPasted(el, fieldValue(el), true);
    warm(); // start loading now: it overlaps the pause
    const waiting = due.has(el);
    due.set(el, Date.now() + DEBOUNCE_MS);
    if (!waiting) setTimeout(() => waitForPause(el), DEBOUNCE_MS);
  };

  /**
   * A paste is scanned at once. Into a plain field, from the field once the browser has inserted it (its `input`
   * event, fired in the same task): reading the clipboard is a synchronous trip to the system clipboard, 0.3–2.7 ms
   * per paste in headless Chromium (2026-12-07), on the page's main thread. When the page prevented that insertion
   * (no such `input` comes), the field is read at the next task, in case the page set the value itself. Into a code
   * editor or a contenteditable, from the clipboard text: they keep only part of their text in the DOM, and Monaco and
   * Ace insert the paste themselves.
   */
  const onPaste = (e: Event) => {
    if (!trusted(e)) return;
    const el = editableTarget(e);
    if (!el) return;
    if (plainField(el)) {
      pasting.add(el);
      setTimeout(() => {
        if (pasting.delete(el)) scanPasted(el, fieldValue(el), true);
      }, 0);
      return;
    }
    const text = (e as ClipboardEvent).clipboardData?.getData('text/plain');
    if (text) scanPasted(el, text, false);
  };

  // Focus on a field is the first sign of input: loading starts then, so a paste right after it does not wait.
  const onFocus = (e: Event) => {
    if (!warming && trusted(e) && editableTarget(e)) warm();
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
