/**
 * npm run audit -- <url> [--json] [--probe] [--host-rules "<rules>"] [--insecure] [--screenshot <file>] [--headed]
 *
 * Audits a deployed app with the real extension in headless Chromium and prints a Markdown report (or JSON).
 * Exit codes: 0 no high/critical finding · 1 high or critical finding present · 2 the audit could not run.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ruleById } from '../rules';
import { hasBlocking, toJsonReport, toMarkdownReport } from '../engine/report';
import { SetupError, ensureBuilt, grantedCopy, launchWithExtension } from './lib/browser';
import { auditThroughExtension, consentToProbe } from './lib/headless';

const USAGE = `Usage: npm run audit -- <url> [--json] [--probe] [--host-rules "<Chromium host-resolver rules>"] [--insecure] [--screenshot <file.png>] [--headed]

  --json          print {url, platforms, findings:[…]} instead of Markdown
  --probe         consent, for this URL's origin, to the Supabase exposure check: one read-only GET per table the
                  app uses, with the app's own public key (only for apps you own or are authorised to test)
  --host-rules    e.g. "MAP app.example.com:443 127.0.0.1:8443" to point a host at a local server
  --insecure      accept self-signed certificates (local fixture servers)
  --screenshot    save a picture of the extension's popup
  --headed        show the browser window (needs a desktop)
Exit status: 0 no high/critical findings, 1 high or critical findings, 2 the audit could not run.`;

export interface CliOptions {
  url: string;
  json: boolean;
  hostRules?: string;
  insecure: boolean;
  screenshot?: string;
  headed: boolean;
  /** The command's form of consent to the Supabase exposure check for the audited origin; without it the audit is passive. */
  probe?: boolean;
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
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
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
  };
}

/** Runs one audit; returns the process exit code. */
export async function runCli(o: CliOptions, print: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  const ext = grantedCopy(ensureBuilt());
  const b = await launchWithExtension({ extensionDir: ext.dir, ...(o.hostRules ? { hostRules: o.hostRules } : {}), insecure: o.insecure, headed: o.headed });
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
    print(o.json ? JSON.stringify(toJsonReport(r.audit), null, 2) + '\n' : toMarkdownReport(r.audit, ruleById));
    return hasBlocking(r.audit) ? 1 : 0;
  } finally {
    await b.close();
    ext.cleanup();
  }
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
