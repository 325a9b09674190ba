/**
 * npm run audit -- <url> [--json] [--probe] [--allow-partial] [--host-rules "<rules>"] [--insecure] [--screenshot <file>] [--headed] [--browser firefox]
 *
 * Audits a deployed app with the real extension in headless Chromium (or Firefox ESR with the Firefox build) and prints a Markdown report (or JSON).
 * The browser profile holds access to the audited origin only. Exit codes: 0 no high/critical finding · 1 high or
 * critical finding present · 2 the audit could not run · 3 incomplete: the app's own scripts or page text were only
 * partly scanned (unless --allow-partial).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ruleById } from '../rules';
import { BROWSERS, SetupError, ensureBuilt, grantedCopy, launchWithExtension, originPattern, type BrowserName } from './lib/browser';
import { auditThroughExtension, consentToProbe } from './lib/headless';
import { runBubbleExport } from './lib/bubble-export';
import { gateExitCode, parseFormat, renderReport, type ReportFormat } from './lib/report-formats';
import { baselineNotes, loadBaseline } from './lib/baseline';
import { runMergeCli, runUrlsCli } from './lib/batch';
import { loadPolicyFile } from './lib/policy';
import { applySeverityOverrides, type SeverityOverrides } from '../engine/overrides';
import type { Audit } from '../engine/audit-schema';
import type { AcceptedRisk } from '../engine/checklist';
import { activeChecksAllowed, type Policy } from '../utils/policy';

const USAGE = `Usage: npm run audit -- <url> [--json] [--probe] [--allow-partial] [--host-rules "<Chromium host-resolver rules>"] [--insecure] [--screenshot <file.png>] [--headed] [--browser chromium|firefox]

  --json          print {url, partial, gaps, platforms, findings:[…]} instead of Markdown
  --probe         consent, for this URL's origin, to the Supabase exposure check: one read-only GET per table the
                  app uses, with the app's own public key (only for apps you own or are authorised to test)
                  and, on Bubble apps, to GET /api/1.1/obj/<type>?limit=1 per type /api/1.1/meta lists and GET /version-test
  --allow-partial exit 0 (not 3) when the app's own scripts or page text could be only partly scanned
  --host-rules    e.g. "MAP app.example.com:443 127.0.0.1:8443" to point a host at a local server
  --insecure      accept self-signed certificates (local fixture servers)
  --screenshot    save a picture of the extension's popup
  --headed        show the browser window (needs a desktop)
  --browser       chromium (default: Debian's chromium, the Chrome build) or firefox (Debian's firefox-esr, the
                  Firefox build); --host-rules work in both (Firefox: through a local proxy)
  --bubble-export <file.bubble>  instead of a URL: audit an exported Bubble app offline (no browser)
  --format        markdown (default) | json (docs/report-schema.md; --json is the same) | sarif (SARIF 2.1.0)
  --baseline      a file of accepted findings (the popup's "Baseline" export): reported as accepted, not failing
                  the gate until they expire
  --urls <file>   instead of a URL: audit every URL in the file (one a line, # comments), --concurrency n at once
                  (default 2), one report per app and summary.md in --out <dir> (default audit-reports)
  --shard i/n     with --urls: only this shard of the list (deterministic; one CI job per shard)
  --merge <dir>   print one summary of the per-app JSON reports under <dir> (every shard's --out)
  --policy <file> the organisation policy, in the extension's managed-storage schema (docs/policy.md; the policy
                  itself, Chrome's {"Value": …} file or Firefox's policies.json): its severity overrides apply to
                  every report and to the gate; allowActiveChecks false refuses --probe
Only the audited origin is granted to the extension: other sites' scripts are read only where their CORS headers
allow it (else listed as not scanned), and internal addresses (loopback, private, link-local, metadata, localhost)
are never fetched unless they are the audited URL's own host.
Exit status: 0 no high/critical findings, 1 high or critical findings, 2 the audit could not run,
3 incomplete audit: the app's own scripts or page text were only partly scanned (see "Not scanned" at the top of
the report); --allow-partial turns 3 into 0. A high or critical finding gives 1 even when the audit is incomplete.`;

export interface CliOptions {
  url: string;
  json: boolean;
  hostRules?: string;
  insecure: boolean;
  screenshot?: string;
  headed: boolean;
  /** Exit 0 instead of 3 when the app's own scripts or page text were only partly scanned. */
  allowPartial?: boolean;
  /** The command's form of consent to the Supabase exposure check for the audited origin; without it the audit is passive. */
  probe?: boolean;
  /** `--browser firefox`: audit through Firefox ESR and the Firefox build (default Chromium). */
  browser?: BrowserName;
  /** `--bubble-export <file>`: audit an exported .bubble file offline, in Node (scripts/lib/bubble-export.ts); no URL. */
  bubbleExport?: string;
  /** `--format markdown|json|sarif` (`--json` = json); `--baseline <file>` accepted findings (scripts/lib/report-formats.ts, baseline.ts). */
  format?: ReportFormat;
  baseline?: string;
  /** Many apps (scripts/lib/batch.ts): `--urls <file>` [`--shard i/n`] [`--out <dir>`] [`--concurrency n`]; `--merge <dir>`. */
  urls?: string;
  shard?: string;
  out?: string;
  concurrency?: number;
  merge?: string;
  /** `--policy <file>` (scripts/lib/policy.ts): the organisation policy; its severity overrides apply to reports and gate. */
  policy?: string;
}

