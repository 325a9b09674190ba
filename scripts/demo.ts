/**
 * npm run demo [-- --headed]
 *
 * Starts the embedded, deliberately insecure demo app "TinyPoll" on 127.0.0.1 (reached as https://tinypoll.test/
 * through Chromium's host-resolver rules, with a throw-away certificate), audits it with the headless audit
 * command's code path (the real extension in Chromium), prints the report and saves a picture of the popup.
 * With --headed (needs a desktop) it opens a visible browser with the extension loaded instead, until you close it.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { demoBundleKeys } from '../test/fixtures/apps/demo-keys';
import { TINYPOLL_HOST, startTinyPoll } from '../test/fixtures/apps/tinypoll';
import { hostRules } from '../test/fixtures/apps/server';
import { runCli } from './audit';
import { ROOT, SetupError, ensureBuilt, grantedCopy, launchWithExtension } from './lib/browser';
import { openPage, openPopupFor, tabIdFor } from './lib/headless';

const { values } = parseArgs({ options: { headed: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } } });
const url = `https://${TINYPOLL_HOST}/`;
const artifacts = path.join(ROOT, 'artifacts');
mkdirSync(artifacts, { recursive: true });

const server = await startTinyPoll({ bundleExtra: demoBundleKeys() });
const rules = hostRules([server]);
process.stderr.write(`TinyPoll is running at ${url} (127.0.0.1:${server.httpsPort}, plain HTTP on ${server.httpPort}).\n`);

try {
  if (values.headed) {
    const ext = grantedCopy(ensureBuilt());
    const b = await launchWithExtension({ extensionDir: ext.dir, hostRules: rules, insecure: true, headed: true });
    const page = await openPage(b, url);
    await openPopupFor(b, await tabIdFor(b, page.url()));
    process.stderr.write('A browser window is open with the extension and its popup for TinyPoll. Close it to stop.\n');
    await new Promise<void>((resolve) => b.context.on('close', () => resolve()));
    ext.cleanup();
  } else {
    const screenshot = path.join(artifacts, 'demo-popup.png');
    process.stderr.write('Auditing it with the extension in headless Chromium…\n\n');
    const code = await runCli({ url, json: values.json, hostRules: rules, insecure: true, headed: false, screenshot });
    process.stderr.write(`\nPopup screenshot: ${path.relative(process.cwd(), screenshot)}\n`);
    if (code === 1) process.stderr.write('In CI, `npm run audit` would exit with status 1 here (high or critical findings).\n');
    if (code === 2) process.exitCode = 2;
  }
} catch (e) {
  process.stderr.write(`${e instanceof SetupError ? e.message : e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 2;
} finally {
  await server.close();
}
