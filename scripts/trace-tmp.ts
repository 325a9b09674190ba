import { writeFileSync } from 'node:fs';
import { REF, dash, startSupabaseStudio } from '../test/fixtures/apps/supabase-studio';
import { hostRules } from '../test/fixtures/apps/server';
import { launchWithExtension } from './lib/browser';
const ext = process.argv[2]!;
const out = process.argv[3]!;
const studio = await startSupabaseStudio();
const b = await launchWithExtension({ extensionDir: ext, hostRules: hostRules([studio]), insecure: true });
for (let i = 0; i < 3; i++) {
  const page = await b.context.newPage();
  const cdp = await page.context().newCDPSession(page);
  const events: unknown[] = [];
  cdp.on('Tracing.dataCollected', (e: { value: unknown[] }) => events.push(...e.value));
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,v8,v8.execute,disabled-by-default-devtools.timeline,disabled-by-default-v8.gc,toplevel,blink', transferMode: 'ReportEvents' } as never);
  await page.goto(dash(REF, `/editor/1000?fixture=heavy&n=500&trace=${i}`), { waitUntil: 'load' });
  await page.waitForTimeout(1500);
  await cdp.send('Tracing.end');
  await done;
  await page.close();
  if (i > 0) writeFileSync(`${out}-${i}.json`, JSON.stringify(events));
}
await b.close();
await studio.close();
