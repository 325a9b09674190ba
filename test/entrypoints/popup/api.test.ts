/**
 * The popup's bridge (entrypoints/popup/api.ts) over WXT's fakeBrowser: the stored audit is shown after the cheap
 * structural check and equals what the full schema reads; a record that fails it takes the full path (and is
 * dropped); "Show me" goes only to a tab on the builder it is for, and says where to go otherwise.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { buildAudit, type Audit } from '@/engine/audit';
import { AuditSchema } from '@/engine/audit-schema';
import { SHOW_ME } from '@/engine/show-me';
import { accessOrigins, browserApi } from '@/entrypoints/popup/api';
import { startPrefetch } from '@/entrypoints/popup/prefetch';
import { KEYS } from '@/utils/storage/keys';
import { DEPLOYED_RULES } from '@/rules';
import { evidence } from '../../helpers/evidence';

const now = Date.now();
const APP: Audit = buildAudit(evidence(), DEPLOYED_RULES, { mode: 'click', fullAccess: true, retentionDays: 30, startedAt: now, now });
const SCOPE = APP.origin;
afterEach(() => {
  vi.restoreAllMocks();
});

describe('loadAudit', () => {
  it('a stored audit: shown as the full schema reads it', async () => {
    await fakeBrowser.storage.local.set({ [KEYS.audit(SCOPE)]: JSON.parse(JSON.stringify(APP)) });
    expect(await browserApi('').loadAudit(SCOPE)).toEqual(AuditSchema.parse(JSON.parse(JSON.stringify(APP))));
  });

  it('nothing stored, expired, or not an audit: undefined, and a bad record is dropped', async () => {
    const api = browserApi('');
    expect(await api.loadAudit(SCOPE)).toBeUndefined();
    await fakeBrowser.storage.local.set({ [KEYS.audit(SCOPE)]: { ...APP, expiresAt: now - 1 } });
    expect(await api.loadAudit(SCOPE)).toBeUndefined();
    await fakeBrowser.storage.local.set({ [KEYS.audit(SCOPE)]: { version: 1, findings: 'no' } });
    expect(await api.loadAudit(SCOPE)).toBeUndefined();
    expect(await fakeBrowser.storage.local.get(KEYS.audit(SCOPE))).toEqual({});
  });
});

describe('the prefetch script (entrypoints/popup-prefetch.ts)', () => {
  afterEach(() => {
    delete (globalThis as Record<string, unknown>).__microAppAuditorPrefetch;
  });

  it('the tab and its stored audit read before the UI loads are used once, then the browser is asked again', async () => {
    await fakeBrowser.storage.local.set({ [KEYS.audit(SCOPE)]: JSON.parse(JSON.stringify(APP)) });
    const tabsGet = vi.spyOn(fakeBrowser.tabs, 'get').mockResolvedValue({ id: 4, url: `${SCOPE}/` } as never);
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    startPrefetch('?tabId=4', fakeBrowser);
    const api = browserApi('?tabId=4');
    expect(await api.currentTab()).toEqual({ id: 4, url: `${SCOPE}/` });
    expect(await api.loadAudit(SCOPE)).toEqual(AuditSchema.parse(JSON.parse(JSON.stringify(APP))));
    // One tab lookup and one storage read in all: the prefetch script's.
    expect(tabsGet).toHaveBeenCalledTimes(1);
    expect(get).toHaveBeenCalledTimes(1);
    await api.loadAudit(SCOPE);
    expect(get).toHaveBeenCalledTimes(2);
  });

  it('outside an extension page (no browser API) it starts nothing, and the popup asks the browser itself', async () => {
    vi.stubGlobal('browser', undefined);
    vi.stubGlobal('chrome', undefined);
    try {
      startPrefetch('?tabId=4');
    } finally {
      vi.unstubAllGlobals();
    }
    expect((globalThis as Record<string, unknown>).__microAppAuditorPrefetch).toBeUndefined();
    vi.spyOn(fakeBrowser.tabs, 'get').mockResolvedValue({ id: 4, url: `${SCOPE}/` } as never);
    expect(await browserApi('?tabId=4').currentTab()).toEqual({ id: 4, url: `${SCOPE}/` });
  });

  it('a record prefetched for another scope is not used', async () => {
    vi.spyOn(fakeBrowser.tabs, 'get').mockResolvedValue({ id: 4, url: 'https://other.example/' } as never);
    startPrefetch('?tabId=4', fakeBrowser);
    await fakeBrowser.storage.local.set({ [KEYS.audit(SCOPE)]: JSON.parse(JSON.stringify(APP)) });
    expect((await browserApi('?tabId=4').loadAudit(SCOPE))?.origin).toBe(SCOPE);
  });
});

describe('showInPage', () => {
  const glideAudit: Audit = {
    ...APP,
    context: 'builder',
    url: 'https://go.glideapps.com/app/AbCdEfGhIj0123456789/data',
    origin: 'https://go.glideapps.com/app/AbCdEfGhIj0123456789',
  };
  const finding = { ...APP.findings[0]!, ruleId: 'glide-no-row-owner', location: { kind: 'builder' as const, name: 'Data → Customers' } };

  it('sends what to look for to a tab on that builder, and reports it shown', async () => {
    vi.spyOn(fakeBrowser.tabs, 'get').mockResolvedValue({ id: 4, url: glideAudit.url } as never);
    const send = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({ ok: true });
    expect(await browserApi('').showInPage!(4, finding, glideAudit)).toEqual({ shown: true });
    expect(send).toHaveBeenCalledWith(4, { type: SHOW_ME, texts: ['Customers'], field: false });
  });

  it('a tab that left the builder gets no message; the popup says where to go, with the builder link', async () => {
    vi.spyOn(fakeBrowser.tabs, 'get').mockResolvedValue({ id: 4, url: 'https://evil.example/app/AbCdEfGhIj0123456789' } as never);
    const send = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({ ok: true });
    expect(await browserApi('').showInPage!(4, finding, glideAudit)).toEqual({
      shown: false,
      where: 'Data → the table “Customers” (its columns in the data editor)',
      link: 'https://go.glideapps.com/app/AbCdEfGhIj0123456789/data',
    });
    expect(send).not.toHaveBeenCalled();
  });

  it('not found on the page (or no content script answered): where to go', async () => {
    vi.spyOn(fakeBrowser.tabs, 'get').mockResolvedValue({ id: 4, url: glideAudit.url } as never);
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockRejectedValue(new Error('Could not establish connection'));
    expect(await browserApi('').showInPage!(4, finding, glideAudit)).toMatchObject({
      shown: false,
      link: 'https://go.glideapps.com/app/AbCdEfGhIj0123456789/data',
    });
  });
});

describe('accessOrigins (what "Allow full audit of this site" asks for)', () => {
  it('asks by host name without the port: Firefox reports a pattern with a port as granted but gives no access', () => {
    expect(accessOrigins('http://127.0.0.1:8765')).toEqual(['https://127.0.0.1/*', 'http://127.0.0.1/*']);
    expect(accessOrigins('https://app.example.com')).toEqual(['https://app.example.com/*', 'http://app.example.com/*']);
  });
  it('adds only a Supabase project host, over HTTPS', () => {
    const ref = 'abcdefghijklmnopqrst';
    expect(accessOrigins('https://app.example.com:8443', [`${ref}.supabase.co`, 'evil.example'])).toEqual([
      'https://app.example.com/*',
      'http://app.example.com/*',
      `https://${ref}.supabase.co/*`,
    ]);
  });
});
