/** The gitleaks peer cases, read from the committed, gzip-compressed fixture (never from outside the repo). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

export interface GitleaksRule {
  id: string;
  description: string;
  keywords: string[];
  tps: string[];
  fps: string[];
}

// Vitest provides __dirname; plain ESM under tsx (the benchmark) has a file: import.meta.url instead.
const here = typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
const FIXTURE = path.join(here, '../../fixtures/gitleaks-cases.json.gz');

export function gitleaksRules(): GitleaksRule[] {
  const data = JSON.parse(gunzipSync(readFileSync(FIXTURE)).toString('utf8')) as { rules: GitleaksRule[] };
  return data.rules;
}
