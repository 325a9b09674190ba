/**
 * The popup as a reviewer's cockpit (issue 13): verdict, checklist groups with hand confirmation, accepted risks,
 * filters by severity and area, duplicates grouped, "Show me", builder and live app together, exports.
 * A fake PopupApi (no browser) and audits built by the real engine from hand-made evidence. Accessibility is
 * asserted explicitly (axe-core is not installed): every control is found by its role and accessible name, form
 * errors are alerts tied to their field, and the accept flow is driven from the keyboard (focus moves to the reason).
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildAudit, type Audit } from '@/engine/audit';
import { CHECKLIST_GROUPS, checklist, type AcceptedRisk, type Confirmation } from '@/engine/checklist';
import { guideForFinding } from '@/engine/fix';
import type { AuditReply } from '@/utils/messages';
import { ALL_RULES, BUILDER_RULES, DEPLOYED_RULES, ruleById } from '@/rules';
import type { DecisionsApi, PopupApi } from '@/components/popup-api';
import { Popup } from '@/components/Popup';
import { fakePopupApi } from './fake-api';
import { buildExport } from '@/entrypoints/popup/export';
import { APP_ID as GLIDE_APP_ID, PEOPLE, glide, glideApp } from '../helpers/glide';
import { NOW, cookie, evidence } from '../helpers/evidence';

const TAB = { id: 7, url: 'https://app.example.com/' };
const opts = { mode: 'click' as const, fullAccess: true, retentionDays: 30, startedAt: NOW - 1200, now: Date.now() };

/** Unhardened app: high (session cookie readable by scripts, not Secure…), medium and low findings. */
const APP = buildAudit(
  evidence({
    headers: [
      ['x-bubble-appname', 'tinypoll'],
      ['server', 'nginx/1.2'],
    ],
    cookies: [cookie({ name: 'tinypoll_live_u2main', httpOnly: false, sameSite: 'none', secure: false })],
  }),
  DEPLOYED_RULES,
  opts,
);
const urgent = (a: Audit) => new Set(a.findings.filter((f) => f.severity === 'high' || f.severity === 'critical').map((f) => f.fingerprint)).size;
const high = APP.findings.find((f) => f.severity === 'high')!;

function decisions(accepted: AcceptedRisk[] = [], confirmations: Confirmation[] = []): DecisionsApi & Record<string, ReturnType<typeof vi.fn>> {
  let acc = [...accepted];
  let conf = [...confirmations];
  return {
    loadAccepted: vi.fn(async () => acc),
    acceptRisk: vi.fn(async (_s: string, r: AcceptedRisk) => (acc = [...acc.filter((a) => a.fingerprint !== r.fingerprint), r])),
    unacceptRisk: vi.fn(async (_s: string, fp: string) => (acc = acc.filter((a) => a.fingerprint !== fp))),
    loadConfirmations: vi.fn(async () => conf),
    confirmItem: vi.fn(async (_s: string, item) => (conf = [...conf, { item, confirmedAt: Date.now() }])),
    clearConfirmations: vi.fn(async (_s: string, items) => (conf = conf.filter((c) => !items.includes(c.item)))),
  } as never;
}

function show(audit: Audit, over: Partial<PopupApi> = {}) {
  const api = fakePopupApi(TAB, async (): Promise<AuditReply> => ({ ok: true, audit }), { decisions: decisions(), ...over });
  render(
    <Popup api={api} guideFor={(f, a) => guideForFinding(f, a, ruleById)} checklistFor={(a) => (a.checklist.length ? a.checklist : checklist(a, ALL_RULES))} />,
  );
  return api;
}
const findingsRegion = () => screen.findByRole('region', { name: 'Findings' });
const items = (region: HTMLElement) =>
  within(region)
    .getAllByRole('listitem')
    .filter((li) => li.classList.contains('finding'));
const verdictLine = () => screen.getByTestId('verdict').textContent;

afterEach(() => cleanup());

