/**
 * `npm run audit` against pages that attack the auditor (issue 10, items 1–3 and 15): run through runCli exactly as
 * the command does (its own browser profile, access to the audited origin only), in Chromium and, in the e2e-firefox
 * project, with `--browser firefox` (issue 14: the same report from the Firefox build). Traffic stays on 127.0.0.1: the
 * "intranet" is a fixture server there, and a catch-all sink answers every other host name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliOptions } from '../../scripts/audit';
import { EVIL_NAMES, startHostileAuditor, startIntranet } from '../fixtures/apps/hostile-auditor';
import { hostRules, send, startFixtureServer, type FixtureServer } from '../fixtures/apps/server';
import { BROWSER } from './harness';

let intranet: FixtureServer;
let app: FixtureServer;
let sink: FixtureServer;

async function cli(url: string, extra: Partial<CliOptions> = {}): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await runCli({ url, json: false, hostRules: hostRules([app, sink]), insecure: true, headed: false, browser: BROWSER, ...extra }, (s) => {
    out += s;
  });
  return { code, out };
}

/** The Markdown with every code span removed: what a renderer would parse. */
const outsideCode = (md: string) => md.replace(/^(`{3,})[\s\S]*?^\1$/gm, '').replace(/(`+)[^`]*?\1/g, '');

let evil: { code: number; out: string };
beforeAll(async () => {
  intranet = await startIntranet();
  app = await startHostileAuditor(intranet.httpPort);
  const sinkHandler = (_: unknown, res: Parameters<typeof send>[0]) => send(res, 404, {}, '');
  sink = await startFixtureServer({ hosts: ['*'], https: sinkHandler, http: sinkHandler });
  evil = await cli('https://ci-evil.test/');
}, 120_000);
afterAll(async () => Promise.all([intranet, app, sink].map((s) => s?.close())));

describe('the command line never fetches internal addresses (item 1)', () => {
  it('sends nothing to loopback literals or localhost the page merely lists, and prints nothing from them', () => {
    expect(evil.code).toBe(1); // the page's own keys: critical
    expect(intranet.requests).toEqual([]);
    expect(sink.requests.filter((r) => r.url.startsWith('/admin/'))).toEqual([]);
    expect(evil.out).not.toContain('adminCfg');
    expect(evil.out).not.toMatch(/## CRITICAL[^\n]*\n\n[^\n]*(127\.0\.0\.1|localhost|\[::1\])/);
  });

  it('lists a third-party script its CORS headers keep unreadable as not scanned, without making the audit partial', () => {
    const top = evil.out.slice(0, evil.out.indexOf('- **URL:**'));
    expect(top).toMatch(/Not scanned for keys \(other sites’ scripts\): [^\n]*cdn\.nocors\.test\/lib\.js \(could not be read/);
    expect(top).toMatch(/Not scanned for keys \(other sites’ scripts\): [^\n]*127\.0\.0\.1:\d+\/config\.js \(an internal network address: never fetched\)/);
    expect(top).not.toContain('Incomplete audit');
  });
});

describe('report injection (item 2) and invisible characters (item 15)', () => {
  it('keeps page-named links, images and HTML inert: escaped or in code spans', () => {
    expect(evil.out).toContain('javascript:alert(1)'); // the name is shown…
    const parsed = outsideCode(evil.out);
    expect(parsed).not.toMatch(/javascript:/i); // …but only inside code spans
    expect(parsed).not.toMatch(/<img/i);
    expect(parsed).not.toMatch(/(?<!\\)\]\(/); // no [text](url) or ![alt](src)
    expect(parsed).not.toMatch(/https?:\/\/evil\.test/);
  });

  it('shows a right-to-left override as \\u202E, never the raw character', () => {
    expect(evil.out).not.toContain('\u202E');
    expect(evil.out).toContain(EVIL_NAMES.bidi.replace('\u202E', '\\u202E'));
  });
});

describe('incomplete audits do not pass silently (item 3)', () => {
  it('exits 3 when the site’s own bundle was only partly scanned, and says so at the top', async () => {
    const r = await cli('https://ci-partial.test/');
    expect(r.code).toBe(3);
    expect(r.out.indexOf('Incomplete audit')).toBeLessThan(r.out.indexOf('- **URL:**'));
    expect(r.out).toMatch(/Partly scanned for keys \(size limit\): big\.js/);
  }, 120_000);

  it('exits 0 for the same audit with --allow-partial', async () => {
    const r = await cli('https://ci-partial.test/', { allowPartial: true, json: true });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).partial).toBe(true);
  }, 120_000);
});
