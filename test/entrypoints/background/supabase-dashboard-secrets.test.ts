/**
 * entrypoints/background/supabase-dashboard.ts (issue 10 item 11): keys inside what the dashboard showed (a cron
 * command with a service_role JWT and a Stripe live key) are reported as critical builder findings and stored only
 * masked, in the dashboard record and everywhere else in storage. Keys are built at run time.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleMessage } from '@/entrypoints/background';
import { KEYS } from '@/utils/storage/keys';
import { FAKE_KEYS, seeded } from '../../utils/secrets/fake-keys';

const REF = 'qwertyuiopasdfghjklz';
const PAGE = `https://supabase.com/dashboard/project/${REF}/integrations/cron/jobs`;
const SERVICE = FAKE_KEYS['supabase-service-role-jwt'](seeded(41)).value;
const STRIPE = FAKE_KEYS['stripe-secret-key'](seeded(42)).value;
type Sender = Parameters<typeof handleMessage>[1];

let tabId: number;
const contentScript = (): Sender => ({
  id: fakeBrowser.runtime.id,
  url: PAGE,
  frameId: 0,
  tab: { id: tabId, index: 0, highlighted: false, active: true, pinned: false, incognito: false, url: PAGE } as Sender['tab'],
});

beforeEach(async () => {
  fakeBrowser.reset();
  tabId = (await fakeBrowser.tabs.create({ url: PAGE })).id!;
});

describe('supabase:observed with keys in a cron command', () => {
  it('reports them as critical findings of the project and stores only masks', async () => {
    const observation = {
      page: 'cron',
      source: 'dom',
      cron: {
        state: 'jobs',
        jobs: [
          {
            name: 'nightly-sync',
            schedule: '0 3 * * *',
            command: `select net.http_post('https://x.supabase.co/functions/v1/sync', headers := '{"Authorization":"Bearer ${SERVICE}","X-Stripe":"${STRIPE}"}'::jsonb);`,
          },
        ],
      },
    };
    const reply = await handleMessage({ type: 'supabase:observed', observation }, contentScript());
    expect(reply).toMatchObject({ ok: true });
    const all = JSON.stringify(await fakeBrowser.storage.local.get(null));
    expect(all).not.toContain(SERVICE);
    expect(all).not.toContain(STRIPE);
    const scope = `https://supabase.com/dashboard/project/${REF}`;
    const audit = (await fakeBrowser.storage.local.get(KEYS.audit(scope)))[KEYS.audit(scope)] as {
      findings: { ruleId: string; severity: string; message: string }[];
    };
    const keys = audit.findings.filter((f) => f.ruleId === 'secret-in-builder-field');
    expect(keys.map((f) => f.severity)).toEqual(['critical', 'critical']);
    expect(keys.map((f) => f.message).join('\n')).toMatch(/cron job “nightly-sync”/);
    const dash = (await fakeBrowser.storage.local.get(KEYS.supabaseDashboard(REF)))[KEYS.supabaseDashboard(REF)] as { cron: { jobs: { command: string }[] } };
    expect(dash.cron.jobs[0]!.command).toContain('sk_live_…');
  });
});