describe('verdict', () => {
  it('says how many blockers stand before publishing (high and critical, once per fingerprint)', async () => {
    show(APP);
    await findingsRegion();
    expect(verdictLine()).toMatch(new RegExp(`^${urgent(APP)} blockers? before publishing`));
    expect(screen.getByTestId('verdict').dataset.level).toBe('blocked');
  });
});

describe('checklist', () => {
  it('groups items under the nine headings of the guides, with progress', async () => {
    show(APP);
    await findingsRegion();
    const list = screen.getByText('Pre-publish checklist').closest('details')!;
    const headings = within(list)
      .getAllByRole('heading', { level: 3 })
      .map((h) => h.textContent);
    expect(headings).toEqual(Object.values(CHECKLIST_GROUPS));
    expect(within(list).getByRole('progressbar', { name: 'Checklist progress' })).toBeTruthy();
    for (const g of Object.values(CHECKLIST_GROUPS)) expect(within(list).getByRole('region', { name: g })).toBeTruthy();
  });

  it('an item nobody can tell says where to check, links to the builder and can be confirmed by hand (stored with its date)', async () => {
    const api = show(APP);
    await findingsRegion();
    const mfa = () => document.querySelector<HTMLElement>('[data-item="admin-mfa"]')!;
    expect(mfa().dataset.state).toBe('unchecked');
    expect(mfa().textContent).toContain('Check in your identity provider.');
    fireEvent.click(within(mfa()).getByRole('button', { name: 'Confirm “MFA required for admin functions” by hand' }));
    await waitFor(() => expect(mfa().dataset.state).toBe('confirmed'));
    expect(api.decisions!.confirmItem).toHaveBeenCalledWith(APP.origin, 'admin-mfa');
    expect(mfa().textContent).toMatch(/Confirmed by you on /);
    // The Bubble app's sign-in settings page, filled with the app name.
    fireEvent.click(within(document.querySelector<HTMLElement>('[data-item="auth"]')!).getByRole('button', { name: /^Open where to check/ }));
    expect(api.open).toHaveBeenCalledWith('https://bubble.io/page?id=tinypoll&tab=Settings');
  });

  it('a confirmation the evidence contradicts (the item fails) is cleared', async () => {
    const failing = APP.checklist.find((r) => r.state === 'fail')!;
    const dec = decisions([], [{ item: failing.item, confirmedAt: NOW }]);
    show(APP, { decisions: dec });
    await waitFor(() => expect(dec.clearConfirmations).toHaveBeenCalledWith(APP.origin, [failing.item]));
    expect(document.querySelector<HTMLElement>(`[data-item="${failing.item}"]`)!.dataset.state).toBe('fail');
  });

  it('"Show" on a failing item lists only the findings that fail it; "Show all" brings the rest back', async () => {
    show(APP);
    const region = await findingsRegion();
    const row = APP.checklist.find((r) => r.item === 'sessions')!;
    fireEvent.click(screen.getByRole('button', { name: `Show the findings failing “${row.label}”` }));
    await waitFor(() =>
      expect(
        items(region)
          .map((li) => li.dataset.rule)
          .sort(),
      ).toEqual(
        APP.findings
          .filter((f) => row.fingerprints.includes(f.fingerprint))
          .map((f) => f.ruleId)
          .sort(),
      ),
    );
    fireEvent.click(within(region).getByRole('button', { name: 'Show all' }));
    await waitFor(() => expect(items(region)).toHaveLength(APP.findings.length));
  });
});

