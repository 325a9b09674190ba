/**
 * The Bubble editor audited live by the built extension in real headless Chromium: the model the editor holds
 * (stand-in: test/fixtures/apps/bubble-editor.ts) is read in the page's MAIN world and the Bubble rules report on it,
 * with deep links to the editor's tabs; a write in the editor refreshes the findings, the badge and the quiet in-page
 * panel; Data → Privacy marks the types without privacy rules; the popup's "Show me" scrolls to and outlines a type
 * without privacy rules (and says where to go for a finding that is not on screen); the same page on another host gets
 * nothing; no raw key reaches storage. The panel and the markers live in closed shadow roots: read through the DevTools protocol
 * (DOM.getDocument with pierce), clicked with the mouse (trusted input).
 */
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { browser as WxtBrowser } from 'wxt/browser';
import { auditThroughExtension, openPopupFor, tabIdFor } from '../../scripts/lib/headless';
import { FAKE_EDITOR_HOST, startBubbleEditor, type EditorServer } from '../fixtures/apps/bubble-editor';
import { fixtureKeys } from '../fixtures/bubble/app';
import { startHarness, type Harness } from './harness';

declare const chrome: typeof WxtBrowser;

const EDITOR = 'https://bubble.io/page?id=leaky-app&tab=Data';
const PRIVACY = 'https://bubble.io/page?id=leaky-app&tab=Data&subtab=Privacy';
const AUDIT_KEY = 'audit:https://bubble.io/page?id=leaky-app';
let h: Harness;
let editor: EditorServer;

beforeAll(async () => {
  editor = await startBubbleEditor();
  h = await startHarness([editor]);
});

interface DomNode {
  nodeName: string;
  backendNodeId: number;
  children?: DomNode[];
  shadowRoots?: DomNode[];
}

/** Calls `fn` (source) with `this` = the shadow root of each `host` element; returns the results. */
async function inShadow<T>(page: Page, host: string, fn: string): Promise<T[]> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const roots: DomNode[] = [];
    const walk = (n: DomNode) => {
      if (n.nodeName === host.toUpperCase()) roots.push(...(n.shadowRoots ?? []));
      for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) walk(c);
    };
    walk(root);
    const out: T[] = [];
    for (const r of roots) {
      const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId: r.backendNodeId })) as { object: { objectId: string } };
      const { result } = (await cdp.send('Runtime.callFunctionOn', { objectId: object.objectId, functionDeclaration: fn, returnByValue: true })) as {
        result: { value: T };
      };
      out.push(result.value);
    }
    return out;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

interface PanelState {
  mode?: string;
  badge?: string;
  items: string[];
  box?: { x: number; y: number };
}
const panelState = async (page: Page): Promise<PanelState | undefined> =>
  (
    await inShadow<PanelState>(
      page,
      'micro-app-auditor-panel',
      `function () {
        const p = this.querySelector('[data-maa-panel]');
        const b = this.querySelector('.maa-badge');
        const r = b && b.getBoundingClientRect();
        return { mode: p ? p.getAttribute('data-maa-panel') : undefined, badge: b ? b.textContent : undefined,
          items: [...this.querySelectorAll('[data-maa-item]')].map((e) => e.textContent),
          box: r ? { x: r.x + r.width / 2, y: r.y + r.height / 2 } : undefined };
      }`,
    )
  )[0];
const markerNames = async (page: Page): Promise<string[]> =>
  (
    await inShadow<string[]>(
      page,
      'micro-app-auditor-bubble-markers',
      'function () { return [...this.querySelectorAll("[data-maa-marker]")].map((e) => e.getAttribute("data-maa-marker")); }',
    )
  ).flat();
const shadowModes = async (page: Page, host: string) => inShadow<string>(page, host, 'function () { return this.mode; }');

