/**
 * The background re-audits (monitoring: a granted site re-audited as its pages load) wait here and run a few at a
 * time. Without it, a browser restoring or opening hundreds of tabs on granted sites started hundreds of audits at
 * once in the service worker (each injecting into its page, probing, fetching scripts and writing storage), and an
 * audit the user asked for queued behind all of them (issue 14, "500 tabs": test/e2e/many-tabs.e2e.test.ts).
 *
 * Bounds: at most `concurrency` re-audits run at once; at most `maxWaiting` wait, one per tab (a newer load of the same
 * tab replaces its place), the most recent load first; past `maxWaiting` the oldest waiting tab is dropped (its last
 * stored audit stays; a click audits it again). A closed tab's place is freed (`forget`). Audits the user asks for
 * (popup, headless) never wait here.
 */

export interface MonitorQueue {
  /** A tab finished loading a page of a granted site: audit it when a slot is free. */
  enqueue(tabId: number): void;
  /** The tab closed or navigated away: drop its waiting place (an audit already running finishes on its own). */
  forget(tabId: number): void;
  readonly waiting: number;
  readonly running: number;
  /** Tabs dropped because too many were waiting (since start). */
  readonly dropped: number;
}

export const MONITOR_CONCURRENCY = 2;
export const MONITOR_MAX_WAITING = 50;

export function createMonitorQueue(
  run: (tabId: number) => Promise<unknown>,
  { concurrency = MONITOR_CONCURRENCY, maxWaiting = MONITOR_MAX_WAITING } = {},
): MonitorQueue {
  // Insertion order is arrival order: the last entry is the most recent load.
  const waiting = new Set<number>();
  let running = 0;
  let dropped = 0;
  const pump = () => {
    while (running < concurrency && waiting.size > 0) {
      const tabId = [...waiting].pop()!;
      waiting.delete(tabId);
      running++;
      let done: Promise<unknown>;
      try {
        done = Promise.resolve(run(tabId));
      } catch {
        done = Promise.resolve();
      }
      void done
        .catch(() => undefined)
        .finally(() => {
          running--;
          pump();
        });
    }
  };
  return {
    enqueue(tabId) {
      waiting.delete(tabId);
      waiting.add(tabId);
      while (waiting.size > maxWaiting) {
        const oldest = waiting.values().next().value!;
        waiting.delete(oldest);
        dropped++;
      }
      pump();
    },
    forget(tabId) {
      waiting.delete(tabId);
    },
    get waiting() {
      return waiting.size;
    },
    get running() {
      return running;
    },
    get dropped() {
      return dropped;
    },
  };
}
