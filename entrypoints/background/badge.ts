import { browser } from 'wxt/browser';
import type { Audit } from '@/engine/audit';
import { isAccepted, type AcceptedRisk } from '@/engine/checklist';

/** Number of high and critical findings not accepted as risks: what the toolbar badge shows. */
export function urgentCount(audit: Pick<Audit, 'findings'>, accepted: readonly AcceptedRisk[] = [], now = Date.now()): number {
  return audit.findings.filter((f) => (f.severity === 'critical' || f.severity === 'high') && !isAccepted(f, accepted, now)).length;
}

export async function showBadge(tabId: number, audit: Audit | undefined, accepted: readonly AcceptedRisk[] = [], now = Date.now()): Promise<void> {
  const n = audit ? urgentCount(audit, accepted, now) : 0;
  const critical = audit?.findings.some((f) => f.severity === 'critical' && !isAccepted(f, accepted, now)) ?? false;
  try {
    await browser.action.setBadgeText({ tabId, text: n === 0 ? '' : n > 99 ? '99+' : String(n) });
    if (n > 0) await browser.action.setBadgeBackgroundColor({ tabId, color: critical ? '#8b0000' : '#c62828' });
    await browser.action.setTitle({
      tabId,
      title: audit ? `Micro-App Auditor — ${n} high or critical finding${n === 1 ? '' : 's'}` : 'Micro-App Auditor',
    });
  } catch {
    /* the tab may have closed meanwhile */
  }
}
