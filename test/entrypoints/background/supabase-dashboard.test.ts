/**
 * The background's Supabase dashboard routes (entrypoints/background/index.ts → supabase-dashboard.ts,
 * supabase-store.ts): who may send observations, which project they are filed under (the sender's URL, never the
 * message), merging and expiry in storage, the audit and its marker targets, and the deep-audit relay.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleMessage } from '@/entrypoints/background';
import { dashboardKey, dashboardEvidence, recordObservation } from '@/entrypoints/background/supabase-store';
import { KEYS } from '@/utils/storage/keys';
/** Consent as earlier versions stored it (`{ref, grantedAt}` under the same key): still honoured, migrated on read. */
const consentKey = (ref: string) => KEYS.consent('supabase-deep-audit', ref);
import { DashboardObservationSchema } from '@/utils/supabase/dashboard-evidence';
import { sqlUnavailable } from '@/utils/supabase/dashboard-constants';
const auditKey = KEYS.audit;

const REF = 'qwertyuiopasdfghjklz';
const OTHER = 'zxcvbnmlkjhgfdsapoiu';
const PAGE = `https://supabase.com/dashboard/project/${REF}/editor`;
type Sender = Parameters<typeof handleMessage>[1];

const OBS = {
  page: 'table-list',
  source: 'dom',
  schema: 'public',
  tables: [
    { schema: 'public', name: 'profiles', rls: 'disabled', exposed: 'yes' },
    { schema: 'public', name: 'todos', exposed: 'yes' },
  ],
};

let tabId: number;
const contentScript = (url = PAGE, over: Partial<Sender> = {}): Sender => ({
  id: fakeBrowser.runtime.id,
  url,
  frameId: 0,
  tab: { id: tabId, index: 0, highlighted: false, active: true, pinned: false, incognito: false, url } as Sender['tab'],
  ...over,
});
const popup = (): Sender => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') });
// eslint-disable-next-line @typescript-eslint/no-explicit-any
// biome-ignore lint/suspicious/noExplicitAny: the stored record is inspected field by field in the assertions
const stored = async (ref: string): Promise<any> => (await fakeBrowser.storage.local.get(dashboardKey(ref)))[dashboardKey(ref)];

beforeEach(async () => {
  tabId = (await fakeBrowser.tabs.create({ url: PAGE })).id!;
});
afterEach(() => vi.restoreAllMocks());

