/**
 * The secret engine for builder tabs (in-page/scanner.ts): field scans go to the background and come back as checked
 * masked matches; the service worker is woken once; the in-tab engine is loaded on first need with one request to the
 * background however many callers, the engine the injected script installs, a clear failure and a retry when it was not.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SCANNER_GLOBAL, installScanner, loadScanner, scanInBackground, scanner, warmBackground } from '@/in-page/scanner';
import { scanSecrets } from '@/utils/secrets';

const g = globalThis as unknown as Record<string, unknown>;

beforeEach(() => {
  delete g[SCANNER_GLOBAL]; // a tab before the engine is injected
});
afterEach(() => {
  delete g[SCANNER_GLOBAL];
  installScanner(scanSecrets); // as test/setup.ts leaves it for the other tests
});

describe('loadScanner', () => {
  it('asks the background once, whoever asks, and resolves to the engine the injected script installed', async () => {
    const asked = vi.fn(async (msg: unknown) => {
      expect(msg).toEqual({ type: 'builder:scanner' });
      installScanner(scanSecrets); // what entrypoints/scanner.ts does once injected
      return { ok: true };
    });
    fakeBrowser.runtime.onMessage.addListener(asked);
    expect(scanner()).toBeUndefined();
    const [a, b] = await Promise.all([loadScanner(), loadScanner()]);
    expect(a).toBe(scanSecrets);
    expect(b).toBe(scanSecrets);
    expect(asked).toHaveBeenCalledTimes(1);
    expect(await loadScanner()).toBe(scanSecrets);
    expect(asked).toHaveBeenCalledTimes(1);
  });

  it('rejects with a clear message when nothing was installed, and tries again on the next call', async () => {
    let inject = false;
    const asked = vi.fn(async () => {
      if (inject) installScanner(scanSecrets);
      return inject ? { ok: true } : undefined;
    });
    fakeBrowser.runtime.onMessage.addListener(asked);
    await expect(loadScanner()).rejects.toThrow('could not be loaded');
    inject = true;
    expect(await loadScanner()).toBe(scanSecrets);
    expect(asked).toHaveBeenCalledTimes(2);
  });

  it('the first engine installed stays', () => {
    const other = vi.fn(() => []) as unknown as typeof scanSecrets;
    installScanner(scanSecrets);
    installScanner(other);
    expect(scanner()).toBe(scanSecrets);
  });
});

describe('the slot, next to a hostile page', () => {
  it('a name the page gives under the slot’s name (not our own data property, or one that throws) is no engine and breaks nothing', async () => {
    // Window's named properties (a DOM id or an iframe name) are not own data properties of the global: an accessor
    // stands in for them here, one that throws as a cross-origin frame's properties do.
    Object.defineProperty(globalThis, SCANNER_GLOBAL, {
      configurable: true,
      get() {
        throw new DOMException('Blocked a frame from accessing a cross-origin frame.', 'SecurityError');
      },
    });
    expect(scanner()).toBeUndefined();
    installScanner(scanSecrets); // replaces it with our own data property
    expect(scanner()).toBe(scanSecrets);
  });
});

describe('scanInBackground', () => {
  const match = {
    provider: 'fake',
    providerName: 'Fake',
    exposure: 'secret',
    severity: 'critical',
    masked: 'tok…ZZZZ',
    fingerprint: 'aaaaaaaaaaaaaaaa',
    advice: '',
    rotateUrl: 'https://example.com',
  };

  it('sends the text and the field name (cut to 200 characters) and resolves to the masked matches', async () => {
    const asked = vi.fn(async (_msg: unknown) => ({ ok: true, matches: [match] }));
    fakeBrowser.runtime.onMessage.addListener(asked);
    expect(await scanInBackground('some text', 'n'.repeat(300))).toEqual([match]);
    expect(asked.mock.calls[0]![0]).toEqual({ type: 'builder:scan', text: 'some text', field: 'n'.repeat(200) });
  });

  it('drops entries that are not matches, and rejects an answer that is not one (no background, another shape)', async () => {
    let answer: unknown = { ok: true, matches: [match, null, { masked: 1 }] };
    fakeBrowser.runtime.onMessage.addListener(async () => answer);
    expect(await scanInBackground('x', 'f')).toEqual([match]);
    for (answer of [undefined, { ok: false }, { ok: true, matches: 'no' }]) await expect(scanInBackground('x', 'f')).rejects.toThrow('could not scan');
  });
});

describe('warmBackground', () => {
  it('wakes the background once (an empty scan), and again only after a failure', async () => {
    let up = false;
    const asked = vi.fn(async (msg: unknown) => {
      expect(msg).toEqual({ type: 'builder:scan', text: '', field: '' });
      return up ? { ok: true, matches: [] } : undefined;
    });
    fakeBrowser.runtime.onMessage.addListener(asked);
    await expect(warmBackground()).rejects.toThrow();
    up = true;
    await Promise.all([warmBackground(), warmBackground()]);
    await warmBackground();
    expect(asked).toHaveBeenCalledTimes(2);
  });
});
