/**
 * The docs that come from code stay in step with it (one mechanism: scripts/lib/docs.ts, written by `npm run docs`):
 * docs/rules.md lists every rule, docs/keys.md every credential type and every deliberate gitleaks disagreement, and
 * no relative link in the README or docs/ points to a file that does not exist (the tree gets reorganised).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '@/rules';
import { PROVIDERS } from '@/utils/secrets';
import { checkDocs } from '../scripts/lib/docs';
import { DISAGREEMENTS } from './utils/secrets/gitleaks-map';
import config from '../wxt.config';

const ROOT = path.resolve(__dirname, '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

describe('generated docs', () => {
  it.each(checkDocs(ROOT).map((d) => [d.file, d] as const))('%s is up to date (run `npm run docs` after changing a rule or a provider)', (_, d) => {
    expect(d.current).toBe(d.expected);
  });

  it('docs/rules.md lists every rule id', () => {
    const rules = read('docs/rules.md');
    for (const r of ALL_RULES) expect(rules, r.meta.id).toContain(`\`${r.meta.id}\``);
  });

  it('docs/keys.md lists every credential type and every gitleaks disagreement', () => {
    const keys = read('docs/keys.md');
    for (const p of PROVIDERS) expect(keys, p.id).toContain(`\`${p.id}\``);
    for (const d of DISAGREEMENTS) expect(keys, d.rule).toContain(`\`${d.rule}\``);
  });
});

describe('README', () => {
  /** First cells of the rows of the README's permission table. */
  const permissionRows = () => {
    const readme = read('README.md');
    const from = readme.indexOf('## Permissions');
    const section = readme.slice(from, readme.indexOf('\n## ', from + 1));
    return [...section.matchAll(/^\| (.+?) \|/gm)].map((m) => m[1]!).filter((c) => c !== 'Permission' && !/^-+$/.test(c));
  };
  const codes = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

  // test/e2e/manifest.e2e.test.ts checks the built manifests' permissions are explained; this checks the other way:
  // the table explains nothing the manifest does not ask for.
  it('the permission table lists exactly what wxt.config.ts asks for', () => {
    const manifest = config.manifest as {
      permissions: string[];
      optional_permissions?: string[];
      host_permissions: string[];
      optional_host_permissions: string[];
    };
    const rows = permissionRows();
    const single = rows.filter((c) => /^`[^`]+`$/.test(c)).map((c) => codes(c)[0]!);
    expect(single.sort()).toEqual([...manifest.permissions].sort());
    const hostRow = (optional: boolean) => rows.filter((c) => c.includes('host access') && c.startsWith('optional') === optional).flatMap(codes);
    expect(hostRow(false).sort()).toEqual([...manifest.host_permissions].sort());
    expect(hostRow(true).sort()).toEqual([...manifest.optional_host_permissions].sort());
    // Optional API permissions (none today) need their own row, "`name` (optional)".
    const optional = rows.filter((c) => /^`[^`]+` \(optional\)$/.test(c)).map((c) => codes(c)[0]!);
    expect(optional.sort()).toEqual([...(manifest.optional_permissions ?? [])].sort());
  });
});

describe('links', () => {
  const pages = [
    'README.md',
    ...readdirSync(path.join(ROOT, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
  ];

  it.each(pages)('every relative link in %s points to an existing file', (page) => {
    // Links in prose only: code blocks and code spans hold examples, not links.
    const text = read(page)
      .replace(/```[\s\S]*?```/g, '')
      .replace(/`[^`\n]*`/g, '');
    const targets = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((t) => !/^(https?:|mailto:|#)/.test(t));
    expect(targets.length).toBeGreaterThan(0);
    for (const t of targets) {
      const file = path.resolve(path.dirname(path.join(ROOT, page)), t.split('#')[0]!);
      expect(existsSync(file), `${page} → ${t}`).toBe(true);
    }
  });

  it('the README links to every page in docs/', () => {
    const readme = read('README.md');
    for (const page of pages.filter((p) => p !== 'README.md')) expect(readme, page).toContain(`](${page})`);
  });
});
