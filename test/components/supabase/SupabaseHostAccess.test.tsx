/**
 * The popup's offer to read a Supabase app's own requests to its project (components/supabase/SupabaseHostAccess.tsx):
 * shown when the audit found a project whose address the extension may not access, explained in plain words, one
 * permission request for the site and the project's address, and nothing shown once it is granted.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildAudit } from '@/engine/audit';
import { checklist } from '@/engine/checklist';
import { guideForFinding } from '@/engine/fix';
import type { AuditReply } from '@/utils/messages';
import { ALL_RULES, DEPLOYED_RULES, ruleById } from '@/rules';
import type { PopupApi } from '@/components/popup-api';
import { Popup } from '@/components/Popup';
import { supabaseHosts } from '@/components/supabase/SupabaseHostAccess';
import { fakePopupApi } from '../fake-api';
import { NOW, evidence } from '../../helpers/evidence';
import { REF, supabaseEvidence } from '../../helpers/supabase';

const TAB = { id: 7, url: 'https://app.example.com/' };
const opts = { mode: 'click' as const, fullAccess: true, retentionDays: 30, startedAt: NOW - 1200, now: NOW };
const APP = buildAudit(supabaseEvidence([{ tables: [{ name: 'profiles', requested: true }], skipped: 'no-consent' }]), DEPLOYED_RULES, opts);
const PLAIN = buildAudit(evidence(), DEPLOYED_RULES, opts);
const PROJECT = `${REF}.supabase.co`;

const reply = (audit: typeof APP): AuditReply => ({ ok: true, audit });
const show = (api: PopupApi) => render(<Popup api={api} guideFor={(f, a) => guideForFinding(f, a, ruleById)} checklistFor={(a) => checklist(a, ALL_RULES)} />);
/** The site granted (what the headless command and an earlier click grant), `projectGranted` for the project. */
const access = (projectGranted: boolean) =>
  vi.fn(async (origin: string) => origin === 'https://app.example.com' || (projectGranted && origin === `https://${PROJECT}`));

afterEach(() => cleanup());

describe('reading a Supabase app’s own requests', () => {
  it('offers the project’s address when the site is granted but not the project, and says what is read', async () => {
    const api = fakePopupApi(TAB, async () => reply(APP), { hasAccess: access(false) });
    show(api);
    const offer = await screen.findByTestId('supabase-host-access', {}, { timeout: 5000 });
    expect(screen.getByTestId('supabase-host').textContent).toBe(PROJECT);
    expect(offer.textContent).toMatch(/column names/);
    expect(offer.textContent).toMatch(/how many rows came back/);
    expect(offer.textContent).toMatch(/Row values are never read or stored/);
    expect(api.hasAccess).toHaveBeenCalledWith(`https://${PROJECT}`);
    // The site line still says the site is watched: only the project's address is missing.
    expect(screen.getByRole('button', { name: 'Stop watching this site' })).toBeTruthy();
  });

  it('one click asks for the site and the project in one request, then says to reload the page', async () => {
    const api = fakePopupApi(TAB, async () => reply(APP), { hasAccess: access(false) });
    show(api);
    fireEvent.click(await screen.findByRole('button', { name: 'Allow reading this app’s Supabase requests' }, { timeout: 5000 }));
    await waitFor(() => expect(screen.getByTestId('supabase-host-access').getAttribute('data-state')).toBe('granted'));
    expect(api.requestAccess).toHaveBeenCalledTimes(1);
    expect(api.requestAccess).toHaveBeenCalledWith('https://app.example.com', [PROJECT]);
    expect(screen.getByTestId('supabase-host-access').textContent).toMatch(/Reload the app’s page/);
  });

  it('goes once “Allow full audit of this site” has granted the project too (checked again with the fresh audit)', async () => {
    let granted = false;
    const api = fakePopupApi(TAB, async () => reply({ ...APP, createdAt: APP.createdAt + (granted ? 1 : 0) }), {
      hasAccess: vi.fn(async (origin: string) => granted || origin === 'https://app.example.com'),
      revokeAccess: vi.fn(async () => true),
      requestAccess: vi.fn(async () => {
        granted = true;
        return true;
      }),
    });
    // The site is granted: "Stop watching" revokes, then "Allow full audit" asks for the site and the project.
    show(api);
    await screen.findByTestId('supabase-host-access', {}, { timeout: 5000 });
    granted = false;
    fireEvent.click(screen.getByRole('button', { name: 'Stop watching this site' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Allow full audit of this site' }, { timeout: 5000 }));
    await waitFor(() => expect(api.requestAccess).toHaveBeenCalledWith('https://app.example.com', [PROJECT]));
    await waitFor(() => expect(screen.queryByTestId('supabase-host-access')).toBeNull(), { timeout: 5000 });
  });

  it('a refusal is said, and the offer stays', async () => {
    const api = fakePopupApi(TAB, async () => reply(APP), { hasAccess: access(false), requestAccess: vi.fn(async () => false) });
    show(api);
    fireEvent.click(await screen.findByRole('button', { name: 'Allow reading this app’s Supabase requests' }, { timeout: 5000 }));
    await waitFor(() => expect(screen.getByTestId('supabase-host-access').getAttribute('data-state')).toBe('refused'));
    expect(screen.getByTestId('supabase-host-access').textContent).toMatch(/Not allowed/);
    expect(screen.getByRole('button', { name: 'Allow reading this app’s Supabase requests' })).toBeTruthy();
  });

  it('is not shown once the project’s address is granted, nor for an app without a Supabase project', async () => {
    const granted = fakePopupApi(TAB, async () => reply(APP), { hasAccess: access(true) });
    show(granted);
    await screen.findByText(/Audited/);
    await waitFor(() => expect(granted.hasAccess).toHaveBeenCalledWith(`https://${PROJECT}`));
    expect(screen.queryByTestId('supabase-host-access')).toBeNull();
    cleanup();
    const plain = fakePopupApi(TAB, async () => reply(PLAIN), { hasAccess: access(false) });
    show(plain);
    await screen.findByText(/Audited/);
    expect(screen.queryByTestId('supabase-host-access')).toBeNull();
    expect(plain.hasAccess).not.toHaveBeenCalledWith(expect.stringContaining('supabase.co'));
  });

  it('asks only for well-formed project addresses (refs come from a page)', () => {
    const hostile = {
      ...APP,
      supabase: { ...APP.supabase!, projects: [...APP.supabase!.projects, { ...APP.supabase!.projects[0]!, ref: 'evil.example/x' }] },
    };
    expect(supabaseHosts(hostile as typeof APP)).toEqual([PROJECT]);
  });
});
