/**
 * entrypoints/supabase.content/reader.ts: one observer on pages we read and none elsewhere, throttled passes, an
 * observation sent only when it changed, markers placed from the background's answer, cleared on navigation,
 * everything stopped with the content script's context.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startDashboardReader, type PlacedMarker, type ReaderContext } from '@/entrypoints/supabase.content/reader';
import type { DashboardMarker, ObservationDraft } from '@/utils/supabase/dashboard-evidence';
import { REF, REF_B, TABLES, dash, sidebar, tableEditor } from '../../fixtures/apps/supabase-studio';

function fakeCtx() {
  const onInvalid: (() => void)[] = [];
  const onLocation: (() => void)[] = [];
  const ctx = {
    isInvalid: false,
    onInvalidated: (cb: () => void) => {
      onInvalid.push(cb);
      return () => undefined;
    },
    addEventListener: (_w: Window, _t: string, h: () => void) => void onLocation.push(h),
    setTimeout: (h: () => void, ms: number) => setTimeout(h, ms),
    requestIdleCallback: (cb: (d: IdleDeadline) => void) => setTimeout(() => cb({ didTimeout: false, timeRemaining: () => 50 }), 0) as unknown as number,
  };
  return {
    ctx: ctx as ReaderContext,
    navigate: (href: string) => {
      win.location.href = href;
      for (const h of onLocation) h();
    },
    invalidate: () => {
      ctx.isInvalid = true;
      for (const cb of onInvalid) cb();
    },
  };
}
const win = { location: { href: '' } } as unknown as Window & { location: { href: string } };
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const MARKER: DashboardMarker = {
  target: { kind: 'table', schema: 'public', name: 'profiles' },
  ruleId: 'supabase-rls-disabled',
  title: 'Table open to anyone',
  severity: 'critical',
};

let layer: { render: ReturnType<typeof vi.fn<(items: PlacedMarker[]) => void>>; clear: ReturnType<typeof vi.fn<() => void>> };
type Send = (o: ObservationDraft) => Promise<DashboardMarker[] | undefined>;
let send: ReturnType<typeof vi.fn<Send>>;
beforeEach(() => {
  document.body.innerHTML = sidebar(REF, TABLES);
  win.location.href = dash(REF, '/editor');
  layer = { render: vi.fn<(items: PlacedMarker[]) => void>(), clear: vi.fn<() => void>() };
  send = vi.fn<Send>(async () => [MARKER]);
});
/** Every reader a test starts is stopped after it: a reader left running would read the next test's page. */
const running: { stop(): void }[] = [];
const startReader = (o: Parameters<typeof startDashboardReader>[0]) => {
  const r = startDashboardReader(o);
  running.push(r);
  return r;
};
afterEach(() => {
  for (const r of running.splice(0)) r.stop();
  document.body.innerHTML = '';
});

