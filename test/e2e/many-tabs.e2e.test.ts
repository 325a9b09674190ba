/**
 * 500 tabs open in one browser (issue 14, "Resource bounds"), real headless Chromium with the built extension and
 * every site granted (so each tab is captured and re-audited as it loads, the heaviest case). The pages are tiny, on
 * 500 distinct hosts (`t<i>.tabs.test`, one fixture server behind a host-resolver wildcard), opened in batches.
 *
 * What must hold: the extension's per-tab state stays within its documented bound (storage.session `capture:<tabId>`
 * keys only for open tabs, each at most 60 responses, the whole session area within its quota; stored audits within
 * storage.local's budget), a normal page opened beside the 500 tabs is audited completely, and closing the tabs frees
 * their state (no `capture:` key of a closed tab, badge state gone with the tab).
 *
 * Measured (written to artifacts/many-tabs.json; not asserted: a test asserts no duration): the time to open the
 * 500 tabs, the service worker's JS heap (CDP Runtime.getHeapUsage after a forced GC) before, with 500 tabs and after
 * closing them, storage sizes. See docs/benchmarks.md "500 tabs" for a run's numbers. Measured 2026-12-06 on the
 * shared 2-core machine under load (load average ~25): 500 tabs opened in 225 s; service worker heap 3.2 MB before,
 * 6.2 MB with 500 tabs, 4.5 MB after closing them; storage.session 2.05 MB with 500 capture keys, 0 after closing.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CDPSession } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { browser as WxtBrowser } from 'wxt/browser';
import { auditThroughExtension } from '../../scripts/lib/headless';
import { QUOTA_BYTES } from '../../utils/storage/budget';
import { send, startFixtureServer, type FixtureServer } from '../fixtures/apps/server';
import { TINYPOLL_HOST, startTinyPoll } from '../fixtures/apps/tinypoll';
import { ARTIFACTS, startHarness, type Harness } from './harness';

declare const chrome: typeof WxtBrowser;

/** 500 by default (the number); MANY_TABS=… for a shorter local run. */
const TABS = Number(process.env.MANY_TABS) || 500;
const BATCH = 50;
/** The per-tab capture bound (entrypoints/background/capture.ts MAX_PER_TAB). */
const MAX_PER_TAB = 60;

/** A tiny page per host, with one script and one same-origin request (what a capture holds). */
function handler(req: Parameters<Parameters<typeof startFixtureServer>[0]['https']>[0], res: Parameters<typeof send>[0]) {
  const host = (req.headers.host ?? '').split(':')[0];
  const p = (req.url ?? '/').split('?')[0];
  if (p === '/app.js') return send(res, 200, { 'Content-Type': 'application/javascript' }, 'fetch("/ping").catch(()=>{});');
  if (p === '/ping') return send(res, 200, { 'Content-Type': 'application/json' }, '{}');
  return send(
    res,
    200,
    { 'Content-Type': 'text/html; charset=utf-8', 'Set-Cookie': 's=1; Path=/' },
    `<!doctype html><html><head><title>${host}</title><script src="/app.js"></script></head><body><p>${host}</p></body></html>`,
  );
}

let h: Harness;
let fixture: FixtureServer;
const numbers: Record<string, unknown> = {};
/** How much the service worker's used heap may grow with 500 tabs open: 16 MiB, about five times what was measured. */
const HEAP_GROWTH_BOUND = 16 * 2 ** 20;
beforeAll(async () => {
  fixture = await startFixtureServer({ hosts: ['*.tabs.test'], https: handler, http: handler });
  // Headless Chromium gives each site its own renderer process: 500 sites would be 500 processes. A renderer limit
  // (sites share processes past it, as Chromium does itself under memory pressure) keeps the browser light; the
  // extension's per-tab state does not depend on which process renders a tab.
  h = await startHarness([fixture, await startTinyPoll()], { extraArgs: ['--renderer-process-limit=8', '--disable-site-isolation-trials'] });
});
afterAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(path.join(ARTIFACTS, 'many-tabs.json'), JSON.stringify(numbers, null, 2));
  await h?.close();
});

/** The service worker's used JS heap after a forced GC, over CDP (a non-flat session attached to its target). */
async function workerHeap(): Promise<number> {
  const cdp: CDPSession = await h.browser.context.browser()!.newBrowserCDPSession();
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
    const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${h.browser.extensionId}/`));
    if (!sw) return -1;
    const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: sw.targetId, flatten: false })) as { sessionId: string };
    let id = 0;
    const call = (method: string) =>
      new Promise<{ usedSize?: number }>((resolve) => {
        const mine = ++id;
        const on = (e: { sessionId: string; message: string }) => {
          const m = JSON.parse(e.message) as { id?: number; result?: { usedSize?: number } };
          if (e.sessionId === sessionId && m.id === mine) {
            cdp.off('Target.receivedMessageFromTarget', on);
            resolve(m.result ?? {});
          }
        };
        cdp.on('Target.receivedMessageFromTarget', on);
        void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: mine, method }) });
      });
    await call('HeapProfiler.collectGarbage');
    const { usedSize } = await call('Runtime.getHeapUsage');
    await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
    return usedSize ?? -1;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** The per-tab state the background keeps where it can be read: storage.session capture keys, and the tabs. */
async function perTabState() {
  return h.browser.worker.evaluate(async () => {
    const session = await chrome.storage.session.get(null);
    const captures = Object.entries(session)
      .filter(([k]) => k.startsWith('capture:'))
      .map(([k, v]) => ({ tabId: Number(k.slice('capture:'.length)), n: Array.isArray(v) ? v.length : -1 }));
    const tabs = await chrome.tabs.query({});
    const local = await chrome.storage.local.get(null);
    const sessionBytes = await chrome.storage.session.getBytesInUse(null);
    const localBytes = await chrome.storage.local.getBytesInUse(null);
    return {
      captures,
      openTabIds: tabs.map((t) => t.id!),
      audits: Object.keys(local).filter((k) => k.startsWith('audit:')).length,
      sessionBytes,
      localBytes,
    };
  });
}

const hostOf = (i: number) => `t${i}.tabs.test`;

/** Opens `n` tabs from `start` in the background (as a user's middle clicks or a restored session would) and waits for each to load. */
async function openBatch(start: number, n: number): Promise<number[]> {
  return h.browser.worker.evaluate(
    async ({ start, n }) => {
      const created = await Promise.all(Array.from({ length: n }, (_, j) => chrome.tabs.create({ url: `https://t${start + j}.tabs.test/`, active: false })));
      const ids = created.map((t) => t.id!);
      for (let i = 0; i < 1200; i++) {
        const tabs = await Promise.all(ids.map((id) => chrome.tabs.get(id).catch(() => undefined)));
        if (tabs.every((t) => !t || t.status === 'complete')) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      return ids;
    },
    { start, n },
  );
}

