/**
 * entrypoints/background/check-memory.ts: what a monitoring re-audit may reuse of the user's consented checks
 * (Supabase exposure, Bubble Data API): the last result, once a running check settles, while recent; bounded.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { REMEMBERED, REUSE_MS, checkMemory } from '@/entrypoints/background/check-memory';

type P = { startedAt: number; n: number };
afterEach(() => vi.useRealTimers());

describe('checkMemory', () => {
  it('nothing to reuse before a check; the last result after one, marked reused', async () => {
    const m = checkMemory<P>();
    expect(await m.reuse('a')).toBeUndefined();
    await m.run('a', Promise.resolve({ startedAt: Date.now(), n: 1 }));
    await m.run('a', Promise.resolve({ startedAt: Date.now(), n: 2 }));
    expect(await m.reuse('a')).toMatchObject({ n: 2, reused: true });
    expect(await m.reuse('b')).toBeUndefined();
  });

  it('a re-audit that asks while the check runs gets its result, not nothing', async () => {
    const m = checkMemory<P>();
    let settle: (p: P) => void = () => {};
    const user = m.run('a', new Promise<P>((r) => (settle = r)));
    const reaudit = m.reuse('a');
    settle({ startedAt: Date.now(), n: 7 });
    expect(await reaudit).toMatchObject({ n: 7, reused: true });
    expect(await user).toEqual({ startedAt: expect.any(Number), n: 7 });
  });

  it('a failed check leaves the earlier result; a result older than REUSE_MS is not reused', async () => {
    vi.useFakeTimers();
    const m = checkMemory<P>();
    await m.run('a', Promise.resolve({ startedAt: Date.now(), n: 1 }));
    await m.run('a', Promise.reject(new Error('network'))).catch(() => undefined);
    expect(await m.reuse('a')).toMatchObject({ n: 1 });
    vi.advanceTimersByTime(REUSE_MS);
    expect(await m.reuse('a')).toBeUndefined();
  });

  it(`remembers at most ${REMEMBERED} subjects, dropping the oldest`, async () => {
    const m = checkMemory<P>();
    for (let i = 0; i <= REMEMBERED; i++) await m.run(`s${i}`, Promise.resolve({ startedAt: Date.now(), n: i }));
    expect(await m.reuse('s0')).toBeUndefined();
    expect(await m.reuse('s1')).toMatchObject({ n: 1 });
    expect(await m.reuse(`s${REMEMBERED}`)).toMatchObject({ n: REMEMBERED });
  });
});
