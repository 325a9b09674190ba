/**
 * The settings page with a fake SettingsApi: consent listed and revoked, retention (capped by policy) and "keep
 * nothing after the browser closes", monitored sites added and removed, the organisation policy shown read-only.
 * Accessibility asserted explicitly (no axe-core installed): sections are regions named by their headings, every
 * control is found by role and accessible name, and the add-site form works from the keyboard (Enter submits).
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Settings } from '@/components/settings/Settings';
import type { SettingsApi } from '@/components/settings/settings-api';
import type { ConsentRecord } from '@/utils/storage/keys';
import type { Policy } from '@/utils/policy';
import { monitoredOrigins } from '@/entrypoints/options/api';

const consent = (check: ConsentRecord['check'], subject: string): ConsentRecord => ({
  version: 2,
  check,
  subject,
  grantedAt: Date.UTC(2026, 10, 1),
  via: 'popup',
});

function fakeApi(policy: Policy = {}, problems: string[] = []) {
  let consents = [consent('supabase-exposure-check', 'https://app.example.com'), consent('supabase-deep-audit', 'abcdefghijklmnopqrst')];
  let settings = { retentionDays: 30 } as { retentionDays: number; sessionOnly?: boolean };
  let monitored = ['https://app.example.com'];
  const api = {
    listConsents: vi.fn(async () => consents),
    revokeConsent: vi.fn(async (check: string, subject: string) => void (consents = consents.filter((c) => !(c.check === check && c.subject === subject)))),
    getSettings: vi.fn(async () => settings),
    setSettings: vi.fn(async (patch) => (settings = { ...settings, ...patch })),
    listMonitored: vi.fn(async () => monitored),
    startMonitoring: vi.fn(async (o: string) => {
      monitored = [...monitored, o];
      return true;
    }),
    stopMonitoring: vi.fn(async (o: string) => {
      monitored = monitored.filter((m) => m !== o);
      return true;
    }),
    loadPolicy: vi.fn(async () => ({ policy, problems })),
  } satisfies SettingsApi;
  return api;
}

afterEach(() => cleanup());

describe('settings page', () => {
  it('has four named sections', async () => {
    render(<Settings api={fakeApi()} />);
    for (const name of ['Consent for active checks', 'Stored audit results', 'Continuous monitoring', 'Organisation policy'])
      expect(screen.getByRole('region', { name })).toBeTruthy();
    await screen.findByText('No policy is set for this browser. Administrators: see docs/policy.md.');
  });

  it('lists consent and revokes one', async () => {
    const api = fakeApi();
    render(<Settings api={api} />);
    const list = await screen.findByRole('list', { name: 'Consent given' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    fireEvent.click(within(list).getByRole('button', { name: 'Revoke Supabase deep audit on abcdefghijklmnopqrst' }));
    await waitFor(() => expect(within(screen.getByRole('list', { name: 'Consent given' })).getAllByRole('listitem')).toHaveLength(1));
    expect(api.revokeConsent).toHaveBeenCalledWith('supabase-deep-audit', 'abcdefghijklmnopqrst');
  });

  it('retention: days and "keep nothing after the browser closes"', async () => {
    const api = fakeApi();
    render(<Settings api={api} />);
    const select = (await screen.findByRole('combobox', { name: /Keep audit results for/ })) as HTMLSelectElement;
    expect(select.value).toBe('30');
    fireEvent.change(select, { target: { value: '7' } });
    await waitFor(() => expect(api.setSettings).toHaveBeenCalledWith({ retentionDays: 7 }));
    const box = screen.getByRole('checkbox', { name: 'Keep nothing after the browser closes' }) as HTMLInputElement;
    expect(box.checked).toBe(false);
    fireEvent.click(box);
    await waitFor(() => expect(api.setSettings).toHaveBeenLastCalledWith({ sessionOnly: true }));
    await waitFor(() => expect(box.checked).toBe(true));
  });

  it('monitoring: stop watching a site; watch a new one from the keyboard; a bad address is explained', async () => {
    const api = fakeApi();
    render(<Settings api={api} />);
    const region = screen.getByRole('region', { name: 'Continuous monitoring' });
    fireEvent.click(await within(region).findByRole('button', { name: 'Stop watching https://app.example.com' }));
    await waitFor(() => expect(within(region).getByText('No site is watched.')).toBeTruthy());
    const input = within(region).getByRole('textbox', { name: 'Site' });
    fireEvent.input(input, { target: { value: 'not a url at all' } });
    fireEvent.submit(within(region).getByRole('form', { name: 'Watch a site' }));
    await waitFor(() => expect(within(region).getByRole('status').textContent).toMatch(/Give a site address/));
    fireEvent.input(input, { target: { value: 'shop.example.com' } });
    fireEvent.submit(within(region).getByRole('form', { name: 'Watch a site' }));
    await waitFor(() => expect(api.startMonitoring).toHaveBeenCalledWith('https://shop.example.com'));
    await within(region).findByRole('button', { name: 'Stop watching https://shop.example.com' });
  });

  it('shows the organisation policy read-only, its problems, and what it changes', async () => {
    render(
      <Settings
        api={fakeApi({ allowActiveChecks: false, requiredChecklistItems: ['admin-mfa'], maxRetentionDays: 30, severityOverrides: { headers: 'low' } }, [
          'unknown policy field "x": ignored',
        ])}
      />,
    );
    const region = screen.getByRole('region', { name: 'Organisation policy' });
    await within(region).findByText('MFA required for admin functions');
    expect(within(region).getByText('off')).toBeTruthy();
    expect(within(region).getByText('headers: low')).toBeTruthy();
    expect(within(region).getByRole('list', { name: 'Policy problems' }).textContent).toContain('unknown policy field');
    expect(await screen.findByText(/policy turns active checks off/)).toBeTruthy();
    const select = (await screen.findByRole('combobox', { name: /Keep audit results for/ })) as HTMLSelectElement;
    expect([...select.options].map((o) => o.value)).toEqual(['1', '7', '30']);
  });
});

describe('monitoredOrigins', () => {
  it('one origin per host (https first), builders and Supabase project hosts left out', () => {
    expect(
      monitoredOrigins([
        'http://app.example.com/*',
        'https://app.example.com/*',
        'https://bubble.io/*',
        'https://abcdefghijklmnopqrst.supabase.co/*',
        'http://legacy.example.com/*',
        '<all_urls>',
      ]),
    ).toEqual(['<all_urls>', 'http://legacy.example.com', 'https://app.example.com']);
  });
});
