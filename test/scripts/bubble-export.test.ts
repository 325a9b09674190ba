import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCli } from '../../scripts/audit';
import { MAX_EXPORT_BYTES, appIdFromName, auditExport, runBubbleExport } from '../../scripts/lib/bubble-export';
import { describeParseError } from '@/utils/bubble/export';
import { fixtureKeys, hardenedApp, leakyApp } from '../fixtures/bubble/app';

const dir = mkdtempSync(join(tmpdir(), 'bubble-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('npm run audit -- --bubble-export', () => {
  it('parses the option without a URL', () => {
    expect(parseCli(['--bubble-export', 'app.bubble', '--json'])).toMatchObject({ bubbleExport: 'app.bubble', json: true });
  });

  it('runs the Bubble rules offline on an export, names the app from the file name, never prints a key', () => {
    const k = fixtureKeys();
    const p = file('leaky-app.bubble', JSON.stringify(leakyApp(k)));
    let out = '';
    const code = runBubbleExport(p, { json: true }, (s) => (out += s));
    expect(code).toBe(1);
    const report = JSON.parse(out);
    expect(new Set(report.findings.map((f: { ruleId: string }) => f.ruleId))).toEqual(
      new Set([
        'bubble-type-public',
        'bubble-data-api-type-open',
        'bubble-api-connector-key',
        'bubble-secret-in-app',
        'bubble-workflow-no-auth',
        'bubble-app-rights-open',
        'bubble-dev-version-open',
        'bubble-swagger-visible',
        'bubble-no-retention',
      ]),
    );
    for (const v of Object.values(k)) expect(out).not.toContain(v);
    expect(appIdFromName(p)).toBe('leaky-app');
    let md = '';
    runBubbleExport(p, { json: false }, (s) => (md += s));
    expect(md).toContain('https://bubble.io/page?id=leaky-app&tab=Data&subtab=Privacy');
  });

  it('--policy: the report and the exit code follow the organisation policy’s severities', () => {
    expect(parseCli(['--bubble-export', 'app.bubble', '--policy', 'p.json'])).toMatchObject({ bubbleExport: 'app.bubble', policy: 'p.json' });
    const p = file('policy-app.bubble', JSON.stringify(leakyApp(fixtureKeys())));
    let out = '';
    expect(runBubbleExport(p, { json: true, severityOverrides: { bubble: 'low', secrets: 'low' } }, (s) => (out += s))).toBe(0);
    const report = JSON.parse(out) as { findings: { severity: string }[] };
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.findings.every((f) => f.severity === 'low' || f.severity === 'info')).toBe(true);
  });

  it('a hardened export passes (exit 0)', () => {
    const p = file('hardened.bubble', JSON.stringify(hardenedApp()));
    expect(auditExport(p).findings).toEqual([]);
    expect(runBubbleExport(p, { json: true }, () => undefined)).toBe(0);
  });

  it('a truncated or corrupted file gives a clear message and exit 2, never a partial audit', () => {
    const text = JSON.stringify(leakyApp());
    const cut = file('cut.bubble', text.slice(0, Math.floor(text.length / 2)));
    const bad = file('bad.bubble', text.replace('"pages":', '"pages" '));
    expect(() => auditExport(cut)).toThrow(/truncated/);
    expect(() => auditExport(bad)).toThrow(/corrupted/);
    expect(() => auditExport(file('empty.bubble', ''))).toThrow(/empty/);
    expect(() => auditExport(file('list.bubble', '[]'))).toThrow(/not a JSON object/);
    expect(runBubbleExport(cut, { json: false }, () => undefined)).toBe(2);
  });

  it('a file over the size limit is refused before it is read, with a clear message and exit 2', () => {
    // A sparse file: its size is over the limit, its bytes are never written (nor read: reading it would take seconds).
    const big = file('huge.bubble', '');
    truncateSync(big, MAX_EXPORT_BYTES + 1);
    expect(() => auditExport(big)).toThrow(/over the 384 MB that can be audited here: nothing of it was read/);
    const err: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((s: string) => err.push(s) > 0) as typeof process.stderr.write;
    try {
      expect(runBubbleExport(big, { json: false }, () => undefined)).toBe(2);
    } finally {
      process.stderr.write = write;
    }
    expect(err.join('')).toMatch(/384 MB/);
    rmSync(big);
  });

  it('describes parse errors without echoing the file', () => {
    const secretish = `{"a":"${'x'.repeat(40)}" oops}`;
    let err: unknown;
    try {
      JSON.parse(secretish);
    } catch (e) {
      err = e;
    }
    expect(describeParseError(err, secretish.length)).not.toContain('xxxx');
  });
});
