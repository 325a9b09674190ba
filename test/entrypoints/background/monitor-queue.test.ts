import { describe, expect, it } from 'vitest';
import { MONITOR_CONCURRENCY, MONITOR_MAX_WAITING, createMonitorQueue } from '@/entrypoints/background/monitor-queue';

/** A run function whose audits finish when the test says so. */
function controlled() {
  const started: number[] = [];
  const finish = new Map<number, () => void>();
  const run = (tabId: number) =>
    new Promise<void>((resolve) => {
      started.push(tabId);
      finish.set(tabId, resolve);
    });
  const end = async (tabId: number) => {
    finish.get(tabId)!();
    finish.delete(tabId);
    await new Promise((r) => setTimeout(r, 0));
  };
  return { started, run, end, running: () => [...finish.keys()] };
}

describe('createMonitorQueue', () => {
  it('runs at most `concurrency` re-audits at once; the rest wait and start as slots free', async () => {
    const c = controlled();
    const q = createMonitorQueue(c.run, { concurrency: 2, maxWaiting: 10 });
    for (const id of [1, 2, 3, 4, 5]) q.enqueue(id);
    expect(c.started).toEqual([1, 2]);
    expect(q.running).toBe(2);
    expect(q.waiting).toBe(3);
    await c.end(1);
    // The most recent load goes first.
    expect(c.started).toEqual([1, 2, 5]);
    await c.end(2);
    await c.end(5);
    expect(c.started).toEqual([1, 2, 5, 4, 3]);
    await c.end(4);
    await c.end(3);
    expect(q.running).toBe(0);
    expect(q.waiting).toBe(0);
  });

  it('500 tabs loading at once: never more than the bound running or waiting; the oldest waiting are dropped', async () => {
    const c = controlled();
    const q = createMonitorQueue(c.run);
    for (let id = 1; id <= 500; id++) {
      q.enqueue(id);
      expect(q.running).toBeLessThanOrEqual(MONITOR_CONCURRENCY);
      expect(q.waiting).toBeLessThanOrEqual(MONITOR_MAX_WAITING);
    }
    expect(q.running).toBe(MONITOR_CONCURRENCY);
    expect(q.waiting).toBe(MONITOR_MAX_WAITING);
    expect(q.dropped).toBe(500 - MONITOR_CONCURRENCY - MONITOR_MAX_WAITING);
    // Drain: the newest 50 loads run, newest first; nothing else.
    while (c.running().length > 0) await c.end(c.running()[0]!);
    expect(c.started).toHaveLength(MONITOR_CONCURRENCY + MONITOR_MAX_WAITING);
    expect(c.started.slice(MONITOR_CONCURRENCY, MONITOR_CONCURRENCY + 3)).toEqual([500, 499, 498]);
    expect(Math.min(...c.started.slice(MONITOR_CONCURRENCY))).toBe(500 - MONITOR_MAX_WAITING + 1);
  });

  it('a tab loaded again keeps one place; a closed tab’s place is freed', async () => {
    const c = controlled();
    const q = createMonitorQueue(c.run, { concurrency: 1, maxWaiting: 10 });
    q.enqueue(1);
    q.enqueue(2);
    q.enqueue(3);
    q.enqueue(2);
    expect(q.waiting).toBe(2);
    q.forget(3);
    q.forget(99); // unknown: nothing happens
    expect(q.waiting).toBe(1);
    await c.end(1);
    await c.end(2);
    expect(c.started).toEqual([1, 2]);
    expect(q.waiting).toBe(0);
  });

  it('a failing or throwing audit frees its slot', async () => {
    const started: number[] = [];
    const q = createMonitorQueue(
      (id) => {
        started.push(id);
        if (id === 1) throw new Error('sync');
        return Promise.reject(new Error('async'));
      },
      { concurrency: 1, maxWaiting: 10 },
    );
    q.enqueue(1);
    q.enqueue(2);
    q.enqueue(3);
    await new Promise((r) => setTimeout(r, 10));
    expect(started).toEqual([1, 3, 2]);
    expect(q.running).toBe(0);
  });
});
