/**
 * The last consented check per subject, for monitoring re-audits (the Supabase exposure check by origin and project,
 * supabase-app.ts; the Bubble Data API check by origin, bubble-app.ts). A re-audit never sends a check's requests: it
 * waits for a check the user started that is still running, then takes the last result of this session when it is
 * recent, marked reused. Memory only: gone when the service worker stops.
 */
export const REUSE_MS = 30 * 60_000;
/** Subjects remembered at most (the oldest result is dropped first). */
export const REMEMBERED = 200;

export interface CheckMemory<P extends { startedAt: number }> {
  /** The user's check: its result is remembered before anything waiting for it (`reuse`) resumes. */
  run(key: string, check: Promise<P>): Promise<P>;
  /** A monitoring re-audit's copy: the last result (once a running check settles), if recent; else undefined. */
  reuse(key: string): Promise<(P & { reused: true }) | undefined>;
  /** Test hook: forget everything. */
  clear(): void;
}

export function checkMemory<P extends { startedAt: number }>(): CheckMemory<P> {
  const last = new Map<string, P>();
  const inflight = new Map<string, Promise<P>>();
  return {
    run(key, check) {
      // Remembered inside the promise a re-audit waits for: it reads the result as soon as its wait ends. (Awaiting the
      // check and remembering after it let a waiting re-audit resume first and find nothing.)
      const run = check.then((result) => {
        last.delete(key); // re-inserted last: the oldest subject is the first dropped
        last.set(key, result);
        if (last.size > REMEMBERED) last.delete(last.keys().next().value!);
        return result;
      });
      inflight.set(key, run);
      const forget = () => {
        if (inflight.get(key) === run) inflight.delete(key);
      };
      run.then(forget, forget);
      return run;
    },
    async reuse(key) {
      await inflight.get(key)?.catch(() => undefined);
      const result = last.get(key);
      return result && Date.now() - result.startedAt < REUSE_MS ? { ...result, reused: true as const } : undefined;
    },
    clear() {
      last.clear();
      inflight.clear();
    },
  };
}
