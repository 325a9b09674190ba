/** The command line's options and its browser profile's grants (issue 10 items 1 and 3). */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCli } from '../../scripts/audit';
import { grantedCopy, originPattern } from '../../scripts/lib/browser';

describe('parseCli', () => {
  it('takes --allow-partial', () => {
    expect(parseCli(['https://app.example.com/', '--allow-partial']).allowPartial).toBe(true);
    expect(parseCli(['https://app.example.com/']).allowPartial).toBeUndefined();
  });
  it('takes --browser chromium|firefox and refuses another', () => {
    expect(parseCli(['https://app.example.com/', '--browser', 'firefox']).browser).toBe('firefox');
    expect(parseCli(['https://app.example.com/']).browser).toBeUndefined();
    expect(() => parseCli(['https://app.example.com/', '--browser', 'safari'])).toThrow(/--browser must be one of chromium, firefox/);
  });
  it('documents exit code 3 and --allow-partial in --help', () => {
    let usage = '';
    try {
      parseCli(['--help']);
    } catch (e) {
      usage = (e as Error).message;
    }
    expect(usage).toMatch(/--allow-partial/);
    expect(usage).toMatch(/3 incomplete audit/);
  });
});

describe('grantedCopy', () => {
  it('grants the audited origin only (plus the builders’ editors the extension always has), not every site', () => {
    const build = mkdtempSync(path.join(tmpdir(), 'maa-build-'));
    writeFileSync(path.join(build, 'manifest.json'), JSON.stringify({ host_permissions: ['https://bubble.io/*'], optional_host_permissions: ['https://*/*'] }));
    const copy = grantedCopy(build, [originPattern('https://app.example.com:8443/path?q=1')]);
    try {
      const m = JSON.parse(readFileSync(path.join(copy.dir, 'manifest.json'), 'utf8'));
      expect(m.host_permissions).toEqual(['https://bubble.io/*', 'https://app.example.com/*']);
    } finally {
      copy.cleanup();
      rmSync(build, { recursive: true, force: true });
    }
  });
});
