/**
 * Reads the Glide builder as the user works in it, cheaply:
 * - screens we do not read (Layout, …) get no observer and no timer at all;
 * - on a screen we read, one MutationObserver (in-page/change-watch.ts) connected from a pass until the first change
 *   that can matter (changes inside grid cells — the data editor's continuous edits — and inside our own UI are
 *   ignored), so the editor's own DOM work is not slowed by it in between; passes run at most every `throttleMs`, in
 *   an idle callback, and read only that screen (./readers/);
 * - on a page that keeps changing without changing what we read (an editor canvas re-rendering every frame), each
 *   pass that reads nothing new doubles the gap to the next one, up to `maxGapMs`; a pass that reads something new,
 *   a committed field edit or a navigation brings it back to `throttleMs`;
 * - an observation is sent only when it changed;
 * - single-page navigation (our own context's trusted location watcher) starts over; everything stops with the content script's context.
 */
import type { GlideObservationDraft } from '@/utils/glide/builder-evidence';
import { hash64 } from '@/utils/hash';
import { type ChangeWatch, watchChanges } from '@/in-page/change-watch';
import { OWN_HOSTS, ROLES } from './anchors';
import { readScreen, screenOf } from './readers';

/** The parts of WXT's ContentScriptContext the reader uses (a test or benchmark passes its own). */
export interface ReaderContext {
  readonly isInvalid: boolean;
  onInvalidated(cb: () => void): () => void;
  /** Single-page navigation, from a source the page cannot forge (in-page/context.ts). */
  onLocationChange(handler: () => void): () => void;
  setTimeout(handler: () => void, ms: number): number | ReturnType<typeof setTimeout>;
  requestIdleCallback(cb: (deadline: IdleDeadline) => void, options?: IdleRequestOptions): number;
}

export interface GlideReaderOptions {
  ctx: ReaderContext;
  doc: Document;
  win: Window;
  send(observation: GlideObservationDraft): Promise<unknown>;
  /**
   * Called when a read found an open panel it could not read without the secret engine (readers/panels.ts): a
   * promise that loads it, and the pass drops that read, waits and reads again (a failure waits for the page's next
   * change). Undefined (or no hook): the read is sent as it is.
   */
  loadEngine?(): Promise<unknown> | undefined;
  /** Minimum time between two passes (default 750 ms). */
  throttleMs?: number;
  /** Longest gap after passes that read nothing new while the page kept changing (default 4 × throttleMs). */
  maxGapMs?: number;
  now?: () => number;
}

export interface GlideReader {
  passNow(): void;
  readonly passes: number;
  readonly sent: number;
  stop(): void;
}

/** Regions whose changes cannot change what a reader reads: grid cells (row data) and our own UI. */
const IGNORED = ['[role="gridcell"]', '[role="cell"]', 'td', ...OWN_HOSTS].join(', ');
const CHOICES = 'input[type="radio"], input[type="checkbox"], select';
/** Where a committed edit changes what is read without a DOM change: open panels, and a grid's own cell editor. */
const READ_REGIONS = `${ROLES.dialog}, ${ROLES.grid}`;
const ATTRIBUTES = ['aria-checked', 'aria-selected', 'aria-expanded', 'aria-pressed', 'aria-current', 'checked', 'open'];

export function startGlideReader(o: GlideReaderOptions): GlideReader {
  const throttle = o.throttleMs ?? 750;
  const maxGap = Math.max(throttle, o.maxGapMs ?? throttle * 4);
  let gap = throttle;
  const now = o.now ?? (() => performance.now());
  let watch: ChangeWatch | undefined;
  let pending = false;
  let lastRun = -Infinity;
  let lastSent = '';
  let lastUrl = '';
  let passes = 0;
  let sent = 0;
  let stopped = false;

  const pass = () => {
    pending = false;
    if (stopped || o.ctx.isInvalid) return;
    lastRun = now();
    passes++;
    const href = o.win.location.href;
    if (href !== lastUrl) return arm();
    const screen = screenOf(href);
    if (!screen) return;
    watch?.arm(); // before reading: a change from now on brings the next pass
    const { panelsUnread, ...observation } = readScreen(o.doc, screen);
    const loading = panelsUnread ? o.loadEngine?.() : undefined;
    if (loading) {
      // Read once it is loaded (a failure waits for the page's next change, which tries again).
      void loading.then(
        () => {
          // Read now (the next idle moment), not after another throttle wait: the screen was due a pass already.
          if (pending || stopped) return;
          pending = true;
          o.ctx.requestIdleCallback(pass, { timeout: 200 });
        },
        () => undefined,
      );
      return;
    }
    const digest = `${href}\u0000${hash64(JSON.stringify(observation))}`;
    if (digest === lastSent) {
      gap = Math.min(maxGap, gap * 2);
      return;
    }
    gap = throttle;
    lastSent = digest;
    sent++;
    void o.send(observation).catch(() => undefined);
  };

  const schedule = () => {
    if (pending || stopped) return;
    pending = true;
    const wait = Math.max(50, lastRun + gap - now());
    o.ctx.setTimeout(() => o.ctx.requestIdleCallback(pass, { timeout: 1000 }), wait);
  };

  /** True when no record can matter (all in grid cells or our own UI): one closest() per record. */
  const irrelevant = (records: MutationRecord[]) =>
    records.every((r) => {
      const el = r.target.nodeType === 1 ? (r.target as Element) : r.target.parentElement;
      return !!el && !!el.closest(IGNORED);
    });

  /**
   * A committed edit the screen's reader can read, which no DOM change shows: a choice (radio, checkbox, select: the
   * Access screen), a field in an open panel (readers/panels.ts reads only those) or in the data grid (a cell editor
   * inside the grid: cells are read for the team token, and their own changes are not observed). Text typed into the
   * editor's other fields is the field guard's business (in-page/guard.ts scans it), not a reason to read the screen again.
   */
  const readable = (t: EventTarget | null) => {
    const el = t as Element | null;
    return el?.nodeType === 1 && (el.matches(CHOICES) || el.closest(READ_REGIONS) !== null);
  };
  const onChange = (e: Event) => {
    if (!readable(e.target)) return;
    gap = throttle;
    schedule();
  };

  const arm = () => {
    const href = o.win.location.href;
    if (href === lastUrl) return;
    lastUrl = href;
    lastSent = '';
    gap = throttle;
    if (!screenOf(href)) {
      watch?.stop();
      watch = undefined;
      o.doc.removeEventListener('change', onChange, true);
      return;
    }
    if (!watch && o.doc.body) {
      const init = { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ATTRIBUTES };
      watch = watchChanges(o.doc, init, irrelevant, schedule);
      // Typed values and choices are no DOM mutation: a committed edit the reader can read still triggers a pass.
      o.doc.addEventListener('change', onChange, true);
    }
    schedule();
  };

  o.ctx.onLocationChange(() => void o.ctx.setTimeout(arm, 0));
  o.ctx.onInvalidated(() => stopAll());

  function stopAll() {
    stopped = true;
    watch?.stop();
    watch = undefined;
    o.doc.removeEventListener('change', onChange, true);
  }

  arm();
  return {
    passNow: pass,
    get passes() {
      return passes;
    },
    get sent() {
      return sent;
    },
    stop: stopAll,
  };
}
