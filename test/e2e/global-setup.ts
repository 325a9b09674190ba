/** Builds the extension once for all end-to-end tests and checks Chromium is there (never downloads a browser). */
import { ensureBuilt, findChromium } from '../../scripts/lib/browser';

export default function setup(): void {
  findChromium();
  ensureBuilt({ force: true });
}