export function parseCli(argv: string[]): CliOptions {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      'host-rules': { type: 'string' },
      insecure: { type: 'boolean', default: false },
      screenshot: { type: 'string' },
      headed: { type: 'boolean', default: false },
      probe: { type: 'boolean', default: false },
      'allow-partial': { type: 'boolean', default: false },
      'bubble-export': { type: 'string' },
      format: { type: 'string' },
      baseline: { type: 'string' },
      urls: { type: 'string' },
      shard: { type: 'string' },
      out: { type: 'string' },
      concurrency: { type: 'string' },
      merge: { type: 'string' },
      browser: { type: 'string' },
      policy: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const ci = ciOptions(values);
  if (values.browser !== undefined && !BROWSERS.includes(values.browser as BrowserName))
    throw new SetupError(`--browser must be one of ${BROWSERS.join(', ')}\n\n${USAGE}`);
  const browser = values.browser ? { browser: values.browser as BrowserName } : {};
  if (!values.help && (values.urls || values.merge) && positionals.length === 0)
    return {
      url: '',
      json: values.json,
      insecure: values.insecure,
      headed: values.headed,
      ...(values['host-rules'] ? { hostRules: values['host-rules'] } : {}),
      ...(values.probe ? { probe: true } : {}),
      ...(values['allow-partial'] ? { allowPartial: true } : {}),
      ...browser,
      ...ci,
    };
  if (!values.help && values['bubble-export'] && positionals.length === 0)
    return {
      url: '',
      json: values.json,
      insecure: false,
      headed: false,
      bubbleExport: values['bubble-export'],
      ...(values['allow-partial'] ? { allowPartial: true } : {}),
      ...(values.policy ? { policy: values.policy } : {}),
    };
  if (values.help || positionals.length !== 1) throw new SetupError(USAGE);
  let url: URL;
  try {
    url = new URL(positionals[0]!);
  } catch {
    throw new SetupError(`Not a URL: ${positionals[0]}\n\n${USAGE}`);
  }
  if (!/^https?:$/.test(url.protocol)) throw new SetupError(`Only http(s) URLs can be audited: ${url.href}`);
  return {
    url: url.href,
    json: values.json,
    ...(values['host-rules'] ? { hostRules: values['host-rules'] } : {}),
    insecure: values.insecure,
    ...(values.screenshot ? { screenshot: values.screenshot } : {}),
    headed: values.headed,
    ...(values.probe ? { probe: true } : {}),
    ...(values['allow-partial'] ? { allowPartial: true } : {}),
    ...browser,
    ...ci,
  };
}

