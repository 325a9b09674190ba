/**
 * Builds the extension once for all end-to-end tests of a project and checks its browser is there (never downloads
 * a browser): Chromium and the Chrome build for `e2e`, Firefox ESR and the Firefox build for `e2e-firefox`.
 */
import type { TestProject } from 'vitest/node';
import { ensureBuilt, findChromium } from '../../scripts/lib/browser';
import { findFirefox } from '../../scripts/lib/firefox';

export default function setup(project: TestProject): void {
  if (project.name === 'e2e-firefox') {
    findFirefox();
    ensureBuilt({ force: true, browser: 'firefox' });
  } else {
    findChromium();
    ensureBuilt({ force: true });
  }
}
