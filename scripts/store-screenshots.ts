/**
 * npm run store:screenshots
 *
 * The store listings' screenshots at the size the Chrome Web Store takes (1280×800; AMO takes any size), made from
 * the screenshots the end-to-end tests render from the fixture apps (docs/img/: the popup on the demo app, the
 * checklist, the in-editor warning), never from a real user's app. Each is placed unscaled (or scaled down to fit)
 * on a plain 1280×800 canvas with a one-line caption, rendered by Debian's Chromium headless. Writes
 * docs/store/screenshots/<name>.png. Run it after the e2e tests re-render docs/img/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT, findChromium } from './lib/browser';

const SHOTS: { file: string; caption: string }[] = [
  { file: 'popup-demo.png', caption: 'Findings of a deployed micro-app, most severe first, each with a fix guide' },
  { file: 'checklist.png', caption: 'A pre-publish checklist that ticks itself from the evidence' },
  { file: 'in-page-warning.png', caption: 'A warning the moment a secret key is pasted into the builder' },
];
const WIDTH = 1280;
const HEIGHT = 800;
const OUT = path.join(ROOT, 'docs/store/screenshots');

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

async function main() {
  mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: WIDTH, height: HEIGHT }, deviceScaleFactor: 1 });
    for (const { file, caption } of SHOTS) {
      const png = readFileSync(path.join(ROOT, 'docs/img', file)).toString('base64');
      await page.setContent(
        `<!doctype html><html><body style="margin:0;width:${WIDTH}px;height:${HEIGHT}px;display:flex;flex-direction:column;` +
          'align-items:center;justify-content:center;gap:28px;background:#eef1f5;font:600 26px system-ui,sans-serif;color:#1d2433">' +
          `<img src="data:image/png;base64,${png}" style="max-width:${WIDTH - 80}px;max-height:${HEIGHT - 140}px;` +
          'box-shadow:0 8px 30px rgba(0,0,0,.18);border-radius:8px">' +
          `<div>${escapeHtml(caption)}</div></body></html>`,
      );
      await page.waitForFunction(() => [...document.images].every((i) => i.complete && i.naturalWidth > 0));
      const out = path.join(OUT, file);
      await page.screenshot({ path: out, clip: { x: 0, y: 0, width: WIDTH, height: HEIGHT } });
      console.log(`${path.relative(ROOT, out)}  ${WIDTH}×${HEIGHT}`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
