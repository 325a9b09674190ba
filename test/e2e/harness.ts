/** Shared set-up for end-to-end tests: fixture servers + Chromium with the extension (granted host access). */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { BUILD_DIR, ROOT, grantedCopy, launchWithExtension, type ExtensionBrowser } from '../../scripts/lib/browser';
import { hostRules, type FixtureServer } from '../fixtures/apps/server';

export const ARTIFACTS = path.join(ROOT, 'artifacts');

export interface Harness {
  browser: ExtensionBrowser;
  servers: FixtureServer[];
  close(): Promise<void>;
}

export async function startHarness(servers: FixtureServer[], { granted = true } = {}): Promise<Harness> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const ext = granted ? grantedCopy(BUILD_DIR) : { dir: BUILD_DIR, cleanup() {} };
  const browser = await launchWithExtension({ extensionDir: ext.dir, hostRules: hostRules(servers), insecure: true });
  return {
    browser,
    servers,
    close: async () => {
      await browser.close();
      ext.cleanup();
      await Promise.all(servers.map((s) => s.close()));
    },
  };
}
