/**
 * Least privilege, checked on the built artefacts for both browsers: no content script on <all_urls>, host access
 * only optional, every permission explained in the README, a strict extension CSP and no remote code.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/browser';
import { checkHtml, checkScript } from '../../scripts/lib/remote-code';
import { BUILDERS, BUILDER_ORIGINS } from '../../utils/platform/builders';

type Manifest = {
  manifest_version: number;
  permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: { matches: string[]; js?: string[] }[];
  content_security_policy?: unknown;
};
const read = (dir: string) => JSON.parse(readFileSync(path.join(ROOT, '.output', dir, 'manifest.json'), 'utf8')) as Manifest;
const BROAD = ['<all_urls>', '*://*/*', 'https://*/*', 'http://*/*'];

let manifests: Record<string, Manifest>;
beforeAll(() => {
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/wxt/bin/wxt.mjs'), 'build', '-b', 'firefox', '--mv3'], { cwd: ROOT, stdio: 'pipe' });
  manifests = { chrome: read('chrome-mv3'), firefox: read('firefox-mv3') };
});

describe.each(['chrome', 'firefox'])('%s build', (browser) => {
  it('is Manifest V3', () => expect(manifests[browser]!.manifest_version).toBe(3));
  it('asks at install only for the three builders’ hosts', () =>
    expect([...(manifests[browser]!.host_permissions ?? [])].sort()).toEqual(BUILDER_ORIGINS.map((o) => `${o}/*`).sort()));
  it('injects content scripts only into the builders’ editors, never into every page', () => {
    const matches = (manifests[browser]!.content_scripts ?? []).flatMap((cs) => cs.matches).sort();
    expect(matches).toEqual(
      Object.values(BUILDERS)
        .flatMap((b) => b.matches)
        .sort(),
    );
    for (const m of matches) expect(BROAD).not.toContain(m);
  });
  it('content scripts carry neither webextension-polyfill nor the secret engine; scanner.js carries the engine', () => {
    // Markers: the polyfill's own error text, and advice text only utils/secrets/advice.ts holds (in-page/browser.ts,
    // in-page/scanner.ts).
    const POLYFILL = 'This script should only be loaded in a browser extension';
    const ENGINE = 'Rotate it now and keep the new one server-side';
    const built = (f: string) => readFileSync(path.join(ROOT, '.output', `${browser}-mv3`, f), 'utf8');
    const scripts = [...new Set((manifests[browser]!.content_scripts ?? []).flatMap((cs) => cs.js ?? []))];
    expect(scripts.length).toBe(3);
    for (const js of scripts) {
      expect(built(js), js).not.toContain(POLYFILL);
      expect(built(js), js).not.toContain(ENGINE);
    }
    expect(built('scanner.js')).toContain(ENGINE);
    expect(built('background.js')).toContain(POLYFILL); // the marker is the polyfill's: the service worker has it
  });
  it('lets its pages run only scripts from the package: no eval, no remote script, no plugin (strict CSP)', () =>
    expect(manifests[browser]!.content_security_policy).toEqual({ extension_pages: "script-src 'self'; object-src 'none'" }));
  it('loads no remote code and turns no string into code, in any script or page of the package', () => {
    const dir = path.join(ROOT, '.output', `${browser}-mv3`);
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(js|html)$/.test(f));
    // Every entrypoint is there: the check read the package, not an empty folder.
    for (const f of ['background.js', 'popup.html', 'options.html', 'scanner.js', 'content-scripts/bubble.js']) expect(files).toContain(f);
    const found = files.flatMap((f) => {
      const text = readFileSync(path.join(dir, f), 'utf8');
      return f.endsWith('.js') ? checkScript(f, text) : checkHtml(f, text);
    });
    expect(found).toEqual([]);
  });
  it('explains every permission in the README', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    for (const p of manifests[browser]!.permissions ?? []) expect(readme, p).toContain(`| \`${p}\``);
  });
});
