/**
 * Shared set-up for end-to-end tests: fixture servers + a browser with the extension (granted host access).
 * The browser is Chromium, or Firefox ESR when E2E_BROWSER=firefox: the `e2e-firefox` project in vitest.config.ts
 * runs the files that work in both browsers again in Firefox.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT, buildDirFor, grantedCopy, launchWithExtension, type BrowserName, type ExtensionBrowser } from '../../scripts/lib/browser';
import { hostRules, send, startFixtureServer, type FixtureServer } from '../fixtures/apps/server';

export const ARTIFACTS = path.join(ROOT, 'artifacts');

/** The browser these tests run in (E2E_BROWSER, default Chromium). */
export const BROWSER: BrowserName = process.env.E2E_BROWSER === 'firefox' ? 'firefox' : 'chromium';
export const FIREFOX = BROWSER === 'firefox';
/** A picture's file name for this browser: `e2e-x.png` in Chromium, `e2e-x.firefox.png` in Firefox. */
export const artifactName = (name: string) => (FIREFOX ? name.replace(/\.png$/, '.firefox.png') : name);

export interface Harness {
  browser: ExtensionBrowser;
  servers: FixtureServer[];
  /** Catches every request to a host no fixture serves (telemetry, uploads, CDNs…): it should see none. */
  sink: FixtureServer;
  close(): Promise<void>;
}

export async function startHarness(servers: FixtureServer[], { granted = true, extraArgs = [] as string[] } = {}): Promise<Harness> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const build = buildDirFor(BROWSER);
  const ext = granted ? grantedCopy(build) : { dir: build, cleanup() {} };
  const sinkHandler = (_: unknown, res: Parameters<typeof send>[0]) => send(res, 404, {}, '');
  const sink = await startFixtureServer({ hosts: ['*'], https: sinkHandler, http: sinkHandler });
  // Fixture hosts first; the sink's wildcard comes last so it only catches the rest.
  const browser = await launchWithExtension({ browser: BROWSER, extensionDir: ext.dir, hostRules: hostRules([...servers, sink]), insecure: true, extraArgs });
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
