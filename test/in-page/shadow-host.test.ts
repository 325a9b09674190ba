/** in-page/shadow-host.ts: the shadow-root host of our in-page UI, and mounting it on demand. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hostOnDemand, mountHost } from '@/in-page/shadow-host';

const ctx = () => {
  const callbacks: (() => void)[] = [];
  return {
    onInvalidated(cb: () => void) {
      callbacks.push(cb);
      return () => undefined;
    },
    invalidate() {
      for (const cb of callbacks) cb();
    },
  };
};
afterEach(() => {
  document.body.innerHTML = '';
});

describe('mountHost', () => {
  it('appends a host to <body> whose closed shadow root holds our stylesheet (all page styles reset) and the container', () => {
    const c = ctx();
    const ui = mountHost(c, 'micro-app-auditor-test', '.x { color: red }', 'closed');
    expect(ui.shadowHost.parentNode).toBe(document.body);
    expect(ui.shadowHost.localName).toBe('micro-app-auditor-test');
    expect(ui.shadowHost.shadowRoot).toBeNull(); // closed: not reachable from the page
    const root = ui.uiContainer.getRootNode() as ShadowRoot;
    expect(root.host).toBe(ui.shadowHost);
    expect(root.querySelector('style')?.textContent).toBe(':host{all:initial !important;}\n.x { color: red }');
  });

  it('open when asked (the Supabase markers)', () => {
    const ui = mountHost(ctx(), 'micro-app-auditor-open', '', 'open');
    expect(ui.shadowHost.shadowRoot).toBe(ui.uiContainer.getRootNode());
  });

  it('a page that defined a custom element of that name (attaching its own shadow root) gets a host it could not name', () => {
    let constructed = 0;
    customElements.define(
      'micro-app-auditor-taken',
      class extends HTMLElement {
        constructor() {
          super();
          constructed++;
          this.attachShadow({ mode: 'open' }).innerHTML = 'All clear';
        }
      },
    );
    const ui = mountHost(ctx(), 'micro-app-auditor-taken', '', 'closed');
    expect(constructed).toBe(1); // the page's element was made, and refused ours
    expect(ui.shadowHost.localName).toMatch(/^micro-app-auditor-taken-[0-9a-f]{16}$/);
    expect(ui.shadowHost.shadowRoot).toBeNull();
    expect(ui.shadowHost.parentNode).toBe(document.body);
    expect(document.querySelectorAll('micro-app-auditor-taken')).toHaveLength(0); // the page's one was never put in
    expect(mountHost(ctx(), 'micro-app-auditor-taken', '', 'closed').shadowHost.localName).not.toBe(ui.shadowHost.localName);
  });

  it('goes away with the extension context, and on remove()', () => {
    const c = ctx();
    const ui = mountHost(c, 'micro-app-auditor-test', '', 'closed');
    ui.uiContainer.append('drawn');
    c.invalidate();
    expect(ui.shadowHost.isConnected).toBe(false);
    expect(ui.uiContainer.childNodes).toHaveLength(0);
    const again = mountHost(ctx(), 'micro-app-auditor-test', '', 'closed');
    again.remove();
    expect(again.shadowHost.isConnected).toBe(false);
  });
});

describe('hostOnDemand', () => {
  it('mounts once, on the first call', () => {
    const mount = vi.fn(() => mountHost(ctx(), 'micro-app-auditor-test', '', 'closed'));
    const host = hostOnDemand(mount);
    expect(mount).not.toHaveBeenCalled();
    const first = host();
    expect(host()).toBe(first);
    expect(mount).toHaveBeenCalledTimes(1);
  });

  it('a mount the page made fail (an element that refuses a shadow root) is undefined and tried again next time', () => {
    let refuse = true;
    const mount = vi.fn(() => {
      if (refuse) return mountHost(ctx(), 'div-is-not-a-host', '', 'closed', { createElement: () => document.createElement('input') } as unknown as Document);
      return mountHost(ctx(), 'micro-app-auditor-test', '', 'closed');
    });
    const host = hostOnDemand(mount);
    expect(host()).toBeUndefined();
    refuse = false;
    expect(host()?.shadowHost.isConnected).toBe(true);
    expect(mount).toHaveBeenCalledTimes(2);
  });
});
