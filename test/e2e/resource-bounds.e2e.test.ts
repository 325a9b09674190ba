/**
 * Resource bounds in real headless Chromium with the built extension (issue 14, "Resource bounds"): a page whose
 * bundle holds 10,000 distinct keys (10,000 findings), and a tab that floods requests without end. Each audit ends
 * with a handled, bounded, "partial" outcome (what was cut is said), storage stays within its per-audit budget and
 * the per-tab capture stays bounded, and the next audit of a normal page in the same browser still works.
 * The 50 MB bundle, 30,000 scripts and a stuck main thread are in bad-input.e2e.test.ts; storage exhaustion by 1,895
 * keys in separate blobs is in hostile-storage.e2e.test.ts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { browser as WxtBrowser } from 'wxt/browser';
import { auditThroughExtension, readStoredAudit } from '../../scripts/lib/headless';
import { AUDIT_BUDGET_BYTES, recordBytes } from '../../utils/storage/budget';
import { KEYS } from '../../utils/storage/keys';
import { send, startFixtureServer, type FixtureServer } from '../fixtures/apps/server';
import { TINYPOLL_HOST, startTinyPoll } from '../fixtures/apps/tinypoll';
import { FAKE_KEYS, seeded } from '../utils/secrets/fake-keys';
import { ARTIFACTS, startHarness, type Harness } from './harness';

declare const chrome: typeof WxtBrowser;

const MANY = 10_000;
const HOSTS = ['many-keys.test', 'flood.test'];

/** 10,000 distinct fake keys (made at run time), one bundle; and a page that requests without end. */
function handler(req: Parameters<Parameters<typeof startFixtureServer>[0]['https']>[0], res: Parameters<typeof send>[0]) {
  const host = (req.headers.host ?? '').split(':')[0];
  const path = (req.url ?? '/').split('?')[0];
  const html = (body: string) =>
    send(res, 200, { 'Content-Type': 'text/html; charset=utf-8' }, `<!doctype html><html><head><title>${host}</title></head><body>${body}</body></html>`);
  if (host === 'many-keys.test') {
    if (path === '/app.js') {
      const keys = Array.from({ length: MANY }, (_, i) => (i % 2 ? FAKE_KEYS['openai-project-key'] : FAKE_KEYS['stripe-secret-key'])(seeded(50_000 + i)).value);
      return send(res, 200, { 'Content-Type': 'application/javascript' }, `window.cfg = ${JSON.stringify(keys.map((k, i) => ({ id: i, apiKey: k })))};`);
    }
    return html('<h1>Many keys</h1><script src="/app.js"></script>');
  }
  if (host === 'flood.test') {
    if (path === '/ping') return send(res, 200, { 'Content-Type': 'application/json', 'Set-Cookie': `p=${Date.now()}; Path=/` }, '{}');
    // Hundreds of requests every few milliseconds, for as long as the tab is open.
    return html(`<h1>Flood</h1><script>let n=0;setInterval(()=>{for(let i=0;i<200;i++){fetch('/ping?n='+(n++)).catch(()=>{});}},5);</script>`);
  }
  return send(res, 404, {}, '');
}

let h: Harness;
let fixture: FixtureServer;
beforeAll(async () => {
  fixture = await startFixtureServer({ hosts: HOSTS, https: handler, http: handler });
  h = await startHarness([fixture, await startTinyPoll()]);
});
/** What the runs measured, written to artifacts/resource-bounds.json for the report (not asserted beyond the bounds). */
const numbers: Record<string, unknown> = {};
afterAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(path.join(ARTIFACTS, 'resource-bounds.json'), JSON.stringify(numbers, null, 2));
  await h?.close();
});

const storedRaw = (key: string) => h.browser.worker.evaluate(async (k) => (await chrome.storage.local.get(k))[k], key);

async function normalAuditStillWorks(): Promise<void> {
  const r = await auditThroughExtension(h.browser, `https://${TINYPOLL_HOST}/`);
  expect(r.failure).toBeUndefined();
  expect(r.audit!.findings.length).toBeGreaterThan(0);
  expect(await readStoredAudit(h.browser, `https://${TINYPOLL_HOST}/`)).toBeDefined();
  await r.popup.close();
  await r.page.close();
}

describe('10,000 findings', () => {
  it('a bundle with 10,000 distinct keys ends in a bounded, partial audit within the storage budget', async () => {
    const r = await auditThroughExtension(h.browser, 'https://many-keys.test/', 1000);
    expect(r.failure).toBeUndefined();
    const audit = r.audit!;
    expect(audit.findings.some((f) => f.ruleId === 'secret-exposed')).toBe(true);
    // Partial, and said so: findings over the stored budget are counted in a gap, not kept.
    expect(audit.gaps.some((g) => /not stored|partial|more/i.test(g.message))).toBe(true);
    const stored = await storedRaw(KEYS.audit('https://many-keys.test'));
    expect(stored).toBeDefined();
    numbers.manyStoredBytes = recordBytes(KEYS.audit('https://many-keys.test'), stored);
    numbers.manyFindings = audit.findings.length;
    numbers.manyGaps = audit.gaps.map((g) => g.message.slice(0, 200));
    expect(numbers.manyStoredBytes).toBeLessThanOrEqual(AUDIT_BUDGET_BYTES);
    // The popup shows the audit and its note, not a spinner.
    expect(await r.popup.locator('main').getAttribute('aria-busy')).toBe('false');
    expect(await r.popup.locator('ul.gaps').innerText()).toMatch(/not stored|partial|more/i);
    await r.popup.close();
    await r.page.close();
  });

  it('the next audit of a normal page still works', normalAuditStillWorks);
});

describe('a tab that floods requests', () => {
  it('is audited with a bounded capture while it keeps flooding, and a normal page audits beside it', async () => {
    const r = await auditThroughExtension(h.browser, 'https://flood.test/', 1500);
    expect(r.failure).toBeUndefined();
    expect(r.audit!.url).toBe('https://flood.test/');
    // Requests the page has started (most wait in the browser's queue: six connections per host).
    const started = async () => Number(await r.page.evaluate('n'));
    const before = await started();
    // The flood goes on (the tab stays open) …
    await r.page.waitForTimeout(500);
    expect(await started()).toBeGreaterThan(before);
    // … and what the extension keeps of it is bounded: every tab's capture holds at most 60 responses.
    const captures = await h.browser.worker.evaluate(async () => {
      const all = await chrome.storage.session.get(null);
      return Object.entries(all)
        .filter(([k]) => k.startsWith('capture:'))
        .map(([, v]) => (Array.isArray(v) ? v.length : -1));
    });
    for (const n of captures) expect(n).toBeLessThanOrEqual(60);
    expect(Math.max(0, ...captures)).toBeGreaterThan(0); // positive control: the flood tab's capture is there
    numbers.floodCapture = Math.max(0, ...captures);
    // The page started thousands of requests (the browser queues most of them: six connections per host).
    numbers.floodStarted = Number(await r.page.evaluate('n'));
    expect(numbers.floodStarted).toBeGreaterThan(1000);
    await r.popup.close();
    // With the flood still running in its tab, another site's audit works.
    await normalAuditStillWorks();
    await r.page.close();
  });

  it('after the flooding tab closes, audits still work', normalAuditStillWorks);
});
