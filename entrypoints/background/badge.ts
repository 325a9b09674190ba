import { browser } from 'wxt/browser';
import type { Audit } from '@/engine/audit-schema';
import { isAccepted, type AcceptedRisk } from '@/engine/checklist';
import type { Finding } from '@/engine/finding';
import { applySeverityOverrides, type SeverityOverrides } from '@/engine/overrides';
import { readPolicy } from '@/utils/policy';
import { withTimeout } from './timeout';

/**
 * Number of high and critical findings not accepted as risks, at the organisation policy's severities
 * (engine/overrides.ts): what the toolbar badge shows.
 */
export function urgentCount(
  audit: Pick<Audit, 'findings' | 'rules'>,
  accepted: readonly AcceptedRisk[] = [],
  now = Date.now(),
  overrides?: SeverityOverrides,
): number {
  return countUrgent(applySeverityOverrides(audit, overrides).findings, accepted, now);
}

const countUrgent = (findings: readonly Finding[], accepted: readonly AcceptedRisk[], now: number) =>
  findings.filter((f) => (f.severity === 'critical' || f.severity === 'high') && !isAccepted(f, accepted, now)).length;

/** How long reading managed storage may take: in Chromium it can stall, and no audit may wait on it. */
const POLICY_READ_MS = 1000;
/** After a read that failed or stalled, the next try comes no sooner than this. */
const POLICY_RETRY_MS = 60_000;
let policyRead: Promise<SeverityOverrides | undefined> | undefined;
let watching = false;

/**
 * The policy's severity overrides, read from managed storage (none when there is no policy or it cannot be read in
 * time). Read once and kept until an administrator changes the policy (storage.onChanged, area "managed"): every
 * audit and badge asks for it.
 */
/** Drops the policy read so far: the next audit reads it again (an administrator changed it). */
export function forgetPolicy(): void {
  policyRead = undefined;
}

export function policyOverrides(): Promise<SeverityOverrides | undefined> {
  if (!watching) {
    watching = true;
    browser.storage?.onChanged?.addListener((_changes, area) => {
      if (area === 'managed') forgetPolicy();
    });
  }
  policyRead ??= withTimeout(readPolicy(browser.storage?.managed), POLICY_READ_MS, 'The organisation policy (managed storage)').then(
    (r) => r.policy.severityOverrides,
    () => {
      setTimeout(() => (policyRead = undefined), POLICY_RETRY_MS);
      return undefined;
    },
  );
  return policyRead;
}

/** `overrides`: the policy's severities when the caller has them; else read from managed storage. */
export async function showBadge(
  tabId: number,
  audit: Audit | undefined,
  accepted: readonly AcceptedRisk[] = [],
  now = Date.now(),
  overrides?: SeverityOverrides,
): Promise<void> {
  const shown = audit ? applySeverityOverrides(audit, overrides ?? (await policyOverrides())) : undefined;
  const n = shown ? countUrgent(shown.findings, accepted, now) : 0;
  const critical = shown?.findings.some((f) => f.severity === 'critical' && !isAccepted(f, accepted, now)) ?? false;
  try {
    await browser.action.setBadgeText({ tabId, text: n === 0 ? '' : n > 99 ? '99+' : String(n) });
    if (n > 0) await browser.action.setBadgeBackgroundColor({ tabId, color: critical ? '#8b0000' : '#c62828' });
    await browser.action.setTitle({
      tabId,
      title: shown ? `Micro-App Auditor — ${n} high or critical finding${n === 1 ? '' : 's'}` : 'Micro-App Auditor',
    });
  } catch {
    /* the tab may have closed meanwhile */
  }
}