describe('accept risk', () => {
  it('needs a reason (an alert tied to the field), defaults to 90 days, and moves the finding to its own section', async () => {
    const api = show(APP);
    const region = await findingsRegion();
    const li = items(region).find((x) => x.dataset.rule === high.ruleId)!;
    fireEvent.click(within(li).getAllByRole('button')[0]!);
    fireEvent.click(within(li).getByRole('button', { name: 'Accept risk…' }));
    const form = within(li).getByRole('form', { name: `Accept the risk of “${high.title}”` });
    const reason = within(form).getByRole('textbox', { name: 'Reason (required)' });
    // Keyboard-first: the cursor is in the reason as soon as the form opens.
    await waitFor(() => expect(document.activeElement).toBe(reason));
    expect((within(form).getByRole('combobox', { name: /Accept for/ }) as HTMLSelectElement).value).toBe('90');
    fireEvent.submit(form);
    const alert = within(form).getByRole('alert');
    expect(alert.textContent).toMatch(/Give a reason/);
    expect(reason.getAttribute('aria-describedby')).toBe(alert.id);
    expect(api.decisions!.acceptRisk).not.toHaveBeenCalled();

    fireEvent.input(reason, { target: { value: 'Demo app, no real users until March' } });
    fireEvent.change(within(form).getByRole('combobox', { name: /Accept for/ }), { target: { value: '30' } });
    const before = Date.now();
    fireEvent.submit(form);
    await waitFor(() => expect(api.decisions!.acceptRisk).toHaveBeenCalled());
    const [scope, risk, tabId] = (api.decisions!.acceptRisk as ReturnType<typeof vi.fn>).mock.calls[0]!;
    expect(scope).toBe(APP.origin);
    expect(tabId).toBe(TAB.id);
    expect(risk).toMatchObject({ fingerprint: high.fingerprint, reason: 'Demo app, no real users until March', severity: 'high', ruleId: high.ruleId });
    expect(risk.expiresAt - before).toBeGreaterThanOrEqual(30 * 86_400_000 - 1000);
    expect(risk.expiresAt - before).toBeLessThan(31 * 86_400_000);

    const acceptedSection = await screen.findByRole('region', { name: 'Accepted risks' });
    expect(items(acceptedSection).map((x) => x.dataset.rule)).toContain(high.ruleId);
    expect(items(region).map((x) => x.dataset.rule)).not.toContain(high.ruleId);
    // Not counted in the verdict or the severity counts.
    const n = urgent(APP) - 1;
    expect(verdictLine()).toMatch(n ? new RegExp(`^${n} blockers? before publishing`) : /^No blockers/);
  });

  it('a stored acceptance holds; a finding more severe than when accepted, or expired, comes back', async () => {
    const base = { reason: 'ok for now', acceptedAt: NOW, expiresAt: Date.now() + 86_400_000 };
    const others = APP.findings.filter((f) => f.severity === 'high' && f.fingerprint !== high.fingerprint);
    const dec = decisions([
      { ...base, fingerprint: high.fingerprint, severity: 'high' },
      ...(others[0] ? [{ ...base, fingerprint: others[0].fingerprint, severity: 'medium' as const }] : []),
      ...(others[1] ? [{ ...base, fingerprint: others[1].fingerprint, severity: 'high' as const, expiresAt: Date.now() - 1 }] : []),
    ]);
    show(APP, { decisions: dec });
    const acceptedSection = await screen.findByRole('region', { name: 'Accepted risks' });
    expect(items(acceptedSection).map((x) => x.dataset.rule)).toEqual([high.ruleId]);
    const open = items(await findingsRegion()).map((x) => x.dataset.rule);
    for (const o of others.slice(0, 2)) expect(open).toContain(o.ruleId);
    // "Stop accepting" brings it back.
    const li = items(acceptedSection)[0]!;
    fireEvent.click(within(li).getAllByRole('button')[0]!);
    fireEvent.click(within(li).getByRole('button', { name: 'Stop accepting' }));
    await waitFor(() => expect(dec.unacceptRisk).toHaveBeenCalledWith(APP.origin, high.fingerprint, TAB.id, APP));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Accepted risks' })).toBeNull());
  });
});

