/** The engine runs in content scripts and the service worker: no browser or Node APIs, nothing asynchronous. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every module the engine's entry point imports, transitively (relative imports only). */
function engineModules(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
      visit(path.resolve(path.dirname(file), `${spec}.ts`));
    }
  };
  visit(entry);
  return [...seen];
}

const ROOT = path.resolve(__dirname, '../../..');
const FORBIDDEN = /\b(?:window|document|chrome|browser|globalThis|process|Buffer|require|atob|btoa|fetch|setTimeout|async|await|Promise)\b|from ['"]node:/;
/** Code without comments and string literals, so prose and advice texts do not count. */
const codeOf = (file: string) =>
  readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '')
    .replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g, '""');

describe('engine purity', () => {
  const modules = engineModules(path.join(ROOT, 'utils/secrets/index.ts'));

  it('follows the imports of utils/secrets/index.ts', () => expect(modules.length).toBeGreaterThan(20));

  it.each(modules.map((m) => [path.relative(ROOT, m)]))('%s uses no platform API and nothing asynchronous', (file) => {
    expect(codeOf(path.join(ROOT, file)).match(FORBIDDEN)?.[0]).toBeUndefined();
  });
});
