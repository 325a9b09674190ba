/**
 * The store texts in docs/store/ say what the manifest says: one justification per permission, host permission and
 * optional host permission (and optional API permission, none today), the manifest's own short description, and a
 * privacy statement that promises nothing is collected or uploaded.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../wxt.config';

const read = (file: string) => readFileSync(path.resolve(__dirname, '../docs/store', file), 'utf8');
const manifest = config.manifest as {
  description: string;
  permissions: string[];
  optional_permissions?: string[];
  host_permissions: string[];
  optional_host_permissions: string[];
};
const codes = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

describe('docs/store/permissions.md', () => {
  const rows = [...read('permissions.md').matchAll(/^\| (.+?) \| (.+?) \|$/gm)]
    .map((m) => [m[1]!, m[2]!] as const)
    .filter(([c]) => c !== 'Permission' && !/^-+$/.test(c));

  it('justifies exactly the manifest’s API permissions', () => {
    const single = rows.filter(([c]) => /^`[^`]+`$/.test(c)).map(([c]) => codes(c)[0]!);
    expect(single.sort()).toEqual([...manifest.permissions].sort());
    const optional = rows.filter(([c]) => /^`[^`]+` \(optional\)$/.test(c)).map(([c]) => codes(c)[0]!);
    expect(optional.sort()).toEqual([...(manifest.optional_permissions ?? [])].sort());
  });

  it('justifies exactly the manifest’s host permissions, required and optional', () => {
    const hosts = (optional: boolean) => rows.filter(([c]) => c.includes('host access') && c.startsWith('optional') === optional).flatMap(([c]) => codes(c));
    expect(hosts(false).sort()).toEqual([...manifest.host_permissions].sort());
    expect(hosts(true).sort()).toEqual([...manifest.optional_host_permissions].sort());
  });

  it('every justification says something', () => {
    for (const [, why] of rows) expect(why.length).toBeGreaterThan(60);
  });
});

describe('docs/store/description.md and privacy.md', () => {
  it('the short description is the manifest’s, within the Chrome Web Store’s 132 characters', () => {
    expect(read('description.md')).toContain(`> ${manifest.description}`);
    expect(manifest.description.length).toBeLessThanOrEqual(132);
  });

  it('the privacy statement promises no collection and no upload', () => {
    const privacy = read('privacy.md').replace(/\s+/g, ' ');
    expect(privacy).toMatch(/collects nothing and uploads nothing/);
    expect(privacy).toMatch(/No request goes to the extension’s authors or to any third party/);
  });
});
