/** npm run readme — regenerates the README sections that come from code (rule catalogue). */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './lib/browser';
import { regenerated } from './lib/readme';

const file = path.join(ROOT, 'README.md');
const before = readFileSync(file, 'utf8');
const after = regenerated(before);
if (after !== before) writeFileSync(file, after);
console.log(after === before ? 'README.md is up to date.' : 'README.md updated.');
