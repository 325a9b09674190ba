/**
 * The marker layer in the page: one shadow-root host (in-page/shadow-host.ts, open), mounted on first use, following
 * scroll and resize only while markers are shown, emptied on navigation and removed with the content script.
 */
import { h, render } from 'preact';
import { hash64 } from '@/utils/hash';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { hostOnDemand, mountHost, type InPageHost } from '@/in-page/shadow-host';
import { MARKERS_CSS, Markers, type MarkerView } from '../../components/supabase/Markers';
import type { MarkerLayer, PlacedMarker } from './reader';
import { labelMatches } from '@/utils/highlight';

export const MARKERS_HOST = 'micro-app-auditor-markers';

/** How long a "Show me" highlight stays on the element. */
export const HIGHLIGHT_MS = 4000;

export function createMarkerLayer(ctx: ContentScriptContext): MarkerLayer & { highlight(name: string): boolean } {
  let placed: PlacedMarker[] = [];
  let ui: InPageHost | undefined;
  let views: MarkerView[] = [];
  let tick = 0;
  let listening = false;
  let frame: number | undefined;
  /**
   * Rows in view and their boxes, measured by an IntersectionObserver: the browser measures them in its own rendering
   * step, so placing markers never forces a layout while the dashboard loads, and rows out of view get no badge (a
   * 500-table sidebar shows a few dozen). Scrolling marks the boxes stale; they are re-read, for rows in view only,
   * once per frame. Without IntersectionObserver every anchor is measured when painted, as before.
   */
  const inView = new Map<Element, DOMRectReadOnly | undefined>();
  let stale = false;
  const io =
    typeof IntersectionObserver === 'function'
      ? new IntersectionObserver((entries) => {
          for (const e of entries) {
            if (e.isIntersecting) inView.set(e.target, stale ? undefined : e.boundingClientRect);
            else inView.delete(e.target);
          }
          if (placed.length) paintWhenIdle();
        })
      : undefined;
  // The first badges wait for an idle moment: while the dashboard is still loading, its own work goes first.
  let idleQueued = false;
  function paintWhenIdle() {
    if (idleQueued) return;
    idleQueued = true;
    ctx.requestIdleCallback(
      () => {
        idleQueued = false;
        if (placed.length) ui = host();
        paint();
      },
      { timeout: 1000 },
    );
  }
  const ids = new Map<string, string>();
  const idOf = (key: string) => {
    let id = ids.get(key);
    if (!id) ids.set(key, (id = hash64(key).slice(0, 12)));
    return id;
  };
  const labelOf = (p: PlacedMarker) => (p.key.startsWith('table:') ? p.key.slice(6).replace('\u0000', '.') : `bucket ${p.key.slice(7)}`);
  const box = (anchor: Element): DOMRectReadOnly | undefined => {
    if (!anchor.isConnected) return undefined;
    if (!io) return anchor.getBoundingClientRect();
    let r = inView.get(anchor);
    if (!r) inView.set(anchor, (r = anchor.getBoundingClientRect()));
    return r;
  };

  const paint = () => {
    if (!ui) return;
    if (stale) {
      stale = false;
      for (const a of inView.keys()) inView.set(a, undefined);
    }
    views = (io ? placed.filter((p) => inView.has(p.anchor)) : placed).map((p) => ({
      id: idOf(p.key),
      rect: () => box(p.anchor) as DOMRect | undefined,
      markers: p.markers,
      label: labelOf(p),
    }));
    render(h(Markers, { views, tick: ++tick }), ui.uiContainer);
  };
  const onScroll = () => {
    stale = true;
    if (frame !== undefined) return;
    frame = requestAnimationFrame(() => {
      frame = undefined;
      paint();
    });
  };
  const follow = (on: boolean) => {
    if (on === listening) return;
    listening = on;
    if (on) {
      window.addEventListener('scroll', onScroll, { capture: true, passive: true });
      window.addEventListener('resize', onScroll, { passive: true });
    } else {
      window.removeEventListener('scroll', onScroll, { capture: true });
      window.removeEventListener('resize', onScroll);
    }
  };
  const host = hostOnDemand(() => mountHost(ctx, MARKERS_HOST, MARKERS_CSS, 'open'));
  const observe = (items: PlacedMarker[]) => {
    if (!io) return;
    const next = new Set(items.map((p) => p.anchor));
    for (const a of [...inView.keys()]) if (!next.has(a)) inView.delete(a);
    io.disconnect();
    for (const a of next) io.observe(a); // the first callback reports every anchor, in view or not
  };

  ctx.onInvalidated(() => {
    if (frame !== undefined) cancelAnimationFrame(frame);
    follow(false);
    io?.disconnect();
    inView.clear();
    placed = [];
    views = [];
    if (ui) {
      render(null, ui.uiContainer);
      ui.remove();
    }
  });

  return {
    render(items: PlacedMarker[]) {
      placed = items;
      follow(items.length > 0);
      observe(items);
      // With an IntersectionObserver the badges are drawn from its callback (after the browser's own layout).
      if (items.length && !io) ui = host();
      if (!items.length || !io) paint();
    },
    /** "Show me" (utils/highlight.ts): scrolls to the marked element a finding names and outlines it for a moment. */
    highlight(name: string) {
      const hit = placed.find((p) => p.anchor.isConnected && labelMatches(labelOf(p), name));
      if (!hit) return false;
      const el = hit.anchor as HTMLElement;
      el.scrollIntoView({ block: 'center', behavior: 'smooth' });
      const before = el.style.outline;
      el.style.outline = '3px solid #d93f0b';
      setTimeout(() => {
        el.style.outline = before;
      }, HIGHLIGHT_MS);
      return true;
    },
    clear() {
      placed = [];
      views = [];
      io?.disconnect();
      inView.clear();
      follow(false);
      paint();
    },
  };
}
