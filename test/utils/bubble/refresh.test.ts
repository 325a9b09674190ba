/** When the Bubble editor's model is read again after its traffic: debounced, capped, spaced, never overlapping, idle when quiet. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRefresher } from '@/utils/bubble/refresh';

const OPTS = { quietMs: 100, maxWaitMs: 500, minGapMs: 300 };

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function setup(runMs = 0) {
  const runs: { key: number; at: number }[] = [];
  const r = createRefresher<number>({
    ...OPTS,
    now: () => Date.now(),
    run: (key) => {
      runs.push({ key, at: Date.now() });
      return new Promise((res) => setTimeout(res, runMs));
    },
  });
  return { r, runs, t0: Date.now() };
}

describe('createRefresher', () => {
  it('nothing scheduled while nothing happens', async () => {
    const { r, runs } = setup();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(runs).toEqual([]);
    expect(r.pending()).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a burst of writes is read once, after a quiet moment', async () => {
    const { r, runs, t0 } = setup();
    for (let i = 0; i < 5; i++) {
      r.poke(1);
      await vi.advanceTimersByTimeAsync(50);
    }
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toEqual([{ key: 1, at: t0 + 250 + 100 - 50 }]);
    await vi.advanceTimersByTimeAsync(5000);
    expect(runs.length).toBe(1);
    expect(r.pending()).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('continuous writes are still read, at most maxWait after the first', async () => {
    const { r, runs, t0 } = setup();
    for (let i = 0; i < 40; i++) {
      r.poke(1);
      await vi.advanceTimersByTimeAsync(50);
    }
    expect(runs[0]!.at - t0).toBe(OPTS.maxWaitMs);
    // spaced by at least minGap, and far fewer reads than writes
    for (let i = 1; i < runs.length; i++) expect(runs[i]!.at - runs[i - 1]!.at).toBeGreaterThanOrEqual(OPTS.minGapMs);
    expect(runs.length).toBeLessThanOrEqual(4);
  });

  it('a change during a read asks for exactly one more read after it', async () => {
    const { r, runs } = setup(1000);
    r.poke(1);
    await vi.advanceTimersByTimeAsync(100); // the read starts and takes 1 s
    expect(runs.length).toBe(1);
    for (let i = 0; i < 10; i++) r.poke(1);
    await vi.advanceTimersByTimeAsync(900);
    expect(runs.length).toBe(1); // never two at once
    await vi.advanceTimersByTimeAsync(OPTS.minGapMs + 110); // the read ends at 1.1 s; the next starts minGap later
    expect(runs.length).toBe(2);
    await vi.advanceTimersByTimeAsync(5000);
    expect(runs.length).toBe(2);
  });

  it('tabs are independent; a closed tab is forgotten; a failing read does not stop later ones', async () => {
    let fail = true;
    const runs: number[] = [];
    const r = createRefresher<number>({
      ...OPTS,
      run: async (k) => {
        runs.push(k);
        if (fail) throw new Error('boom');
      },
    });
    r.poke(1);
    r.poke(2);
    r.poke(3);
    r.forget(3);
    await vi.advanceTimersByTimeAsync(200);
    expect(runs.sort()).toEqual([1, 2]);
    fail = false;
    r.poke(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs.filter((k) => k === 1).length).toBe(2);
  });
});