describe('500 tabs open in one browser', () => {
  const opened: number[] = [];

  it('opens 500 light tabs on distinct granted hosts; per-tab state stays within its bound', async () => {
    numbers.heapBefore = await workerHeap();
    const t0 = Date.now();
    const progress: number[] = [];
    for (let start = 0; start < TABS; start += BATCH) {
      opened.push(...(await openBatch(start, Math.min(BATCH, TABS - start))));
      progress.push(Date.now() - t0);
    }
    numbers.openMs = Date.now() - t0;
    numbers.openProgressMs = progress;
    // Let the last pages' monitoring re-audits (1 s after load) be queued.
    await new Promise((r) => setTimeout(r, 2000));
    numbers.heapWith500 = await workerHeap();
    const s = await perTabState();
    numbers.with500 = {
      captureKeys: s.captures.length,
      maxPerTab: Math.max(0, ...s.captures.map((c) => c.n)),
      audits: s.audits,
      sessionBytes: s.sessionBytes,
      localBytes: s.localBytes,
    };
    expect(s.openTabIds.length).toBeGreaterThanOrEqual(TABS);
    // Positive control: the tabs are captured (their pages' responses are kept for an audit).
    expect(s.captures.length).toBeGreaterThanOrEqual(TABS / 2);
    // Bounded: one key per open tab at most, each within the per-tab bound, the session area within its quota.
    const open = new Set(s.openTabIds);
    for (const c of s.captures) {
      expect(open.has(c.tabId)).toBe(true);
      expect(c.n).toBeGreaterThan(0);
      expect(c.n).toBeLessThanOrEqual(MAX_PER_TAB);
    }
    expect(s.sessionBytes).toBeLessThan(QUOTA_BYTES);
    expect(s.localBytes).toBeLessThan(QUOTA_BYTES);
    // The service worker's heap stays bounded too: per-tab state lives in storage.session, not in memory (measured
    // 3.2 MB before, 6.2 MB with 500 tabs; docs/benchmarks.md "500 tabs"). The heap was read (positive control).
    expect(numbers.heapBefore as number).toBeGreaterThan(0);
    expect(numbers.heapWith500 as number).toBeGreaterThan(0);
    expect(numbers.heapWith500 as number).toBeLessThan((numbers.heapBefore as number) + HEAP_GROWTH_BOUND);
  }, 900_000);

  it('a normal page opened beside the 500 tabs is audited completely', async () => {
    const t0 = Date.now();
    const r = await auditThroughExtension(h.browser, `https://${TINYPOLL_HOST}/`);
    numbers.auditBeside500Ms = Date.now() - t0;
    expect(r.failure).toBeUndefined();
    expect(r.audit!.url).toBe(`https://${TINYPOLL_HOST}/`);
    expect(r.audit!.findings.length).toBeGreaterThan(0);
    expect(await r.popup.locator('main').getAttribute('aria-busy')).toBe('false');
    await r.popup.close();
    await r.page.close();
  });

  it('closing the tabs frees their per-tab state', async () => {
    const t0 = Date.now();
    await h.browser.worker.evaluate(async (ids) => {
      for (let i = 0; i < ids.length; i += 50) await chrome.tabs.remove(ids.slice(i, i + 50));
    }, opened);
    numbers.closeMs = Date.now() - t0;
    // The background hears tabs.onRemoved for each; give its removals a moment to land.
    const closed = new Set(opened);
    const leftOf = (s: Awaited<ReturnType<typeof perTabState>>) => s.captures.filter((c) => closed.has(c.tabId));
    let after = await perTabState();
    for (let i = 0; i < 50 && leftOf(after).length > 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      after = await perTabState();
    }
    expect(after.openTabIds.filter((id) => closed.has(id))).toEqual([]);
    // No capture of a closed tab is left.
    expect(leftOf(after)).toEqual([]);
    numbers.heapAfterClose = await workerHeap();
    // Measured 4.5 MB after closing (3.2 MB before): what the 500 tabs left is gone but for a little.
    expect(numbers.heapAfterClose as number).toBeLessThan((numbers.heapBefore as number) + HEAP_GROWTH_BOUND / 2);
    numbers.afterClose = { captureKeys: after.captures.length, sessionBytes: after.sessionBytes, audits: after.audits, localBytes: after.localBytes };
    // And the extension still audits a page afterwards.
    const r = await auditThroughExtension(h.browser, `https://${hostOf(0)}/`);
    expect(r.failure).toBeUndefined();
    expect(r.audit!.url).toBe(`https://${hostOf(0)}/`);
    await r.popup.close();
    await r.page.close();
  });
});
