/**
 * Where the lazily injected secret engine lives in a builder tab's isolated world (in-page/scanner.ts says why).
 * No imports with side effects: entrypoints/scanner.ts bundles this file and the engine only.
 */
import type { scanSecrets } from '@/utils/secrets';

export type ScanFn = typeof scanSecrets;

/** The isolated world's global the injected script fills (entrypoints/scanner.ts). */
export const SCANNER_GLOBAL = '__microAppAuditorScanner';

type Slot = { scanSecrets?: ScanFn } | undefined;
const slot = (): Slot => (globalThis as unknown as Record<string, Slot>)[SCANNER_GLOBAL];

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
