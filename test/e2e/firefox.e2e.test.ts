/**
 * What only Firefox shows (project e2e-firefox only; test/e2e/harness.ts): the Firefox build passes `web-ext lint`,
 * and "Allow full audit of this site" gives real access to a site on a port. Firefox 153 ESR reports a match pattern
 * with a port (`http://127.0.0.1:8765/*`) as granted by permissions.contains yet gives no access through it, so the
 * popup asks by host name (entrypoints/popup/api.ts accessOrigins) and the access is proved here by a real read.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { browser as WxtBrowser } from 'wxt/browser';
import { FIREFOX_BUILD_DIR, ROOT } from '../../scripts/lib/browser';
import { openPage, openPopupFor, readStoredAudit } from '../../scripts/lib/headless';
import { send, startFixtureServer, type FixtureServer } from '../fixtures/apps/server';
import { FIREFOX, startHarness, type Harness } from './harness';

declare const chrome: typeof WxtBrowser;

interface LintMessage {
  code: string;
  file?: string;
  line?: number;
  column?: number;
  message: string;
}

describe('web-ext lint on the Firefox build', () => {
  it('reports no error, and no warning from our own code', async () => {
    expect(FIREFOX).toBe(true); // this file runs in the e2e-firefox project, after the Firefox build
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(ROOT, 'node_modules/web-ext/bin/web-ext.js'), 'lint', '--source-dir', FIREFOX_BUILD_DIR, '--output', 'json', '--no-input'],
      { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
    ).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? '' })); // web-ext exits 1 when it reports errors
    const report = JSON.parse(stdout) as { errors: LintMessage[]; warnings: LintMessage[]; notices: LintMessage[] };
    expect(report.errors).toEqual([]);
    expect(report.notices).toEqual([]);
    // The only warnings allowed: Preact's own `dangerouslySetInnerHTML` branch (`e.innerHTML = m.__html`), bundled
    // into the popup chunk and the content scripts. We never use dangerouslySetInnerHTML nor innerHTML (below).
    const other = report.warnings.filter((w) => {
      if (w.code !== 'UNSAFE_VAR_ASSIGNMENT' || !w.file || w.column === undefined) return true;
      const text = readFileSync(path.join(FIREFOX_BUILD_DIR, w.file), 'utf8').split('\n')[(w.line ?? 1) - 1] ?? '';
      return !/innerHTML=\w+\.__html/.test(text.slice(Math.max(0, w.column - 80), w.column + 80));
    });
    expect(other).toEqual([]);
    const ours = (dir: string): string[] =>
      readdirSync(dir).flatMap((n) => {
        const p = path.join(dir, n);
        return statSync(p).isDirectory() ? ours(p) : /\.(ts|tsx)$/.test(n) ? [p] : [];
      });
    const sources = ['entrypoints', 'components', 'in-page', 'utils', 'engine', 'rules'].flatMap((d) => ours(path.join(ROOT, d)));
    expect(sources.length).toBeGreaterThan(50);
    expect(sources.filter((f) => /innerHTML|dangerouslySetInnerHTML/.test(readFileSync(f, 'utf8')))).toEqual([]);
  });
});

describe('full audit of a site on a port (http://127.0.0.1:<port>/)', () => {
  let h: Harness;
  let site: FixtureServer;
  let url: string;
  beforeAll(async () => {
    const page = (_: unknown, res: Parameters<typeof send>[0]) =>
      send(res, 200, { 'content-type': 'text/html', 'set-cookie': 'sid=fixture-session; Path=/' }, '<!doctype html><title>On a port</title><p>Hello</p>');
    site = await startFixtureServer({ hosts: [], https: page, http: page });
    url = `http://127.0.0.1:${site.httpPort}/`;
    // The plain build: no host access until the popup's button asks for it.
    h = await startHarness([site], { granted: false });
  });
  afterAll(async () => h?.close());

  const cookiesSeen = () => h.browser.worker.evaluate(async (u) => (await chrome.cookies.getAll({ url: u })).map((c) => c.name), url);

  it('says "Quick audit" without access, then "Full audit" only with access the extension can use', async () => {
    const page = await openPage(h.browser, url);
    // Without host access the tabs API hides the tab's address (no `tabs` permission): it is the tab in front.
    await page.bringToFront();
    const tabId = await h.browser.worker.evaluate(async () => {
      const [t] = await chrome.tabs.query({ active: true, currentWindow: true });
      if (t?.id === undefined || t.url) throw new Error(`the page's tab is not in front: ${t?.url}`);
      return t.id;
    });
    let popup = await openPopupFor(h.browser, tabId);
    await popup.waitForSelector('#app[data-fresh-shown-ms]');
    await expect.poll(() => popup.textContent('p.access')).toContain('Quick audit');
    expect(await cookiesSeen()).toEqual([]); // no access yet: the cookies API does not show the site's cookie
    expect((await readStoredAudit(h.browser, url))?.fullAccess).toBe(false);

    await popup.click('p.access button'); // "Allow full audit of this site" (Firefox asks no question: prompts are off)
    await expect.poll(() => popup.textContent('p.access'), { timeout: 20_000 }).toContain('Full audit');
    const granted = await h.browser.worker.evaluate(async () => (await chrome.permissions.getAll()).origins ?? []);
    expect(granted).toEqual(expect.arrayContaining(['https://127.0.0.1/*', 'http://127.0.0.1/*']));
    expect(granted.some((o) => /:\d+\//.test(o))).toBe(false); // no pattern with a port
    // A real read: the cookies API shows the site's cookie only with host access that works on this port.
    expect(await cookiesSeen()).toEqual(['sid']);
    await popup.close();

    // The next audit, after a reload the extension now watches, is a full one.
    await page.reload({ waitUntil: 'load' });
    popup = await openPopupFor(h.browser, tabId);
    await popup.waitForSelector('#app[data-fresh-shown-ms]');
    const audit = await readStoredAudit(h.browser, url);
    expect(audit?.fullAccess).toBe(true);
    expect(audit?.findings.map((f) => f.ruleId)).toContain('cookie-session-no-httponly');
    await popup.close();
    await page.close();
  });
});
