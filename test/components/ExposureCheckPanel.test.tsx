/**
 * The Supabase exposure-check consent panel inside the popup, with a fake PopupApi: shown only for a deployed app
 * on Supabase, nothing sent until the box is ticked and Run pressed (keyboard works), cancel while it runs, and
 * consent withdrawn on request.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildAudit } from '@/engine/audit';
import { checklist } from '@/engine/checklist';
import { guideForFinding } from '@/engine/fix';
import type { AuditReply } from '@/utils/messages';
import { ALL_RULES, DEPLOYED_RULES, ruleById } from '@/rules';
import { accessOrigins } from '@/entrypoints/popup/api';
import type { PopupApi } from '@/components/popup-api';
import type { ProbeApi } from '@/components/ExposureCheckPanel';
import { Popup } from '@/components/Popup';
import { fakePopupApi } from './fake-api';
import { NOW, evidence } from '../helpers/evidence';
import { REF, supabaseEvidence } from '../helpers/supabase';

const TAB = { id: 7, url: 'https://app.example.com/' };
const opts = { mode: 'click' as const, fullAccess: true, retentionDays: 30, startedAt: NOW - 1200, now: NOW };
const tables = [
  { name: 'profiles', inCode: true },
  { name: 'votes', inCode: true },
];

const PASSIVE = buildAudit(supabaseEvidence([{ tables, skipped: 'no-consent' }]), DEPLOYED_RULES, opts);
const CHECKED = buildAudit(
  supabaseEvidence([
    {
      tables,
      probe: {
        requests: 4,
        durationMs: 1234,
        tables: [
          { name: 'profiles', verdict: 'readable', status: 206, count: 12, columns: ['id', 'email'] },
          { name: 'votes', verdict: 'empty', status: 200, count: 0 },
        ],
      },
    },
  ]),
  DEPLOYED_RULES,
  opts,
);
const NO_KEY = buildAudit(
  supabaseEvidence([{ tables, keys: [{ kind: 'secret', masked: 'sb_secret_…AbCd', fingerprint: 'aaaaaaaaaaaaaaaa' }], skipped: 'no-public-key' }]),
  DEPLOYED_RULES,
  opts,
);
const PLAIN = buildAudit(evidence(), DEPLOYED_RULES, opts);

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((res) => (resolve = res));
  return { promise, resolve };
}

function fakeApi(first: PopupApi['runAudit'], probeApi: Partial<ProbeApi> = {}, consent = false) {
  let given = consent;
  const probeFake: ProbeApi = {
    hasConsent: vi.fn(async () => given),
    setConsent: vi.fn(async (_o: string, g: boolean) => void (given = g)),
    cancel: vi.fn(async () => undefined),
    ...probeApi,
  };
  const api = fakePopupApi(TAB, first, { hasAccess: vi.fn(async () => true), supabaseProbe: probeFake });
  return { api, probe: probeFake };
}

const show = (api: PopupApi) => render(<Popup api={api} guideFor={(f, a) => guideForFinding(f, a, ruleById)} checklistFor={(a) => checklist(a, ALL_RULES)} />);
const reply = (audit: typeof PASSIVE): AuditReply => ({ ok: true, audit });
const panel = () => screen.findByRole('region', { name: 'Supabase exposure check' });

afterEach(() => cleanup());

describe('exposure check panel', () => {
  it('is not shown for an app without a Supabase project', async () => {
    const { api } = fakeApi(async () => reply(PLAIN));
    show(api);
    await screen.findByText(/Audited/);
    expect(screen.queryByRole('region', { name: 'Supabase exposure check' })).toBeNull();
  });

  it('asks for consent first: Run stays disabled until the box is ticked, nothing is stored or sent before', async () => {
    const { api, probe } = fakeApi(async () => reply(PASSIVE));
    show(api);
    const p = await panel();
    const box = await within(p).findByRole('checkbox', { name: /I own this app or am authorised to test it/ });
    expect(p.textContent).toContain(REF);
    expect(p.textContent).toMatch(/2 tables named/);
    expect(p.textContent).toMatch(/one read-only request \(GET\) per table/);
    const run = within(p).getByRole('button', { name: 'Run exposure check' });
    expect((run as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(run);
    expect(probe.setConsent).not.toHaveBeenCalled();
    expect(api.runAudit).toHaveBeenCalledTimes(1);

    // Keyboard: Space on the focused checkbox toggles it (what the browser does), Enter on the button runs.
    box.focus();
    fireEvent.click(box);
    expect((run as HTMLButtonElement).disabled).toBe(false);
    run.focus();
    fireEvent.keyDown(run, { key: 'Enter' });
    (document.activeElement as HTMLButtonElement).click();
    await waitFor(() => expect(probe.setConsent).toHaveBeenCalledWith('https://app.example.com', true));
    await waitFor(() => expect(api.runAudit).toHaveBeenCalledTimes(2));
  });

  it('while the check runs it can be cancelled; afterwards it says how it went, and consent can be withdrawn', async () => {
    const second = deferred<AuditReply>();
    let n = 0;
    const { api, probe } = fakeApi(() => (++n === 1 ? Promise.resolve(reply(CHECKED)) : second.promise), {}, true);
    show(api);
    let p = await panel();
    await within(p).findByText(/Last check: complete, 4 requests in 1\.2 s/);
    // Re-run: the check runs again inside the audit, and can be cancelled.
    fireEvent.click(screen.getByRole('button', { name: 'Re-run' }));
    const cancel = await within(await panel()).findByRole('button', { name: 'Cancel check' });
    fireEvent.click(cancel);
    await waitFor(() => expect(probe.cancel).toHaveBeenCalledWith(7));
    second.resolve(reply(CHECKED));
    p = await panel();
    await waitFor(() => expect(within(p).queryByRole('button', { name: 'Cancel check' })).toBeNull());
    fireEvent.click(within(p).getByRole('button', { name: 'Withdraw consent for this site' }));
    await waitFor(() => expect(probe.setConsent).toHaveBeenCalledWith('https://app.example.com', false));
    await waitFor(() => expect(api.runAudit).toHaveBeenCalledTimes(3));
  });

  it('says the check cannot run when the page holds no publishable key', async () => {
    const { api } = fakeApi(async () => reply(NO_KEY));
    show(api);
    const p = await panel();
    expect(p.textContent).toMatch(/never uses a secret key/);
    expect(within(p).queryByRole('checkbox')).toBeNull();
  });
});

describe('site access for a Supabase app', () => {
  it('“Allow full audit of this site” also asks for the project host, whose answers the page’s requests get', async () => {
    const { api } = fakeApi(async () => reply(PASSIVE));
    api.hasAccess = vi.fn(async () => false);
    show(api);
    fireEvent.click(await screen.findByRole('button', { name: 'Allow full audit of this site' }));
    await waitFor(() => expect(api.requestAccess).toHaveBeenCalledWith('https://app.example.com', [`${REF}.supabase.co`]));
  });

  it('accessOrigins adds only well-formed project hosts, over HTTPS', () => {
    expect(accessOrigins('https://app.example.com', [`${REF}.supabase.co`, 'evil.example', `${REF}.supabase.co.evil.example`])).toEqual([
      'https://app.example.com/*',
      'http://app.example.com/*',
      `https://${REF}.supabase.co/*`,
    ]);
  });

  it('names the project host and the tables it would read before anything is sent (issue 10 item 16)', async () => {
    const many = Array.from({ length: 14 }, (_, i) => ({ name: `t_${String.fromCharCode(97 + i)}`, inCode: true }));
    const audit = buildAudit(supabaseEvidence([{ tables: many, skipped: 'no-consent' }]), DEPLOYED_RULES, opts);
    const { api, probe } = fakeApi(async () => reply(audit));
    show(api);
    const p = await panel();
    const targets = await within(p).findByRole('list', { name: 'Requests would go to' });
    expect(within(targets).getByTestId('probe-host').textContent).toBe(`${REF}.supabase.co`);
    expect(
      within(targets)
        .getAllByTestId('probe-table')
        .map((e) => e.textContent),
    ).toEqual(many.slice(0, 10).map((t) => t.name));
    expect(targets.textContent).toMatch(/and 4 more tables\.$/);
    expect(probe.setConsent).not.toHaveBeenCalled();
  });
});
