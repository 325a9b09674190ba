/** badge.ts: the toolbar badge counts high and critical findings. */
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { buildAudit, type Audit } from '@/engine/audit';
import type { Finding } from '@/engine/finding';
import type { Severity } from '@/engine/severity';
import { DEPLOYED_RULES } from '@/rules';
import { forgetPolicy, showBadge, urgentCount } from '@/entrypoints/background/badge';
import { NOW, evidence } from '../../helpers/evidence';

const TAB = 3;

function withFindings(severities: Severity[]): Audit {
  const base = buildAudit(evidence(), DEPLOYED_RULES, { mode: 'click', fullAccess: true, retentionDays: 30, startedAt: NOW, now: NOW });
  const template = base.findings[0]!;
  const findings: Finding[] = severities.map((severity, i) => ({ ...template, severity, fingerprint: `fp${i}` }));
  return { ...base, findings };
}

const text = () => fakeBrowser.action.getBadgeText({ tabId: TAB });
const title = () => fakeBrowser.action.getTitle({ tabId: TAB });

describe('urgentCount', () => {
  it('counts high and critical only', () => {
    expect(urgentCount(withFindings(['critical', 'high', 'medium', 'low', 'info', 'high']))).toBe(3);
  });

  it('accepted risks do not count until they expire or the finding gets more severe (issue 13)', () => {
    const audit = withFindings(['critical', 'high', 'high']);
    const risk = (fingerprint: string, severity: Severity, expiresAt = NOW + 1000) => ({ fingerprint, severity, reason: 'demo', acceptedAt: NOW, expiresAt });
    expect(urgentCount(audit, [risk('fp0', 'critical'), risk('fp1', 'high')], NOW)).toBe(1);
    expect(urgentCount(audit, [risk('fp0', 'critical', NOW - 1)], NOW)).toBe(3);
    expect(urgentCount(audit, [risk('fp0', 'high')], NOW)).toBe(3);
  });
});

describe('showBadge', () => {
  it('badge text = number of high + critical findings', async () => {
    await showBadge(TAB, withFindings(['high', 'medium', 'critical', 'low']));
    expect(await text()).toBe('2');
    expect(await title()).toBe('Micro-App Auditor — 2 high or critical findings');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({ tabId: TAB })).toEqual([0x8b, 0, 0, 255]);
  });

  it('high only: the lighter red, singular title', async () => {
    await showBadge(TAB, withFindings(['high', 'low']));
    expect(await text()).toBe('1');
    expect(await title()).toBe('Micro-App Auditor — 1 high or critical finding');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({ tabId: TAB })).toEqual([0xc6, 0x28, 0x28, 255]);
  });

  it('empty when there are no high or critical findings', async () => {
    await showBadge(TAB, withFindings(['high']));
    await showBadge(TAB, withFindings(['medium', 'low', 'info']));
    expect(await text()).toBe('');
    await showBadge(TAB, withFindings([]));
    expect(await text()).toBe('');
  });

  it("caps at '99+'", async () => {
    await showBadge(TAB, withFindings(Array.from({ length: 99 }, () => 'high' as const)));
    expect(await text()).toBe('99');
    await showBadge(TAB, withFindings(Array.from({ length: 250 }, () => 'critical' as const)));
    expect(await text()).toBe('99+');
  });

  it('no audit: empty badge, plain title', async () => {
    await showBadge(TAB, withFindings(['critical']));
    await showBadge(TAB, undefined);
    expect(await text()).toBe('');
    expect(await title()).toBe('Micro-App Auditor');
  });

  it('an accepted critical finding neither counts nor turns the badge dark red', async () => {
    const spy = vi.spyOn(fakeBrowser.action, 'setBadgeBackgroundColor');
    await showBadge(TAB, withFindings(['critical', 'high']), [
      { fingerprint: 'fp0', severity: 'critical', reason: 'demo', acceptedAt: NOW, expiresAt: Date.now() + 60_000 },
    ]);
    expect(await text()).toBe('1');
    expect(spy).toHaveBeenLastCalledWith({ tabId: TAB, color: '#c62828' });
    spy.mockRestore();
  });

  it('is per tab', async () => {
    await showBadge(1, withFindings(['critical']));
    await showBadge(2, withFindings([]));
    expect(await fakeBrowser.action.getBadgeText({ tabId: 1 })).toBe('1');
    expect(await fakeBrowser.action.getBadgeText({ tabId: 2 })).toBe('');
  });

  it('a closed tab (the action API rejects) is not an error', async () => {
    const spy = vi.spyOn(fakeBrowser.action, 'setBadgeText').mockRejectedValueOnce(new Error('No tab with id: 3.'));
    await expect(showBadge(TAB, withFindings(['high']))).resolves.toBeUndefined();
    spy.mockRestore();
  });
});

describe('the organisation policy’s severity overrides (engine/overrides.ts)', () => {
  it('urgentCount counts at the policy’s severities, by rule id or category', () => {
    const audit = withFindings(['critical', 'high', 'medium']);
    const rule = audit.findings[0]!.ruleId;
    expect(urgentCount(audit, [], NOW, { [rule]: 'low' })).toBe(0);
    expect(urgentCount(audit, [], NOW, { [rule]: 'high' })).toBe(3);
    expect(urgentCount(audit, [], NOW)).toBe(2);
    const category = audit.rules[rule]!.category;
    expect(urgentCount(audit, [], NOW, { [category]: 'info' })).toBe(0);
  });

  it('showBadge reads the policy from managed storage when the caller has none', async () => {
    const audit = withFindings(['critical', 'high', 'medium']);
    await fakeBrowser.storage.managed.set({ severityOverrides: { [audit.findings[0]!.ruleId]: 'low' } });
    forgetPolicy(); // what storage.onChanged (area "managed") does in the browser
    try {
      await showBadge(TAB, audit);
      expect(await text()).toBe('');
      expect(await title()).toBe('Micro-App Auditor — 0 high or critical findings');
      // The caller's overrides (the background passes the ones it built the audit with) win over a second read.
      await showBadge(TAB, audit, [], NOW, {});
      expect(await text()).toBe('2');
    } finally {
      await fakeBrowser.storage.managed.clear();
      forgetPolicy();
    }
  });

  it('a bad policy field is ignored: the rules’ severities count', async () => {
    await fakeBrowser.storage.managed.set({ severityOverrides: { headers: 'urgent' } });
    forgetPolicy();
    try {
      await showBadge(TAB, withFindings(['high']));
      expect(await text()).toBe('1');
    } finally {
      await fakeBrowser.storage.managed.clear();
      forgetPolicy();
    }
  });
});
