/**
 * npm run bench:supabase-probe [-- --runs 5 --tables 20]
 *
 * Measures the Supabase exposure check in real headless Chromium with the built extension: a fixture app whose
 * bundle names N tables (default 20), against the local stand-in for `<ref>.supabase.co`, with consent stored as
 * `npm run audit -- <url> --probe` stores it. Prints, per run and as medians:
 * - the number of requests the check sent to the project (counted by the stand-in; expected N + 2: one GET per
 *   table, the OpenAPI root, the bucket list), and their methods;
 * - the check's own duration (as the extension recorded it) and the whole audit's.
 * Also prints the same audit without consent (requests must be 0). Asserts nothing.
 */
import { parseArgs } from 'node:util';
import { hostRules } from '../test/fixtures/apps/server';
import { startSupabaseApi, type TableSpec } from '../test/fixtures/apps/supabase-api';
import { startSupabaseApp } from '../test/fixtures/apps/supabase-app';
import { fakeRef, mintAnonKey } from '../test/fixtures/apps/supabase-keys';
import { ensureBuilt, grantedCopy, launchWithExtension } from './lib/browser';
import { consentToProbe, openPage, openPopupFor, readStoredAudit, tabIdFor } from './lib/headless';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, tables: { type: 'string', default: '20' } } });
const RUNS = Math.max(1, Number(values.runs) || 5);
const N = Math.max(1, Math.min(50, Number(values.tables) || 20));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const ref = fakeRef(20);
  const anon = mintAnonKey(ref);
  const names = Array.from({ length: N }, (_, i) => `table_${String(i).padStart(2, '0')}`);
  // A realistic mix of the documented answers.
  const modes: TableSpec['mode'][] = ['readable', 'rls', 'rls', 'no-grant'];
  const tables: Record<string, TableSpec> = Object.fromEntries(
    names.map((n, i) => [n, modes[i % modes.length] === 'readable' ? { mode: 'readable', rows: [{ id: 1, email: 'bench@example.org' }] } : { mode: modes[i % modes.length]! }]),
  );
  const api = await startSupabaseApi({ ref, keys: [anon], tables, buckets: [{ id: 'avatars', public: true }], bucketsListable: true });
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
      const t0 = performance.now();
      const popup = await openPopupFor(b, tabId);
      await popup.waitForSelector('#app[data-fresh-shown-ms]', { timeout: 60_000 });
      const wall = Math.round(performance.now() - t0);
      await popup.close();
      const stored = (await readStoredAudit(b, url))!;
      const sent = fromExtension().slice(before);
      return { sent, wall, stored };
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
      console.log(
        `Run ${i + 1}: ${r.sent.length} requests (${methods}; ${probe?.requests} counted by the extension) · check ${probe?.durationMs} ms (${probe?.state}) · audit ${r.stored.durationMs} ms · popup to result ${r.wall} ms`,
      );
    }
    console.log(`\nExposure check of an app with ${N} tables: ${median(counts)} requests (expected ${N + 2}: one GET per table + OpenAPI root + bucket list), median check ${median(probeMs)} ms, median audit ${median(auditMs)} ms over ${RUNS} runs (limit: 4 requests/s, 2 in flight).`);
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
