/**
 * Floors for the content-script benchmarks (bench-supabase `--floor`, bench-builders `--floor`): an empty extension,
 * and copies of a build that cost what any content script costs, so a measure can say how much of ours is only being
 * there.
 * - `emptyContentScript`: the build's manifest entry for that content script (same matches, same run_at) with an
 *   empty file: what Chromium's injection of any content script costs.
 * - `notStarted`: the build with that content script evaluated (every module set up, the extension API object
 *   read) but its `main` never called: compile and module set-up only.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type ContentScriptName = 'bubble' | 'glide' | 'supabase';

/** An extension with nothing in it (an empty service worker): "a browser without ours", launched the same way. */
export function emptyExtension(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'maa-empty-'));
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ manifest_version: 3, name: 'empty', version: '1', background: { service_worker: 'sw.js' } }));
  writeFileSync(path.join(dir, 'sw.js'), '');
  return dir;
}

export function emptyContentScript(buildDir: string, name: ContentScriptName): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'maa-empty-cs-'));
  const ours = (JSON.parse(readFileSync(path.join(buildDir, 'manifest.json'), 'utf8')) as { content_scripts: { js: string[] }[] }).content_scripts.find((c) =>
    c.js.includes(`content-scripts/${name}.js`),
  );
  if (!ours) throw new Error(`no ${name} content script in ${buildDir}`);
  const manifest = {
    manifest_version: 3,
    name: 'empty content script',
    version: '1',
    background: { service_worker: 'sw.js' },
    content_scripts: [{ ...ours, js: ['cs.js'] }],
  };
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(path.join(dir, 'sw.js'), '');
  writeFileSync(path.join(dir, 'cs.js'), '');
  return dir;
}

/** A copy of `buildDir` whose `name` content script is evaluated (every module set up) but whose `main` never runs. */
export function notStarted(buildDir: string, name: ContentScriptName): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'maa-not-started-'));
  cpSync(buildDir, dir, { recursive: true });
  const file = path.join(dir, `content-scripts/${name}.js`);
  const src = readFileSync(file, 'utf8');
  // WXT's wrapper: `return await main(new ContentScriptContext("<name>", options))` (minified or not).
  const call = new RegExp(`return await ([\\w$]+)\\(new ([\\w$]+)\\("${name}", ?([\\w$]+)\\)\\)`);
  if (!call.test(src)) throw new Error(`WXT wrapper call to main not found in content-scripts/${name}.js`);
  writeFileSync(file, src.replace(call, 'return void [$1, $2, $3]'));
  return dir;
}
