/** The extension icons `npm run icons` renders into public/icon/: real PNGs, of the size their name says, with alpha. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ICON_DIR = path.resolve(__dirname, '../../public/icon');
const SIZES = [16, 32, 48, 128];
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const COLOUR_TYPE_RGBA = 6;

/** The IHDR chunk, which the PNG spec requires to come first, right after the signature. */
function ihdr(png: Buffer) {
  expect(png.toString('latin1', 12, 16)).toBe('IHDR');
  expect(png.readUInt32BE(8)).toBe(13);
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), bitDepth: png[24], colourType: png[25] };
}

describe('extension icons', () => {
  it.each(SIZES)('icon/%i.png is a PNG of that size with an alpha channel', (size) => {
    const png = readFileSync(path.join(ICON_DIR, `${size}.png`));
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    const header = ihdr(png);
    expect(header.width).toBe(size);
    expect(header.height).toBe(size);
    expect(header.colourType).toBe(COLOUR_TYPE_RGBA);
    expect(header.bitDepth).toBe(8);
  });
});
