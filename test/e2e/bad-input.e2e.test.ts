/**
 * Hostile pages and malformed responses in real Chromium: every one gets a handled outcome (an audit, possibly with
 * gaps, or a clear message), never a crash or a hang of the popup or the service worker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHostile } from '../fixtures/apps/hostile';
import { auditThroughExtension } from '../../scripts/lib/headless';
import { startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness([await startHostile()]);
});
afterAll(async () => h?.close());

describe('bad input', () => {
  // The hang guard is this test's own timeout (the last argument): a hung audit fails the test by timing out. How
  // long an audit of this page takes is for a benchmark to print, not for a test to assert.
  it('a page with 30,000 scripts, 50,000 elements, lying globals and malformed headers gets a handled audit', async () => {
    const r = await auditThroughExtension(h.browser, 'https://hostile.test/', 200);
    // Handled: an audit, no failure message.
    expect(r.failure).toBeUndefined();
    expect(r.audit).toBeDefined();
    const audit = r.audit!;
    // Bounded: the script list was cut and the popup says so.
    expect(audit.gaps.some((g) => /very large/.test(g.message))).toBe(true);
    // Lies about the platform: globals and a meta tag alone never make a confident detection.
    for (const p of audit.platforms) expect(p.confidence).not.toBe('high');
    // Browsers honour only the first HSTS header: max-age=abc is invalid.
    expect(audit.findings.find((f) => f.ruleId === 'hsts-missing')?.messageId).toBe('invalid');
    // Two CSP headers: inline scripts are allowed only if both policies allow them — the second has no script-src
    // but default-src without 'unsafe-inline', so inline scripts are blocked and no unsafe-inline finding is made.
    expect(audit.findings.map((f) => f.ruleId)).not.toContain('csp-unsafe-inline');
    // Malformed cookies: the nameless ones are dropped, the odd one is still judged.
    const cookieFindings = audit.findings.filter((f) => f.location.kind === 'cookie').map((f) => f.location.name);
    expect(cookieFindings).toContain('weird_session');
    expect(cookieFindings.every((n) => n && n.length > 0)).toBe(true);
    // Evidence stays short even for a 100 KB header.
    for (const f of audit.findings) expect(f.evidence.length).toBeLessThanOrEqual(301);
  }, 120_000);

  it('a plain-HTTP redirect loop is reported as such', async () => {
    const r = await auditThroughExtension(h.browser, 'https://loop.test/');
    const f = r.audit!.findings.find((x) => x.ruleId === 'http-redirect-missing');
    expect(f?.messageId).toBe('failed');
    expect(f?.message).toMatch(/redirect loop/i);
  });

  it('a JSON response (not a page) is audited for its headers without page checks failing', async () => {
    const r = await auditThroughExtension(h.browser, 'https://json.test/');
    expect(r.failure).toBeUndefined();
    expect(r.audit!.evaluated).toContain('hsts-missing');
    expect(r.audit!.errors).toEqual([]);
  });

  it('a page whose main thread is stuck gets a gap message, and the audit still finishes', async () => {
    const page = await h.browser.context.newPage();
    await page.goto('https://busy.test/', { waitUntil: 'load' });
    await page.waitForTimeout(300); // the page is now busy for 8 s
    const r = await auditThroughExtension(h.browser, 'https://busy.test/', 0);
    expect(r.audit).toBeDefined();
    expect(r.audit!.gaps.some((g) => /did not answer|could not be read|skipped/.test(g.message))).toBe(true);
    await page.close();
  });

  it('a 50 MB script bundle is scanned up to the per-file limit and the popup says it was partial', async () => {
    const r = await auditThroughExtension(h.browser, 'https://huge.test/', 200);
    expect(r.audit).toBeDefined();
    expect(r.audit!.gaps.some((g) => /Partly scanned for keys.*huge\.js/.test(g.message))).toBe(true);
    expect(r.audit!.errors).toEqual([]);
  });

  it('browser pages are "not auditable" with a clear message', async () => {
    const popup = await h.browser.context.newPage();
    const tabId = await h.browser.worker.evaluate(async () => (await chrome.tabs.create({ url: 'chrome://version/' })).id!);
    await popup.goto(`chrome-extension://${h.browser.extensionId}/popup.html?tabId=${tabId}`);
    const msg = await popup.textContent('[data-state="not-auditable"]');
    expect(msg).toMatch(/cannot be audited/i);
  });
});

declare const chrome: typeof import('wxt/browser').browser;