describe('filters and duplicates', () => {
  it('filters by severity and by area (from the audit’s rule metadata), saying how many are shown', async () => {
    show(APP);
    const region = await findingsRegion();
    const severity = within(region).getByRole('combobox', { name: 'Severity' });
    fireEvent.change(severity, { target: { value: 'high' } });
    await waitFor(() => expect(items(region).every((li) => li.dataset.severity === 'high')).toBe(true));
    expect(within(region).getByText(new RegExp(`^${items(region).length} of \\d+ findings shown$`))).toBeTruthy();
    fireEvent.change(severity, { target: { value: 'all' } });
    const area = within(region).getByRole('combobox', { name: 'Area' }) as HTMLSelectElement;
    const labels = [...area.options].map((o) => o.textContent);
    expect(labels).toContain('Cookies');
    expect(labels).toContain('Security headers');
    fireEvent.change(area, { target: { value: 'cookies' } });
    await waitFor(() =>
      expect(
        items(region)
          .map((li) => li.dataset.rule)
          .every((id) => APP.rules[id!]?.category === 'cookies'),
      ).toBe(true),
    );
    expect(items(region).length).toBeGreaterThan(0);
  });

  it('the same finding seen on several pages (same fingerprint) is one item with a count', async () => {
    const f = APP.findings[0]!;
    const twice: Audit = { ...APP, findings: [...APP.findings, { ...f, location: { ...f.location, url: 'https://app.example.com/other' } }, { ...f }] };
    show(twice);
    const region = await findingsRegion();
    expect(items(region)).toHaveLength(APP.findings.length);
    const li = items(region).find((x) => x.dataset.count === '3')!;
    expect(within(li).getByText('(seen 3 times)', { exact: false })).toBeTruthy();
  });
});

