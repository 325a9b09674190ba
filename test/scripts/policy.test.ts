/**
 * `--policy <file>` (scripts/lib/policy.ts): the command line reads the organisation policy in the extension's
 * managed-storage schema (docs/policy.md), and its severity overrides apply to every report and to the gate.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildAudit, type Audit } from '@/engine/audit';
import { DEPLOYED_RULES } from '@/rules';
import { loadPolicyFile, unwrapPolicy } from '@/scripts/lib/policy';
import { parseCli, reportAndGate, runCli } from '@/scripts/audit';
import { runBatch } from '@/scripts/lib/batch';
import { ruleById } from '@/rules';
import { NOW, cookie, evidence } from '../helpers/evidence';

const root = path.resolve(__dirname, '../..');
const APP: Audit = buildAudit(
  {
    ...evidence({ cookies: [cookie({ name: 'sessionid', httpOnly: false, secure: false })] }),
    url: 'https://app.example.com/',
    origin: 'https://app.example.com',
  },
  DEPLOYED_RULES,
  { mode: 'headless', fullAccess: true, retentionDays: 30, startedAt: NOW, now: NOW },
);
const urgent = APP.findings.filter((f) => f.severity === 'high' || f.severity === 'critical');
const calmAll = Object.fromEntries(urgent.map((f) => [f.ruleId, 'low' as const]));

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'maa-policy-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('loadPolicyFile', () => {
  it('reads the documented examples: Chrome’s admin-console file and Firefox’s policies.json give the same policy', () => {
    const chrome = loadPolicyFile(path.join(root, 'docs/examples/chrome-policy.json'));
    const firefox = loadPolicyFile(path.join(root, 'docs/examples/firefox-policies.json'));
    expect(chrome).toEqual(firefox);
    expect(chrome.severityOverrides).toEqual({ 'version-disclosure': 'info', headers: 'low' });
  });

  it('reads the policy itself', () => {
    const p = loadPolicyFile('p.json', () => JSON.stringify({ severityOverrides: { cookies: 'low' }, allowActiveChecks: false }));
    expect(p).toEqual({ severityOverrides: { cookies: 'low' }, allowActiveChecks: false });
  });

  it('stops on any problem with one line saying what (a CI gate never runs under half a policy)', () => {
    expect(() => loadPolicyFile('p.json', () => '{')).toThrow(/not JSON/);
    expect(() => loadPolicyFile('p.json', () => '[]')).toThrow(/not an object/);
    expect(() => loadPolicyFile('p.json', () => JSON.stringify({ severityOverrides: { cookies: 'urgent' } }))).toThrow(/severityOverrides/);
    expect(() => loadPolicyFile('p.json', () => JSON.stringify({ severityOverides: {} }))).toThrow(/unknown policy field "severityOverides"/);
    expect(() => loadPolicyFile('p.json', () => JSON.stringify({ policies: { '3rdparty': { Extensions: {} } } }))).toThrow(/micro-app-auditor@example.org/);
    expect(() =>
      loadPolicyFile('missing.json', () => {
        throw new Error('ENOENT');
      }),
    ).toThrow(/Cannot read the policy file missing.json: ENOENT/);
    expect(() => loadPolicyFile('big.json', () => ' '.repeat(1_000_001))).toThrow(/larger than 1 MB/);
  });

  it('unwrapPolicy leaves other shapes to the schema', () => {
    expect(unwrapPolicy('x')).toBe('x');
    expect(unwrapPolicy({})).toEqual({});
    expect(unwrapPolicy({ maxRetentionDays: { Value: 7 } })).toEqual({ maxRetentionDays: 7 });
  });
});

describe('--policy', () => {
  it('is parsed for one URL and for --urls', () => {
    expect(parseCli(['https://app.example.com/', '--policy', 'p.json']).policy).toBe('p.json');
    expect(parseCli(['--urls', 'list.txt', '--policy', 'p.json']).policy).toBe('p.json');
  });

  it('a bad policy file stops the command before a browser starts', async () => {
    const d = tmp();
    const file = path.join(d, 'p.json');
    writeFileSync(file, JSON.stringify({ severityOverrides: { headers: 'urgent' } }));
    await expect(runCli({ ...parseCli(['https://app.example.com/', '--policy', file]) })).rejects.toThrow(/not a valid policy/);
  });

  it('allowActiveChecks false refuses --probe', async () => {
    const d = tmp();
    const file = path.join(d, 'p.json');
    writeFileSync(file, JSON.stringify({ allowActiveChecks: false }));
    await expect(runCli(parseCli(['https://app.example.com/', '--probe', '--policy', file]))).rejects.toThrow(/turns active checks off/);
  });

  it('the report and the gate use the policy’s severities (one URL)', () => {
    let out = '';
    const log: string[] = [];
    const gate = reportAndGate(
      APP,
      { format: 'json', accepted: [], severityOverrides: calmAll, now: NOW },
      (s) => (out += s),
      (s) => log.push(s),
    );
    expect(gate).toBe(0);
    const report = JSON.parse(out);
    expect(report.summary.high + report.summary.critical).toBe(0);
    expect(report.findings.filter((f: { ruleSeverity?: string }) => f.ruleSeverity).length).toBe(urgent.length);
    // Without the policy the same audit fails the gate.
    expect(
      reportAndGate(
        APP,
        { format: 'sarif', accepted: [], now: NOW },
        () => undefined,
        () => undefined,
      ),
    ).toBe(1);
    // A policy can make the gate stricter too.
    const info = APP.findings.find((f) => f.severity === 'low' || f.severity === 'medium')!;
    let md = '';
    expect(
      reportAndGate(
        applyNone(APP, urgent),
        { format: 'markdown', accepted: [], severityOverrides: { [info.ruleId]: 'critical' }, now: NOW },
        (s) => (md += s),
        () => undefined,
      ),
    ).toBe(1);
    expect(md).toContain(`critical (policy; rule: ${info.severity})`);
  });

  it('every app of a --urls run is reported and gated at the policy’s severities', async () => {
    const out = tmp();
    const r = await runBatch({
      urls: ['https://app.example.com/'],
      concurrency: 1,
      outDir: out,
      format: 'sarif',
      accepted: [],
      severityOverrides: calmAll,
      lookup: ruleById,
      now: () => NOW,
      auditOne: async () => ({ audit: APP }),
    });
    expect(r.exitCode).toBe(0);
    const json = JSON.parse(readFileSync(path.join(out, readdirSync(out).find((f) => f.endsWith('.json') && !f.endsWith('.error.json'))!), 'utf8'));
    expect(json.summary.high).toBe(0);
    const sarif = JSON.parse(readFileSync(path.join(out, readdirSync(out).find((f) => f.endsWith('.sarif'))!), 'utf8'));
    expect(sarif.runs[0].results.every((x: { level: string }) => x.level !== 'error')).toBe(true);
  });
});

/** The audit without the given findings (a clean app but for its medium and low findings). */
function applyNone(a: Audit, drop: readonly { fingerprint: string }[]): Audit {
  const fps = new Set(drop.map((f) => f.fingerprint));
  return { ...a, findings: a.findings.filter((f) => !fps.has(f.fingerprint)) };
}