/** The issue-13 options (--format, --baseline, --urls, --shard, --out, --concurrency, --merge), checked. */
function ciOptions(v: Record<string, string | boolean | undefined>): Partial<CliOptions> {
  let format: ReportFormat;
  try {
    format = parseFormat(v.format as string | undefined, v.json === true);
  } catch (e) {
    throw new SetupError(`${(e as Error).message}\n\n${USAGE}`);
  }
  const n = v.concurrency === undefined ? undefined : Number(v.concurrency);
  if (n !== undefined && !(Number.isInteger(n) && n >= 1 && n <= 16)) throw new SetupError('--concurrency must be a whole number from 1 to 16');
  if (v.shard !== undefined && !v.urls) throw new SetupError('--shard splits a --urls list');
  if (v.urls && v.merge) throw new SetupError('--urls and --merge are separate runs');
  const str = (k: string) => (typeof v[k] === 'string' ? { [k]: v[k] as string } : {});
  return {
    format,
    ...str('baseline'),
    ...str('urls'),
    ...str('shard'),
    ...str('out'),
    ...str('merge'),
    ...str('policy'),
    ...(n !== undefined ? { concurrency: n } : {}),
  };
}

/** Runs one audit; returns the process exit code. */
export async function runCli(o: CliOptions, print: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  if (o.bubbleExport) {
    const severityOverrides = o.policy ? loadPolicyFile(o.policy).severityOverrides : undefined;
    return runBubbleExport(o.bubbleExport, { ...o, severityOverrides }, print);
  }
  if (o.merge) return runMergeCli(o, print);
  // The baseline and the policy are read before a browser starts: a bad file fails fast.
  const accepted = o.baseline ? loadBaseline(o.baseline) : [];
  const policy: Policy = o.policy ? loadPolicyFile(o.policy) : {};
  if (o.probe && !activeChecksAllowed(policy)) throw new SetupError(`--probe: the policy ${o.policy} turns active checks off (allowActiveChecks: false)`);
  const severityOverrides = policy.severityOverrides;
  const format = o.format ?? (o.json ? 'json' : 'markdown');
  if (o.urls) return runUrlsCli({ ...o, format, accepted, ...(severityOverrides ? { severityOverrides } : {}) }, ruleById, print);
  // Access to the audited origin only: other sites are read only where their CORS headers allow it.
  const browser = o.browser ?? 'chromium';
  const ext = grantedCopy(ensureBuilt({ browser }), [originPattern(o.url)]);
  const b = await launchWithExtension({
    browser,
    extensionDir: ext.dir,
    ...(o.hostRules ? { hostRules: o.hostRules } : {}),
    insecure: o.insecure,
    headed: o.headed,
  });
  try {
    // Stored through the extension's own storage, exactly as ticking the box in the popup does.
    if (o.probe) await consentToProbe(b, o.url);
    const r = await auditThroughExtension(b, o.url);
    if (o.screenshot) {
      await r.popup.evaluate(() => document.querySelector<HTMLButtonElement>('.finding-toggle')?.click());
      writeFileSync(o.screenshot, await r.popup.screenshot({ fullPage: true }));
    }
    if (!r.audit) {
      process.stderr.write(`The extension could not audit ${o.url}: ${r.failure?.message ?? 'unknown reason'}\n`);
      return 2;
    }
    return reportAndGate(r.audit, { format, accepted, severityOverrides, allowPartial: o.allowPartial === true }, print);
  } finally {
    await b.close();
    ext.cleanup();
  }
}

/** Prints the report and returns the gate's exit code, both at the policy's severities (engine/overrides.ts). */
export function reportAndGate(
  stored: Audit,
  o: { format: ReportFormat; accepted: readonly AcceptedRisk[]; severityOverrides?: SeverityOverrides | undefined; allowPartial?: boolean; now?: number },
  print: (s: string) => void,
  log: (s: string) => void = (s) => process.stderr.write(s),
): number {
  const audit = applySeverityOverrides(stored, o.severityOverrides);
  const now = o.now ?? Date.now();
  print(renderReport(audit, o.format, ruleById, { accepted: o.accepted, now }));
  for (const line of baselineNotes(audit, o.accepted, now)) log(`${line}\n`);
  return gateExitCode(audit, o.accepted, { ...(o.allowPartial ? { allowPartial: true } : {}), now });
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!);
if (isMain) {
  try {
    process.exitCode = await runCli(parseCli(process.argv.slice(2)));
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  }
}