describe('builder and live app together; show me; export', () => {
  const REF = 'abcdefghijklmnopqrst';
  const dash: Audit = {
    ...APP,
    origin: `https://supabase.com/dashboard/project/${REF}`,
    url: `https://supabase.com/dashboard/project/${REF}/editor`,
    context: 'builder',
    findings: [
      {
        ...APP.findings[0]!,
        ruleId: 'supabase-rls-disabled',
        severity: 'critical',
        title: 'RLS disabled',
        fingerprint: 'f00dfeedf00dfeed',
        location: { kind: 'builder', name: 'public.profiles' },
      },
    ],
    rules: { 'supabase-rls-disabled': { category: 'supabase', checklist: 'least-privilege' } },
  };

  it('shows what the builder says and what the live app exposes in one list, each tagged', async () => {
    show(APP, { loadLinked: vi.fn(async () => [dash]) });
    const region = await findingsRegion();
    await waitFor(() => expect(items(region)).toHaveLength(APP.findings.length + 1));
    const builderItem = items(region).find((li) => li.dataset.rule === 'supabase-rls-disabled')!;
    expect(within(builderItem).getByText('Builder')).toBeTruthy();
    expect(within(items(region).find((li) => li !== builderItem)!).getByText('Live app')).toBeTruthy();
    expect(verdictLine()).toMatch(new RegExp(`^${urgent(APP) + 1} blockers`));
  });

  it('"Show me" on a builder finding asks the page to highlight it, and says when it is not there', async () => {
    const showInPage = vi.fn(async () => ({ shown: false }));
    show(dash, { showInPage });
    const region = await findingsRegion();
    const li = items(region)[0]!;
    fireEvent.click(within(li).getAllByRole('button')[0]!);
    fireEvent.click(within(li).getByRole('button', { name: 'Show me' }));
    await waitFor(() =>
      expect(
        within(li)
          .getAllByRole('status')
          .some((x) => /Not found on this page/.test(x.textContent ?? '')),
      ).toBe(true),
    );
    expect(showInPage).toHaveBeenCalledWith(TAB.id, dash.findings[0], dash);
  });

  it('"Show me" on a Glide builder finding: highlighted, or where to go with a link to the builder page', async () => {
    const glideAudit: Audit = {
      ...dash,
      url: 'https://go.glideapps.com/app/AbCdEfGhIj0123456789/layout',
      origin: 'https://go.glideapps.com/app/AbCdEfGhIj0123456789',
      findings: [
        {
          ...dash.findings[0]!,
          ruleId: 'glide-no-row-owner',
          title: 'No row owner',
          fingerprint: 'aaaabbbbccccdddd',
          location: { kind: 'builder', name: 'Data → Customers' },
        },
      ],
      rules: { 'glide-no-row-owner': { category: 'glide', checklist: 'least-privilege' } },
    };
    const link = 'https://go.glideapps.com/app/AbCdEfGhIj0123456789/data';
    const showInPage = vi.fn().mockResolvedValueOnce({ shown: false, where: 'Data → the table “Customers”', link }).mockResolvedValueOnce({ shown: true });
    const api = show(glideAudit, { showInPage });
    const region = await findingsRegion();
    const li = items(region)[0]!;
    fireEvent.click(within(li).getAllByRole('button')[0]!);
    fireEvent.click(within(li).getByRole('button', { name: 'Show me' }));
    await waitFor(() =>
      expect(
        within(li)
          .getAllByRole('status')
          .some((x) => x.textContent === 'Not on screen. Go to Data → the table “Customers”.'),
      ).toBe(true),
    );
    fireEvent.click(within(li).getByRole('button', { name: 'Open it in the builder' }));
    expect(api.open).toHaveBeenCalledWith(link);
    fireEvent.click(within(li).getByRole('button', { name: 'Show me' }));
    await waitFor(() =>
      expect(
        within(li)
          .getAllByRole('status')
          .some((x) => x.textContent === 'Highlighted in the page.'),
      ).toBe(true),
    );
    expect(within(li).queryByRole('button', { name: 'Open it in the builder' })).toBeNull();
    expect(showInPage).toHaveBeenCalledWith(TAB.id, glideAudit.findings[0], glideAudit);
  });

  it('no "Show me" on a deployed app’s findings', async () => {
    show(APP, { showInPage: vi.fn() });
    const region = await findingsRegion();
    const li = items(region)[0]!;
    fireEvent.click(within(li).getAllByRole('button')[0]!);
    expect(within(li).queryByRole('button', { name: 'Show me' })).toBeNull();
  });

  it('exports the audit with the accepted risks, and offers the baseline only when there are some', async () => {
    const exportReport = vi.fn(async () => undefined);
    show(APP, { exportReport });
    const exp = await screen.findByRole('region', { name: 'Export' });
    expect(within(exp).queryByRole('button', { name: /baseline/ })).toBeNull();
    fireEvent.click(within(exp).getByRole('button', { name: 'Export the report as SARIF 2.1.0, for code scanning' }));
    await waitFor(() => expect(within(exp).getByRole('status').textContent).toBe('SARIF saved.'));
    expect(exportReport).toHaveBeenCalledWith('sarif', APP, []);
  });
});

describe('organisation policy in the popup', () => {
  it('severity overrides by rule category change what is shown and counted; a required item not done is a blocker', async () => {
    show(APP, { loadPolicy: vi.fn(async () => ({ severityOverrides: { cookies: 'low' as const }, requiredChecklistItems: ['admin-mfa' as const] })) });
    const region = await findingsRegion();
    await waitFor(() =>
      expect(
        items(region)
          .filter((li) => APP.rules[li.dataset.rule!]?.category === 'cookies')
          .every((li) => li.dataset.severity === 'low'),
      ).toBe(true),
    );
    const remainingUrgent = new Set(
      APP.findings.filter((f) => (f.severity === 'high' || f.severity === 'critical') && APP.rules[f.ruleId]?.category !== 'cookies').map((f) => f.fingerprint),
    ).size;
    expect(verdictLine()).toMatch(new RegExp(`^${remainingUrgent + 1} blockers? before publishing`));
  });
});

