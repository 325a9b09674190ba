/**
 * The background's Glide builder route (entrypoints/background/index.ts → glide-builder.ts, glide-store.ts): who may
 * send observations, which app they are filed under (the sender's URL, never the message), and the audit of the tab.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleMessage } from '@/entrypoints/background';
import { KEYS } from '@/utils/storage/keys';

const APP = 'AbCdEfGhIjKlMnOpQrSt';
const PAGE = `https://go.glideapps.com/app/${APP}/settings/privacy`;
type Sender = Parameters<typeof handleMessage>[1];
const OBS = { screen: 'access', status: 'read', access: { mode: 'public', who: [], signIn: [] } };

let tabId: number;
const contentScript = (url = PAGE, over: Partial<Sender> = {}): Sender => ({
  id: fakeBrowser.runtime.id,
  url,
  frameId: 0,
  tab: { id: tabId, index: 0, highlighted: false, active: true, pinned: false, incognito: false, url } as Sender['tab'],
  ...over,
});
const stored = async (app: string) =>
  (await fakeBrowser.storage.local.get(KEYS.glideBuilder(app)))[KEYS.glideBuilder(app)] as { access?: { mode: string } } | undefined;

beforeEach(async () => {
  fakeBrowser.reset();
  tabId = (await fakeBrowser.tabs.create({ url: PAGE })).id!;
});

describe('glide:observed', () => {
  it('from our content script in a builder tab: filed under the URL’s app and audited', async () => {
    expect(await handleMessage({ type: 'glide:observed', observation: OBS }, contentScript())).toEqual({ ok: true });
    expect((await stored(APP))?.access?.mode).toBe('public');
    const key = KEYS.audit(`https://go.glideapps.com/app/${APP}`);
    const audit = (await fakeBrowser.storage.local.get(key))[key] as { context: string; findings: { ruleId: string }[] };
    expect(audit.context).toBe('builder');
    expect(audit.findings.map((f) => f.ruleId)).toContain('glide-public-app');
  });

  it.each<[string, () => Sender]>([
    ['a sub-frame', () => contentScript(PAGE, { frameId: 2 })],
    ['another extension', () => contentScript(PAGE, { id: 'other' })],
    ['a deployed app on the builder host (/play/)', () => contentScript(`https://go.glideapps.com/play/${APP}`)],
    ['another builder (Supabase dashboard)', () => contentScript('https://supabase.com/dashboard/project/qwertyuiopasdfghjklz/editor')],
  ])('from %s: ignored', async (_, sender) => {
    expect(await handleMessage({ type: 'glide:observed', observation: OBS }, sender())).toBeUndefined();
    expect(await stored(APP)).toBeUndefined();
  });

  it('a message cannot name its app: an extra "appId" field makes it no message of ours', async () => {
    expect(await handleMessage({ type: 'glide:observed', observation: OBS, appId: 'ZyXwVuTsRqPoNmLkJiHg' }, contentScript())).toBeUndefined();
  });

  it('hostile observations are validated: an unknown screen is no message of ours', async () => {
    expect(await handleMessage({ type: 'glide:observed', observation: { ...OBS, screen: 'everything' } }, contentScript())).toBeUndefined();
  });
});
