/**
 * npm run bench:bubble [-- --sizes 20,100]
 *
 * Time and peak memory to audit a generated `.bubble` export of each size (MB) with the command line's code
 * (scripts/lib/bubble-export.ts: read, JSON.parse, read the model, run the Bubble rules). Each size runs in a child
 * process of its own so its peak resident memory (maxRSS) is its own. The export is written in the documented shape
 * (shared/reference/bubble-glide.md 1a-1e: user_types with privacy_role, pages with elements, api workflows,
 * settings.client_safe.apiconnector2) and padded with page elements until it reaches the size.
 * Prints numbers; asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const self = fileURLToPath(import.meta.url);

/** Writes a single-line export of about `mb` MB, streaming (the parent never holds it). */
export function writeExport(path: string, mb: number): number {
  const fd = openSync(path, 'w');
  const w = (s: string) => writeSync(fd, s);
  const types = Array.from(
    { length: 200 },
    (_, i) =>
      `"t${i}":${JSON.stringify({
        display: `Type ${i}`,
        fields: Object.fromEntries(Array.from({ length: 20 }, (_, j) => [`field_${j}_text`, { display: j === 0 ? 'Email' : `Field ${j}`, value: 'text' }])),
        ...(i % 3
          ? {
              privacy_role: {
                owner_: { display: 'owner', condition: { type: 'CurrentUser' }, permissions: { view_all: true, search_for: true } },
                everyone: { display: 'everyone', permissions: { view_all: false, search_for: false } },
              },
            }
          : {}),
        exposed_api: i % 5 === 0,
      })}`,
  );
  w(`{"user_types":{${types.join(',')}},"api":{`);
  w(
    Array.from(
      { length: 300 },
      (_, i) =>
        `"w${i}":${JSON.stringify({ type: 'APIEvent', id: `w${i}x`, properties: { wf_name: `wf_${i}`, expose: i % 2 === 0, auth_unecessary: i % 7 === 0 }, actions: { '0': { type: 'ChangeThing', properties: { to_change: { type: 'CurrentUser' } } } } })}`,
    ).join(','),
  );
  w('},"settings":{"client_safe":{"exposes_get_api":true,"exposes_wf_api":true,"app_rights":"private","pw_protection":true,"apiconnector2":{');
  w(
    Array.from(
      { length: 50 },
      (_, i) =>
        `"a${i}":${JSON.stringify({ human: `API ${i}`, shared_headers: { h: { private: true } }, calls: { c: { name: 'Call', url: `https://api${i}.example.test/v1?q=[q]`, params: { p: { key: 'q', value: 'hello world', private: false } } } } })}`,
    ).join(','),
  );
  w('}},"secure":{}},"element_definitions":{},"pages":{');
  const target = mb * 1024 * 1024;
  let size = 0;
  let n = 0;
  // Pages of 200 elements with Bubble-like properties and text.
  while (size < target) {
    const elements: string[] = [];
    for (let e = 0; e < 200; e++) {
      elements.push(
        `"e${n}_${e}":${JSON.stringify({ type: 'Text', id: `bT${n}x${e}`, properties: { text: { entries: { '0': `Welcome to page ${n}, element ${e}: some ordinary copy for visitors.` } }, width: 320, height: 40, left: e * 3, top: e * 7 }, '%s1': 'Text_body_' })}`,
      );
    }
    const page = `${n ? ',' : ''}"p${n}":${JSON.stringify({ name: `page_${n}`, id: `bTp${n}` }).slice(0, -1)},"elements":{${elements.join(',')}}}`;
    size += Buffer.byteLength(page);
    w(page);
    n++;
  }
  w('},"_index":{}}');
  closeSync(fd);
  return statSync(path).size;
}

async function child(file: string): Promise<void> {
  const { auditExport } = await import('./lib/bubble-export');
  const t0 = performance.now();
  const audit = auditExport(file);
  const ms = performance.now() - t0;
  const rss = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(JSON.stringify({ ms, peakRss: rss, findings: audit.findings.length }));
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { child: { type: 'string' }, sizes: { type: 'string', default: '20,100' } } });
  if (values.child) return child(values.child);
  const dir = mkdtempSync(join(tmpdir(), 'bench-bubble-'));
  try {
    // Baseline: the same child process auditing a tiny export (Node + tsx + rules loaded).
    const tiny = join(dir, 'tiny.bubble');
    writeExport(tiny, 0.01);
    const run = (file: string) => {
      const r = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', file], { encoding: 'utf8', maxBuffer: 1 << 20 });
      if (r.status !== 0) throw new Error(r.stderr || `child exited ${r.status}`);
      return JSON.parse(r.stdout) as { ms: number; peakRss: number; findings: number };
    };
    const base = run(tiny);
    const mbOf = (b: number) => (b / 1048576).toFixed(1);
    console.log(`baseline (tiny export): ${base.ms.toFixed(0)} ms, peak RSS ${mbOf(base.peakRss)} MB`);
    for (const mb of values.sizes.split(',').map(Number)) {
      const file = join(dir, `bench-${mb}.bubble`);
      const bytes = writeExport(file, mb);
      const r = run(file);
      const over = r.peakRss - base.peakRss;
      console.log(
        `${mbOf(bytes)} MB export: ${(r.ms / 1000).toFixed(2)} s to audit (${r.findings} findings), peak RSS ${mbOf(r.peakRss)} MB (${mbOf(over)} MB over baseline = ${(over / bytes).toFixed(1)}× the file size)`,
      );
      rmSync(file);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
