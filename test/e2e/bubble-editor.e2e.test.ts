/**
 * The Bubble editor audited live by the built extension in real headless Chromium: the model the editor holds
 * (stand-in: test/fixtures/apps/bubble-editor.ts) is read in the page's MAIN world and the Bubble rules report on it,
 * with deep links to the editor's tabs; the same page on another host gets nothing; no raw key reaches storage.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { browser as WxtBrowser } from 'wxt/browser';
import { auditThroughExtension } from '../../scripts/lib/headless';
import { FAKE_EDITOR_HOST, startBubbleEditor } from '../fixtures/apps/bubble-editor';
import { fixtureKeys } from '../fixtures/bubble/app';
import { startHarness, type Harness } from './harness';

declare const chrome: typeof WxtBrowser;

const EDITOR = 'https://bubble.io/page?id=leaky-app&tab=Data';
let h: Harness;

beforeAll(async () => {
  h = await startHarness([await startBubbleEditor()]);
});
afterAll(async () => h?.close());

describe('Bubble editor, live', () => {
  it('reads the editor’s model and reports privacy rules, API Connector keys, workflows and settings', async () => {
    const r = await auditThroughExtension(h.browser, EDITOR, 800);
    expect(r.failure).toBeUndefined();
    const ids = new Set(r.audit!.findings.map((f) => f.ruleId));
    for (const id of [
      'bubble-type-public',
      'bubble-data-api-type-open',
      'bubble-api-connector-key',
      'bubble-workflow-no-auth',
      'bubble-app-rights-open',
      'bubble-dev-version-open',
      'bubble-swagger-visible',
    ])
      expect(ids).toContain(id);
    const dump = await h.browser.worker.evaluate(async () => JSON.stringify(await chrome.storage.local.get(null)));
    for (const v of Object.values(fixtureKeys())) expect(dump).not.toContain(v);
  });

  it('a page pretending to be the editor on another host gets no Bubble model read', async () => {
    const r = await auditThroughExtension(h.browser, `https://${FAKE_EDITOR_HOST}/page?id=leaky-app`, 800);
    expect(r.audit?.findings.some((f) => f.ruleId.startsWith('bubble-type') || f.ruleId === 'bubble-api-connector-key')).toBe(false);
  });
});
