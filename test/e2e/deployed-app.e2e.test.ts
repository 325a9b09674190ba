/**
 * The reviewer's flow in real headless Chromium (and Firefox ESR: project e2e-firefox) with the built extension: open a deployed app, open the popup for
 * that tab, and check what the popup shows against the fixture's known weaknesses (TinyPoll) and strengths
 * (hardened). Fixture servers stand in for the real hosts through --host-resolver-rules.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { browser as WxtBrowser } from 'wxt/browser';
import { startHardened } from '../fixtures/apps/hardened';
import { startTinyPoll } from '../fixtures/apps/tinypoll';
import { auditThroughExtension, type HeadlessAuditResult } from '../../scripts/lib/headless';
import { ARTIFACTS, artifactName, startHarness, type Harness } from './harness';

declare const chrome: typeof WxtBrowser;

let h: Harness;
let tinypoll: HeadlessAuditResult;
let hardened: HeadlessAuditResult;

beforeAll(async () => {
  h = await startHarness([await startTinyPoll(), await startHardened()]);
  tinypoll = await auditThroughExtension(h.browser, 'https://tinypoll.test/');
  hardened = await auditThroughExtension(h.browser, 'https://hardened.test/');
});
afterAll(async () => h?.close());

describe('insecure app (TinyPoll)', () => {
  it('is audited through the extension and stored', () => {
    expect(tinypoll.failure).toBeUndefined();
    expect(tinypoll.audit?.url).toBe('https://tinypoll.test/');
    expect(tinypoll.audit?.fullAccess).toBe(true);
  });

  it('finds the weaknesses the fixture models', () => {
    const ids = new Set(tinypoll.audit!.findings.map((f) => f.ruleId));
    for (const id of [
      'http-redirect-missing',
      'hsts-missing',
      'csp-missing',
      'clickjacking-unprotected',
      'nosniff-missing',
      'referrer-policy-weak',
      'permissions-policy-missing',
      'version-disclosure',
      'cors-reflected-origin',
      'cors-wildcard-credentialed',
      'cookie-session-no-secure',
      'cookie-session-no-httponly',
      'cookie-session-long-lived',
      'cookie-samesite-none-insecure',
      'sri-missing',
      'mixed-content',
      'form-insecure-action',
    ])
      expect(ids, id).toContain(id);
  });

  it('shows the findings in the popup, most severe first, with counts and a fix guide', async () => {
    const { popup, audit } = tinypoll;
    const severities = await popup.$$eval('li.finding', (els) => els.map((e) => e.getAttribute('data-severity')));
    const order = ['critical', 'high', 'medium', 'low', 'info'];
    expect(severities.length).toBe(audit!.findings.length);
    expect([...severities].sort((a, b) => order.indexOf(a!) - order.indexOf(b!))).toEqual(severities);
    const high = await popup.getAttribute('li.count[data-severity="high"]', 'data-count');
    expect(Number(high)).toBe(audit!.findings.filter((f) => f.severity === 'high').length);

    // Keyboard: focus the first finding, open it with Enter, read its fix guide.
    await popup.focus('li.finding .finding-toggle');
    await popup.keyboard.press('Enter');
    await expect(popup.getAttribute('li.finding .finding-toggle', 'aria-expanded')).resolves.toBe('true');
    const panel = await popup.textContent('li.finding .finding-panel');
    expect(panel).toContain('How to fix');
    await popup.screenshot({ path: path.join(ARTIFACTS, artifactName('e2e-tinypoll-popup.png')), fullPage: true });
  });

  it('sets the toolbar badge to the number of high and critical findings', async () => {
    const urgent = tinypoll.audit!.findings.filter((f) => f.severity === 'high' || f.severity === 'critical').length;
    const badge = await h.browser.worker.evaluate(async () => {
      const [t] = await chrome.tabs.query({ url: 'https://tinypoll.test/*' });
      return chrome.action.getBadgeText({ tabId: t!.id! });
    });
    expect(badge).toBe(String(urgent));
  });

  it('records only same-origin subresources and the page’s API calls, never other sites’ bodies', async () => {
    const urls = tinypoll.audit!.findings.flatMap((f) => (f.location.url ? [f.location.url] : []));
    expect(urls.every((u) => /^https?:\/\/(tinypoll\.test|cdn\.tinypoll-cdn\.test)\//.test(u))).toBe(true);
  });
});

describe('privacy', () => {
  it('sends nothing anywhere but the audited apps (no telemetry, no uploads)', () => {
    // Chromium itself talks to Google services (updates, autofill, accounts) even with background networking off;
    // those are the browser's, not ours; so does Firefox (Mozilla's services, despite the launcher's prefs).
    // Everything else would be the extension's.
    const browserOwn =
      /(^|\.)(google\.com|googleapis\.com|gstatic\.com|gvt1\.com|googleusercontent\.com|mozilla\.(com|net|org)|firefox\.com|mozaws\.net)(:\d+)?$/;
    expect(h.sink.requests.filter((r) => !browserOwn.test(r.host)).map((r) => `${r.host}${r.url}`)).toEqual([]);
  });
});

describe('hardened app', () => {
  it('produces no high or critical finding', () => {
    expect(hardened.failure).toBeUndefined();
    const bad = hardened.audit!.findings.filter((f) => f.severity === 'high' || f.severity === 'critical');
    expect(bad).toEqual([]);
  });

  it('passes the transport checks it was built to pass', () => {
    const ids = hardened.audit!.findings.map((f) => f.ruleId);
    for (const id of [
      'http-redirect-missing',
      'hsts-missing',
      'csp-missing',
      'clickjacking-unprotected',
      'cookie-session-no-secure',
      'sri-missing',
      'cors-reflected-origin',
    ]) {
      expect(ids).not.toContain(id);
    }
    expect(hardened.audit!.evaluated).toContain('http-redirect-missing');
  });

  it('shows an empty or low-only list in the popup', async () => {
    const { popup } = hardened;
    const n = await popup.$$eval('li.finding[data-severity="high"], li.finding[data-severity="critical"]', (e) => e.length);
    expect(n).toBe(0);
    await popup.screenshot({ path: path.join(ARTIFACTS, artifactName('e2e-hardened-popup.png')), fullPage: true });
  });
});
