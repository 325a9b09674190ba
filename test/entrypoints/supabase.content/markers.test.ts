/**
 * entrypoints/supabase.content/markers.ts: badges are drawn only for rows in view, from the boxes an
 * IntersectionObserver reports (no layout read of its own while the dashboard loads); scrolling re-reads the boxes
 * of rows in view only, once per frame; "Show me" still finds rows out of view; everything goes with the context.
 * IntersectionObserver is a stand-in here (happy-dom never calls it back): the test plays the browser's part.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { MARKERS_HOST, createMarkerLayer } from '@/entrypoints/supabase.content/markers';
import { tableAnchor } from '@/entrypoints/supabase.content/readers';
import type { PlacedMarker } from '@/entrypoints/supabase.content/reader';

class FakeIO {
  static last: FakeIO | undefined;
  observed = new Set<Element>();
  constructor(readonly cb: (entries: Partial<IntersectionObserverEntry>[]) => void) {
    FakeIO.last = this;
  }
  observe(el: Element) {
    this.observed.add(el);
  }
  unobserve(el: Element) {
    this.observed.delete(el);
  }
  disconnect() {
    this.observed.clear();
  }
  /** The browser's report after its layout: these elements are in view (at these boxes), the others not. */
  report(inView: Map<Element, DOMRect>) {
    this.cb([...this.observed].map((target) => ({ target, isIntersecting: inView.has(target), boundingClientRect: inView.get(target) ?? new DOMRect() })));
  }
}

function fakeCtx() {
  const stops: (() => void)[] = [];
  const ctx = {
    isInvalid: false,
    onInvalidated: (cb: () => void) => {
      stops.push(cb);
      return () => undefined;
    },
    addEventListener: () => undefined,
    setTimeout: (h: () => void, ms: number) => setTimeout(h, ms),
    setInterval: (h: () => void, ms: number) => setInterval(h, ms),
    requestAnimationFrame: (cb: FrameRequestCallback) => requestAnimationFrame(cb),
    requestIdleCallback: (cb: IdleRequestCallback) => setTimeout(() => cb({ didTimeout: false, timeRemaining: () => 10 }), 0),
    signal: new AbortController().signal,
  };
  return {
    ctx: ctx as unknown as ContentScriptContext,
    stop: () => {
      for (const s of stops) s();
    },
  };
}

const badges = () => [...(document.querySelector(MARKERS_HOST)?.shadowRoot?.querySelectorAll('[data-maa-marker]') ?? [])];
const flush = () => new Promise((r) => setTimeout(r, 30));

let rows: HTMLAnchorElement[];
let items: PlacedMarker[];
let rectReads: number;

beforeEach(() => {
  vi.stubGlobal('IntersectionObserver', FakeIO);
  document.body.innerHTML = '';
  const nav = document.createElement('nav');
  rows = Array.from({ length: 50 }, (_, i) => {
    const a = document.createElement('a');
    a.title = `table_${i}`;
    nav.appendChild(a);
    return a;
  });
  document.body.appendChild(nav);
  rectReads = 0;
  for (const a of rows)
    a.getBoundingClientRect = () => {
      rectReads++;
      return new DOMRect(10, 20, 200, 24);
    };
  items = rows.map((a, i) => ({
    key: tableAnchor('public', `table_${i}`),
    anchor: a,
    markers: [{ target: { kind: 'table', schema: 'public', name: `table_${i}` }, ruleId: 'supabase-rls-disabled', title: 'RLS off', severity: 'high' }],
  }));
});
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('marker layer', () => {
  it('draws badges only for rows in view, from the observer’s boxes, without reading layout itself', async () => {
    const { ctx, stop } = fakeCtx();
    const layer = createMarkerLayer(ctx);
    layer.render(items);
    await flush();
    expect(badges()).toHaveLength(0); // nothing before the browser reported what is in view
    expect(FakeIO.last!.observed.size).toBe(50);
    FakeIO.last!.report(new Map(rows.slice(0, 3).map((a, i) => [a, new DOMRect(10, 20 + i * 30, 200, 24)])));
    await flush();
    expect(badges().map((b) => b.getAttribute('aria-label'))).toEqual([
      'Micro-App Auditor, public.table_0: RLS off (High)',
      'Micro-App Auditor, public.table_1: RLS off (High)',
      'Micro-App Auditor, public.table_2: RLS off (High)',
    ]);
    expect(rectReads).toBe(0);
    // "Show me" reaches a row out of view.
    rows[40]!.scrollIntoView = vi.fn();
    expect(layer.highlight('public.table_40')).toBe(true);
    stop();
    expect(document.querySelector(MARKERS_HOST)).toBeNull();
  });

  it('scrolling re-reads the boxes of the rows in view only, once per frame', async () => {
    const { ctx, stop } = fakeCtx();
    const layer = createMarkerLayer(ctx);
    layer.render(items);
    FakeIO.last!.report(new Map(rows.slice(5, 9).map((a) => [a, new DOMRect(10, 20, 200, 24)])));
    await flush();
    expect(badges()).toHaveLength(4);
    for (let i = 0; i < 5; i++) window.dispatchEvent(new Event('scroll'));
    await flush();
    expect(rectReads).toBe(4);
    expect(badges()).toHaveLength(4);
    stop();
  });

  it('new findings for the same rows keep the rows in view; clearing removes every badge and stops observing', async () => {
    const { ctx, stop } = fakeCtx();
    const layer = createMarkerLayer(ctx);
    layer.render(items);
    FakeIO.last!.report(new Map([[rows[0]!, new DOMRect(10, 20, 200, 24)]]));
    await flush();
    layer.render(items.map((p) => ({ ...p, markers: [{ ...p.markers[0]!, severity: 'critical' as const }] })));
    FakeIO.last!.report(new Map([[rows[0]!, new DOMRect(10, 20, 200, 24)]]));
    await flush();
    expect(badges().map((b) => b.getAttribute('data-severity'))).toEqual(['critical']);
    layer.clear();
    await flush();
    expect(badges()).toHaveLength(0);
    expect(FakeIO.last!.observed.size).toBe(0);
    stop();
  });
});
