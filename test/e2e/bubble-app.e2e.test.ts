/**
 * A deployed Bubble app audited by the built extension in real headless Chromium against a local stand-in for
 * `leaky-app.bubbleapps.io` (test/fixtures/apps/bubble-app.ts): without consent one GET of /api/1.1/meta and the
 * passive findings; with consent (`--probe`'s consent record) one GET per exposed type plus /version-test, all GET,
 * no cookies, counts and field names reported, no record value in extension storage.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { browser as WxtBrowser } from 'wxt/browser';
import { auditThroughExtension, consentToProbe, type HeadlessAuditResult } from '../../scripts/lib/headless';
import type { FixtureServer } from '../fixtures/apps/server';
import { BUBBLE_APP_HOST, PLANTED_BUBBLE, startBubbleApp } from '../fixtures/apps/bubble-app';
import { startHarness, type Harness } from './harness';

declare const chrome: typeof WxtBrowser;

const APP = `https://${BUBBLE_APP_HOST}/`;
const OPEN_HOST = 'open-app.bubbleapps.io';
let h: Harness;
let app: FixtureServer;
let open: FixtureServer;
let passive: HeadlessAuditResult;

const apiRequests = (s: FixtureServer) => s.requests.filter((r) => r.url.startsWith('/api/') || r.url.startsWith('/version-test'));

beforeAll(async () => {
  app = await startBubbleApp({ versionTest: 'protected' });
  open = await startBubbleApp({ host: OPEN_HOST, versionTest: 'open' });
  h = await startHarness([app, open]);
  passive = await auditThroughExtension(h.browser, APP, 800);
});
afterAll(async () => h?.close());

describe('without consent', () => {
  it('reads /api/1.1/meta once and reports what it says', () => {
    expect(passive.failure).toBeUndefined();
    const f = passive.audit!.findings;
    expect(f.find((x) => x.ruleId === 'bubble-meta-exposed' && x.messageId === 'workflow-no-auth')?.message).toContain('create_json_file');
    expect(f.find((x) => x.ruleId === 'bubble-meta-exposed' && x.messageId === 'types-exposed')?.message).toContain('user, invoice');
    expect(f.find((x) => x.ruleId === 'bubble-data-api-readable')?.messageId).toBe('unchecked');
    // (One headless audit may run the collectors more than once: per run, exactly one GET of /api/1.1/meta.)
    const reqs = apiRequests(app).map((r) => `${r.method} ${r.url}`);
    expect(reqs.length).toBeGreaterThan(0);
    expect(new Set(reqs)).toEqual(new Set(['GET /api/1.1/meta']));
  });
});

describe('with consent for the origin', () => {
  let probed: HeadlessAuditResult;
  beforeAll(async () => {
    app.requests.length = 0;
    await consentToProbe(h.browser, APP);
    probed = await auditThroughExtension(h.browser, APP, 800);
  });

  it('reports the readable type with its count and field names, and a protected /version-test', () => {
    const f = probed.audit!.findings;
    const readable = f.find((x) => x.ruleId === 'bubble-data-api-readable');
    expect(readable?.messageId).toBe('personal');
    expect(readable?.message).toContain('12 records');
    expect(readable?.message).toContain('email');
    expect(f.some((x) => x.ruleId === 'bubble-version-test-open')).toBe(false);
  });

  it('sends only GETs without cookies: meta, one per exposed type, /version-test', () => {
    const reqs = apiRequests(app);
    const lines = reqs.map((r) => `${r.method} ${r.url}`);
    const count = (l: string) => lines.filter((x) => x === l).length;
    // Each collector run reads /meta; each check (one per explicit audit) asks once per type /meta lists
    // (user, invoice) and once for /version-test; nothing else.
    expect(new Set(lines)).toEqual(new Set(['GET /api/1.1/meta', 'GET /api/1.1/obj/invoice?limit=1', 'GET /api/1.1/obj/user?limit=1', 'GET /version-test']));
    const checks = count('GET /version-test');
    expect(checks).toBeGreaterThan(0);
    expect([count('GET /api/1.1/obj/user?limit=1'), count('GET /api/1.1/obj/invoice?limit=1')]).toEqual([checks, checks]);
    expect(count('GET /api/1.1/meta')).toBeGreaterThanOrEqual(checks);
    expect(reqs.every((r) => r.headers.cookie === undefined && r.headers.authorization === undefined)).toBe(true);
  });

  it('keeps no record value in extension storage', async () => {
    const dump = await h.browser.worker.evaluate(async () => JSON.stringify([await chrome.storage.local.get(null), await chrome.storage.session.get(null)]));
    for (const v of PLANTED_BUBBLE) expect(dump).not.toContain(v);
  });

  it('flags a /version-test that opens without a password (200, no Basic)', async () => {
    await consentToProbe(h.browser, `https://${OPEN_HOST}/`);
    const r = await auditThroughExtension(h.browser, `https://${OPEN_HOST}/`, 800);
    expect(r.audit!.findings.find((x) => x.ruleId === 'bubble-version-test-open')?.message).toContain('/version-test');
  });
});
