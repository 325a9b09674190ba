import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { ALL_RULES } from '@/rules';
import { withRulesSection } from '../scripts/lib/readme';

const readme = readFileSync(path.resolve(__dirname, '../README.md'), 'utf8');

it('README "What it checks" matches the rule metadata (run `npm run readme` after changing a rule)', () => {
  expect(withRulesSection(readme)).toBe(readme);
});

it('README lists every rule id', () => {
  for (const r of ALL_RULES) expect(readme).toContain(`\`${r.meta.id}\``);
});
