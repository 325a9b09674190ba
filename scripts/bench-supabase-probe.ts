/**
 * npm run bench:supabase-probe [-- --runs 5 --tables 20 --keys new|legacy]
 *
 * Measures the Supabase exposure check in real headless Chromium with the built extension: a fixture app whose
 * bundle names N tables (default 20), against the local stand-in for `<ref>.supabase.co`, with consent stored as
 * `npm run audit -- <url> --probe` stores it. Prints, per run and as medians:
 * - the number of requests the check sent to the project (counted by the stand-in; expected N + 2: one GET per
 *   table, the OpenAPI root, the bucket list), and their methods;
 * - the check's own duration (as the extension recorded it) and the whole audit's.
 * Also prints the same audit without consent (requests must be 0). Asserts nothing.
 * `--keys new` (default): the app uses an `sb_publishable_` key and the stand-in rejects a non-JWT Bearer token as
 * the real project does (401 PGRST301); also prints how many requests carried `Authorization` (expected 0) and the
 * most request starts the stand-in saw within any one second (limit 4). `--keys legacy`: an anon JWT key.
 */
import { parseArgs } from 'node:util';
import { hostRules } from '../test/fixtures/apps/server';
import { send, startFixtureServer } from '../test/fixtures/apps/server';
import { supabaseApiHandler, supabaseHost, type TableSpec } from '../test/fixtures/apps/supabase-api';
import { startSupabaseApp } from '../test/fixtures/apps/supabase-app';
import { fakeRef, mintAnonKey, mintPublishableKey } from '../test/fixtures/apps/supabase-keys';
import { ensureBuilt, grantedCopy, launchWithExtension } from './lib/browser';
import { consentToProbe, openPage, openPopupFor, readStoredAudit, tabIdFor } from './lib/headless';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, tables: { type: 'string', default: '20' }, keys: { type: 'string', default: 'new' } },
});
const NEW_KEYS = values.keys !== 'legacy';
const RUNS = Math.max(1, Number(values.runs) || 5);
const N = Math.max(1, Math.min(50, Number(values.tables) || 20));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const ref = fakeRef(20);
  const anon = NEW_KEYS ? mintPublishableKey(20) : mintAnonKey(ref);
  const names = Array.from({ length: N }, (_, i) => `table_${String(i).padStart(2, '0')}`);
  // A realistic mix of the documented answers.
  const modes: TableSpec['mode'][] = ['readable', 'rls', 'rls', 'no-grant'];
  const tables: Record<string, TableSpec> = Object.fromEntries(
    names.map((n, i) => [
      n,
      modes[i % modes.length] === 'readable' ? { mode: 'readable', rows: [{ id: 1, email: 'bench@example.org' }] } : { mode: modes[i % modes.length]! },
    ]),
  );
  // The stand-in, with the arrival time of each request (for the per-second rate).
  const arrivals: number[] = [];
  const handler = supabaseApiHandler({ ref, keys: [anon], tables, buckets: [{ id: 'avatars', public: true }], bucketsListable: true });
  const api = await startFixtureServer({
    hosts: [supabaseHost(ref)],
    https: (req, res) => {
      arrivals.push(performance.now());
      handler(req, res);
    },
    http: (_req, res) => send(res, 301, { Location: `https://${supabaseHost(ref)}/` }),
  });
  const host = 'bench-nest.test';
  const app = await startSupabaseApp({ host, ref, anonKey: anon, codeTables: names, pageFetch: false });
  const ext = grantedCopy(ensureBuilt());
  const b = await launchWithExtension({ extensionDir: ext.dir, hostRules: hostRules([app, api]), insecure: true });
  const url = `https://${host}/`;
  const fromExtension = () => api.requests.filter((r) => r.headers.origin !== `https://${host}`);
  try {
    const page = await openPage(b, url);
    const tabId = await tabIdFor(b, page.url());

    const audit = async () => {
      const before = fromExtension().length;
      const firstArrival = arrivals.length;
      const t0 = performance.now();
      const popup = await openPopupFor(b, tabId);
      await popup.waitForSelector('#app[data-fresh-shown-ms]', { timeout: 60_000 });
      const wall = Math.round(performance.now() - t0);
      await popup.close();
      const stored = (await readStoredAudit(b, url))!;
      const sent = fromExtension().slice(before);
      // Most arrivals within any 1000 ms window (the page's own requests carry its Origin; this run has none).
      const times = arrivals.slice(firstArrival);
      let perSecond = 0;
      for (let i = 0, j = 0; i < times.length; i++) {
        while (times[i]! - times[j]! >= 1000) j++;
        perSecond = Math.max(perSecond, i - j + 1);
      }
      // Shortest span of 5 consecutive arrivals: ≥ 1000 ms minus network jitter when starts are ≤ 4/s.
      let span5 = Infinity;
      for (let i = 4; i < times.length; i++) span5 = Math.min(span5, times[i]! - times[i - 4]!);
      return { sent, wall, stored, perSecond, span5: Math.round(span5) };
    };

    const passive = await audit();
    console.log(`Without consent: ${passive.sent.length} requests to the project (audit ${passive.stored.durationMs} ms).`);

    await consentToProbe(b, url);
    const counts: number[] = [];
    const probeMs: number[] = [];
    const auditMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await audit();
      const probe = r.stored.supabase?.projects[0]?.probe;
      const methods = [...new Set(r.sent.map((x) => x.method))].join(',');
      counts.push(r.sent.length);
      probeMs.push(probe?.durationMs ?? NaN);
      auditMs.push(r.stored.durationMs);
      const bearer = r.sent.filter((x) => x.headers.authorization !== undefined).length;
      // From the summary finding (same-message findings are grouped in the stored audit).
      const summary = r.stored.findings.find((f) => f.ruleId === 'app-exposure-summary')?.message ?? '';
      const readable = /(\d+) readable/.exec(summary)?.[1] ?? '0';
      const unclear = /(\d+) unclear/.exec(summary)?.[1] ?? '0';
      console.log(
        `Run ${i + 1}: ${r.sent.length} requests (${methods}; ${probe?.requests} counted by the extension; ${bearer} with Authorization; at most ${r.perSecond} arrivals in any 1000 ms window, shortest span of 5 consecutive arrivals ${r.span5} ms) · check ${probe?.durationMs} ms (${probe?.state}; ${readable} readable of ${Math.ceil(N / 4)}, ${unclear} unclear) · audit ${r.stored.durationMs} ms · popup to result ${r.wall} ms`,
      );
    }
    console.log(
      `\nExposure check of an app with ${N} tables on ${NEW_KEYS ? 'the new keys (sb_publishable_)' : 'a legacy anon JWT key'}: ${median(counts)} requests (expected ${N + 2}: one GET per table + OpenAPI root + bucket list), median check ${median(probeMs)} ms, median audit ${median(auditMs)} ms over ${RUNS} runs (limit: 4 requests/s, 2 in flight).`,
    );
  } finally {
    await b.close();
    ext.cleanup();
    await Promise.all([api.close(), app.close()]);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
