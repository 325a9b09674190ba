/**
 * npm run docs — regenerates the sections of docs/ that come from code: the rule catalogue (docs/rules.md) and the
 * key catalogue (docs/keys.md). Run it after adding or changing a rule, a provider or a gitleaks disagreement;
 * test/docs.test.ts fails until you do. Prose outside the generated markers is left as it is.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkDocs } from './lib/docs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

for (const { file, current, expected } of checkDocs(ROOT)) {
  if (expected !== current) writeFileSync(path.join(ROOT, file), expected);
  console.log(`${file}: ${expected === current ? 'up to date' : 'updated'}.`);
}
