/**
 * The Glide reader loop (entrypoints/glide.content/reader.ts): nothing observed on screens we do not read, one send
 * per change, and the data editor's continuous cell edits cause no passes.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startGlideReader, type GlideReader, type ReaderContext } from '@/entrypoints/glide.content/reader';
import { accessNew, dataEditor } from '../../fixtures/apps/glide-builder';
import { SCANNER_GLOBAL } from '@/in-page/scanner-slot';

const APP_URL = (p: string) => `https://go.glideapps.com/app/AbCdEfGhIjKlMnOpQrSt${p}`;
const setBody = (html: string) => {
  document.body.innerHTML = new DOMParser().parseFromString(html, 'text/html').body.innerHTML;
  for (const s of [...document.querySelectorAll('script')]) s.remove();
};
const tick = (ms = 30) => new Promise((r) => setTimeout(r, ms));

let reader: GlideReader | undefined;
afterEach(() => reader?.stop());

function start(href: string, loadEngine?: () => Promise<unknown> | undefined) {
  const win = { location: { href } } as unknown as Window;
  const ctx: ReaderContext = {
    isInvalid: false,
    onInvalidated: () => () => undefined,
    onLocationChange: () => () => undefined,
    setTimeout: (h, ms) => setTimeout(h, Math.min(ms, 5)),
    requestIdleCallback: (cb) => setTimeout(() => cb({ didTimeout: false, timeRemaining: () => 50 } as IdleDeadline), 0) as unknown as number,
  };
  const send = vi.fn(async (_observation: unknown) => undefined);
  reader = startGlideReader({ ctx, doc: document, win, send, throttleMs: 0, loadEngine });
  return { send, reader };
}

describe('Glide reader loop', () => {
  it('a screen we do not read (Layout): no pass, no send, whatever the page does', async () => {
    setBody('<main><h2>Layout</h2></main>');
    const { send, reader } = start(APP_URL('/layout'));
    for (let i = 0; i < 5; i++) document.body.append(document.createElement('div'));
    await tick(60);
    expect(reader.passes).toBe(0);
    expect(send).not.toHaveBeenCalled();
  });

  it('Access: sends once, again only when a choice flips', async () => {
    setBody(accessNew({ mode: 'private' }));
    const { send } = start(APP_URL('/settings/privacy'));
    await tick(60);
    expect(send).toHaveBeenCalledTimes(1);
    document.body.append(document.createElement('span')); // a change that changes nothing read
    await tick(60);
    expect(send).toHaveBeenCalledTimes(1);
    const [pub, priv] = [...document.querySelectorAll('[role="radio"]')];
    pub!.setAttribute('aria-checked', 'true');
    priv!.setAttribute('aria-checked', 'false');
    await tick(60);
    expect(send).toHaveBeenCalledTimes(2);
    expect((send.mock.calls[1] as unknown as [{ access: { mode: string } }])[0].access.mode).toBe('public');
  });

  it('Data: continuous cell edits cause no passes', async () => {
    setBody(dataEditor({ selected: 'Customers' }));
    const { reader } = start(APP_URL('/data'));
    await tick(60);
    const before = reader.passes;
    const cells = [...document.querySelectorAll('[role="gridcell"]')];
    for (let i = 0; i < 50; i++) {
      cells[i % cells.length]!.textContent = `v${i}`;
      if (i % 10 === 0) await tick(5);
    }
    await tick(60);
    expect(reader.passes).toBe(before);
  });

  it('a page that keeps changing without changing what is read: passes back off (doubling, bounded), and a new reading brings them back', async () => {
    setBody(accessNew({ mode: 'private' }));
    let clock = 0;
    const waits: number[] = [];
    const ctx: ReaderContext = {
      isInvalid: false,
      onInvalidated: () => () => undefined,
      onLocationChange: () => () => undefined,
      setTimeout: (h, ms) => {
        waits.push(ms);
        clock += ms;
        return setTimeout(h, 0);
      },
      requestIdleCallback: (cb) => setTimeout(() => cb({ didTimeout: false, timeRemaining: () => 50 } as IdleDeadline), 0) as unknown as number,
    };
    const send = vi.fn(async (_observation: unknown) => undefined);
    const win = { location: { href: APP_URL('/settings/privacy') } } as unknown as Window;
    reader = startGlideReader({ ctx, doc: document, win, send, throttleMs: 100, maxGapMs: 400, now: () => clock });
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(1));
    // An editor re-rendering something we do not read: each pass reads nothing new.
    for (let i = 0; i < 4; i++) {
      document.body.append(document.createElement('span'));
      await vi.waitFor(() => expect(reader!.passes).toBe(i + 2));
    }
    expect(send).toHaveBeenCalledTimes(1);
    expect(waits).toEqual([50, 100, 200, 400, 400]);
    // A change that is read: sent, and the gap is back to the throttle.
    const [pub, priv] = [...document.querySelectorAll('[role="radio"]')];
    pub!.setAttribute('aria-checked', 'true');
    priv!.setAttribute('aria-checked', 'false');
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(2));
    document.body.append(document.createElement('span'));
    await vi.waitFor(() => expect(reader!.passes).toBe(7));
    expect(waits).toEqual([50, 100, 200, 400, 400, 400, 100]);
  });

  it('a committed edit brings a pass only where the reader reads it: a field in an open panel or a choice, not the editor’s other fields', async () => {
    setBody(dataEditor({ selected: 'Customers', panelKey: 'stripe' }));
    document.body.insertAdjacentHTML('beforeend', '<input id="outside" aria-label="Element text"><input id="opt" type="checkbox">');
    const ctx: ReaderContext = {
      isInvalid: false,
      onInvalidated: () => () => undefined,
      onLocationChange: () => () => undefined,
      setTimeout: (h) => setTimeout(h, 0),
      requestIdleCallback: (cb) => setTimeout(() => cb({ didTimeout: false, timeRemaining: () => 50 } as IdleDeadline), 0) as unknown as number,
    };
    const send = vi.fn(async (_observation: unknown) => undefined);
    const win = { location: { href: APP_URL('/data') } } as unknown as Window;
    reader = startGlideReader({ ctx, doc: document, win, send, throttleMs: 100 });
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(1));
    const passes = reader.passes;
    const commit = (el: Element) => el.dispatchEvent(new Event('change', { bubbles: true }));
    // Text typed into a field outside any panel (the field guard scans it): no pass of the screen reader.
    commit(document.getElementById('outside')!);
    await tick(40);
    expect(reader.passes).toBe(passes);
    // A field in the open "Call API" panel: read again.
    commit(document.querySelector('[role="dialog"] textarea')!);
    await vi.waitFor(() => expect(reader!.passes).toBe(passes + 1));
    // A choice (its state shows in no DOM change).
    commit(document.getElementById('opt')!);
    await vi.waitFor(() => expect(reader!.passes).toBe(passes + 2));
    // A cell editor inside the data grid (cells are read for the team token; their own changes are not observed).
    const grid = document.querySelector('[role="grid"]')!;
    grid.insertAdjacentHTML('beforeend', '<input id="cell-editor">');
    await vi.waitFor(() => expect(reader!.passes).toBe(passes + 3)); // (the insertion itself is a change)
    commit(document.getElementById('cell-editor')!);
    await vi.waitFor(() => expect(reader!.passes).toBe(passes + 4));
  });

  it('observes the page only from a pass to the first change that can matter: the editor’s own DOM work between them is not observed', async () => {
    setBody(dataEditor({ selected: 'Customers' }));
    const observe = vi.spyOn(MutationObserver.prototype, 'observe');
    const disconnect = vi.spyOn(MutationObserver.prototype, 'disconnect');
    // One arm observes the body's subtree (and, not counted here, the document's and <html>'s own children).
    const arms = () => observe.mock.calls.filter((c) => c[1]?.subtree).length;
    const timers: (() => void)[] = [];
    const ctx: ReaderContext = {
      isInvalid: false,
      onInvalidated: () => () => undefined,
      onLocationChange: () => () => undefined,
      setTimeout: (h) => timers.push(h),
      requestIdleCallback: (cb) => {
        cb({ didTimeout: false, timeRemaining: () => 50 } as IdleDeadline);
        return 0;
      },
    };
    const send = vi.fn(async (_observation: unknown) => undefined);
    const win = { location: { href: APP_URL('/data') } } as unknown as Window;
    try {
      reader = startGlideReader({ ctx, doc: document, win, send, throttleMs: 100 });
      expect(observe).not.toHaveBeenCalled(); // nothing observed before the first read
      timers.shift()!(); // the first pass
      expect(reader.passes).toBe(1);
      expect(arms()).toBe(1);
      document.body.append(document.createElement('section')); // a change that can matter
      await tick(0);
      expect(disconnect).toHaveBeenCalledTimes(1);
      expect(timers).toHaveLength(1); // the next pass is scheduled
      for (let i = 0; i < 20; i++) document.body.append(document.createElement('div')); // the editor keeps working
      await tick(0);
      expect(arms()).toBe(1); // not observed again until the next pass
      expect(timers).toHaveLength(1);
      timers.shift()!();
      expect(reader.passes).toBe(2);
      expect(arms()).toBe(2);
    } finally {
      observe.mockRestore();
      disconnect.mockRestore();
    }
  });

  /** A tab before the secret engine is injected (in-page/scanner.ts); `install` is what the injected script does. */
  function withoutEngine() {
    const g = globalThis as unknown as Record<string, unknown>;
    const engine = g[SCANNER_GLOBAL];
    delete g[SCANNER_GLOBAL];
    return { install: () => void (g[SCANNER_GLOBAL] = engine), restore: () => void (g[SCANNER_GLOBAL] = engine) };
  }

  it('loading the secret engine fails: the page’s next change tries again (the reader stays observing)', async () => {
    setBody(dataEditor({ selected: 'Customers', panelKey: 'stripe' }));
    const { install, restore } = withoutEngine();
    try {
      let attempt = 0;
      const loadEngine = vi.fn(() => (++attempt === 1 ? Promise.reject(new Error('no engine')) : Promise.resolve(install())));
      const { send, reader } = start(APP_URL('/data'), loadEngine);
      await tick(60);
      expect(loadEngine).toHaveBeenCalledTimes(1);
      expect(send).not.toHaveBeenCalled();
      expect(reader.passes).toBe(1);
      document.body.append(document.createElement('div')); // any change
      await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(1));
      expect(loadEngine).toHaveBeenCalledTimes(2);
      expect(send.mock.calls[0]![0]).toMatchObject({ secrets: [{ provider: 'stripe-secret-key' }] });
    } finally {
      restore();
    }
  });

  it('an open panel and no engine: nothing is sent until it is loaded, then one pass sends what the panel holds', async () => {
    setBody(dataEditor({ selected: 'Customers', panelKey: 'stripe' }));
    const { install, restore } = withoutEngine();
    try {
      let finish: () => void = () => undefined;
      const loading = new Promise<void>((r) => (finish = r));
      const loadEngine = vi.fn(() => loading);
      const { send } = start(APP_URL('/data'), loadEngine);
      await tick(60);
      expect(loadEngine).toHaveBeenCalledTimes(1);
      expect(send).not.toHaveBeenCalled();
      install();
      finish();
      await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(1));
      const sent = send.mock.calls[0]![0] as Record<string, unknown>;
      expect(sent).toMatchObject({ secrets: [{ provider: 'stripe-secret-key' }] });
      expect(sent).not.toHaveProperty('panelsUnread'); // the reader's own flag is never sent
      expect(loadEngine).toHaveBeenCalledTimes(1);
    } finally {
      restore();
    }
  });

  it('no panel open: the engine is never asked for, and the screen is read and sent at once', async () => {
    setBody(dataEditor({ selected: 'Customers' }));
    const { restore } = withoutEngine();
    try {
      const loadEngine = vi.fn(() => Promise.resolve());
      const { send } = start(APP_URL('/data'), loadEngine);
      await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(1));
      expect(loadEngine).not.toHaveBeenCalled();
    } finally {
      restore();
    }
  });
});
