/**
 * npm run bench:memory
 *
 * The service worker's memory after auditing many sites, in real headless Chromium with the built extension:
 * audits N distinct sites (default 50: TinyPoll-like fixture apps at site-01.memtest.test …, each its own origin with
 * its own bundle, cookies and a key in its bundle, test/fixtures/apps/tinypoll.ts) one after another through the
 * extension's own path (page in a tab, the popup for that tab, the stored audit: scripts/lib/headless.ts), closing
 * each tab after its audit as a user would. At the start and after 10, 25 and 50 sites it forces a garbage
 * collection in the service worker (CDP HeapProfiler.collectGarbage on the worker target) and reads its JS heap
 * (Runtime.getHeapUsage: used/total) and the bytes the extension keeps in chrome.storage.local and .session.
 * DevTools being attached keeps the worker alive for the whole run: the worst case (a worker stopped when idle
 * starts again empty). Prints numbers; asserts nothing.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseArgs } from 'node:util';
import type { CDPSession } from 'playwright-core';
import type { browser as WxtBrowser } from 'wxt/browser';
import { send, startFixtureServer, hostRules } from '../test/fixtures/apps/server';
import { TINYPOLL_CDN, tinyPollHandler } from '../test/fixtures/apps/tinypoll';
import { FAKE_KEYS, seeded } from '../test/utils/secrets/fake-keys';
import { ensureBuilt, grantedCopy, launchWithExtension, type ExtensionBrowser } from './lib/browser';
import { auditThroughExtension } from './lib/headless';

declare const chrome: typeof WxtBrowser;

const { values } = parseArgs({ options: { sites: { type: 'string', default: '50' }, checkpoints: { type: 'string', default: '10,25,50' } } });
const SITES = Math.max(1, Number(values.sites) || 50);
const CHECKPOINTS = new Set(
  values.checkpoints
    .split(',')
    .map(Number)
    .filter((n) => n > 0 && n <= SITES),
);
CHECKPOINTS.add(SITES);

const host = (i: number) => `site-${String(i).padStart(2, '0')}.memtest.test`;
const HOSTS = Array.from({ length: SITES }, (_, i) => host(i + 1));

/** Each site: TinyPoll's badly served app, with its own key in its bundle (a different provider each time). */
const KEY_KINDS = ['openai-project-key', 'stripe-secret-key', 'github-pat', 'aws-access-key-id'] as const;
function siteHandler(req: IncomingMessage, res: ServerResponse) {
  const h = (req.headers.host ?? '').split(':')[0]!;
  const i = HOSTS.indexOf(h);
  const kind = KEY_KINDS[Math.max(0, i) % KEY_KINDS.length]!;
  const key = FAKE_KEYS[kind](seeded(1000 + i)).value;
  return tinyPollHandler({ bundleExtra: `window.__cfg${i}={apiKey:"${key}",site:${i}};` })(req, res);
}
const siteHttp = (_req: IncomingMessage, res: ServerResponse) =>
  send(res, 200, { 'Content-Type': 'text/html; charset=utf-8', Server: 'nginx/1.18.0' }, '<!doctype html><title>plain http</title>');