describe('a deployed Glide app and its builder together', () => {
  const gOpts = { mode: 'click' as const, fullAccess: true, retentionDays: 30, startedAt: NOW, now: Date.now() };
  const play = buildAudit(glideApp({ signIn: 'absent' }, `https://go.glideapps.com/play/${GLIDE_APP_ID}`), DEPLOYED_RULES, gOpts);
  const builder = buildAudit(glide({ tables: [PEOPLE] }), BUILDER_RULES, gOpts);

  it('links /play/<appId> to go.glideapps.com/app/<appId> and shows what the builder says in the same list', async () => {
    const loadLinked = vi.fn(async () => [builder]);
    const api = show(play, { loadLinked });
    const region = await findingsRegion();
    const links = screen.getByRole('region', { name: 'Builder and live app' });
    await waitFor(() => expect(within(links).getByText(/Glide builder: what it says is in the list below/)).toBeTruthy());
    fireEvent.click(within(links).getByRole('button', { name: 'Open the Glide builder' }));
    expect(api.open).toHaveBeenCalledWith(`https://go.glideapps.com/app/${GLIDE_APP_ID}/layout`);
    await waitFor(() => expect(items(region).some((li) => within(li).queryByText('Builder'))).toBe(true));
    expect(items(region).some((li) => li.dataset.rule === 'glide-no-row-owner')).toBe(true);
  });

  it('not audited in the builder yet: says so, with the way there', async () => {
    show(play, { loadLinked: vi.fn(async () => []) });
    await findingsRegion();
    const links = screen.getByRole('region', { name: 'Builder and live app' });
    expect(within(links).getByText(/Glide builder: not audited there yet/)).toBeTruthy();
  });
});

describe('organisation policy in the exports', () => {
  it('the popup exports the audit at the policy’s severities (engine/overrides.ts), and the file says so', async () => {
    const exportReport = vi.fn(async () => undefined);
    show(APP, { exportReport, loadPolicy: vi.fn(async () => ({ severityOverrides: { cookies: 'info' as const } })) });
    const region = await findingsRegion();
    await waitFor(() =>
      expect(
        items(region)
          .filter((li) => APP.rules[li.dataset.rule!]?.category === 'cookies')
          .every((li) => li.dataset.severity === 'info'),
      ).toBe(true),
    );
    const exp = screen.getByRole('region', { name: 'Export' });
    fireEvent.click(within(exp).getByRole('button', { name: 'Export the report as JSON (versioned schema)' }));
    await waitFor(() => expect(exportReport).toHaveBeenCalled());
    const sent = (exportReport.mock.calls[0] as unknown as [string, Audit])[1];
    const cookies = sent.findings.filter((f) => APP.rules[f.ruleId]?.category === 'cookies');
    expect(cookies.length).toBeGreaterThan(0);
    expect(cookies.every((f) => f.severity === 'info')).toBe(true);
    const file = buildExport('json', sent, [], {}, NOW);
    const json = JSON.parse(file.text) as { findings: { severity: string; ruleSeverity?: string; category: string }[] };
    expect(json.findings.filter((f) => f.category === 'cookies').every((f) => f.severity === 'info')).toBe(true);
    expect(json.findings.some((f) => f.ruleSeverity === 'high')).toBe(true);
    expect(buildExport('markdown', sent, [], {}, NOW).text).toContain('info (policy; rule: high)');
  });
});

describe('a large audit', () => {
  it('paints the most severe findings first and every finding right after (300 findings, all shown)', async () => {
    const sev = ['critical', 'high', 'medium', 'low', 'info'] as const;
    const big: Audit = {
      ...APP,
      findings: Array.from({ length: 300 }, (_, i) => ({
        ...APP.findings[i % APP.findings.length]!,
        severity: sev[i % 5]!,
        fingerprint: (i + 1).toString(16).padStart(16, '0'),
      })),
    };
    show(big);
    const region = await findingsRegion();
    await waitFor(() => expect(items(region)).toHaveLength(300));
    expect(items(region)[0]!.dataset.severity).toBe('critical');
    expect(verdictLine()).toMatch(/^120 blockers before publishing/);
  });
});
