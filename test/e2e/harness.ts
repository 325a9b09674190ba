/** Shared set-up for end-to-end tests: fixture servers + Chromium with the extension (granted host access). */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { BUILD_DIR, ROOT, grantedCopy, launchWithExtension, type ExtensionBrowser } from '../../scripts/lib/browser';
import { hostRules, send, startFixtureServer, type FixtureServer } from '../fixtures/apps/server';

export const ARTIFACTS = path.join(ROOT, 'artifacts');

export interface Harness {
  browser: ExtensionBrowser;
  servers: FixtureServer[];
  /** Catches every request to a host no fixture serves (telemetry, uploads, CDNs…): it should see none. */
  sink: FixtureServer;
  close(): Promise<void>;
}

export async function startHarness(servers: FixtureServer[], { granted = true } = {}): Promise<Harness> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const ext = granted ? grantedCopy(BUILD_DIR) : { dir: BUILD_DIR, cleanup() {} };
  const sinkHandler = (_: unknown, res: Parameters<typeof send>[0]) => send(res, 404, {}, '');
  const sink = await startFixtureServer({ hosts: ['*'], https: sinkHandler, http: sinkHandler });
  // Fixture hosts first; the sink's wildcard comes last so it only catches the rest.
  const browser = await launchWithExtension({ extensionDir: ext.dir, hostRules: hostRules([...servers, sink]), insecure: true });
  return {
    browser,
    servers,
    sink,
    close: async () => {
      await browser.close();
      ext.cleanup();
      await Promise.all([...servers, sink].map((s) => s.close()));
    },
  };
}
