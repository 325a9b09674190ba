import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { ALL_RULES } from '@/rules';
import { PROVIDERS } from '@/utils/secrets';
import { regenerated } from '../scripts/lib/readme';

const readme = readFileSync(path.resolve(__dirname, '../README.md'), 'utf8');

it('README generated sections match the rule and key catalogues (run `npm run readme` after changing one)', () => {
  expect(regenerated(readme)).toBe(readme);
});

it('README lists every credential type', () => {
  for (const p of PROVIDERS) expect(readme).toContain(`\`${p.id}\``);
});

it('README lists every rule id', () => {
  for (const r of ALL_RULES) expect(readme).toContain(`\`${r.meta.id}\``);
});
