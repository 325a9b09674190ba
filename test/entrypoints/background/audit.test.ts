/** audit.ts: one tab's audit end to end (collect → rules → store → badge), with the page scripts mocked. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { AuditSchema } from '@/engine/audit';
import { auditTab, auditableUrl } from '@/entrypoints/background/audit';
import { urgentCount } from '@/entrypoints/background/badge';
import { snapshotPage } from '@/entrypoints/background/page-snapshot';
import { fakeResponse, mockApis, mockOfflineBrowser, restoreApis, snapshot } from './mocks';

const PAGE = 'https://app.example.com/dashboard';
const DAY = 86_400_000;

let executeScript: ReturnType<typeof vi.fn>;
let contains: ReturnType<typeof vi.fn>;

/** The page answers with a snapshot and the re-read headers of an unhardened app. */
function pageAnswers(url = PAGE) {
  return vi.fn(async (d: { func: unknown }) => [
    {
      frameId: 0,
      result:
        d.func === snapshotPage
          ? {
              snapshot: snapshot(url),
              pageCookies: [],
              response: { url, status: 200, type: 'main_frame', headers: [['server', 'nginx/1.18.0']], source: 'refetch' },
            }
          : {},
    },
  ]);
}

beforeEach(() => {
  ({ executeScript, contains } = mockOfflineBrowser(pageAnswers()));
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  restoreApis();
});

async function tab(url: string | undefined): Promise<number> {
  return (await fakeBrowser.tabs.create(url === undefined ? {} : { url })).id!;
}

describe('auditableUrl', () => {
  it.each(['https://app.example.com/x', 'http://localhost:3000/'])('%s is auditable', (u) => {
    expect(auditableUrl(u)?.href).toBe(u);
  });
  it.each([
    undefined,
    '',
    'chrome://extensions/',
    'file:///home/me/index.html',
    'about:blank',
    'chrome-extension://abc/popup.html',
    'view-source:https://a.example/',
    'not a url',
  ])('%s is not', (u) => {
    expect(auditableUrl(u)).toBeUndefined();
  });
});

