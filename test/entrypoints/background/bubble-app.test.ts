/**
 * entrypoints/background/bubble-app.ts: the consented Bubble Data API check runs on an audit the user asks for; a
 * monitoring re-audit (a page load, another tab) sends nothing and reuses the last check of this session, so the
 * stored audit does not lose the check's findings at the next page load. Fake app as in bubble-probe.test.ts
 * (test/fixtures/bubble/deployed.ts shapes).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type BubbleCollectOptions, clearBubbleProbeMemory, collectBubbleApp } from '@/entrypoints/background/bubble-app';
import { KEYS } from '@/utils/storage/keys';
import { newConsent } from '@/utils/storage/records';
import { BubbleDeployedSchema } from '@/utils/bubble/deployed';
import { NOT_EXPOSED, metaBody, objBody } from '../../fixtures/bubble/deployed';

const ORIGIN = 'https://leaky-app.bubbleapps.io';

function fakeApp() {
  const calls: string[] = [];
  const held: (() => void)[] = [];
  let hold = false;
  const fetchFn = (async (input: string | URL | Request) => {
    const u = new URL(String(input));
    calls.push(u.pathname);
    if (u.pathname === '/api/1.1/meta') return new Response(JSON.stringify(metaBody({ get: ['user'] })), { status: 200 });
    if (hold) await new Promise<void>((r) => held.push(r));
    if (u.pathname === '/api/1.1/obj/user') return new Response(objBody([{ _id: '1x1', email: 'a@example.org' }], 3), { status: 200 });
    if (u.pathname === '/version-test') return new Response('<html>test</html>', { status: 200 });
    return new Response(NOT_EXPOSED, { status: 404 });
  }) as typeof fetch;
  return {
    calls,
    fetch: fetchFn,
    holdChecks: () => void (hold = true),
    release: () => {
      hold = false;
      for (const r of held.splice(0)) r();
    },
  };
}

const opts = (app: ReturnType<typeof fakeApp>, mode: BubbleCollectOptions['mode'], tabId = 1): BubbleCollectOptions => ({
  tabId,
  url: `${ORIGIN}/`,
  mode,
  fullAccess: true,
  responses: [],
  check: { fetch: app.fetch, sleep: async () => undefined },
});

beforeEach(async () => {
  fakeBrowser.reset();
  clearBubbleProbeMemory();
  await fakeBrowser.storage.local.set({ [KEYS.consent('bubble-data-api-check', ORIGIN)]: newConsent('bubble-data-api-check', ORIGIN, 'popup', 1) });
});

describe('collectBubbleApp: monitoring re-audits', () => {
  it('send no check and say "not run" before any check of this session', async () => {
    const app = fakeApp();
    const out = await collectBubbleApp(opts(app, 'monitor'), []);
    expect(out).toMatchObject({ skipped: 'not-run' });
    expect(out!.probe).toBeUndefined();
    expect(app.calls).toEqual(['/api/1.1/meta']); // the passive read only
  });

  it('reuse the last check of the session, marked as reused, without a request', async () => {
    const app = fakeApp();
    const first = await collectBubbleApp(opts(app, 'click'), []);
    expect(first!.probe).toMatchObject({ state: 'complete', reused: false });
    const sent = app.calls.length;
    const again = await collectBubbleApp(opts(app, 'monitor', 2), []);
    expect(app.calls.slice(sent)).toEqual(['/api/1.1/meta']);
    expect(again!.skipped).toBeUndefined();
    expect(again!.probe).toMatchObject({ state: 'complete', reused: true, types: [{ type: 'user', verdict: 'readable' }] });
    expect(BubbleDeployedSchema.parse(again).probe!.reused).toBe(true);
  });

  it('wait for the user’s check still running, then reuse its result', async () => {
    const app = fakeApp();
    app.holdChecks();
    const user = collectBubbleApp(opts(app, 'click'), []);
    await expect.poll(() => app.calls.includes('/api/1.1/obj/user')).toBe(true);
    const monitor = collectBubbleApp(opts(app, 'monitor', 2), []);
    app.release();
    const [u, m] = await Promise.all([user, monitor]);
    expect(u!.probe).toMatchObject({ reused: false });
    expect(m!.probe).toMatchObject({ reused: true, startedAt: u!.probe!.startedAt });
  });

  it('a stored audit of an older version (no "reused") still reads', () => {
    const old = { probe: { state: 'complete', startedAt: 1, durationMs: 5, requests: 2, types: [], notChecked: 0 } };
    expect(BubbleDeployedSchema.parse(old).probe!.reused).toBe(false);
  });
});
