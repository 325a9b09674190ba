/**
 * Installs that reproduce: package-lock.json agrees with package.json (what `npm ci` insists on) and lists every
 * platform's optional native packages, so a user on macOS or Windows gets the binaries CI was tested with. A lock
 * regenerated over an existing node_modules loses them; regenerate it from a clean state
 * (`rm -rf node_modules package-lock.json && npm install --package-lock-only`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
  lockfileVersion: number;
  packages: Record<string, { version?: string; dependencies?: Record<string, string>; devDependencies?: Record<string, string> }>;
};

describe('package-lock.json', () => {
  it('is a v3 lock whose root matches package.json', () => {
    expect(lock.lockfileVersion).toBe(3);
    const root = lock.packages['']!;
    expect(root.dependencies ?? {}).toEqual(pkg.dependencies ?? {});
    expect(root.devDependencies ?? {}).toEqual(pkg.devDependencies ?? {});
  });

  it('pins every direct dependency to the version installed', () => {
    for (const [name, spec] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) {
      expect(lock.packages[`node_modules/${name}`]?.version, name).toBe(spec);
    }
  });

  it.each([
    ['@rollup/rollup-', ['darwin-arm64', 'darwin-x64', 'linux-x64-gnu', 'linux-arm64-gnu', 'win32-x64-msvc']],
    ['@esbuild/', ['darwin-arm64', 'darwin-x64', 'linux-x64', 'linux-arm64', 'win32-x64']],
    ['@biomejs/cli-', ['darwin-arm64', 'darwin-x64', 'linux-x64', 'linux-arm64', 'win32-x64']],
  ])('lists the %s binaries of every platform', (prefix, platforms) => {
    const listed = Object.keys(lock.packages).filter((k) => k.startsWith(`node_modules/${prefix}`));
    for (const p of platforms) expect(listed, `${prefix}${p}`).toContain(`node_modules/${prefix}${p}`);
  });
});
