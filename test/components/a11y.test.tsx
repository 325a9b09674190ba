/**
 * axe-core over the popup, the cockpit (findings with an open finding and its accept form, accepted risks, filters,
 * "Show me", exports, builder and live app together), the checklist and the settings page (with a policy and its
 * problems), rendered in happy-dom with the real engine's audits. The rules that need layout are off
 * (test/helpers/axe.ts says which and why); contrast and both themes are checked in real Chromium by
 * test/e2e/cockpit.e2e.test.ts.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildAudit, type Audit } from '@/engine/audit';
import { guideForFinding } from '@/engine/fix';
import { ALL_RULES, DEPLOYED_RULES, ruleById } from '@/rules';
import { checklist } from '@/engine/checklist';
import type { AuditReply } from '@/utils/messages';
import { Popup } from '@/components/Popup';
import { Settings } from '@/components/settings/Settings';
import type { SettingsApi } from '@/components/settings/settings-api';
import { fakePopupApi } from './fake-api';
import { axeViolations, usePageShell } from '../helpers/axe';
import { NOW, cookie, evidence } from '../helpers/evidence';

afterEach(() => cleanup());

const APP: Audit = buildAudit(
  evidence({
    headers: [
      ['x-bubble-appname', 'tinypoll'],
      ['server', 'nginx/1.2'],
    ],
    cookies: [cookie({ name: 'tinypoll_live_u2main', httpOnly: false, sameSite: 'none', secure: false })],
  }),
  DEPLOYED_RULES,
  { mode: 'click', fullAccess: true, retentionDays: 30, startedAt: NOW - 1200, now: Date.now() },
);
const high = APP.findings.find((f) => f.severity === 'high')!;

function renderPopup(audit: Audit, over: Parameters<typeof fakePopupApi>[2] = {}) {
  const api = fakePopupApi({ id: 7, url: 'https://app.example.com/' }, async (): Promise<AuditReply> => ({ ok: true, audit }), {
    decisions: {
      loadAccepted: vi.fn(async () => [
        { fingerprint: high.fingerprint, severity: 'high' as const, reason: 'Demo only', acceptedAt: NOW, expiresAt: Date.now() + 86_400_000 },
      ]),
      acceptRisk: vi.fn(async () => []),
      unacceptRisk: vi.fn(async () => []),
      loadConfirmations: vi.fn(async () => []),
      confirmItem: vi.fn(async () => []),
      clearConfirmations: vi.fn(async () => []),
    },
    exportReport: vi.fn(async () => undefined),
    showInPage: vi.fn(async () => ({ shown: false })),
    openSettings: vi.fn(),
    hasAccess: vi.fn(async () => false),
    ...over,
  });
  render(
    <Popup api={api} guideFor={(f, a) => guideForFinding(f, a, ruleById)} checklistFor={(a) => (a.checklist.length ? a.checklist : checklist(a, ALL_RULES))} />,
  );
  return api;
}

const expectNoViolations = async () => expect(await axeViolations()).toEqual([]);

describe('accessibility (axe-core)', () => {
  beforeEach(() => usePageShell('popup'));
  it('the popup while loading and when a page cannot be audited', async () => {
    const api = fakePopupApi({ id: 7, url: 'chrome://extensions' }, async () => ({ ok: false, kind: 'not-auditable', message: 'x' }));
    render(<Popup api={api} guideFor={() => undefined} checklistFor={() => []} />);
    await screen.findByText(/cannot be audited/);
    await expectNoViolations();
  });

  it('the cockpit: summary, verdict, findings with filters, an open finding and its accept form, accepted risks, exports', async () => {
    renderPopup(APP);
    const region = await screen.findByRole('region', { name: 'Findings' });
    await screen.findByText(/Accepted risks|accepted/i);
    const first = within(region)
      .getAllByRole('listitem')
      .find((li) => li.classList.contains('finding'))!;
    fireEvent.click(within(first).getAllByRole('button')[0]!);
    fireEvent.click(within(first).getByRole('button', { name: 'Accept risk…' }));
    // The form's error state too (reason missing).
    fireEvent.submit(within(first).getByRole('form'));
    await within(first).findByRole('alert');
    await expectNoViolations();
  });

  it('the checklist, expanded, with an item focused from its findings', async () => {
    renderPopup(APP);
    await screen.findByRole('region', { name: 'Findings' });
    const list = screen.getByText('Pre-publish checklist').closest('details')!;
    list.open = true;
    for (const d of Array.from(list.querySelectorAll('details'))) d.open = true;
    const show = within(list).queryAllByRole('button', { name: /^Show/ })[0];
    if (show) fireEvent.click(show);
    await expectNoViolations();
  });

  it('an error with the stored audit, and the builder and live app view', async () => {
    renderPopup(APP, {
      runAudit: vi.fn(async (): Promise<AuditReply> => ({ ok: false, kind: 'error', message: 'The audit failed: boom' })),
      loadAudit: vi.fn(async () => APP),
      loadLinked: vi.fn(async () => [{ ...APP, context: 'builder' as const, origin: 'https://bubble.io/page?id=tinypoll' }]),
    });
    await screen.findByRole('alert');
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Builder and live app' })).toBeTruthy());
    await expectNoViolations();
  });

  it('the settings page with consent, monitoring and a policy with problems', async () => {
    const api: SettingsApi = {
      listConsents: vi.fn(async () => [
        { version: 2 as const, check: 'supabase-exposure-check' as const, subject: 'https://app.example.com', grantedAt: NOW, via: 'popup' as const },
      ]),
      revokeConsent: vi.fn(async () => undefined),
      getSettings: vi.fn(async () => ({ retentionDays: 30 })),
      setSettings: vi.fn(async () => ({ retentionDays: 30 })),
      listMonitored: vi.fn(async () => ['https://app.example.com']),
      startMonitoring: vi.fn(async () => true),
      stopMonitoring: vi.fn(async () => true),
      loadPolicy: vi.fn(async () => ({
        policy: {
          allowActiveChecks: false,
          requiredChecklistItems: ['admin-mfa' as const],
          severityOverrides: { headers: 'low' as const },
          maxRetentionDays: 30,
        },
        problems: ['unknown policy field "x": ignored'],
      })),
    } as SettingsApi;
    await usePageShell('options');
    render(<Settings api={api} />);
    await screen.findByText(/unknown policy field/);
    await expectNoViolations();
  });
});

describe('the axe helper itself', () => {
  it('reports a real violation (the check is not vacuous)', async () => {
    await usePageShell('popup');
    // Built as HTML: the linter rightly refuses these in JSX.
    document.body.innerHTML = '<main><button type="button"></button><img src="x.png"></main>';
    const ids = (await axeViolations()).map((v) => v.id);
    expect(ids).toContain('button-name');
    expect(ids).toContain('image-alt');
  });
});
