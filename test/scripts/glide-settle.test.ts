/**
 * The headless command's wait on a Glide builder URL (scripts/lib/glide-settle.ts): the content script's stored
 * reading of the screen, settled (unchanged for a quiet period), bounded by a timeout that marks the audit partial.
 * A fake clock: no test waits or measures real time.
 */
import { describe, expect, it } from 'vitest';
import type { Audit } from '../../engine/audit';
import { glideBuilderScreen, waitForGlideSettled, withGlideSettle } from '../../scripts/lib/glide-settle';
import { exitCodeFor } from '../../engine/report';

const APP = 'AbCdEfGhIjKlMnOpQrSt';

/** A clock that moves only when the waiter sleeps, and a store whose value is a function of that clock. */
function fake(valueAt: (t: number) => unknown) {
  let t = 1_000;
  let reads = 0;
  return {
    read: async () => {
      reads++;
      return valueAt(t);
    },
    now: () => t,
    sleep: async (ms: number) => {
      t += ms;
    },
    get reads() {
      return reads;
    },
  };
}
const record = (screen: string, status: string, seenAt: number, extra: object = {}) => ({ appId: APP, screens: [{ screen, status, seenAt }], ...extra });
const opts = (f: ReturnType<typeof fake>, screen: 'access' | 'data' | 'workflows' | 'users' = 'access') => ({
  screen,
  since: 1_000,
  now: f.now,
  sleep: f.sleep,
  timeoutMs: 10_000,
  quietMs: 2_000,
  pollMs: 100,
});

describe('glideBuilderScreen', () => {
  it.each([
    [`https://go.glideapps.com/app/${APP}/settings/privacy`, { appId: APP, screen: 'access' }],
    [`https://go.glideapps.com/app/${APP}/data?table=Customers`, { appId: APP, screen: 'data' }],
    [`https://go.glideapps.com/app/${APP}/workflows`, { appId: APP, screen: 'workflows' }],
    [`https://go.glideapps.com/app/${APP}/layout`, undefined],
    [`https://go.glideapps.com/play/${APP}`, undefined],
    [`https://glide-impostor.test/app/${APP}/settings/privacy`, undefined],
    ['https://example.glide.page/dl/abc123', undefined],
  ])('%s', (url, want) => expect(glideBuilderScreen(url)).toEqual(want));
});

describe('waitForGlideSettled', () => {
  it('settles on the reading once it stops changing', async () => {
    const f = fake((t) => (t < 1_500 ? undefined : record('access', 'read', 1_400)));
    expect(await waitForGlideSettled(f.read, opts(f))).toMatchObject({ screen: 'access', outcome: 'settled', status: 'read' });
  });

  it('a half-rendered screen: waits past "could not read" until the read one has settled', async () => {
    const f = fake((t) => (t < 1_500 ? undefined : t < 3_000 ? record('access', 'unreadable', 1_400) : record('access', 'read', 2_900)));
    expect(await waitForGlideSettled(f.read, opts(f))).toMatchObject({ outcome: 'settled', status: 'read' });
  });

  it('a screen that stays unreadable (Users: no documented wording) settles as such', async () => {
    const f = fake(() => ({ ...record('users', 'unreadable', 1_200), screens: [{ screen: 'users', status: 'unreadable', seenAt: 1_200, missing: 'x' }] }));
    expect(await waitForGlideSettled(f.read, opts(f, 'users'))).toMatchObject({ outcome: 'settled', status: 'unreadable', missing: 'x' });
  });

  it('the Data screen filed as "api" (the "Show API" panel open) counts', async () => {
    const f = fake(() => record('api', 'read', 1_100));
    expect(await waitForGlideSettled(f.read, opts(f, 'data'))).toMatchObject({ outcome: 'settled', status: 'read' });
  });

  it('a reading from before the page was opened is another visit’s: timeout, nothing seen', async () => {
    const f = fake(() => record('access', 'read', 999));
    expect(await waitForGlideSettled(f.read, opts(f))).toEqual({ screen: 'access', outcome: 'timeout', waitedMs: 10_000 });
  });

  it('a record that keeps changing: timeout with its last reading', async () => {
    const f = fake((t) => record('access', 'read', 1_100, { tables: [{ name: `T${t}` }] }));
    expect(await waitForGlideSettled(f.read, opts(f))).toMatchObject({ outcome: 'timeout', status: 'read' });
  });

  it.each([
    ['garbage', () => 'not a record'],
    ['screens not a list', () => ({ screens: 'x' })],
    [
      'hostile entries',
      () => ({ screens: [null, 1, { screen: 'access', status: 'pwned', seenAt: 2_000 }, { screen: 'access', status: 'read', seenAt: '2000' }] }),
    ],
    [
      'the worker failing',
      () => {
        throw new Error('worker gone');
      },
    ],
  ])('%s: a clear timeout, never a crash or a hang', async (_, v) => {
    const f = fake(v);
    const s = await waitForGlideSettled(f.read, opts(f));
    expect(s.outcome).toBe('timeout');
    expect(f.reads).toBeLessThanOrEqual(10_000 / 100 + 1);
  });
});

describe('withGlideSettle', () => {
  const audit = { gaps: [], findings: [] } as unknown as Audit;
  it('settled: the audit unchanged', () =>
    expect(withGlideSettle(audit, { screen: 'access', outcome: 'settled', status: 'read', waitedMs: 2_100 })).toBe(audit));
  it('timeout: a partial gap naming the screen, so the command exits 3 unless --allow-partial', () => {
    const a = withGlideSettle(audit, { screen: 'workflows', outcome: 'timeout', waitedMs: 15_000 });
    expect(a.gaps).toEqual([{ collector: 'glide-builder', message: expect.stringContaining('workflows screen was not read within 15 s'), partial: true }]);
    expect(exitCodeFor({ findings: [], gaps: a.gaps })).toBe(3);
    expect(exitCodeFor({ findings: [], gaps: a.gaps }, { allowPartial: true })).toBe(0);
  });
});
