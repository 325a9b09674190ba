/**
 * The Supabase exposure check: runs only after the user consented for the audited origin (collectSupabase checks).
 * Asks the app's own project, with the app's own publishable key, what a logged-out visitor can read:
 * - `GET /rest/v1/` once (the OpenAPI root: 403 = locked down, as documented since 2026-04-08);
 * - `GET /rest/v1/<table>?select=*&limit=1` with `Prefer: count=exact`, exactly once per discovered table (≤ 50);
 * - `GET /storage/v1/bucket` once.
 * Only GET, never a write; never a secret key; at most `perSecond` request starts per second, `concurrency` in
 * flight, each bounded in time and size, the whole check bounded in time and cancellable (AbortSignal).
 *
 * How the key is sent (Supabase docs, "known limitations" of the new API keys; shared/reference/supabase-studio.md
 * "Keys"): an `sb_publishable_…` key goes in `apikey` only, never as `Authorization: Bearer` (a non-JWT Bearer is
 * forwarded and rejected by the database: 401 PGRST301); a legacy anon JWT goes in `apikey` and as the Bearer token.
 * A 401 PGRST301 answer means our request was wrong, never that the table is protected: the check says so, and
 * (when it had sent a Bearer token) repeats that request once the documented way, with the key in `apikey` only,
 * and sends every later request that way.
 * Answers are classified at once; row values are dropped with the body and never leave this function.
 */
import { stopOnCancelOrDeadline } from './stop-signal';
import { readClaims } from '@/utils/secrets/jwt';
import { PROJECT_REF, SUPABASE_LIMITS, type ProbeState, type ProbeTable, type SupabaseProbe } from '@/utils/supabase/app-evidence';
import { classifyBuckets, classifyOpenApi, classifyTableAnswer, isWrongRequest, type RestAnswer } from '@/utils/supabase/app-classify';
import type { ProbeKey } from '@/utils/supabase/app-discover';
import { readCapped } from './bundles';

export const PROBE_LIMITS = {
  /** Request starts per second (the limiter spaces starts 1000/perSecond ms apart, plus `spacingMarginMs`). */
  perSecond: 4,
  /**
   * Added to each spacing so that the project, too, sees at most `perSecond` arrivals in any second: a request's
   * connection set-up can delay it by tens of ms relative to the next ones (measured: 5 arrivals within 932 ms at
   * exactly 250 ms spacing, `npm run bench:supabase-probe`).
   */
  spacingMarginMs: 30,
  /** Requests in flight at once. */
  concurrency: 2,
  maxTables: SUPABASE_LIMITS.probeTables,
  requestTimeoutMs: 5000,
  /** The whole check, whatever the number of tables. */
  totalMs: 20_000,
  /** Bytes read of a table answer (limit=1: one row) and of the bucket list. */
  tableBodyCap: 64 * 1024,
  bucketBodyCap: 256 * 1024,
} as const;
export type ProbeLimits = { -readonly [K in keyof typeof PROBE_LIMITS]: number };

/** Sent with every request so the app's owner can tell the check apart in their logs. */
export const PROBE_CLIENT_INFO = 'micro-app-auditor (read-only exposure check)';

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/** Spaces request starts at least 1000/perSecond ms apart: never more than `perSecond` starts in any second. */
export class RateLimiter {
  private next = 0;
  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: Sleep = realSleep,
    private readonly marginMs = 0,
  ) {}

  /** Resolves when the caller may start its request (early, without a slot, when `signal` aborts). */
  async take(signal?: AbortSignal): Promise<void> {
    const interval = 1000 / this.perSecond + this.marginMs;
    const t = this.now();
    const at = Math.max(t, this.next);
    this.next = at + interval;
    if (at > t) await this.sleep(at - t, signal);
  }
}

export interface ExposureCheckOptions {
  ref: string;
  /** The app's own publishable key (memory only). */
  key: ProbeKey;
  /** Table names, most relevant first (the page's own requests, then code order). */
  tables: readonly string[];
  /** Aborted when the user cancels from the popup. */
  signal?: AbortSignal;
  limits?: Partial<ProbeLimits>;
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: Sleep;
}

/** Refuses anything but a publishable key: a secret or service_role key found in a page is never used. */
export function assertPublishable(key: ProbeKey): void {
  const v = key.value;
  if (key.kind === 'publishable' && /^sb_publishable_[A-Za-z0-9_-]{20,80}$/.test(v)) return;
  if (key.kind === 'anon-jwt' && /^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+$/.test(v) && readClaims(v.split('.')[1]!)?.role === 'anon') return;
  throw new Error('The exposure check only ever uses a publishable (anon) key.');
}

interface Job {
  kind: 'openapi' | 'table' | 'buckets';
  table?: string;
}

