/**
 * Reads the Supabase dashboard as the user works in it, cheaply:
 * - pages we do not read (SQL editor, logs, auth users…) get no observer and no timer at all;
 * - on a page we read, one MutationObserver (in-page/change-watch.ts) connected from a pass until the first change
 *   that can matter, so the dashboard's own DOM work is not slowed by it in between; passes run at most every
 *   `throttleMs`, in an idle callback, and read only that page's region (entrypoints/supabase.content/readers/);
 * - on a page that keeps changing without changing what we read (a live grid, an editor re-rendering), each pass
 *   that reads nothing new doubles the gap to the next one, up to `maxGapMs`; a pass that reads something new or a
 *   navigation brings it back to `throttleMs` (as the Glide reader does);
 * - an observation is sent only when it changed; the background answers with where its findings point, and
 *   markers are placed next to those elements;
 * - single-page navigation (`wxt:locationchange`) clears markers and starts over; everything stops with the
 *   content script's context.
 */
import type { DashboardMarker, ObservationDraft, PageKind } from '@/utils/supabase/dashboard-evidence';
import { readPage, type AnchorKey, TableNames, bucketAnchor, tableAnchor } from './readers';
import { pageOf } from './studio';
import { type ChangeWatch, watchChanges } from '@/in-page/change-watch';

export interface PlacedMarker {
  key: AnchorKey;
  anchor: Element;
  markers: DashboardMarker[];
}

export interface MarkerLayer {
  render(items: PlacedMarker[]): void;
  clear(): void;
}

/** The parts of WXT's ContentScriptContext the reader uses (a test passes its own). */
export interface ReaderContext {
  readonly isInvalid: boolean;
  onInvalidated(cb: () => void): () => void;
  addEventListener(target: Window, type: 'wxt:locationchange', handler: () => void): void;
  setTimeout(handler: () => void, ms: number): number | ReturnType<typeof setTimeout>;
  requestIdleCallback(cb: (deadline: IdleDeadline) => void, options?: IdleRequestOptions): number;
}

export interface ReaderOptions {
  ctx: ReaderContext;
  doc: Document;
  win: Window;
  /** Sends an observation to the background; resolves to the markers of the project's findings (or undefined). */
  send(observation: ObservationDraft): Promise<DashboardMarker[] | undefined>;
  markers: MarkerLayer;
  /** Minimum time between two passes (default 750 ms). */
  throttleMs?: number;
  /** Longest gap after passes that read nothing new while the page kept changing (default 4 × throttleMs). */
  maxGapMs?: number;
  /** Our own UI hosts: mutations there are not the dashboard's. */
  ownHosts?: string[];
  now?: () => number;
}

export interface Reader {
  /** Runs a pass now (tests, benchmarks). */
  passNow(): void;
  /** Passes run so far (benchmarks). */
  readonly passes: number;
  stop(): void;
}

const keyOf = (m: DashboardMarker): AnchorKey => (m.target.kind === 'table' ? tableAnchor(m.target.schema, m.target.name) : bucketAnchor(m.target.id));

