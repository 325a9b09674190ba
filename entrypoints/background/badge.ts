import { browser } from 'wxt/browser';
import type { Audit } from '@/engine/audit';

/** Number of high and critical findings: what the toolbar badge shows. */
export function urgentCount(audit: Pick<Audit, 'findings'>): number {
  return audit.findings.filter((f) => f.severity === 'critical' || f.severity === 'high').length;
}

export async function showBadge(tabId: number, audit: Audit | undefined): Promise<void> {
  const n = audit ? urgentCount(audit) : 0;
  const critical = audit?.findings.some((f) => f.severity === 'critical') ?? false;
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