describe('auditTab', () => {
  it.each(['chrome://settings/', 'file:///home/me/index.html', 'about:blank', 'edge://newtab/'])('not-auditable for %s, and nothing runs', async (url) => {
    const reply = await auditTab(await tab(url), 'click');
    expect(reply).toEqual({ ok: false, kind: 'not-auditable', message: expect.stringContaining('cannot be audited') });
    expect(executeScript).not.toHaveBeenCalled();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('not-auditable for a tab without an address', async () => {
    expect(await auditTab(await tab(undefined), 'click')).toMatchObject({ ok: false, kind: 'not-auditable' });
  });

  it('a tab that is gone: a clear error', async () => {
    vi.spyOn(fakeBrowser.tabs, 'get').mockRejectedValue(new Error('No tab with id: 77.'));
    expect(await auditTab(77, 'click')).toEqual({ ok: false, kind: 'error', message: 'That tab is no longer open.' });
  });

  it('stores the result under audit:<origin> and returns it', async () => {
    const id = await tab(PAGE);
    const before = Date.now();
    const reply = await auditTab(id, 'click');
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    const { audit } = reply;
    expect(AuditSchema.safeParse(audit).success).toBe(true);
    expect(audit).toMatchObject({ url: PAGE, origin: 'https://app.example.com', mode: 'click', fullAccess: false });
    expect(audit.createdAt).toBeGreaterThanOrEqual(before);
    expect(audit.expiresAt - audit.createdAt).toBe(30 * DAY);
    expect(audit.findings.map((f) => f.ruleId)).toContain('version-disclosure');
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ 'audit:https://app.example.com': audit });
    expect(contains).toHaveBeenCalledWith({ origins: ['https://app.example.com/*'] });
    expect(await fakeBrowser.action.getBadgeText({ tabId: id })).toBe(String(urgentCount(audit) || ''));
  });

  it('records the mode and the access it had (full audit when the site is granted)', async () => {
    contains.mockResolvedValue(true);
    vi.stubGlobal(
      'fetch',
      vi.fn(async (u: string) => fakeResponse({ url: u.startsWith('http:') ? 'https://app.example.com/' : PAGE, redirected: u.startsWith('http:') })),
    );
    const reply = await auditTab(await tab(PAGE), 'monitor');
    expect(reply).toMatchObject({ ok: true, audit: { mode: 'monitor', fullAccess: true } });
  });

  it('uses the retention from the settings, and the default for bad settings', async () => {
    await fakeBrowser.storage.local.set({ settings: { retentionDays: 7 } });
    const r1 = await auditTab(await tab(PAGE), 'click');
    expect(r1.ok && r1.audit.expiresAt - r1.audit.createdAt).toBe(7 * DAY);
    await fakeBrowser.storage.local.set({ settings: { retentionDays: -3 } });
    const r2 = await auditTab(await tab(PAGE), 'click');
    expect(r2.ok && r2.audit.expiresAt - r2.audit.createdAt).toBe(30 * DAY);
  });

  /** The page scripts answer only once `release()` is called (an audit held while it collects). */
  const holdScripts = (): (() => void) => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const answer = pageAnswers();
    executeScript.mockImplementation(async (d: { func: unknown }) => {
      await gate;
      return answer(d);
    });
    return release;
  };

  it('one audit per tab at a time: a second request while one runs gets the same result', async () => {
    const release = holdScripts();
    const id = await tab(PAGE);
    const first = auditTab(id, 'click');
    const second = auditTab(id, 'click');
    expect(second).toBe(first);
    const other = auditTab(await tab('https://b.example.org/'), 'click');
    expect(other).not.toBe(first);
    release();
    const [a, b] = await Promise.all([first, second, other]);
    expect(b).toBe(a);
    expect(executeScript).toHaveBeenCalledTimes(4); // 2 scripts × 2 tabs
    // Once finished, the next request runs a new audit.
    await auditTab(id, 'click');
    expect(executeScript).toHaveBeenCalledTimes(6);
  });

  it('a monitoring re-audit of another tab of the app never replaces the audit the user asked for while it ran', async () => {
    const answer = pageAnswers();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const a = await tab(PAGE);
    const b = await tab(PAGE);
    // Tab b's page load re-audit is collecting (held); the user's audit of tab a runs and is stored meanwhile.
    executeScript.mockImplementation(async (d: { func: unknown; target: { tabId: number } }) => {
      if (d.target.tabId === b) await gate;
      return answer(d);
    });
    const monitor = auditTab(b, 'monitor');
    const user = await auditTab(a, 'click');
    expect(user).toMatchObject({ ok: true, audit: { mode: 'click' } });
    release();
    const late = await monitor;
    const key = 'audit:https://app.example.com';
    expect((await fakeBrowser.storage.local.get(key))[key]).toMatchObject({ mode: 'click', createdAt: user.ok ? user.audit.createdAt : -1 });
    expect(late).toMatchObject({ ok: true, audit: { mode: 'click' } });
    // The control: a re-audit that starts after the user's audit was stored replaces it as usual.
    const next = await auditTab(b, 'monitor');
    expect(next).toMatchObject({ ok: true, audit: { mode: 'monitor' } });
    expect((await fakeBrowser.storage.local.get(key))[key]).toMatchObject({ mode: 'monitor' });
  });

  it('a re-audit that read the stored audit before the user’s was written does not write over it afterwards', async () => {
    const a = await tab(PAGE);
    const b = await tab(PAGE);
    const key = 'audit:https://app.example.com';
    // The re-audit's write is held (as a slow storage write would be) after it read the stored audit.
    const realSet = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let held = false;
    vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation(async (items: Record<string, unknown>) => {
      if (!held && key in items && (items[key] as { mode?: string }).mode === 'monitor') {
        held = true;
        await gate;
      }
      return realSet(items);
    });
    const monitor = auditTab(b, 'monitor');
    await vi.waitFor(() => expect(held).toBe(true));
    const user = auditTab(a, 'click');
    await new Promise((r) => setTimeout(r, 20)); // the user's audit has collected and reached its write
    release();
    await Promise.all([monitor, user]);
    expect((await fakeBrowser.storage.local.get(key))[key]).toMatchObject({ mode: 'click' });
  });

  it('new evidence while an audit runs: a "fresh" request runs after it (several share one re-audit)', async () => {
    const release = holdScripts();
    const id = await tab(PAGE);
    const running = auditTab(id, 'monitor');
    // e.g. a key pasted in a builder field was stored after the running audit collected: it must not share that result.
    const fresh1 = auditTab(id, 'monitor', { fresh: true });
    const fresh2 = auditTab(id, 'monitor', { fresh: true });
    expect(fresh1).not.toBe(running);
    expect(fresh2).toBe(fresh1);
    release();
    const [r, f] = await Promise.all([running, fresh1]);
    expect(r.ok && f.ok).toBe(true);
    if (!r.ok || !f.ok) return;
    expect(f.audit.createdAt).toBeGreaterThanOrEqual(r.audit.createdAt);
    expect(executeScript).toHaveBeenCalledTimes(4); // the running audit, then one re-audit (2 scripts each)
    // With nothing running, a fresh request is an ordinary audit.
    await auditTab(id, 'monitor', { fresh: true });
    expect(executeScript).toHaveBeenCalledTimes(6);
  });

  it.each([
    ['the Chrome Web Store', 'The extensions gallery cannot be scripted.'],
    [
      'another extension’s page',
      'Cannot access contents of url "chrome-extension://abcdef/page.html". Extension manifest must request permission to access this host.',
    ],
    ['Firefox without access', 'Missing host permission for the tab'],
  ])('a page the browser protects (%s) gives a clear message, and nothing is stored', async (_name, error) => {
    executeScript.mockRejectedValue(new Error(error));
    const reply = await auditTab(await tab('https://chromewebstore.google.com/detail/x'), 'click');
    expect(reply).toEqual({
      ok: false,
      kind: 'error',
      message: 'The browser does not let extensions read this page (for example the Chrome Web Store or another extension’s page).',
    });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('a page script that fails for another reason still gives an audit, with a gap', async () => {
    executeScript.mockRejectedValue(new Error('Frame with ID 0 was removed.'));
    const reply = await auditTab(await tab(PAGE), 'click');
    expect(reply.ok).toBe(true);
    expect(reply.ok && reply.audit.gaps).toContainEqual({
      collector: 'page',
      partial: true,
      message: 'Page checks and the key scan skipped: Frame with ID 0 was removed.',
    });
  });

  it('an unexpected failure is reported, not thrown', async () => {
    mockApis({ scripting: undefined });
    const reply = await auditTab(await tab(PAGE), 'click');
    expect(reply).toMatchObject({ ok: false, kind: 'error', message: expect.stringMatching(/^The audit failed: /) });
  });
});
