/**
 * Deployed Bubble apps: what the app's own API says, asked the way a logged-out visitor would.
 * - Always (passive, one request): `GET <origin>/api/1.1/meta` (reference 3a; non-200 = the APIs are off).
 * - Only after consent for the origin (`bubble-data-api-check`, popup or `--probe`): `GET /api/1.1/obj/<type>?limit=1`
 *   once per type `/meta` lists (≤ 30; counts and field names, never values; reference 3b) and `GET /version-test`
 *   without credentials (401 + Basic = protected; reference 3e).
 * Only GET, same origin, no cookies (`credentials: 'omit'`), rate-limited like the Supabase check (≤ 4 starts per
 * second, 2 in flight), each request bounded in time and size, the whole check bounded and cancellable.
 */
import { stopOnCancelOrDeadline } from './stop-signal';
import { classifyMeta, classifyObj, classifyVersionTest, DEPLOYED_LIMITS, MetaSchema, type Answer, type BubbleProbe } from '@/utils/bubble/deployed';
import { readCapped } from './bundles';
import { RateLimiter, realSleep, type Sleep } from './supabase-probe';

export const BUBBLE_PROBE_LIMITS = {
  perSecond: 4,
  concurrency: 2,
  maxTypes: DEPLOYED_LIMITS.probeTypes,
  requestTimeoutMs: 5000,
  totalMs: 20_000,
  /** `limit=1`: one record; the meta document of a large app can be big. */
  objBodyCap: 64 * 1024,
  metaBodyCap: 2 * 1024 * 1024,
} as const;
export type BubbleProbeLimits = { -readonly [K in keyof typeof BUBBLE_PROBE_LIMITS]: number };

interface GetOptions {
  fetch?: typeof fetch;
  signal?: AbortSignal;
  timeoutMs?: number;
  cap: number;
}

/** One credential-less GET; never throws (status 0 + error on failure). */
export async function getAnswer(url: string, o: GetOptions): Promise<Answer & { error?: string }> {
  const fetchFn = o.fetch ?? globalThis.fetch.bind(globalThis);
  const ctrl = new AbortController();
  const abort = () => ctrl.abort();
  o.signal?.addEventListener('abort', abort, { once: true });
  const timer = setTimeout(abort, o.timeoutMs ?? BUBBLE_PROBE_LIMITS.requestTimeoutMs);
  try {
    const res = await fetchFn(url, {
      method: 'GET',
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'follow',
      referrerPolicy: 'no-referrer',
      headers: { Accept: 'application/json' },
      signal: ctrl.signal,
    });
    const authenticate = res.headers.get('www-authenticate') ?? undefined;
    let body: string | undefined;
    if (o.cap > 0) body = (await readCapped(res, o.cap)).text;
    else void res.body?.cancel().catch(() => undefined);
    return { status: res.status, ...(body !== undefined ? { body } : {}), ...(authenticate ? { authenticate } : {}) };
  } catch (e) {
    return {
      status: 0,
      error: (o.signal?.aborted ? 'cancelled' : ctrl.signal.aborted ? 'no answer in time' : e instanceof Error ? e.message : 'request failed').slice(0, 200),
    };
  } finally {
    clearTimeout(timer);
    o.signal?.removeEventListener('abort', abort);
  }
}

/** The passive `/api/1.1/meta` read. */
export async function readMeta(origin: string, o: { fetch?: typeof fetch; signal?: AbortSignal } = {}) {
  const a = await getAnswer(`${origin}/api/1.1/meta`, { ...o, cap: BUBBLE_PROBE_LIMITS.metaBodyCap });
  if (a.status === 0) return undefined;
  return MetaSchema.parse(classifyMeta(a));
}

export interface BubbleCheckOptions {
  origin: string;
  /** Types `/meta` lists (`get`), in its order. */
  types: readonly string[];
  signal?: AbortSignal;
  limits?: Partial<BubbleProbeLimits>;
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: Sleep;
}

/** The consented check: one GET per type (≤ maxTypes) and one for /version-test. */
export async function runBubbleCheck(o: BubbleCheckOptions): Promise<BubbleProbe> {
  const L: BubbleProbeLimits = { ...BUBBLE_PROBE_LIMITS, ...o.limits };
  const origin = new URL(o.origin).origin;
  const now = o.now ?? Date.now;
  const limiter = new RateLimiter(L.perSecond, now, o.sleep ?? realSleep);
  const startedAt = now();
  // One signal for everything: the user's cancel or the overall deadline.
  const stop = stopOnCancelOrDeadline(o.signal, L.totalMs);

  const unique = [...new Set(o.types)];
  const types = unique.slice(0, L.maxTypes);
  const jobs: (string | null)[] = [...types, null]; // null: /version-test
  const answers = new Map<string, BubbleProbe['types'][number]>();
  let versionTest: BubbleProbe['versionTest'];
  let requests = 0;
  let answered = 0;
  const get = async (url: string, cap: number) => {
    requests++;
    const a = await getAnswer(url, { ...(o.fetch ? { fetch: o.fetch } : {}), signal: stop.signal, timeoutMs: L.requestTimeoutMs, cap });
    if (a.status) answered++;
    return a;
  };
  const worker = async () => {
    for (let job = jobs.shift(); job !== undefined; job = jobs.shift()) {
      await limiter.take(stop.signal);
      if (stop.signal.aborted) return;
      if (job === null) {
        const a = await get(`${origin}/version-test`, 0);
        if (a.status) versionTest = classifyVersionTest(a) as BubbleProbe['versionTest'];
      } else {
        const a = await get(`${origin}/api/1.1/obj/${encodeURIComponent(job)}?limit=1`, L.objBodyCap);
        answers.set(job, classifyObj(job, a) as BubbleProbe['types'][number]);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, L.concurrency) }, worker));
  } finally {
    stop.dispose();
  }
  const checked = types.filter((t) => answers.has(t)).map((t) => answers.get(t)!);
  const state: BubbleProbe['state'] =
    stop.stoppedBy() === 'cancel'
      ? 'cancelled'
      : stop.stoppedBy() === 'deadline'
        ? 'timed-out'
        : requests > 0 && answered === 0
          ? 'failed'
          : checked.some((t) => t.status === 0) || !versionTest
            ? 'partial'
            : 'complete';
  return {
    state,
    startedAt,
    durationMs: Math.max(0, now() - startedAt),
    requests,
    types: checked,
    notChecked: unique.length - checked.length,
    ...(versionTest ? { versionTest } : {}),
    reused: false,
  };
}
