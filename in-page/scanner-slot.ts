/**
 * Where the lazily injected secret engine lives in a builder tab's isolated world (in-page/scanner.ts says why).
 * No imports with side effects: entrypoints/scanner.ts bundles this file and the engine only.
 */
import type { scanSecrets } from '@/utils/secrets';

export type ScanFn = typeof scanSecrets;

/** The isolated world's global the injected script fills (entrypoints/scanner.ts). */
export const SCANNER_GLOBAL = '__microAppAuditorScanner';

type Slot = { scanSecrets?: ScanFn } | undefined;

/**
 * Our own data property only. A plain `globalThis[name]` would also find what the page names in its DOM (window's
 * named properties reach the isolated world): `<iframe name="…">` of another origin makes the read throw, which
 * would keep the engine from ever loading. Such names are never own data properties of the global.
 */
const slot = (): Slot => {
  try {
    const d = Object.getOwnPropertyDescriptor(globalThis, SCANNER_GLOBAL);
    return d && 'value' in d ? (d.value as Slot) : undefined;
  } catch {
    return undefined;
  }
};

/** The engine, when loaded; undefined before. */
export function scanner(): ScanFn | undefined {
  const s = slot()?.scanSecrets;
  return typeof s === 'function' ? s : undefined;
}

/** Called by the injected script: installs the engine (the first one stays). */
export function installScanner(scan: ScanFn): void {
  if (scanner()) return;
  Object.defineProperty(globalThis, SCANNER_GLOBAL, { value: Object.freeze({ scanSecrets: scan }), configurable: true, writable: false });
}
