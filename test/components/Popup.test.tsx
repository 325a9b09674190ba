/**
 * The popup with a fake PopupApi (no browser), real rule data and audits built from hand-made evidence, rendered
 * in happy-dom with @testing-library/preact. Elements are found by role and accessible name, as a screen reader would.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildAudit } from '@/engine/audit';
import { checklist } from '@/engine/checklist';
import { compareFindings } from '@/engine/engine';
import type { EvidenceInput } from '@/utils/evidence/evidence';
import { guideForFinding } from '@/engine/fix';
import type { AuditReply } from '@/utils/messages';
import { SEVERITIES } from '@/engine/severity';
import { ALL_RULES, DEPLOYED_RULES, ruleById } from '@/rules';
import type { PopupApi } from '@/components/popup-api';
import { Popup } from '@/components/Popup';
import { fakePopupApi, type FakeApi } from './fake-api';
import { NOW, cookie, evidence } from '../helpers/evidence';

const TAB = { id: 7, url: 'https://app.example.com/' };
const opts = { mode: 'click' as const, fullAccess: true, retentionDays: 30, startedAt: NOW - 1200, now: NOW };

/** A Bubble app (app name known from its header), unhardened: findings of every severity but critical. */
const BUBBLE = buildAudit(
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
/** Bubble recognised by a header that does not name the app: deep links needing {app} cannot be filled. */
const BUBBLE_NO_NAME = buildAudit(evidence({ headers: [['x-bubble-perf', '1']] }), DEPLOYED_RULES, opts);
/** Served the way the hardened fixture is: nothing to report. */
const CLEAN = buildAudit(
  evidence({
    headers: [
      ['Strict-Transport-Security', 'max-age=63072000; includeSubDomains; preload'],
      ['Content-Security-Policy', "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"],
      ['X-Frame-Options', 'DENY'],
      ['X-Content-Type-Options', 'nosniff'],
      ['Referrer-Policy', 'strict-origin-when-cross-origin'],
      ['Permissions-Policy', 'camera=()'],
    ],
    redirect: {
      status: 'checked',
      httpUrl: 'http://app.example.com/',
      finalUrl: 'https://app.example.com/',
      hops: [{ url: 'http://app.example.com/', status: 301, location: 'https://app.example.com/' }],
    },
  }),
  DEPLOYED_RULES,
  opts,
);
/** Only a weak, page-made signal for Webflow; and a quick audit with gaps. */
const UNCONFIRMED = buildAudit(
  {
    ...evidence({ page: { rootAttributes: { 'data-wf-site': 'abc' } } }),
    gaps: [
      { collector: 'access', message: 'Quick audit: HttpOnly cookies need full access to this site.' },
      { collector: 'page', message: 'The page is very large; only the first part of its elements was checked.' },
    ],
  } satisfies EvidenceInput,
  DEPLOYED_RULES,
  { ...opts, fullAccess: false },
);

function fakeApi(over: Partial<PopupApi> = {}): FakeApi {
  return fakePopupApi(TAB, async (): Promise<AuditReply> => ({ ok: true, audit: BUBBLE }), over);
}

function show(api: PopupApi, onShown?: (what: 'stored' | 'fresh') => void) {
  return render(
    <Popup
      api={api}
      guideFor={(finding, audit) => guideForFinding(finding, audit, ruleById)}
      checklistFor={(audit) => checklist(audit, ALL_RULES)}
      {...(onShown ? { onShown } : {})}
    />,
  );
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * Keyboard activation of the focused element. Browsers activate a focused <button> on Enter (keydown) and Space
 * (keyup); happy-dom does not implement that default action, so this does it, for native buttons only: an element
 * that is not a real button must handle the keys itself, as it must in a browser.
 */
function press(key: 'Enter' | ' ') {
  const el = document.activeElement as HTMLElement;
  const notCancelledDown = fireEvent.keyDown(el, { key, code: key === ' ' ? 'Space' : 'Enter' });
  if (key === 'Enter' && notCancelledDown && el instanceof HTMLButtonElement) el.click();
  const notCancelledUp = fireEvent.keyUp(el, { key, code: key === ' ' ? 'Space' : 'Enter' });
  if (key === ' ' && notCancelledUp && el instanceof HTMLButtonElement) el.click();
}

const findingsList = () =>
  within(screen.getByRole('region', { name: 'Findings' }))
    .getAllByRole('listitem')
    .filter((li) => li.classList.contains('finding'));
const toggleFor = (ruleId: string) => within(findingsList().find((li) => li.dataset.rule === ruleId)!).getAllByRole('button')[0]!;
async function open(ruleId: string) {
  await screen.findByRole('region', { name: 'Findings' });
  const button = toggleFor(ruleId);
  fireEvent.click(button);
  const title = BUBBLE.findings.find((f) => f.ruleId === ruleId)?.title ?? ruleId;
  return screen.getByRole('region', { name: `${title}: details and fix` });
}

afterEach(() => {
  cleanup();
});

describe('states', () => {
  it('loading: a status while the tab is looked up', async () => {
    const tab = deferred<typeof TAB>();
    const api = fakeApi({ currentTab: vi.fn(() => tab.promise) });
    show(api);
    expect(screen.getByRole('status')).toHaveProperty('textContent', 'Loading…');
    expect(screen.getByRole('main').getAttribute('aria-busy')).toBe('true');
    tab.resolve(TAB);
    await screen.findByRole('region', { name: 'Findings' });
    expect(screen.queryByText('Loading…')).toBeNull();
    expect(screen.getByRole('main').getAttribute('aria-busy')).toBe('false');
  });

  it.each([
    ['a chrome:// tab', { id: 1, url: 'chrome://extensions/' }],
    ['a file: tab', { id: 1, url: 'file:///home/me/index.html' }],
    ['a tab without an address', { id: 1 }],
    ['no tab at all', undefined],
  ])('not auditable: %s (nothing is run)', async (_name, tab) => {
    const api = fakeApi({ currentTab: vi.fn(async () => tab) });
    show(api);
    const status = await screen.findByText(/This page cannot be audited/);
    expect(status.getAttribute('role')).toBe('status');
    expect(api.runAudit).not.toHaveBeenCalled();
    expect(api.loadAudit).not.toHaveBeenCalled();
  });

  it('not auditable as the background says (e.g. the page changed meanwhile)', async () => {
    const api = fakeApi({
      runAudit: vi.fn(async (): Promise<AuditReply> => ({ ok: false, kind: 'not-auditable', message: 'Browser pages cannot be audited.' })),
    });
    show(api);
    expect((await screen.findByText('Browser pages cannot be audited.')).getAttribute('role')).toBe('status');
  });

  it('error: an alert with "Try again", which runs the audit again', async () => {
    const api = fakeApi();
    api.runAudit.mockResolvedValueOnce({ ok: false, kind: 'error', message: 'The audit failed: boom' });
    show(api);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The audit failed: boom');
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    await screen.findByRole('region', { name: 'Findings' });
    expect(api.runAudit).toHaveBeenCalledTimes(2);
    expect(api.runAudit).toHaveBeenLastCalledWith(TAB.id);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('error while a stored audit is shown keeps the stored audit on screen', async () => {
    const api = fakeApi({ loadAudit: vi.fn(async () => BUBBLE) });
    api.runAudit.mockResolvedValueOnce({ ok: false, kind: 'error', message: 'The audit failed: offline' });
    show(api);
    expect((await screen.findByRole('alert')).textContent).toContain('offline');
    expect(findingsList()).toHaveLength(BUBBLE.findings.length);
  });

  it('an api that throws shows the error', async () => {
    show(fakeApi({ currentTab: vi.fn(async () => Promise.reject(new Error('tabs API unavailable'))) }));
    expect((await screen.findByRole('alert')).textContent).toContain('tabs API unavailable');
  });

  it('the stored audit is shown first, then replaced by the fresh one', async () => {
    const fresh = deferred<AuditReply>();
    const onShown = vi.fn();
    const api = fakeApi({ loadAudit: vi.fn(async () => BUBBLE), runAudit: vi.fn(() => fresh.promise) });
    show(api, onShown);
    await screen.findByRole('region', { name: 'Findings' });
    expect(api.loadAudit).toHaveBeenCalledWith('https://app.example.com');
    expect(onShown.mock.calls).toEqual([['stored']]);
    expect(screen.getByRole('status').textContent).toBe('Auditing…');
    expect(screen.queryByRole('button', { name: 'Re-run' })).toBeNull();

    fresh.resolve({ ok: true, audit: CLEAN });
    await screen.findByText(/Nothing found/);
    expect(onShown.mock.calls).toEqual([['stored'], ['fresh']]);
    expect(screen.queryByRole('region', { name: 'Findings' })).toBeNull();
    expect(screen.queryByText('Auditing…')).toBeNull();
  });

  it('without a stored audit only "fresh" is reported', async () => {
    const onShown = vi.fn();
    show(fakeApi(), onShown);
    await screen.findByRole('region', { name: 'Findings' });
    expect(onShown.mock.calls).toEqual([['fresh']]);
  });

  it('empty state: "Nothing found" with the number of checks that passed', async () => {
    show(fakeApi({ runAudit: vi.fn(async (): Promise<AuditReply> => ({ ok: true, audit: CLEAN })) }));
    const empty = await screen.findByText(/Nothing found/);
    expect(empty.textContent).toBe(`Nothing found. ${CLEAN.evaluated.length} checks passed on this page.`);
    expect(CLEAN.findings).toHaveLength(0);
  });

  it('"Re-run" runs the audit again', async () => {
    const api = fakeApi();
    show(api);
    fireEvent.click(await screen.findByRole('button', { name: 'Re-run' }));
    await waitFor(() => expect(api.runAudit).toHaveBeenCalledTimes(2));
  });
});

describe('fix guides stored by the background', () => {
  it('are loaded after the findings are on screen, and shown when a finding is opened', async () => {
    const guides = Object.fromEntries(ALL_RULES.map((r) => [r.meta.id, r.meta.fix]));
    const loadGuides = vi.fn(async () => guides);
    const api = fakeApi({ loadGuides });
    render(<Popup api={api} guideFor={(f, a, g) => guideForFinding(f, a, (id) => g[id])} checklistFor={(a) => checklist(a, ALL_RULES)} />);
    const toggle = (await screen.findAllByRole('button', { expanded: false }))[0]!;
    await waitFor(() => expect(loadGuides).toHaveBeenCalledTimes(1));
    fireEvent.click(toggle);
    expect(await screen.findByText(/How to fix/)).toBeTruthy();
  });
});

describe('findings', () => {
  it('are listed most severe first, then by rule, as the audit gives them', async () => {
    show(fakeApi());
    await screen.findByRole('region', { name: 'Findings' });
    const shown = findingsList().map((li) => [li.dataset.severity, li.dataset.rule]);
    expect(shown).toEqual(BUBBLE.findings.map((f) => [f.severity, f.ruleId]));
    expect([...BUBBLE.findings].sort(compareFindings)).toEqual(BUBBLE.findings);
    const rank = shown.map(([s]) => SEVERITIES.indexOf(s as (typeof SEVERITIES)[number]));
    expect(rank).toEqual([...rank].sort((a, b) => a - b));
    expect(new Set(shown.map(([s]) => s)).size).toBeGreaterThanOrEqual(4);
  });

  it('counts findings by severity', async () => {
    show(fakeApi());
    const counts = within(await screen.findByRole('list', { name: 'Findings by severity' })).getAllByRole('listitem');
    expect(counts.map((li) => li.dataset.severity)).toEqual([...SEVERITIES]);
    for (const li of counts) {
      const n = BUBBLE.findings.filter((f) => f.severity === li.dataset.severity).length;
      expect(li.dataset.count).toBe(String(n));
      expect(li.textContent).toMatch(new RegExp(`^${n} `));
    }
    expect(counts.find((li) => li.dataset.severity === 'high')!.textContent).toBe('2 High');
  });

  it.each(['Enter', ' '] as const)('expand by keyboard (%j on the focused toggle): message, evidence and fix guide; aria-expanded toggles', async (key) => {
    show(fakeApi());
    await screen.findByRole('region', { name: 'Findings' });
    const f = BUBBLE.findings.find((x) => x.ruleId === 'clickjacking-unprotected')!;
    const toggle = screen.getByRole('button', { name: `Medium ${f.title} ${f.location.name}` });
    expect(toggle.tagName).toBe('BUTTON');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');

    toggle.focus();
    expect(document.activeElement).toBe(toggle);
    press(key);
    await waitFor(() => expect(toggle.getAttribute('aria-expanded')).toBe('true'));
    const panel = screen.getByRole('region', { name: `${f.title}: details and fix` });
    expect(toggle.getAttribute('aria-controls')).toBe(panel.id);
    expect(within(panel).getByText(f.message)).toBeTruthy();
    expect(within(panel).getByLabelText('Evidence').textContent).toBe(f.evidence);
    const fix = within(panel).getByRole('region', { name: 'How to fix' });
    expect(within(fix).getByRole('heading', { name: 'How to fix on Bubble' })).toBeTruthy();
    expect(within(fix).getByText('Bubble editor → Settings → General.')).toBeTruthy();

    toggle.focus();
    press(key);
    await waitFor(() => expect(toggle.getAttribute('aria-expanded')).toBe('false'));
    expect(screen.queryByRole('region', { name: `${f.title}: details and fix` })).toBeNull();
  });

  it('"Open settings" opens the filled deep link', async () => {
    const api = fakeApi();
    show(api);
    const panel = await open('clickjacking-unprotected');
    fireEvent.click(within(panel).getByRole('button', { name: 'Open settings on Bubble' }));
    expect(api.open).toHaveBeenCalledWith('https://bubble.io/page?id=tinypoll&tab=Settings&subtab=General');
  });

  it('"Open settings" only appears when the guide has a link', async () => {
    show(fakeApi());
    // version-disclosure: no variant has a link.
    const panel = await open('version-disclosure');
    expect(within(panel).queryAllByRole('button', { name: /Open settings/ })).toHaveLength(0);
    fireEvent.click(toggleFor('version-disclosure'));
    // hsts-missing: the Bubble steps have no link; only the Cloudflare variant under "Other hosts" has one.
    const hsts = await open('hsts-missing');
    expect(within(hsts).queryByRole('button', { name: 'Open settings on Bubble' })).toBeNull();
    expect(
      within(hsts)
        .getAllByRole('button', { name: /Open settings/ })
        .map((b) => b.getAttribute('aria-label')),
    ).toEqual(['Open settings on Cloudflare']);
  });

  it('no "Open settings" when the link cannot be filled (app name unknown)', async () => {
    show(fakeApi({ runAudit: vi.fn(async (): Promise<AuditReply> => ({ ok: true, audit: BUBBLE_NO_NAME })) }));
    await screen.findByRole('region', { name: 'Findings' });
    fireEvent.click(toggleFor('clickjacking-unprotected'));
    const panel = screen.getByRole('region', { name: /details and fix$/ });
    expect(within(panel).getByRole('heading', { name: 'How to fix on Bubble' })).toBeTruthy();
    expect(within(panel).queryByRole('button', { name: 'Open settings on Bubble' })).toBeNull();
  });

  it('"Copy" copies the snippet and announces it', async () => {
    const api = fakeApi();
    show(api);
    const panel = await open('version-disclosure');
    const guide = guideForFinding(BUBBLE.findings.find((f) => f.ruleId === 'version-disclosure')!, BUBBLE, ruleById)!;
    const copy = within(panel).getAllByRole('button', { name: 'Copy' })[0]!;
    const variant = copy.closest('.variant') as HTMLElement;
    fireEvent.click(copy);
    await waitFor(() => expect(copy.textContent).toBe('Copied'));
    expect(api.copy).toHaveBeenCalledWith(guide.primary.snippet!.code);
    expect(within(variant).getByRole('status').textContent).toMatch(/copied/i);
    // The button is described by the snippet it copies.
    expect(document.getElementById(copy.getAttribute('aria-describedby')!)!.textContent).toBe(guide.primary.snippet!.code);
  });

  it('"Copy" that fails says so, on the button and to screen readers', async () => {
    const api = fakeApi({ copy: vi.fn(async () => Promise.reject(new Error('denied'))) });
    show(api);
    const panel = await open('version-disclosure');
    const copy = within(panel).getAllByRole('button', { name: 'Copy' })[0]!;
    const variant = copy.closest('.variant') as HTMLElement;
    fireEvent.click(copy);
    await waitFor(() => expect(copy.textContent).toBe('Copy failed'));
    expect(within(variant).getByRole('status').textContent).toMatch(/copy failed/i);
  });

  it('"Other hosts" lists the other variants', async () => {
    show(fakeApi());
    const panel = await open('clickjacking-unprotected');
    const summary = within(panel).getByText(/^Other hosts/);
    expect(summary.tagName).toBe('SUMMARY');
    const guide = guideForFinding(BUBBLE.findings.find((f) => f.ruleId === 'clickjacking-unprotected')!, BUBBLE, ruleById)!;
    expect(summary.textContent).toBe(`Other hosts (${guide.others.map((o) => o.name).join(', ')})`);
    expect(guide.others.map((o) => o.name)).toEqual(expect.arrayContaining(['Any host', 'Netlify', 'Vercel', 'Cloudflare', 'Your own server']));
    const details = summary.parentElement!;
    for (const o of guide.others) expect(within(details).getByRole('heading', { name: o.name, level: 5 })).toBeTruthy();
  });
});

describe('audit details', () => {
  it('access toggle: "Allow full audit" requests access and re-runs; "Stop watching" revokes and re-runs', async () => {
    const api = fakeApi();
    show(api);
    fireEvent.click(await screen.findByRole('button', { name: 'Allow full audit of this site' }));
    await waitFor(() => expect(api.requestAccess).toHaveBeenCalledWith('https://app.example.com'));
    await waitFor(() => expect(api.runAudit).toHaveBeenCalledTimes(2));
    fireEvent.click(await screen.findByRole('button', { name: 'Stop watching this site' }));
    await waitFor(() => expect(api.revokeAccess).toHaveBeenCalledWith('https://app.example.com'));
    await waitFor(() => expect(api.runAudit).toHaveBeenCalledTimes(3));
    expect(await screen.findByRole('button', { name: 'Allow full audit of this site' })).toBeTruthy();
  });

  it('a refused permission prompt leaves the quick audit offered', async () => {
    const api = fakeApi({ requestAccess: vi.fn(async () => false) });
    show(api);
    fireEvent.click(await screen.findByRole('button', { name: 'Allow full audit of this site' }));
    await waitFor(() => expect(api.runAudit).toHaveBeenCalledTimes(2));
    expect(screen.getByRole('button', { name: 'Allow full audit of this site' })).toBeTruthy();
    expect(screen.getByText(/Quick audit\. Some checks need access/)).toBeTruthy();
  });

  it('lists the gaps, and says it was a quick audit', async () => {
    show(fakeApi({ runAudit: vi.fn(async (): Promise<AuditReply> => ({ ok: true, audit: UNCONFIRMED })) }));
    const gaps = within(await screen.findByRole('list', { name: 'Not checked' })).getAllByRole('listitem');
    expect(gaps.map((g) => g.textContent)).toEqual(UNCONFIRMED.gaps.map((g) => g.message));
    expect(screen.getByText(/quick audit$/)).toBeTruthy();
  });

  it('checklist rows with their states', async () => {
    show(fakeApi());
    await screen.findByRole('region', { name: 'Findings' });
    const rows = checklist(BUBBLE, ALL_RULES);
    const items = within(screen.getByText('Pre-publish checklist').parentElement!).getAllByRole('listitem');
    expect(items.map((li) => [li.dataset.item, li.dataset.state])).toEqual(rows.map((r) => [r.item, r.state]));
    expect(new Set(rows.map((r) => r.state))).toEqual(new Set(['pass', 'fail', 'unchecked']));
    const transport = items.find((li) => li.dataset.item === 'transport')!;
    const t = rows.find((r) => r.item === 'transport')!;
    expect(transport.textContent).toContain(`${t.label}: needs work${t.failing} to fix`);
    expect(items.find((li) => li.dataset.state === 'pass')!.textContent).toMatch(/: passes$/);
    expect(items.find((li) => li.dataset.state === 'unchecked')!.textContent).toMatch(/: can’t tell from hereCan’t tell from here\. /);
  });

  it('retention select shows the setting and persists a change', async () => {
    const api = fakeApi({ getRetentionDays: vi.fn(async () => 7) });
    show(api);
    const select = (await screen.findByRole('combobox', { name: /Keep audit results for/ })) as HTMLSelectElement;
    expect(select.value).toBe('7');
    expect([...select.options].map((o) => o.textContent)).toEqual(['1 day', '7 days', '30 days', '90 days', '365 days']);
    fireEvent.change(select, { target: { value: '90' } });
    expect(api.setRetentionDays).toHaveBeenCalledWith(90);
    expect(select.value).toBe('90');
  });

  it('platform header: detected platforms, with "(unconfirmed)" for low confidence', async () => {
    show(fakeApi());
    const platforms = await screen.findByTestId('platforms');
    expect(platforms.textContent).toBe('Bubble');
    expect(screen.getByText('app.example.com')).toBeTruthy();
    cleanup();

    show(fakeApi({ runAudit: vi.fn(async (): Promise<AuditReply> => ({ ok: true, audit: UNCONFIRMED })) }));
    expect((await screen.findByTestId('platforms')).textContent).toBe('Webflow (unconfirmed)');
    cleanup();

    show(fakeApi({ runAudit: vi.fn(async (): Promise<AuditReply> => ({ ok: true, audit: CLEAN })) }));
    expect((await screen.findByTestId('platforms')).textContent).toBe('Platform: unknown');
  });

  it('every interactive element has an accessible name', async () => {
    show(fakeApi());
    await screen.findByRole('region', { name: 'Findings' });
    for (const f of BUBBLE.findings) fireEvent.click(toggleFor(f.ruleId));
    await screen.findByRole('combobox', { name: /Keep audit results for/ });

    for (const role of ['button', 'link', 'combobox'] as const) {
      const all = screen.getAllByRole(role);
      const named = screen.getAllByRole(role, { name: /\S/ });
      expect(named, `${role}s without a name`).toHaveLength(all.length);
    }
    for (const summary of document.querySelectorAll('summary')) expect(summary.textContent!.trim()).not.toBe('');
    // Spot checks by role + name.
    expect(screen.getAllByRole('button', { name: 'Copy' }).length).toBeGreaterThan(0);
    expect(screen.getAllByRole('link', { name: 'Documentation' }).length).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: 'Open settings on Bubble' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Allow full audit of this site' })).toBeTruthy();
  });
});

// Audits used above really are what they claim.
describe('fixtures', () => {
  it('are consistent', () => {
    expect(BUBBLE.platforms.map((p) => [p.id, p.confidence])).toEqual([['bubble', 'high']]);
    expect(BUBBLE.vars).toEqual({ app: 'tinypoll' });
    expect(BUBBLE_NO_NAME.vars).toEqual({});
    expect(CLEAN.findings).toEqual([]);
    expect(UNCONFIRMED.platforms.map((p) => [p.id, p.confidence])).toEqual([['webflow', 'low']]);
  });
});