export function startDashboardReader(o: ReaderOptions): Reader {
  const throttle = o.throttleMs ?? 750;
  const maxGap = Math.max(throttle, o.maxGapMs ?? throttle * 4);
  let gap = throttle;
  const now = o.now ?? (() => performance.now());
  const ownHosts = new Set((o.ownHosts ?? ['micro-app-auditor-markers', 'micro-app-auditor-warning']).map((h) => h.toUpperCase()));
  let watch: ChangeWatch | undefined;
  let pending = false;
  let lastRun = -Infinity;
  let lastSent = '';
  let lastUrl = '';
  let markers: DashboardMarker[] = [];
  let anchors = new Map<AnchorKey, Element>();
  let passes = 0;
  let stopped = false;
  let generation = 0;
  const names = new TableNames(); // kept across navigations: the list's rows name the tables the editor opens

  let placed: { markers: DashboardMarker[]; anchors: Element[] } | undefined;
  const place = () => {
    // Same markers beside the same elements: nothing to redraw (scroll and resize move them).
    const now = [...anchors.values()];
    if (placed && placed.markers === markers && placed.anchors.length === now.length && placed.anchors.every((a, i) => a === now[i])) return;
    placed = { markers, anchors: now };
    const byKey = new Map<AnchorKey, DashboardMarker[]>();
    for (const m of markers) {
      const k = keyOf(m);
      if (anchors.has(k)) byKey.set(k, [...(byKey.get(k) ?? []), m]);
    }
    o.markers.render([...byKey].map(([key, list]) => ({ key, anchor: anchors.get(key)!, markers: list })));
  };

  const pass = () => {
    pending = false;
    if (stopped || o.ctx.isInvalid) return;
    lastRun = now();
    passes++;
    const href = o.win.location.href;
    if (href !== lastUrl) return arm(); // navigated since the pass was scheduled
    const page = pageOf(href);
    if (!page) return;
    watch?.arm(); // before reading: a change from now on brings the next pass
    const { observation, anchors: found } = readPage(o.doc, page, href, names);
    anchors = found;
    // The text itself, not a hash of it: comparing two strings is cheaper than hashing one (500 tables: ~50 kB).
    const digest = `${href}\u0000${JSON.stringify(observation)}`;
    if (digest === lastSent) {
      gap = Math.min(maxGap, gap * 2);
      place(); // same facts; elements may have been re-rendered
      return;
    }
    gap = throttle;
    lastSent = digest;
    const gen = generation;
    void o
      .send(observation)
      .then((list) => {
        if (stopped || gen !== generation || !list) return;
        markers = list;
        place();
      })
      .catch(() => undefined);
  };

  const schedule = () => {
    if (pending || stopped) return;
    pending = true;
    const wait = Math.max(50, lastRun + gap - now());
    o.ctx.setTimeout(() => o.ctx.requestIdleCallback(pass, { timeout: 1000 }), wait);
  };

  /** Regions whose changes cannot change what a page's reader reads (the table editor's data cells churn constantly). */
  const IGNORED_INSIDE: Partial<Record<PageKind, string>> = {
    'table-editor': '[role="gridcell"], [role="cell"]',
    'table-list': '[role="gridcell"], [role="cell"]',
  };
  let ignoredInside: string | undefined;
  const hostSelector = [...ownHosts].map((h) => h.toLowerCase()).join(', ') || 'micro-app-auditor-markers';

  /** True when no record can matter: all are in our own UI or in an ignored region. Cheap: one closest() per record. */
  const irrelevant = (records: MutationRecord[]) =>
    records.every((r) => {
      const el = r.target.nodeType === 1 ? (r.target as Element) : r.target.parentElement;
      if (!el) return false;
      // The ignored region first: a churning grid cell matches at once, without walking up to the body.
      if ((ignoredInside && el.closest(ignoredInside)) || el.closest(hostSelector)) return true;
      return r.type === 'childList' && [...r.addedNodes, ...r.removedNodes].every((n) => n.nodeType === 1 && ownHosts.has((n as Element).tagName));
    });

  const arm = () => {
    const href = o.win.location.href;
    if (href === lastUrl) return;
    lastUrl = href;
    gap = throttle;
    generation++;
    lastSent = '';
    markers = [];
    anchors = new Map();
    placed = undefined;
    o.markers.clear();
    const kind = pageOf(href)?.kind;
    ignoredInside = kind ? IGNORED_INSIDE[kind] : undefined;
    if (!kind) {
      // Not a page we read: nothing observes it.
      watch?.stop();
      watch = undefined;
      return;
    }
    if (!watch && o.doc.body) watch = watchChanges(o.doc, { childList: true, subtree: true, characterData: true }, irrelevant, schedule);
    schedule();
  };

  // The event can fire while the URL is still changing (Navigation API): read the address once the change is done.
  o.ctx.addEventListener(o.win, 'wxt:locationchange', () => void o.ctx.setTimeout(arm, 0));
  o.ctx.onInvalidated(() => stopAll());

  function stopAll() {
    stopped = true;
    watch?.stop();
    watch = undefined;
    o.markers.clear();
  }

  arm();
  return {
    passNow: pass,
    get passes() {
      return passes;
    },
    stop: stopAll,
  };
}

export type { ObservationDraft };