describe('startDashboardReader', () => {
  it('reads the page once, sends it, and puts markers next to the rows the findings name', async () => {
    const { ctx } = fakeCtx();
    startReader({ ctx, doc: document, win, send, markers: layer, throttleMs: 20 });
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(1));
    expect(send.mock.calls[0]![0]).toMatchObject({ page: 'table-list', source: 'dom' });
    await vi.waitFor(() => expect(layer.render).toHaveBeenCalled());
    const placed = layer.render.mock.calls.at(-1)![0] as { anchor: Element; markers: DashboardMarker[] }[];
    expect(placed).toHaveLength(1);
    expect(placed[0]!.anchor.getAttribute('title')).toBe('profiles');
  });

  it('a burst of mutations makes few passes, and an unchanged page is not sent again', async () => {
    const { ctx } = fakeCtx();
    const r = startReader({ ctx, doc: document, win, send, markers: layer, throttleMs: 60 });
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(1));
    const before = r.passes;
    for (let i = 0; i < 50; i++) document.body.appendChild(document.createElement('span'));
    await wait(250);
    expect(r.passes - before).toBeLessThanOrEqual(2);
    expect(send).toHaveBeenCalledTimes(1);
    document.querySelector('a[title="todos"] span:last-child')!.textContent = 'Unrestricted';
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(2));
  });

  it('observes the page only from a pass to the first change that can matter; a grid cell’s churn keeps it observing', async () => {
    // Only observers created in this test count (nothing else observing the document may change the counts).
    const Native = globalThis.MutationObserver;
    const mine = new Set<MutationObserver>();
    vi.stubGlobal(
      'MutationObserver',
      class extends Native {
        constructor(cb: MutationCallback) {
          super(cb);
          mine.add(this);
        }
      },
    );
    const spyObserve = vi.spyOn(Native.prototype, 'observe');
    const spyDisconnect = vi.spyOn(Native.prototype, 'disconnect');
    const calls = (spy: typeof spyObserve | typeof spyDisconnect) => spy.mock.contexts.filter((c) => mine.has(c as MutationObserver)).length;
    // One arm observes the body's subtree (and, not counted here, the document's and <html>'s own children).
    const observe = { count: () => spyObserve.mock.calls.filter((c, i) => mine.has(spyObserve.mock.contexts[i] as MutationObserver) && c[1]?.subtree).length };
    const disconnect = { count: () => calls(spyDisconnect) };
    try {
      document.body.insertAdjacentHTML('beforeend', '<div role="grid"><div role="gridcell">v0</div></div>');
      const { ctx } = fakeCtx();
      const r = startReader({ ctx, doc: document, win, send, markers: layer, throttleMs: 40 });
      expect(observe.count()).toBe(0); // nothing observed before the first read
      await vi.waitFor(() => expect(r.passes).toBe(1));
      expect(observe.count()).toBe(1);
      const cell = document.querySelector('[role="gridcell"]')!;
      for (let i = 0; i < 5; i++) {
        cell.textContent = `v${i + 1}`; // the table editor's live cells: not read, not a reason to stop observing
        await wait(0);
      }
      expect(disconnect.count()).toBe(0);
      document.body.append(document.createElement('section')); // a change that can matter
      await wait(0);
      expect(disconnect.count()).toBe(1);
      for (let i = 0; i < 10; i++) document.body.append(document.createElement('div'));
      await wait(0);
      expect(observe.count()).toBe(1); // not observed again until the next pass
      await vi.waitFor(() => expect(r.passes).toBe(2));
      expect(observe.count()).toBe(2);
      r.stop();
    } finally {
      spyObserve.mockRestore();
      spyDisconnect.mockRestore();
      vi.unstubAllGlobals();
    }
  });

  it('the open table’s row scrolled out of the (virtualised) list: its name is the one the list showed for its id before', async () => {
    // The table list first (table 106 is in it), then the editor of table 106 with no row of it in the DOM.
    const { ctx, navigate } = fakeCtx();
    const r = startReader({ ctx, doc: document, win, send, markers: layer, throttleMs: 10 });
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(1));
    const open = TABLES.find((t) => t.id === 106)!; // RLS off, reachable: "RLS disabled" in the header
    document.body.innerHTML = tableEditor(REF, open, { tables: TABLES.filter((t) => t.id !== 106) });
    navigate(dash(REF, '/editor/106?schema=public'));
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(2));
    const seen = send.mock.calls[1]![0];
    expect(seen.page).toBe('table-editor');
    expect(seen.tables?.find((t) => t.name === open.name)).toMatchObject({ schema: 'public', rls: 'disabled', columns: open.columns });
    // Another project's editor with the same id: names learned for this project are not used there.
    document.body.innerHTML = tableEditor(REF_B, open, { tables: [] });
    navigate(dash(REF_B, '/editor/106?schema=public'));
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(3));
    expect(send.mock.calls[2]![0].tables ?? []).toEqual([]);
    r.stop();
  });

  it('pages we do not read get no observer and no pass', async () => {
    win.location.href = dash(REF, '/sql/new');
    const { ctx } = fakeCtx();
    const r = startReader({ ctx, doc: document, win, send, markers: layer, throttleMs: 10 });
    for (let i = 0; i < 10; i++) document.body.appendChild(document.createElement('div'));
    await wait(100);
    expect(r.passes).toBe(0);
    expect(send).not.toHaveBeenCalled();
  });

  it('single-page navigation clears the markers and reads the new page', async () => {
    const f = fakeCtx();
    startReader({ ctx: f.ctx, doc: document, win, send, markers: layer, throttleMs: 20 });
    await vi.waitFor(() => expect(layer.render).toHaveBeenCalled());
    layer.clear.mockClear();
    f.navigate(dash(REF, '/sql/new'));
    await vi.waitFor(() => expect(layer.clear).toHaveBeenCalled());
    f.navigate(dash(REF, '/editor/101'));
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(2));
    expect(send.mock.calls[1]![0]).toMatchObject({ page: 'table-editor' });
  });

  it('an answer that arrives after navigating away places no markers', async () => {
    let resolve!: (v: DashboardMarker[]) => void;
    send = vi.fn<Send>(() => new Promise<DashboardMarker[]>((r) => (resolve = r)));
    const f = fakeCtx();
    startReader({ ctx: f.ctx, doc: document, win, send, markers: layer, throttleMs: 20 });
    await vi.waitFor(() => expect(send).toHaveBeenCalled());
    f.navigate(dash(REF, '/sql/new'));
    await wait(20);
    resolve([MARKER]);
    await wait(20);
    expect(layer.render).not.toHaveBeenCalled();
  });

  it('stops with the content script: markers removed, no more passes', async () => {
    const f = fakeCtx();
    const r = startReader({ ctx: f.ctx, doc: document, win, send, markers: layer, throttleMs: 10 });
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(1));
    f.invalidate();
    expect(layer.clear).toHaveBeenCalled();
    const passes = r.passes;
    document.querySelector('a[title="todos"] span:last-child')!.textContent = 'Unrestricted';
    await wait(80);
    expect(r.passes).toBe(passes);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('a page that keeps changing without changing what is read: passes back off (doubling, bounded), and a new reading brings them back', async () => {
    let clock = 0;
    const waits: number[] = [];
    const f = fakeCtx();
    const ctx: ReaderContext = {
      ...f.ctx,
      setTimeout: (h: () => void, ms: number) => {
        waits.push(ms);
        clock += ms;
        return setTimeout(h, 0);
      },
    };
    const r = startReader({ ctx, doc: document, win, send, markers: layer, throttleMs: 100, maxGapMs: 400, now: () => clock });
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(1));
    // A dashboard re-rendering something we do not read: each pass reads nothing new.
    for (let i = 0; i < 4; i++) {
      document.body.append(document.createElement('span'));
      await vi.waitFor(() => expect(r.passes).toBe(i + 2));
    }
    expect(send).toHaveBeenCalledTimes(1);
    expect(waits).toEqual([50, 100, 200, 400, 400]);
    // A change that is read (a new table in the list): sent, and the gap is back to the throttle.
    const link = document.querySelector('a[title="profiles"]')!;
    const added = link.cloneNode(true) as Element;
    added.setAttribute('title', 'invoices');
    added.setAttribute('href', link.getAttribute('href')!.replace(/\/editor\/\d+/, '/editor/98765'));
    link.parentElement!.append(added);
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(2));
    document.body.append(document.createElement('span'));
    await vi.waitFor(() => expect(r.passes).toBe(7));
    expect(waits.at(-1)).toBe(100);
  });
});
