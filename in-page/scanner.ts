/**
 * The secret engine, loaded into a builder tab on first need instead of with the content script.
 *
 * The engine (utils/secrets: ~100 kB of detectors, built at start-up) is most of a builder content script, and a
 * builder page needs it only once the user types or pastes into a field, or (Glide) opens a panel that holds values.
 * So the content scripts ship without it: on first need they ask the background, which injects
 * `/scanner.js` (entrypoints/scanner.ts) into the same frame's isolated world with `scripting.executeScript`; that
 * script leaves the engine under a global of the isolated world (the page cannot see or set it). Nothing is loaded
 * from the network and no file is exposed to pages (no web-accessible resource).
 *
 * Unit tests install the engine themselves (test/setup.ts), as the injected script would.
 */
import { browser } from '@/in-page/browser';
import type { ExtensionMessage } from '@/utils/messages';

export { type ScanFn, scanner, installScanner, SCANNER_GLOBAL } from './scanner-slot';
import { type ScanFn, scanner } from './scanner-slot';

let loading: Promise<ScanFn> | undefined;

/**
 * The engine, loading it on the first call (one request however many callers). Rejects when the background could
 * not inject it (the extension was reloaded, the tab is gone); the next call tries again.
 */
export function loadScanner(): Promise<ScanFn> {
  const ready = scanner();
  if (ready) return Promise.resolve(ready);
  loading ??= Promise.resolve()
    .then(() => browser.runtime.sendMessage({ type: 'builder:scanner' } satisfies ExtensionMessage))
    .then(() => {
      const s = scanner();
      if (!s) throw new Error('The key scanner could not be loaded into this tab.');
      loading = undefined; // installed: later calls find it at once
      return s;
    })
    .catch((e: unknown) => {
      loading = undefined;
      throw e;
    });
  return loading;
}
