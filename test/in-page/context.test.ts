/**
 * in-page/context.ts: our content-script context. What WXT 0.21.0's ContentScriptContext lets a page forge
 * (node_modules/wxt/dist/utils/content-script-context.mjs, internal/custom-events.mjs: the
 * `<id>:<entrypoint>:wxt:content-script-started` CustomEvent on document, announced by postMessage, and the
 * `<id>:<entrypoint>:wxt:locationchange` event on window) must not change ours (issue 10 item 5).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOwnContext, type ContextDeps } from '@/in-page/context';

const ID = 'abcdefghijklmnopabcdefghijklmnop';

function deps(over: Partial<ContextDeps> = {}) {
  const navigation = new EventTarget();
  let runtime: string | undefined = ID;
  const d: ContextDeps = { runtimeId: () => runtime, win: window, navigation: navigation as never, ...over };
  return { d, navigation, orphan: () => void (runtime = undefined) };
}

const made: { invalidate(): void }[] = [];
const make = (name: string, d: ContextDeps) => {
  const ctx = createOwnContext(name, d);
  made.push(ctx);
  return ctx;
};
afterEach(() => {
  for (const c of made.splice(0)) c.invalidate();
  history.replaceState(null, '', '/');
});

describe('createOwnContext', () => {
  it('a timer or idle callback that ran leaves no listener behind on the context; one still pending is cancelled with it', async () => {
    const { d } = deps();
    const ctx = make('glide', d);
    const add = vi.spyOn(ctx.signal, 'addEventListener');
    const remove = vi.spyOn(ctx.signal, 'removeEventListener');
    const ran = vi.fn();
    for (let i = 0; i < 20; i++) {
      ctx.setTimeout(ran, 0);
      ctx.requestIdleCallback(ran, { timeout: 1 });
    }
    await vi.waitFor(() => expect(ran).toHaveBeenCalledTimes(40));
    // Every listener added for a timer was taken off when it ran: none pile up over a long session.
    expect(remove.mock.calls.map((c) => c[1]).sort()).toEqual(add.mock.calls.map((c) => c[1]).sort());
    const late = vi.fn();
    ctx.setTimeout(late, 5);
    ctx.invalidate();
    await new Promise((r) => setTimeout(r, 20));
    expect(late).not.toHaveBeenCalled();
  });

  it('is not stopped by a forged WXT "content script started" event or message', () => {
    const { d } = deps();
    const ctx = make('bubble', d);
    const stopped = vi.fn();
    ctx.onInvalidated(stopped);
    for (const entry of ['bubble', 'bubble.content', 'content']) {
      const type = `${ID}:${entry}:wxt:content-script-started`;
      document.dispatchEvent(new CustomEvent(type, { detail: { contentScriptName: entry, messageId: 'forged' } }));
      window.dispatchEvent(new MessageEvent('message', { data: { type, contentScriptName: entry, messageId: 'forged' } }));
    }
    expect(ctx.isValid).toBe(true);
    expect(stopped).not.toHaveBeenCalled();
  });

  it('reports navigation only from its own watcher: a forged wxt:locationchange or untrusted navigate event does nothing', async () => {
    const { d, navigation } = deps({ isTrusted: (e) => e.type !== 'forged' && (e as Event & { trustedForTest?: boolean }).trustedForTest === true });
    const ctx = make('supabase', d);
    const moved = vi.fn();
    ctx.onLocationChange(moved);
    const legacy = vi.fn();
    ctx.addEventListener(window, 'wxt:locationchange', legacy);
    window.dispatchEvent(new Event(`${ID}:supabase:wxt:locationchange`));
    window.dispatchEvent(new Event('wxt:locationchange'));
    history.pushState(null, '', '/moved');
    navigation.dispatchEvent(new Event('navigatesuccess')); // dispatched by a script: not trusted
    await new Promise((r) => setTimeout(r, 5));
    expect(moved).not.toHaveBeenCalled();
    expect(legacy).not.toHaveBeenCalled();
    // The browser's own event after a real change of address.
    navigation.dispatchEvent(Object.assign(new Event('navigatesuccess'), { trustedForTest: true }));
    expect(moved).toHaveBeenCalledTimes(1);
    expect(moved.mock.calls[0]![0]).toMatch(/\/moved$/);
    expect(legacy).toHaveBeenCalledTimes(1);
    // A trusted event without a change of address is no navigation.
    navigation.dispatchEvent(Object.assign(new Event('navigatesuccess'), { trustedForTest: true }));
    expect(moved).toHaveBeenCalledTimes(1);
  });

  it('ends when the extension runtime is gone (reloaded or updated), and its timers stop', () => {
    vi.useFakeTimers();
    try {
      const { d, orphan } = deps();
      const ctx = make('glide', d);
      const stopped = vi.fn();
      const tick = vi.fn();
      ctx.onInvalidated(stopped);
      ctx.setInterval(tick, 100);
      vi.advanceTimersByTime(100);
      expect(tick).toHaveBeenCalledTimes(1);
      orphan();
      vi.advanceTimersByTime(300);
      expect(tick).toHaveBeenCalledTimes(1);
      expect(ctx.isInvalid).toBe(true);
      expect(stopped).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a newer copy of the same script in this isolated world replaces the older one; other scripts are left alone', () => {
    const first = make('bubble', deps().d);
    const other = make('glide', deps().d);
    const second = make('bubble', deps().d);
    expect(first.isValid).toBe(false);
    expect(second.isValid).toBe(true);
    expect(other.isValid).toBe(true);
  });

  it('removes its own listeners when it ends', () => {
    const ctx = make('bubble', deps().d);
    const onClick = vi.fn();
    ctx.addEventListener(document, 'click', onClick);
    document.dispatchEvent(new Event('click'));
    ctx.invalidate();
    document.dispatchEvent(new Event('click'));
    expect(onClick).toHaveBeenCalledTimes(1);
  });
});
