/**
 * entrypoints/supabase.content/runtime.ts: the background's answer is checked before markers are drawn, and the deep audit
 * makes no request at all without the user's consent for the project in the tab's address.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { deepAuditHere, markersFrom } from '@/entrypoints/supabase.content/runtime';
import { SESSION_STORAGE_KEY } from '@/entrypoints/supabase.content/deep-audit';
import { KEYS } from '@/utils/storage/keys';
/** Consent as earlier versions stored it (`{ref, grantedAt}` under the same key): still honoured, migrated on read. */
const consentKey = (ref: string) => KEYS.consent('supabase-deep-audit', ref);

const REF = 'mnbvcxzlkjhgfdsapoiq';
const setUrl = (url: string) => (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL(url);

describe('markersFrom', () => {
  it('keeps well-formed markers, drops the rest', () => {
    const good = { target: { kind: 'table', schema: 'public', name: 'profiles' }, ruleId: 'supabase-rls-disabled', title: 'T', severity: 'high' };
    expect(markersFrom({ ok: true, markers: [good, { ...good, severity: 'extreme' }, { ...good, target: { kind: 'x' } }, 'junk', null] })).toEqual([good]);
    expect(markersFrom({ ok: true, markers: [{ target: { kind: 'bucket', id: 'a' }, ruleId: 'r', title: 't', severity: 'low' }] })).toHaveLength(1);
  });
  it.each([undefined, null, 'x', { ok: false }, { ok: true }, { ok: true, markers: {} }])('no markers from %j', (r) => expect(markersFrom(r)).toBeUndefined());
});

describe('deepAuditHere', () => {
  let fetchSpy: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    fetchSpy = vi.fn(async () => new Response('{}', { status: 200 }));
    vi.stubGlobal('fetch', fetchSpy);
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ access_token: 'a'.repeat(40) }));
    setUrl(`https://supabase.com/dashboard/project/${REF}/editor`);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    localStorage.clear();
  });

  it('without consent: refuses and sends no request', async () => {
    expect(await deepAuditHere()).toMatchObject({ ok: false, calls: [] });
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('consent for another project does not count', async () => {
    await fakeBrowser.storage.local.set({ [consentKey(REF)]: { ref: 'zxcvbnmlkjhgfdsapoiu', grantedAt: 1 } });
    expect(await deepAuditHere()).toMatchObject({ ok: false });
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('with consent: calls the Management API for the project in the address', async () => {
    await fakeBrowser.storage.local.set({ [consentKey(REF)]: { ref: REF, grantedAt: 1 } });
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(undefined);
    await deepAuditHere();
    expect(fetchSpy).toHaveBeenCalled();
    for (const [url] of fetchSpy.mock.calls) expect(String(url)).toMatch(new RegExp(`^https://api\\.supabase\\.com/v1/projects/${REF}/`));
  });

  it('a tab without a project asks for nothing', async () => {
    setUrl('https://supabase.com/dashboard/project/_/editor');
    expect(await deepAuditHere()).toMatchObject({ ok: false });
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
