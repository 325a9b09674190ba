/**
 * What only Firefox shows (project e2e-firefox only; test/e2e/harness.ts): the Firefox build passes `web-ext lint`,
 * and the access the popup asks for works on a site with a port. Firefox 153 ESR reports a match pattern with a port
 * (`http://127.0.0.1:8765/*`) as granted by permissions.contains yet gives no access through it (the positive
 * control below), so the popup asks by host name (entrypoints/popup/api.ts accessOrigins) and checks the same way
 * (entrypoints/background/audit.ts); the access is proved here by a real read (the cookies API).
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { browser as WxtBrowser } from 'wxt/browser';
import { FIREFOX_BUILD_DIR, ROOT } from '../../scripts/lib/browser';
import { openPage, openPopupFor, readStoredAudit, tabIdFor } from '../../scripts/lib/headless';
import { hostRules, send, startFixtureServer, type FixtureServer } from '../fixtures/apps/server';
import { startTinyPoll } from '../fixtures/apps/tinypoll';
import { runCli } from '../../scripts/audit';
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

describe('host access to a site on a port (http://127.0.0.1:<port>/)', () => {
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

  /**
   * Asks for host access from an extension page, on a real click (permissions.request needs a user gesture; the
   * launcher turns Firefox's prompt off, so the answer is yes). The popup itself cannot be used before access: opened
   * in a tab it has no activeTab grant, so it cannot see the tab's address.
   */
  async function requestOnClick(origins: string[]): Promise<boolean> {
    const ext = await h.browser.context.newPage();
    await ext.goto(h.browser.extensionUrl('options.html'));
    await ext.evaluate((o) => {
      const b = document.createElement('button');
      b.id = 'maa-test-grant';
      b.textContent = 'grant';
      b.onclick = () => {
        (window as unknown as { granted: Promise<boolean> }).granted = chrome.permissions.request({ origins: o }).catch(() => false);
      };
      document.body.prepend(b);
    }, origins);
    await ext.click('#maa-test-grant');
    const granted = await ext.evaluate(() => (window as unknown as { granted: Promise<boolean> }).granted);
    await ext.close();
    return granted;
  }

  it('positive control: a pattern with the port is reported granted, yet gives no access', async () => {
    const page = await openPage(h.browser, url);
    const withPort = [`http://127.0.0.1:${site.httpPort}/*`];
    expect(await requestOnClick(withPort)).toBe(true);
    expect(await h.browser.worker.evaluate(async (o) => chrome.permissions.contains({ origins: o }), withPort)).toBe(true);
    expect(await cookiesSeen()).toEqual([]); // the site's cookie stays out of reach
    await h.browser.worker.evaluate(async (o) => chrome.permissions.remove({ origins: o }), withPort);
    await page.close();
  });

  it('the popup’s patterns (host name, no port) give real access: "Full audit", and a full audit', async () => {
    const page = await openPage(h.browser, url);
    // What "Allow full audit of this site" asks for here (entrypoints/popup/api.ts accessOrigins, unit-tested).
    expect(await requestOnClick(['https://127.0.0.1/*', 'http://127.0.0.1/*'])).toBe(true);
    expect(await cookiesSeen()).toEqual(['sid']); // a real read through the granted access
    await page.reload({ waitUntil: 'load' });
    const tabId = await tabIdFor(h.browser, page.url()); // the tab's address is visible now
    const popup = await openPopupFor(h.browser, tabId);
    await popup.waitForSelector('#app[data-fresh-shown-ms]');
    await expect.poll(() => popup.textContent('p.access')).toContain('Full audit');
    const audit = await readStoredAudit(h.browser, url);
    expect(audit?.fullAccess).toBe(true);
    expect(audit?.findings.map((f) => f.ruleId)).toContain('cookie-session-no-httponly');
    await popup.close();
    await page.close();
  });
});

describe('npm run audit -- <url> --browser firefox', () => {
  it('audits through the Firefox build and prints the Markdown report', async () => {
    const app = await startTinyPoll();
    try {
      let out = '';
      const code = await runCli(
        { url: 'https://tinypoll.test/', json: false, insecure: true, headed: false, hostRules: hostRules([app]), browser: 'firefox' },
        (s) => {
          out += s;
        },
      );
      expect(code).toBe(1); // high findings
      expect(out).toContain('# Micro-App Auditor report');
      expect(out).toMatch(/full audit/);
      for (const title of [
        'Session cookie without Secure',
        'Any origin may read responses with the visitor’s cookies',
        'Form submits over plain HTTP',
        'No Content-Security-Policy',
      ])
        expect(out).toContain(title);
    } finally {
      await app.close();
    }
  });
});