async function until<T>(what: string, fn: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  let last: T | undefined;
  for (const end = Date.now() + ms; Date.now() < end; ) {
    last = await fn();
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
}

type Stored = { createdAt: number; findings: { ruleId: string; messageId: string; location: { name?: string } }[] } | undefined;
const stored = (): Promise<Stored> => h.browser.worker.evaluate(async (key) => (await chrome.storage.local.get(key))[key] as Stored, AUDIT_KEY);
const badgeOf = (url: string) =>
  h.browser.worker.evaluate(async (u) => {
    const [tab] = await chrome.tabs.query({ url: u });
    return tab?.id === undefined ? undefined : chrome.action.getBadgeText({ tabId: tab.id });
  }, url);
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
    const modelRead = (a: { findings: { ruleId: string }[] } | undefined) =>
      a?.findings.some((f) => f.ruleId.startsWith('bubble-type') || f.ruleId === 'bubble-api-connector-key');
    const fake = await auditThroughExtension(h.browser, `https://${FAKE_EDITOR_HOST}/page?id=leaky-app`, 800);
    // Positive control, same test and same path: on the editor's real host the model is read.
    const real = await auditThroughExtension(h.browser, EDITOR, 800);
    expect(modelRead(real.audit)).toBe(true);
    expect(fake.audit).toBeDefined();
    expect(modelRead(fake.audit)).toBe(false);
    for (const r of [fake, real]) {
      await r.popup.close();
      await r.page.close();
    }
  });

  it('shows the findings in a quiet panel: a count badge in a closed shadow root, the list on click', async () => {
    await h.browser.worker.evaluate(async (key) => chrome.storage.local.remove(key), AUDIT_KEY);
    const page = await h.browser.context.newPage();
    await page.goto(`${EDITOR}&panel=1`, { waitUntil: 'load' });
    // Read when the editor opened (no popup involved), then shown collapsed.
    const s = await until(
      'the panel',
      () => panelState(page),
      (p) => !!p?.badge,
    );
    expect(s!.mode).toBe('closed');
    expect(s!.items).toEqual([]);
    expect(Number(s!.badge)).toBe((await stored())!.findings.length);
    expect(await shadowModes(page, 'micro-app-auditor-panel')).toEqual(['closed']);
    expect(await page.evaluate(() => document.querySelector('micro-app-auditor-panel')?.shadowRoot ?? null)).toBeNull();
    await page.mouse.click(s!.box!.x, s!.box!.y);
    const open = await until(
      'the open list',
      () => panelState(page),
      (p) => p?.mode === 'open',
    );
    expect(open!.items.some((t) => t.includes('Anyone can read this Bubble data type') && t.includes('User') && t.includes('Data → Privacy'))).toBe(true);
    expect(open!.items.some((t) => t.includes('Plugins → API Connector'))).toBe(true);
    for (const v of Object.values(fixtureKeys())) expect(open!.items.join('\n')).not.toContain(v);
    await page.close();
  });

  it('an editor write refreshes the stored findings, the badge and the panel', async () => {
    const page = await h.browser.context.newPage();
    await page.goto(`${EDITOR}&write=1`, { waitUntil: 'load' });
    const before = await until(
      'the first read',
      () => panelState(page),
      (p) => !!p?.badge,
    );
    const first = (await stored())!;
    expect(first.findings.some((f) => f.location.name?.startsWith('Customer'))).toBe(false);
    const badgeBefore = await badgeOf(`${EDITOR}&write=1`);
    const writesBefore = editor.stats.writes.length;
    // The builder adds a type with an email field and no privacy rules; the editor saves it (POST /appeditor/write).
    await page.evaluate(() =>
      (window as unknown as { __editorWrite(p: string[], b: unknown): Promise<unknown> }).__editorWrite(['user_types', 'customer'], {
        '%d': 'Customer',
        '%f3': { email_text: { '%d': 'Email', '%v': 'text' } },
      }),
    );
    expect(editor.stats.writes.length).toBe(writesBefore + 1);
    const after = await until(
      'the refreshed audit',
      stored,
      (a) => !!a && a.createdAt > first.createdAt && a.findings.some((f) => f.location.name?.startsWith('Customer')),
    );
    expect(after!.findings.find((f) => f.location.name?.startsWith('Customer'))!.ruleId).toBe('bubble-type-public');
    const p = await until(
      'the refreshed panel',
      () => panelState(page),
      (x) => Number(x?.badge) === after!.findings.length,
    );
    expect(Number(p!.badge)).toBeGreaterThan(Number(before!.badge));
    expect(Number(await badgeOf(`${EDITOR}&write=1`))).toBeGreaterThan(Number(badgeBefore));
    await page.close();
  });

  it('a model with hostile names: shown as text in the panel, invisible characters escaped, nothing runs', async () => {
    const page = await h.browser.context.newPage();
    await page.goto(`${EDITOR}&hostile=1`, { waitUntil: 'load' });
    await until(
      'the first read',
      () => panelState(page),
      (p) => !!p?.badge,
    );
    await page.evaluate(() =>
      (window as unknown as { __editorWrite(p: string[], b: unknown): Promise<unknown> }).__editorWrite(['user_types', 'evil'], {
        '%d': '<img src=x onerror="window.__pwned=1">\u202Egnp.exe',
        '%f3': { email_text: { '%d': 'Email', '%v': 'text' } },
      }),
    );
    const s = await until(
      'the hostile type listed',
      () => panelState(page),
      (p) => !!p && p.box !== undefined && Number(p.badge) > 0,
    );
    await page.mouse.click(s!.box!.x, s!.box!.y);
    const open = await until(
      'the hostile item',
      () => panelState(page),
      (p) => !!p?.items.some((t) => t.includes('onerror')),
    );
    const item = open!.items.find((t) => t.includes('onerror'))!;
    expect(item).toContain('<img src=x onerror="window.__pwned=1">\\u202Egnp.exe');
    expect(item).not.toContain('\u202E');
    expect(await inShadow<number>(page, 'micro-app-auditor-panel', 'function () { return this.querySelectorAll("img").length; }')).toEqual([0]);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.close();
  });

  it('marks the types without privacy rules on Data → Privacy, found by their names', async () => {
    const page = await h.browser.context.newPage();
    await page.goto(PRIVACY, { waitUntil: 'load' });
    // The list is drawn after a moment (as the editor renders lazily): the markers follow.
    const names = await until(
      'the markers',
      () => markerNames(page),
      (n) => n.length > 0,
    );
    expect(names).toEqual(['User']); // Project, Note and Invoice have privacy rules
    expect(await shadowModes(page, 'micro-app-auditor-bubble-markers')).toEqual(['closed']);
    // The editor re-renders the list: the marker comes back beside the new element.
    await page.evaluate(() => (window as unknown as { __redrawPrivacy(): void }).__redrawPrivacy());
    expect(
      await until(
        'the markers again',
        () => markerNames(page),
        (n) => n.length > 0,
      ),
    ).toEqual(['User']);
    // Another tab of the editor (single-page navigation): no markers there.
    await page.evaluate(() => history.pushState(null, '', '/page?id=leaky-app&tab=Design'));
    expect(
      await until(
        'no markers',
        () => markerNames(page),
        (n) => n.length === 0,
      ),
    ).toEqual([]);
    await page.close();
  });

  it('a page pretending to be Bubble on another host gets no panel, no markers and no model read, even when it “writes”', async () => {
    const page = await h.browser.context.newPage();
    const url = `https://${FAKE_EDITOR_HOST}/page?id=leaky-app&tab=Data&subtab=Privacy`;
    await page.goto(url, { waitUntil: 'load' });
    await page.evaluate(() =>
      (window as unknown as { __editorWrite(p: string[], b: unknown): Promise<unknown> }).__editorWrite(['user_types', 'x'], { '%d': 'X' }),
    );
    // Positive control, same test, opened after the impostor: the same screen on the real host gets its panel and
    // its markers. Once it has them, the impostor's page has had longer than that to get its own.
    const real = await h.browser.context.newPage();
    await real.goto(PRIVACY, { waitUntil: 'load' });
    await until(
      'the real editor’s panel',
      () => panelState(real),
      (p) => !!p?.badge,
    );
    await until(
      'the real editor’s markers',
      () => markerNames(real),
      (n) => n.length > 0,
    );
    await real.close();
    expect(await page.evaluate(() => document.querySelectorAll('micro-app-auditor-panel, micro-app-auditor-bubble-markers').length)).toBe(0);
    expect(await markerNames(page)).toEqual([]);
    expect(await panelState(page)).toBeUndefined();
    const fake = await h.browser.worker.evaluate(async (key) => (await chrome.storage.local.get(key))[key] as Stored, `audit:https://${FAKE_EDITOR_HOST}`);
    expect(fake?.findings.some((f) => f.ruleId.startsWith('bubble-type') || f.ruleId === 'bubble-api-connector-key') ?? false).toBe(false);
    await page.close();
  });
});

