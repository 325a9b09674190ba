/**
 * The .bubble export page of the built extension in real headless Chromium: a file chosen there is audited in a
 * worker (progress shown), findings rendered as text; a truncated file gives a clear message.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leakyApp } from '../fixtures/bubble/app';
import { startHarness, type Harness } from './harness';

let h: Harness;
const dir = mkdtempSync(path.join(tmpdir(), 'bubble-export-e2e-'));

beforeAll(async () => {
  h = await startHarness([]);
});
afterAll(async () => {
  await h?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function auditFile(name: string, text: string) {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  const page = await h.browser.context.newPage();
  await page.goto(`chrome-extension://${h.browser.extensionId}/bubble-export.html`);
  await page.setInputFiles('[data-testid="bubble-file"]', file);
  await page.waitForSelector('[data-testid="export-result"], [data-testid="export-error"]', { timeout: 60_000 });
  return page;
}

describe('Bubble export page', () => {
  it('audits a dropped export in a worker and lists the findings as text', async () => {
    const app = leakyApp();
    (app.user_types as Record<string, unknown>).note = { display: '<img src=x onerror="document.title=1">', fields: {} };
    const page = await auditFile('leaky-app.bubble', JSON.stringify(app));
    const rules = await page.$$eval('[data-rule]', (els) => els.map((e) => e.getAttribute('data-rule')));
    expect(rules).toContain('bubble-type-public');
    expect(rules).toContain('bubble-api-connector-key');
    expect(await page.$('main img')).toBeNull();
    expect(await page.title()).not.toBe('1');
  });

  it('says a truncated file is truncated', async () => {
    const text = JSON.stringify(leakyApp());
    const page = await auditFile('cut.bubble', text.slice(0, text.length / 2));
    expect(await page.textContent('[data-testid="export-error"]')).toMatch(/truncated/);
  });
});
