/**
 * utils/secrets/README.md holds two generated tables (providers, gitleaks disagreements): this test keeps them in
 * sync with the code. Run with UPDATE_SECRETS_README=1 to rewrite them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROVIDERS } from '../../../utils/secrets/index';
import { DISAGREEMENTS } from './gitleaks-map';

const README = path.resolve(__dirname, '../../../utils/secrets/README.md');

function providerTable(): string {
  const rows = PROVIDERS.map((p) => {
    const exposure = p.exposure === 'secret' ? `secret (${p.secretSeverity ?? 'critical'})` : p.exposure;
    return `| ${p.name} | \`${p.id}\` | ${p.category} | ${exposure} | ${p.format} | [rotate](${p.rotateUrl}) |`;
  });
  return ['| Credential | Id | Category | Exposure | Format | Rotate |', '|---|---|---|---|---|---|', ...rows].join('\n');
}

function disagreementTable(): string {
  const rows = DISAGREEMENTS.map((d) => `| \`${d.rule}\` | ${d.kind} | ${d.example ? `\`${d.example}\`` : 'all'} | ${d.reason} |`);
  return ['| gitleaks rule | Our verdict | Examples | Why |', '|---|---|---|---|', ...rows].join('\n');
}

function replaceBetween(text: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README lacks ${start} … ${end}`);
  return `${text.slice(0, from + start.length)}\n${body}\n${text.slice(to)}`;
}

describe('utils/secrets/README.md', () => {
  it('lists every provider and every gitleaks disagreement, as generated from the code', () => {
    const current = readFileSync(README, 'utf8');
    const expected = replaceBetween(replaceBetween(current, 'providers', providerTable()), 'gitleaks', disagreementTable());
    if (process.env.UPDATE_SECRETS_README) writeFileSync(README, expected);
    else expect(current, 'run UPDATE_SECRETS_README=1 npx vitest run test/utils/secrets/docs.test.ts').toBe(expected);
  });
});
