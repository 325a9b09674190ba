/**
 * Launches Debian's Chromium headless with the built extension loaded (playwright-core drives it; it never
 * downloads a browser), or Firefox ESR with the Firefox build (`browser: 'firefox'`: scripts/lib/firefox.ts).
 * Used by the headless audit command, the demo, the benchmarks and the end-to-end tests.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BUILD_DIR = path.join(ROOT, '.output/chrome-mv3');
export const FIREFOX_BUILD_DIR = path.join(ROOT, '.output/firefox-mv3');

export type BrowserName = 'chromium' | 'firefox';
export const BROWSERS: readonly BrowserName[] = ['chromium', 'firefox'];

/** The extension build a browser loads. */
export const buildDirFor = (browser: BrowserName = 'chromium') => (browser === 'firefox' ? FIREFOX_BUILD_DIR : BUILD_DIR);

export class SetupError extends Error {}

export function findChromium(): string {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new SetupError(
      `Chromium was not found (looked at ${candidates.join(', ')}).\n` +
        'Install it with:  sudo apt-get update && sudo apt-get install -y chromium   (Debian/Ubuntu)\n' +
        'or point CHROME_PATH at a Chromium or Chrome binary.',
    );
  }
  return found;
}

/** Builds the extension for a browser (Chrome MV3, or Firefox MV3) unless a build newer than every source file exists. */
export function ensureBuilt({ force = false, browser = 'chromium' as BrowserName } = {}): string {
  const dir = buildDirFor(browser);
  const manifest = path.join(dir, 'manifest.json');
  const stale = force || !existsSync(manifest) || newestSource() > statSync(manifest).mtimeMs;
  if (stale) {
    const args = browser === 'firefox' ? ['build', '-b', 'firefox', '--mv3'] : ['build'];
    try {
      execFileSync(process.execPath, [path.join(ROOT, 'node_modules/wxt/bin/wxt.mjs'), ...args], { cwd: ROOT, stdio: 'pipe' });
    } catch (e) {
      const err = e as { stdout?: Buffer; stderr?: Buffer };
      throw new SetupError(`Building the extension failed:\n${err.stdout?.toString() ?? ''}${err.stderr?.toString() ?? ''}`);
    }
  }
  return dir;
}

function newestSource(): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const name of readdirSafe(dir)) {
      const p = path.join(dir, name);
      const s = statSync(p);
      if (s.isDirectory()) walk(p);
      else newest = Math.max(newest, s.mtimeMs);
    }
  };
  // Every folder a build takes code from (in-page/, utils/ and engine/ are imported by the entrypoints).
  for (const d of ['entrypoints', 'components', 'rules', 'public', 'in-page', 'utils', 'engine']) walk(path.join(ROOT, d));
  newest = Math.max(newest, statSync(path.join(ROOT, 'wxt.config.ts')).mtimeMs);
  return newest;
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** The match pattern granting one origin (any port: match patterns have none), e.g. `https://app.example.com/*`. */
export function originPattern(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.hostname}/*`;
}

/**
 * A copy of the built extension that already holds host access, standing in for the click on "Allow full audit of
 * this site" that a user would make. Only for throw-away profiles (headless command, tests). The command grants the
 * audited origin only (`origins`), so other sites' files are read only where their CORS headers allow it; the
 * end-to-end harness, which audits several fixture sites in one browser, grants every site.
 */
export function grantedCopy(buildDir: string, origins: string[] = ['<all_urls>']): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'maa-ext-'));
  cpSync(buildDir, dir, { recursive: true });
  const manifestPath = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
  const builders = Array.isArray(manifest.host_permissions) ? (manifest.host_permissions as string[]) : [];
  manifest.host_permissions = origins.includes('<all_urls>') ? ['<all_urls>'] : [...new Set([...builders, ...origins])];
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface LaunchOptions {
  extensionDir: string;
  /** Which browser (default Chromium); `extensionDir` must be that browser's build. */
  browser?: BrowserName;
  hostRules?: string;
  insecure?: boolean;
  headed?: boolean;
  /** More Chromium switches (e.g. a renderer process limit for tests that open hundreds of tabs). */
  extraArgs?: string[];
}

/**
 * A browser with the extension loaded. In Firefox, `context` and `worker` implement the part of Playwright's API the
 * cross-browser code uses (scripts/lib/firefox.ts); `worker.evaluate` runs in an extension page there.
 */
export interface ExtensionBrowser {
  browser: BrowserName;
  context: BrowserContext;
  worker: Worker;
  /** Chromium's extension id, or the Firefox extension's UUID (the host of its moz-extension:// pages). */
  extensionId: string;
  /** An extension page's address: `chrome-extension://<id>/popup.html` or `moz-extension://<uuid>/popup.html`. */
  extensionUrl(page: string): string;
  close(): Promise<void>;
}

export async function launchWithExtension(o: LaunchOptions): Promise<ExtensionBrowser> {
  if (o.browser === 'firefox') return (await import('./firefox')).launchFirefoxWithExtension(o);
  const executablePath = findChromium();
  const profile = mkdtempSync(path.join(tmpdir(), 'maa-profile-'));
  const args = [
    ...(o.headed ? [] : ['--headless=new']),
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--no-default-browser-check',
    `--disable-extensions-except=${o.extensionDir}`,
    `--load-extension=${o.extensionDir}`,
    ...(o.hostRules ? [`--host-resolver-rules=${o.hostRules}`] : []),
    ...(o.insecure ? ['--ignore-certificate-errors'] : []),
    ...(o.extraArgs ?? []),
  ];
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: false, // headless mode comes from --headless=new, which supports extensions
    args,
    ignoreHTTPSErrors: !!o.insecure,
    viewport: { width: 1200, height: 800 },
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  // Functions passed to evaluate() are compiled by tsx/esbuild with keepNames, which wraps them in __name(…);
  // define it in every context we evaluate in.
  const shim = 'globalThis.__name = globalThis.__name || ((f) => f);';
  await worker.evaluate(shim);
  await context.addInitScript(shim);
  const extensionId = new URL(worker.url()).host;
  return {
    browser: 'chromium',
    context,
    worker,
    extensionId,
    extensionUrl: (page) => `chrome-extension://${extensionId}/${page.replace(/^\//, '')}`,
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
