/** Builds the Bubble editor panel's content from a stored audit (background side of ./panel.ts). Pure. */
import { fillTemplate } from '../../engine/fix';
import type { Audit } from '../../engine/audit-schema';
import { clip } from '../evidence/bounded';
import { PANEL_LIMITS, SEVERITY_RANK, placeOf, typeNames, type PanelItem, type PanelUpdate } from './panel';

/** Deep-link templates and titles by rule id (the rules' fix guides). */
export type GuideLinks = Record<string, string | undefined>;

/**
 * The panel's content for one stored audit. `links` maps a rule id to its fix guide's deep-link template, filled
 * with the audit's and the finding's values (engine/fix.ts fillTemplate: values URL-encoded, a missing one → no link).
 */
export function panelUpdate(audit: Pick<Audit, 'findings' | 'vars'> | undefined, links: GuideLinks, dismissed = false): PanelUpdate {
  const findings = [...(audit?.findings ?? [])].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  const items: PanelItem[] = findings.slice(0, PANEL_LIMITS.items).map((f) => {
    const link = fillTemplate(links[f.ruleId], { ...(audit?.vars ?? {}), ...(f.vars ?? {}) });
    const where = placeOf(link);
    return {
      id: f.fingerprint,
      severity: f.severity,
      title: clip(f.title, PANEL_LIMITS.title),
      ...(f.location.name ? { name: clip(f.location.name, PANEL_LIMITS.name) } : {}),
      ...(where ? { where } : {}),
      ...(where && link ? { link } : {}),
    };
  });
  const publicTypes = new Set<string>();
  for (const f of findings)
    if (f.ruleId === 'bubble-type-public' && f.messageId === 'no-rules' && f.location.name)
      for (const n of typeNames(f.location.name)) if (publicTypes.size < PANEL_LIMITS.publicTypes) publicTypes.add(clip(n, PANEL_LIMITS.name));
  return { type: 'bubble:panel', items, total: findings.length, publicTypes: [...publicTypes], dismissed };
}