describe('"Show me" in the Bubble editor', () => {
  /** The elements "Show me" outlined (in-page/show-me.ts highlight()), their text and whether they are in view. */
  const outlined = (page: Page) =>
    page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('*')]
        .filter((e) => e.style.outlineWidth === '3px' && e.style.outlineStyle === 'solid')
        .map((e) => {
          const r = e.getBoundingClientRect();
          return { text: e.textContent, inView: r.top >= 0 && r.bottom <= window.innerHeight };
        }),
    );

  it('scrolls to and outlines a data type without privacy rules in Data → Privacy; a finding shown elsewhere says where to go', async () => {
    const page = await h.browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`${PRIVACY}&tall=1`, { waitUntil: 'load' });
    // The type's row in the list (drawn after a moment), below the fold before anything is asked.
    const row = page.locator('#privacy div', { hasText: /^User$/ }).last();
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    const rowInView = () => row.evaluate((e) => e.getBoundingClientRect().top >= 0 && e.getBoundingClientRect().bottom <= window.innerHeight);
    expect(await rowInView()).toBe(false);

    const popup = await openPopupFor(h.browser, await tabIdFor(h.browser, page.url()));
    await popup.waitForSelector('#app[data-fresh-shown-ms]', { timeout: 30_000 });

    // Control: a key in the API Connector is not on this screen: nothing is outlined, the popup says where it is and
    // offers the builder page.
    const key = popup.locator('li.finding[data-rule="bubble-api-connector-key"]').first();
    await expect.poll(() => key.count(), { timeout: 10_000 }).toBe(1);
    await key.locator('.finding-toggle').click();
    await key.getByRole('button', { name: 'Show me' }).click();
    await expect.poll(() => key.locator('.finding-actions [role="status"]').textContent()).toMatch(/^Not on screen\. Go to Plugins → API Connector, “.+”\.$/);
    expect(await key.getByRole('button', { name: 'Open it in the builder' }).count()).toBe(1);
    expect(await outlined(page)).toEqual([]);

    // The type without privacy rules: scrolled into view and outlined, found by its name.
    const type = popup.locator('li.finding[data-rule="bubble-type-public"]', { hasText: 'User' }).first();
    await type.locator('.finding-toggle').click();
    await type.getByRole('button', { name: 'Show me' }).click();
    await expect.poll(() => type.locator('.finding-actions [role="status"]').textContent()).toBe('Highlighted in the page.');
    await expect.poll(rowInView, { timeout: 5_000 }).toBe(true);
    expect(await outlined(page)).toEqual([{ text: 'User', inView: true }]);
    await popup.close();
    await page.close();
  });
});
