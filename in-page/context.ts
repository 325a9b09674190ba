/**
 * Our own content-script context, in place of WXT's ContentScriptContext (node_modules/wxt/dist/utils/
 * content-script-context.mjs, WXT 0.21.0), whose signals a page can forge (issue 10 item 5,
 * docs/wxt-upstream-report.md):
 * - WXT invalidates a context when `document` receives a CustomEvent named
 *   `<extension id>:<entrypoint>:wxt:content-script-started` with another messageId. It announces that name to the
 *   page itself with `window.postMessage`, so any page can re-dispatch it and stop the script.
 * - WXT's `wxt:locationchange` is a DOM event on `window` under a name the page also learns, so a page can
 *   dispatch it and make the script believe the page navigated.
 * Here nothing the page can dispatch changes our state: the context ends only when the extension's runtime is gone
 * (extension reloaded, updated or removed: the old script is orphaned) or a newer copy of the same script starts in
 * this isolated world (a global the page cannot see), and navigation is reported from trusted Navigation API events
 * (or, without that API, a URL comparison) to handlers held in this closure, never through the DOM.
 */
import { browser } from '@/in-page/browser';

export type LocationHandler = (url: string, previous: string) => void;

/** The subset of WXT's ContentScriptContext our content scripts use, with the same names. */
export interface OwnContext {
  readonly signal: AbortSignal;
  readonly isInvalid: boolean;
  readonly isValid: boolean;
  /** Always undefined: what WXT's shadow-root UI reads for cssInjectionMode (our UIs inline their CSS). */
  readonly options: undefined;
  onInvalidated(cb: () => void): () => void;
  setTimeout(handler: () => void, timeout?: number): ReturnType<typeof setTimeout>;
  setInterval(handler: () => void, timeout?: number): ReturnType<typeof setInterval>;
  requestIdleCallback(cb: IdleRequestCallback, options?: IdleRequestOptions): number;
  requestAnimationFrame(cb: FrameRequestCallback): number;
  /** `wxt:locationchange` is served by our own watcher; any other type is a plain listener removed on invalidation. */
  addEventListener(target: EventTarget, type: string, handler: (e: Event) => void, options?: AddEventListenerOptions): void;
  /** Our own single-page-navigation callback (`url`, `previous`), never a DOM event. */
  onLocationChange(handler: LocationHandler): () => void;
  block<T>(): Promise<T>;
  /** Ends the context (tests; a newer copy of the script). */
  invalidate(): void;
}

interface NavigationLike extends EventTarget {
  addEventListener(type: 'navigate' | 'navigatesuccess', cb: (e: Event) => void, options?: AddEventListenerOptions): void;
}

export interface ContextDeps {
  /** The extension's runtime id, undefined once this script is orphaned. */
  runtimeId(): string | undefined;
  win: Window;
  /** The Navigation API object, when the browser has one. */
  navigation?: NavigationLike;
  /** Is this event the browser's own (not dispatched by a script)? Injected by unit tests. */
  isTrusted?(e: Event): boolean;
}

const running = Symbol.for('micro-app-auditor:content-context');
type Registry = Record<string, () => void>;

const defaultDeps = (): ContextDeps => ({
  runtimeId: () => browser.runtime?.id,
  win: window,
  navigation: (globalThis as { navigation?: NavigationLike }).navigation,
});

export function createOwnContext(name: string, deps: ContextDeps = defaultDeps()): OwnContext {
  const abort = new AbortController();
  const { signal } = abort;
  const trusted = deps.isTrusted ?? ((e: Event) => e.isTrusted);
  const invalidate = () => {
    if (!signal.aborted) abort.abort('Content script context invalidated');
  };

  // A newer copy of this script in this isolated world (the page's world cannot read this global) replaces us.
  const g = globalThis as unknown as { [running]?: Registry };
  const registry = (g[running] ??= {});
  registry[name]?.();
  registry[name] = invalidate;
  signal.addEventListener('abort', () => {
    if (registry[name] === invalidate) delete registry[name];
  });

  const valid = () => {
    if (deps.runtimeId() == null) invalidate();
    return !signal.aborted;
  };

  const handlers = new Set<LocationHandler>();
  let watching = false;
  let last = deps.win.location.href;
  const changed = () => {
    if (!valid()) return;
    const now = deps.win.location.href;
    if (now === last) return;
    const previous = last;
    last = now;
    for (const h of [...handlers]) h(now, previous);
  };
  const watch = () => {
    if (watching) return;
    watching = true;
    last = deps.win.location.href;
    if (deps.navigation) {
      // `navigatesuccess` fires after the URL changed; a script-dispatched copy is not trusted and is ignored, and
      // even a trusted one only counts when the address really changed.
      deps.navigation.addEventListener('navigatesuccess', (e) => void (trusted(e) && changed()), { signal });
      // `navigate` fires before the address changes: look once the current task is done.
      deps.navigation.addEventListener('navigate', (e) => void (trusted(e) && setTimeout(changed, 0)), { signal });
      deps.win.addEventListener('popstate', (e) => void (trusted(e) && changed()), { signal });
    } else {
      const id = setInterval(changed, 1000);
      signal.addEventListener('abort', () => clearInterval(id));
    }
  };

  const ctx: OwnContext = {
    signal,
    get isInvalid() {
      return !valid();
    },
    get isValid() {
      return valid();
    },
    options: undefined,
    onInvalidated(cb) {
      signal.addEventListener('abort', cb);
      return () => signal.removeEventListener('abort', cb);
    },
    setTimeout(handler, timeout) {
      // The abort listener goes when the timer fires: a reader schedules a pass every few seconds for hours.
      const cancel = () => clearTimeout(id);
      const id = setTimeout(() => {
        signal.removeEventListener('abort', cancel);
        if (valid()) handler();
      }, timeout);
      signal.addEventListener('abort', cancel);
      return id;
    },
    setInterval(handler, timeout) {
      const id = setInterval(() => void (valid() && handler()), timeout);
      signal.addEventListener('abort', () => clearInterval(id));
      return id;
    },
    requestIdleCallback(cb, options) {
      const ric = typeof deps.win.requestIdleCallback === 'function' ? deps.win.requestIdleCallback.bind(deps.win) : undefined;
      const cancel = () => (ric ? deps.win.cancelIdleCallback(id) : clearTimeout(id));
      const run = (d: IdleDeadline) => {
        signal.removeEventListener('abort', cancel);
        if (valid()) cb(d);
      };
      const id = ric ? ric(run, options) : (setTimeout(() => run({ didTimeout: true, timeRemaining: () => 0 }), 1) as unknown as number);
      signal.addEventListener('abort', cancel);
      return id;
    },
    requestAnimationFrame(cb) {
      const cancel = () => deps.win.cancelAnimationFrame(id);
      const id = deps.win.requestAnimationFrame((t) => {
        signal.removeEventListener('abort', cancel);
        if (valid()) cb(t);
      });
      signal.addEventListener('abort', cancel);
      return id;
    },
    addEventListener(target, type, handler, options) {
      if (type === 'wxt:locationchange') {
        ctx.onLocationChange((url, previous) => handler(Object.assign(new Event('maa:locationchange'), { newUrl: new URL(url), oldUrl: new URL(previous) })));
        return;
      }
      target.addEventListener(type, handler, { ...options, signal });
    },
    onLocationChange(handler) {
      handlers.add(handler);
      if (valid()) watch();
      return () => handlers.delete(handler);
    },
    block: () => new Promise(() => {}),
    invalidate,
  };
  return ctx;
}