export async function runExposureCheck(o: ExposureCheckOptions): Promise<SupabaseProbe> {
  assertPublishable(o.key);
  if (!PROJECT_REF.test(o.ref)) throw new Error('Not a Supabase project ref.');
  const L: ProbeLimits = { ...PROBE_LIMITS, ...o.limits };
  const now = o.now ?? Date.now;
  const fetchFn = o.fetch ?? globalThis.fetch.bind(globalThis);
  const limiter = new RateLimiter(L.perSecond, now, o.sleep ?? realSleep, L.spacingMarginMs);
  const startedAt = now();
  const base = `https://${o.ref}.supabase.co`;

  // One signal for everything: the user's cancel or the overall deadline.
  const stop = stopOnCancelOrDeadline(o.signal, L.totalMs);

  const unique = [...new Set(o.tables)];
  const tables = unique.slice(0, L.maxTables);
  const jobs: Job[] = [{ kind: 'openapi' }, ...tables.map((table): Job => ({ kind: 'table', table })), { kind: 'buckets' }];
  const results = new Map<string, ProbeTable>();
  let openapi: SupabaseProbe['openapi'];
  let buckets: SupabaseProbe['buckets'];
  let requests = 0;
  let answered = 0;

  // Bearer only for a JWT key; dropped for good after the project said our Bearer token was malformed.
  let bearer = o.key.kind === 'anon-jwt';
  let retried = 0;
  const headers = () => ({
    apikey: o.key.value,
    ...(bearer ? { Authorization: `Bearer ${o.key.value}` } : {}),
    Accept: 'application/json',
    'X-Client-Info': PROBE_CLIENT_INFO,
  });

  const get = async (url: string, extra: Record<string, string>, cap: number): Promise<RestAnswer & { sentBearer: boolean }> => {
    const sentBearer = bearer;
    const ctrl = new AbortController();
    const abort = () => ctrl.abort();
    stop.signal.addEventListener('abort', abort, { once: true });
    const timer = setTimeout(abort, L.requestTimeoutMs);
    requests++;
    try {
      const res = await fetchFn(url, {
        method: 'GET',
        headers: { ...headers(), ...extra },
        credentials: 'omit',
        cache: 'no-store',
        redirect: 'error',
        referrerPolicy: 'no-referrer',
        signal: ctrl.signal,
      });
      const contentRange = res.headers.get('content-range') ?? undefined;
      let body: { text: string; truncated: boolean } | undefined;
      if (cap > 0) body = await readCapped(res, cap);
      else void res.body?.cancel().catch(() => undefined);
      answered++;
      return { status: res.status, sentBearer, ...(contentRange ? { contentRange } : {}), ...(body ? { body: body.text, truncated: body.truncated } : {}) };
    } catch (e) {
      const why =
        stop.stoppedBy() === 'cancel'
          ? 'cancelled'
          : stop.stoppedBy() === 'deadline'
            ? 'the check ran out of time'
            : ctrl.signal.aborted
              ? `no answer within ${L.requestTimeoutMs / 1000} s`
              : e instanceof Error
                ? e.message
                : 'request failed';
      return { status: 0, sentBearer, error: why.slice(0, 200) };
    } finally {
      clearTimeout(timer);
      stop.signal.removeEventListener('abort', abort);
    }
  };

  /**
   * One GET; when the answer says our Bearer token was malformed (401 PGRST301) and we had sent one, Bearer is
   * dropped for the rest of the check and this request is repeated once, within the same rate limit.
   */
  const ask = async (url: string, extra: Record<string, string>, cap: number): Promise<RestAnswer> => {
    const a = await get(url, extra, cap);
    if (!a.sentBearer || !isWrongRequest(a)) return a;
    bearer = false;
    await limiter.take(stop.signal);
    if (stop.signal.aborted) return a;
    retried++;
    return get(url, extra, cap);
  };

  const run = async (job: Job) => {
    switch (job.kind) {
      case 'openapi': {
        // The body is read (small) only to tell "refused" from "our request was wrong".
        const a = await ask(`${base}/rest/v1/`, {}, 4096);
        if (a.status) openapi = classifyOpenApi(a.status);
        return;
      }
      case 'table': {
        const t = job.table!;
        const a = await ask(`${base}/rest/v1/${encodeURIComponent(t)}?select=*&limit=1`, { Prefer: 'count=exact' }, L.tableBodyCap);
        results.set(t, classifyTableAnswer(t, a));
        return;
      }
      case 'buckets': {
        buckets = classifyBuckets(await ask(`${base}/storage/v1/bucket`, {}, L.bucketBodyCap));
        return;
      }
    }
  };

  const queue = [...jobs];
  const worker = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      await limiter.take(stop.signal);
      if (stop.signal.aborted) return;
      await run(job);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, L.concurrency) }, worker));
  } finally {
    stop.dispose();
  }

  const checked = tables.filter((t) => results.has(t)).map((t) => results.get(t)!);
  const state: ProbeState =
    stop.stoppedBy() === 'cancel'
      ? 'cancelled'
      : stop.stoppedBy() === 'deadline'
        ? 'timed-out'
        : requests > 0 && answered === 0
          ? 'failed'
          : checked.some((t) => t.status === 0) || !buckets || !openapi
            ? 'partial'
            : 'complete';
  return {
    state,
    keyKind: o.key.kind,
    startedAt,
    durationMs: Math.max(0, now() - startedAt),
    requests,
    ...(openapi ? { openapi } : {}),
    tables: checked,
    notChecked: unique.length - checked.length,
    ...(buckets ? { buckets } : {}),
    reused: false,
    ...(state === 'failed'
      ? { note: `The project did not answer (${checked[0]?.note ?? 'no answer'}).` }
      : retried
        ? {
            note: 'The project refused the key as a Bearer token (401 PGRST301: our request was wrong, not a sign of protection); the check was repeated with the key in apikey only, as Supabase documents.',
          }
        : {}),
  };
}
