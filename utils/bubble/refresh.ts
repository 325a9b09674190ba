/**
 * When to re-read the Bubble editor's model after its own traffic (`POST /appeditor/write`, `load_single_path`,
 * `load_multiple_paths`; shared/reference/bubble-glide.md 2a): debounced and bounded, per tab.
 * - a burst of writes (typing in a property, a drag) waits until `quietMs` passed without one, but never more than
 *   `maxWaitMs` after the first of the burst;
 * - reads of one tab are at least `minGapMs` apart, and never two at once: a change during a read asks for one more
 *   read after it, however many changes came;
 * - nothing is scheduled while nothing happens (no polling): one timer per tab with a pending change.
 * Pure apart from the timer functions it is given.
 */

export interface RefreshOptions<K> {
  quietMs: number;
  maxWaitMs: number;
  minGapMs: number;
  run(key: K): Promise<unknown>;
  now?(): number;
  setTimer?(fn: () => void, ms: number): unknown;
  clearTimer?(id: unknown): void;
}

export interface Refresher<K> {
  /** Something changed in `key`'s model. */
  poke(key: K): void;
  /** `key` is gone (tab closed): drop its timer. */
  forget(key: K): void;
  /** Keys with a read scheduled or running (tests, diagnostics). */
  pending(): K[];
}

interface State {
  firstAt?: number;
  timer?: unknown;
  running: boolean;
  dirty: boolean;
}

export const EDITOR_REFRESH = { quietMs: 1500, maxWaitMs: 8000, minGapMs: 3000 } as const;

export function createRefresher<K>(o: RefreshOptions<K>): Refresher<K> {
  const now = o.now ?? Date.now;
  const setTimer = o.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = o.clearTimer ?? ((id) => clearTimeout(id as ReturnType<typeof setTimeout>));
  const states = new Map<K, State>();
  /** When each key's last read ended (kept after it, so the gap holds for the next burst too). */
  const lastRun = new Map<K, number>();

  const fire = (key: K, s: State) => {
    s.timer = undefined;
    s.firstAt = undefined;
    s.running = true;
    let done: Promise<unknown>;
    try {
      done = Promise.resolve(o.run(key));
    } catch (e) {
      done = Promise.reject(e);
    }
    void done
      .catch(() => undefined)
      .then(() => {
        s.running = false;
        if (states.get(key) !== s) return; // forgotten meanwhile
        lastRun.set(key, now());
        if (s.dirty) {
          s.dirty = false;
          poke(key);
        } else states.delete(key);
      });
  };

  const poke = (key: K) => {
    let s = states.get(key);
    if (!s) {
      s = { running: false, dirty: false };
      states.set(key, s);
    }
    if (s.running) {
      s.dirty = true;
      return;
    }
    const t = now();
    s.firstAt ??= t;
    const due = Math.max(Math.min(t + o.quietMs, s.firstAt + o.maxWaitMs), (lastRun.get(key) ?? Number.NEGATIVE_INFINITY) + o.minGapMs);
    if (s.timer !== undefined) clearTimer(s.timer);
    const state = s;
    s.timer = setTimer(() => fire(key, state), Math.max(0, due - t));
  };

  return {
    poke,
    forget(key) {
      const s = states.get(key);
      if (s?.timer !== undefined) clearTimer(s.timer);
      states.delete(key);
      lastRun.delete(key);
    },
    pending: () => [...states.keys()],
  };
}
