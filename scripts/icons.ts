/**
 * Renders the extension icons, public/icon/{16,32,48,128}.png, from the master scripts/icons/icon.svg with Debian's
 * Chromium (playwright-core drives it; no browser download, no image library). WXT finds public/icon/<size>.png by
 * itself and lists them as the manifest's `icons`; wxt.config.ts points the toolbar action at the same files.
 *
 *   npm run icons                                  # writes public/icon/*.png
 *   npx tsx scripts/icons.ts --preview out.png     # also renders a sheet of every size on a light and a dark toolbar
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { findChromium } from './lib/browser';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MASTER = path.join(ROOT, 'scripts/icons/icon.svg');
const OUT_DIR = path.join(ROOT, 'public/icon');

/**
 * Size → transparent margin in px. The toolbar sizes use the whole square; the store/management-page sizes keep
 * some air around the artwork as Chrome's icon guidelines ask (128 px: about 96 px of shield plus its halo).
 */
export const ICON_SIZES: Record<number, number> = { 16: 0, 32: 0, 48: 2, 128: 12 };

/** Toolbars to check the icons against (Chrome's light and dark themes). */
const TOOLBARS = { light: '#f3f3f3', dark: '#202124' };

async function renderIcon(browser: Browser, svg: string, size: number, margin: number): Promise<Buffer> {
  const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
  try {
    const art = size - 2 * margin;
    const sized = svg.replace(/<svg\b([^>]*?)\swidth="\d+"\s+height="\d+"/, `<svg$1 width="${art}" height="${art}"`);
    await page.setContent(
      `<!doctype html><html><body style="margin:0;background:transparent">` +
        `<div style="position:absolute;left:${margin}px;top:${margin}px;width:${art}px;height:${art}px;line-height:0">${sized}</div>` +
        `</body></html>`,
    );
    return await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size }, type: 'png' });
  } finally {
    await page.close();
  }
}

async function renderPreview(browser: Browser, icons: Record<number, Buffer>, out: string): Promise<void> {
  const img = (size: number, zoom = 1) =>
    `<img src="data:image/png;base64,${icons[size]?.toString('base64') ?? ''}" width="${size * zoom}" height="${size * zoom}" ` +
    `style="image-rendering:pixelated;margin:6px;vertical-align:middle" title="${size}px x${zoom}">`;
  const panel = (bg: string) =>
    `<div style="background:${bg};padding:10px">` +
    `<div>${Object.keys(icons)
      .map((s) => img(Number(s)))
      .join('')}</div>` +
    `<div>${img(16, 6)}${img(32, 3)}${img(48, 2)}</div></div>`;
  const page = await browser.newPage({ viewport: { width: 1600, height: 600 }, deviceScaleFactor: 1 });
  try {
    await page.setContent(
      `<!doctype html><html><body style="margin:0"><div id="sheet" style="display:inline-flex;white-space:nowrap">` +
        `${panel(TOOLBARS.light)}${panel(TOOLBARS.dark)}</div></body></html>`,
    );
    writeFileSync(out, await page.locator('#sheet').screenshot({ type: 'png' }));
  } finally {
    await page.close();
  }
}

async function main(): Promise<void> {
  const previewAt = process.argv.indexOf('--preview');
  const previewOut = previewAt >= 0 ? process.argv[previewAt + 1] : undefined;
  if (previewAt >= 0 && !previewOut) throw new Error('--preview needs an output path');

  const svg = readFileSync(MASTER, 'utf8');
  const browser = await chromium.launch({
    executablePath: findChromium(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    mkdirSync(OUT_DIR, { recursive: true });
    const icons: Record<number, Buffer> = {};
    for (const [size, margin] of Object.entries(ICON_SIZES)) {
      const png = await renderIcon(browser, svg, Number(size), margin);
      icons[Number(size)] = png;
      const file = path.join(OUT_DIR, `${size}.png`);
      writeFileSync(file, png);
      console.log(`${path.relative(ROOT, file)}  ${png.length} bytes`);
    }
    if (previewOut) {
      await renderPreview(browser, icons, path.resolve(previewOut));
      console.log(`preview: ${path.resolve(previewOut)}`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
