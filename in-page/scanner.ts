/**
 * The secret engine for the builder content scripts: the field guard's scans run in the background, and a reader that
 * must scan inside one synchronous pass (Glide's open panels) loads the engine into the tab on first need.
 *
 * Field scans (`scanInBackground`): what the user typed or pasted into a field is sent to the service worker, which
 * already holds the engine for the deployed-app audit, and it answers with masked matches only. The tab compiles
 * and builds nothing for them: on a heavy editor, the engine's injection and first scans were ≈ 12 ms of the content
 * script's time in a CPU profile (Supabase, 2026-12-07). The first focus on a field wakes the service worker
 * (`warmBackground`), so a paste right after does not wait for its start.
 *
 * In-tab engine (`loadScanner`), loaded on first need instead of with the content script:
 *
 * The engine (utils/secrets: ~100 kB of detectors, built at start-up) would be most of a builder content script, and
 * a tab needs it only when Glide's reader finds a panel open (glide.content/reader.ts `loadEngine`). So the content
 * scripts ship without it: on first need they ask the background, which injects
 * `/scanner.js` (entrypoints/scanner.ts) into the same frame's isolated world with `scripting.executeScript`; that
 * script leaves the engine under a global of the isolated world (the page cannot see or set it). Nothing is loaded
 * from the network and no file is exposed to pages (no web-accessible resource).
 *
 * Unit tests install the engine themselves (test/setup.ts), as the injected script would.
 */
import { browser } from '@/in-page/browser';
import type { BuilderScanReply, ExtensionMessage } from '@/utils/messages';
import type { FieldMatch } from '@/utils/secrets/types';

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

/** A reply from our service worker to `builder:scan`, checked before use (no zod in content scripts). */
function matchesOf(reply: unknown): FieldMatch[] {
  const r = reply as Partial<BuilderScanReply> | undefined;
  if (r?.ok !== true || !Array.isArray(r.matches)) throw new Error('The background could not scan this field.');
  return r.matches.filter((m) => typeof m?.fingerprint === 'string' && typeof m.masked === 'string');
}

/**
 * Scans a field's text in the service worker (one message; the text is not kept there). Rejects when the background
 * cannot answer (the extension was reloaded or updated).
 */
export function scanInBackground(text: string, fieldName: string): Promise<FieldMatch[]> {
  return browser.runtime.sendMessage({ type: 'builder:scan', text, field: fieldName.slice(0, 200) } satisfies ExtensionMessage).then(matchesOf);
}

let warming: Promise<unknown> | undefined;

/**
 * Wakes the service worker once (an empty scan) so the first real scan does not wait for its start; later calls
 * resolve at once. A failure is forgotten: the next call tries again. The worker may stop again when idle: a scan
 * then wakes it itself, as any message does.
 */
export function warmBackground(): Promise<unknown> {
  warming ??= scanInBackground('', '').catch((e: unknown) => {
    warming = undefined;
    throw e;
  });
  return warming;
}