/** A DevTools session on the extension's service worker (attached through a page session: Target domain). */
async function workerSession(b: ExtensionBrowser): Promise<{ call<T>(method: string, params?: object): Promise<T>; cdp: CDPSession }> {
  const page = b.context.pages()[0] ?? (await b.context.newPage());
  const cdp = await b.context.newCDPSession(page);
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
  const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${b.extensionId}/`));
  if (!sw) throw new Error('the extension has no service worker target');
  let next = 0;
  const waiting = new Map<number, (m: { result?: unknown; error?: { message: string } }) => void>();
  cdp.on('Target.receivedMessageFromTarget', (e: { message: string }) => {
    const m = JSON.parse(e.message) as { id?: number; result?: unknown; error?: { message: string } };
    if (m.id !== undefined) waiting.get(m.id)?.(m);
    if (m.id !== undefined) waiting.delete(m.id);
  });
  const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: sw.targetId, flatten: false })) as { sessionId: string };
  return {
    cdp,
    call: <T>(method: string, params: object = {}) =>
      new Promise<T>((resolve, reject) => {
        const id = ++next;
        waiting.set(id, (m) => (m.error ? reject(new Error(m.error.message)) : resolve(m.result as T)));
        void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
      }),
  };
}

interface Reading {
  sites: number;
  heapUsed: number;
  heapTotal: number;
  local: number;
  session: number;
  keys: number;
}

async function reading(b: ExtensionBrowser, sw: Awaited<ReturnType<typeof workerSession>>, sites: number): Promise<Reading> {
  await new Promise((r) => setTimeout(r, 1500)); // let the last audit's writes and timers finish
  await sw.call('HeapProfiler.collectGarbage');
  await sw.call('HeapProfiler.collectGarbage');
  const heap = await sw.call<{ usedSize: number; totalSize: number }>('Runtime.getHeapUsage');
  const store = await b.worker.evaluate(async () => ({
    local: await chrome.storage.local.getBytesInUse(null),
    session: await chrome.storage.session.getBytesInUse(null).catch(() => -1),
    keys: Object.keys(await chrome.storage.local.get(null)).length,
  }));
  return { sites, heapUsed: heap.usedSize, heapTotal: heap.totalSize, ...store };
}

const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;

const server = await startFixtureServer({ hosts: [...HOSTS, TINYPOLL_CDN], https: siteHandler, http: siteHttp });
const granted = grantedCopy(ensureBuilt());
const b = await launchWithExtension({ extensionDir: granted.dir, hostRules: hostRules([server]), insecure: true });
const readings: Reading[] = [];
const failures: string[] = [];
const t0 = Date.now();
try {
  const sw = await workerSession(b);
  readings.push(await reading(b, sw, 0));
  for (let i = 0; i < SITES; i++) {
    const url = `https://${HOSTS[i]}/`;
    try {
      const r = await auditThroughExtension(b, url, 300);
      if (!r.audit) failures.push(`${HOSTS[i]}: ${r.failure?.message ?? 'no audit'}`);
      await r.popup.close();
      await r.page.close();
    } catch (e) {
      failures.push(`${HOSTS[i]}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
    if (CHECKPOINTS.has(i + 1)) {
      const r = await reading(b, sw, i + 1);
      readings.push(r);
      console.error(`… ${i + 1} sites: heap ${kb(r.heapUsed)}, storage.local ${kb(r.local)}`);
    }
  }
} finally {
  await b.close();
  granted.cleanup();
  await server.close();
}
console.log(`# Service worker memory after auditing ${SITES} distinct sites (Chromium headless, ${((Date.now() - t0) / 1000).toFixed(0)} s)\n`);
console.log('| Sites audited | JS heap used (after GC) | JS heap total | storage.local bytes | storage.local keys | storage.session bytes |');
console.log('|---|---|---|---|---|---|');
for (const r of readings)
  console.log(`| ${r.sites} | ${kb(r.heapUsed)} | ${kb(r.heapTotal)} | ${kb(r.local)} (${r.local} B) | ${r.keys} | ${r.session < 0 ? 'n/a' : kb(r.session)} |`);
const first = readings[0]!;
const last = readings[readings.length - 1]!;
// From the first checkpoint on: the first audits also load code and warm caches once.
const from = readings.length > 2 ? readings[1]! : first;
const per = (k: 'heapUsed' | 'local') => ((last[k] - from[k]) / Math.max(1, last.sites - from.sites) / 1024).toFixed(1);
console.log(
  `\nGrowth per audited site between ${from.sites} and ${last.sites} sites: heap ${per('heapUsed')} KB, storage.local ${per('local')} KB (stored audits; storage is kept under its budget by evicting the oldest audits, utils/storage/budget.ts).`,
);
if (failures.length) console.log(`\n${failures.length} audits failed:\n${failures.map((f) => `- ${f}`).join('\n')}`);