describe('supabase:observed', () => {
  it('from our content script in a dashboard tab: stored under the URL’s project, audited, answered with marker targets', async () => {
    const reply = await handleMessage({ type: 'supabase:observed', observation: OBS }, contentScript());
    expect(reply).toMatchObject({
      ok: true,
      markers: [{ target: { kind: 'table', schema: 'public', name: 'profiles' }, ruleId: 'supabase-rls-disabled', severity: 'high' }],
    });
    expect((await stored(REF)).tables.map((t: { name: string }) => t.name).sort()).toEqual(['profiles', 'todos']);
    const audit = (await fakeBrowser.storage.local.get(auditKey(`https://supabase.com/dashboard/project/${REF}`)))[
      auditKey(`https://supabase.com/dashboard/project/${REF}`)
    ] as { context: string; findings: { ruleId: string }[] };
    expect(audit.context).toBe('builder');
    expect(audit.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('supabase-rls-disabled');
  });

  const REFUSED: [string, () => Sender][] = [
    ['a sub-frame', () => contentScript(PAGE, { frameId: 3 })],
    ['another extension', () => contentScript(PAGE, { id: 'other-extension' })],
    ['a page that is not the dashboard', () => contentScript('https://supabase.com/pricing')],
    ['a dashboard page of no project (_)', () => contentScript('https://supabase.com/dashboard/project/_/editor')],
    ['the popup (not a content script)', popup],
  ];
  it.each(REFUSED)('from %s: ignored', async (_n, sender) => {
    expect(await handleMessage({ type: 'supabase:observed', observation: OBS }, sender())).toBeUndefined();
    expect(await stored(REF)).toBeUndefined();
  });

  it('a deep audit whose SQL checks were not available: the saved audit keeps that as a gap until a deep audit runs them', async () => {
    const scope = `https://supabase.com/dashboard/project/${REF}`;
    const gaps = async () =>
      ((await fakeBrowser.storage.local.get(auditKey(scope)))[auditKey(scope)] as { gaps: { collector: string; message: string }[] }).gaps.filter(
        (g) => g.collector === 'supabase',
      );
    const deep = { page: 'deep-audit', source: 'api', buckets: [{ id: 'avatars', name: 'avatars', public: false }], bucketsComplete: true };
    await handleMessage({ type: 'supabase:observed', observation: { ...deep, sqlUnavailable: { status: 404 } } }, contentScript());
    expect((await gaps()).map((g) => g.message)).toEqual([sqlUnavailable(404)]);
    expect(sqlUnavailable(404)).toMatch(/^SQL checks not available on this project: .*tables, policies and cron jobs were not read/);
    // A page read later does not make the deep audit's checks run: the gap stays.
    await handleMessage({ type: 'supabase:observed', observation: OBS }, contentScript());
    expect(await gaps()).toHaveLength(1);
    // A deep audit that ran them: gone.
    await handleMessage(
      { type: 'supabase:observed', observation: { ...deep, tables: [{ schema: 'public', name: 'profiles', rls: 'enabled' }], tablesComplete: true } },
      contentScript(),
    );
    expect(await gaps()).toEqual([]);
  });

  it('a message cannot name its project: an extra "ref" field makes it no message of ours', async () => {
    expect(await handleMessage({ type: 'supabase:observed', observation: OBS, ref: OTHER }, contentScript())).toBeUndefined();
    expect(await stored(OTHER)).toBeUndefined();
  });

  it('malformed or oversized parts are dropped or cut, never the whole record for a bad entry', async () => {
    const junk = { ...OBS, tables: [...OBS.tables, { schema: 'public' }, 'x', { schema: 'public', name: 'n'.repeat(5000), rls: 'maybe' }] };
    await handleMessage({ type: 'supabase:observed', observation: junk }, contentScript());
    const tables = (await stored(REF)).tables as { name: string; rls: string }[];
    expect(tables).toHaveLength(3);
    expect(tables.find((t) => t.name.startsWith('nnn'))!.name.length).toBeLessThanOrEqual(129);
    expect(tables.find((t) => t.name.startsWith('nnn'))!.rls).toBe('unknown');
  });

  it('an unknown page kind is refused', async () => {
    expect(await handleMessage({ type: 'supabase:observed', observation: { ...OBS, page: 'billing' } }, contentScript())).toBeUndefined();
  });
});

describe('store', () => {
  const obs = (o: unknown) => DashboardObservationSchema.parse(o);

  it('merges page by page and lets later pages correct earlier ones', async () => {
    await recordObservation(REF, obs(OBS), 1000);
    await recordObservation(
      REF,
      obs({ page: 'table-editor', source: 'dom', tables: [{ schema: 'public', name: 'profiles', rls: 'enabled', policyCount: 0, columns: ['id', 'email'] }] }),
      2000,
    );
    const d = await dashboardEvidence(REF, 3000);
    expect(d!.tables.find((t) => t.name === 'profiles')).toMatchObject({ rls: 'enabled', exposed: 'yes', columns: ['id', 'email'], seenAt: 2000 });
    expect(d!.pages.map((p) => p.kind).sort()).toEqual(['table-editor', 'table-list']);
  });

  it('facts expire with the audit retention (30 days by default), then the record goes', async () => {
    await recordObservation(REF, obs(OBS), 1000);
    expect(await dashboardEvidence(REF, 1000 + 29 * 86_400_000)).toBeDefined();
    expect(await dashboardEvidence(REF, 1000 + 31 * 86_400_000)).toBeUndefined();
    expect(await stored(REF)).toBeUndefined();
  });

  it('a record filed under another key than its ref is thrown away', async () => {
    await fakeBrowser.storage.local.set({ [dashboardKey(REF)]: { ref: OTHER, tables: [] } });
    expect(await dashboardEvidence(REF)).toBeUndefined();
    expect(await stored(REF)).toBeUndefined();
  });
});

describe('supabase:deep-audit', () => {
  it('without consent: refused, nothing asked of the tab', async () => {
    const send = vi.fn();
    (fakeBrowser.tabs as unknown as { sendMessage: unknown }).sendMessage = send;
    expect(await handleMessage({ type: 'supabase:deep-audit', tabId }, popup())).toMatchObject({ ok: false, kind: 'no-consent' });
    expect(send).not.toHaveBeenCalled();
  });

  it('consent for another project does not count', async () => {
    const send = vi.fn();
    (fakeBrowser.tabs as unknown as { sendMessage: unknown }).sendMessage = send;
    await fakeBrowser.storage.local.set({ [consentKey(OTHER)]: { ref: OTHER, grantedAt: 1 }, [consentKey(REF)]: { ref: OTHER, grantedAt: 1 } });
    expect(await handleMessage({ type: 'supabase:deep-audit', tabId }, popup())).toMatchObject({ ok: false, kind: 'no-consent' });
    expect(send).not.toHaveBeenCalled();
  });

  it('with consent: asks the tab’s top frame and relays its summary', async () => {
    await fakeBrowser.storage.local.set({ [consentKey(REF)]: { ref: REF, grantedAt: 1 } });
    const send = vi.fn(async () => ({ ok: true, calls: [{ endpoint: 'GET /v1/projects/{ref}/advisors/security', status: 200 }] }));
    (fakeBrowser.tabs as unknown as { sendMessage: unknown }).sendMessage = send;
    const reply = await handleMessage({ type: 'supabase:deep-audit', tabId }, popup());
    expect(send).toHaveBeenCalledWith(tabId, { type: 'supabase:deep-audit:run' }, { frameId: 0 });
    expect(reply).toMatchObject({ ok: true, summary: { ok: true, calls: [{ status: 200 }] } });
  });

  it('only the extension’s own pages may ask', async () => {
    await fakeBrowser.storage.local.set({ [consentKey(REF)]: { ref: REF, grantedAt: 1 } });
    const send = vi.fn();
    (fakeBrowser.tabs as unknown as { sendMessage: unknown }).sendMessage = send;
    expect(await handleMessage({ type: 'supabase:deep-audit', tabId }, contentScript())).toBeUndefined();
    expect(send).not.toHaveBeenCalled();
  });

  it('a tab that is not a dashboard project', async () => {
    const other = (await fakeBrowser.tabs.create({ url: 'https://app.example.com/' })).id!;
    expect(await handleMessage({ type: 'supabase:deep-audit', tabId: other }, popup())).toMatchObject({ ok: false, kind: 'not-dashboard' });
  });
});
