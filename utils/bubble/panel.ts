/**
 * What the in-page panel in the Bubble editor shows, and the Data → Privacy markers: built in the background from
 * the stored audit (never from the page), sent to our content script over its own runtime port, and checked again
 * there without zod (content scripts stay small: this file imports no code). Pure.
 * The background builds updates with ./panel-build.ts.
 *
 * "Where to fix" is the editor tab a rule's fix guide links to (utils/bubble/links.ts: `tab=Data&subtab=Privacy`,
 * `tab=Settings`, `tab=Plugins`, `tab=BackendWorkflows`, `tab=Design`; shared/reference/builders.md "Bubble → Editor").
 */
import type { Severity } from '../../engine/severity';

/** The port our Bubble content script opens to the background. */
export const PANEL_PORT = 'maa-bubble-panel';

export const PANEL_LIMITS = { items: 100, title: 200, name: 160, where: 60, link: 1000, publicTypes: 300 } as const;

export interface PanelItem {
  id: string;
  severity: Severity;
  title: string;
  /** What the finding is about (a type, a call, a workflow), when the rule names it. */
  name?: string;
  /** The editor tab to open ("Data → Privacy"). */
  where?: string;
  /** That tab of this app in the editor (https://bubble.io/page?id=…), built by us from the rule's template. */
  link?: string;
}

export interface PanelUpdate {
  type: 'bubble:panel';
  /** The worst findings first, at most PANEL_LIMITS.items. */
  items: PanelItem[];
  /** All findings of the audit (the panel may show fewer). */
  total: number;
  /** Names the model gives types without privacy rules (display names and keys), for the Data → Privacy markers. */
  publicTypes: string[];
  /** The user closed the panel for this app in this browser session. */
  dismissed: boolean;
}

/** Messages the content script sends on the port. */
export type PanelRequest = { type: 'bubble:panel:dismiss' };

export const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };
const SEVERITIES = Object.keys(SEVERITY_RANK) as Severity[];

const PLACES: [RegExp, string][] = [
  [/[?&]tab=Data&subtab=Privacy\b/, 'Data → Privacy'],
  [/[?&]tab=Data\b/, 'Data'],
  [/[?&]tab=Settings\b/, 'Settings'],
  [/[?&]tab=Plugins\b/, 'Plugins → API Connector'],
  [/[?&]tab=BackendWorkflows\b/, 'Backend workflows'],
  [/[?&]tab=Workflow\b/, 'Workflow'],
  [/[?&]tab=Design\b/, 'Design'],
];

/** The editor tab a deep link opens, in the editor's words, or undefined for a link elsewhere. */
export function placeOf(link: string | undefined): string | undefined {
  if (!link?.startsWith('https://bubble.io/page?')) return undefined;
  return PLACES.find(([re]) => re.test(link))?.[1];
}

/** Display name and key of a type from the rules' label "Display (key)" or "key" (utils/bubble/classify.ts typeLabel). */
export function typeNames(label: string): string[] {
  const m = /^(.+) \(([^()]+)\)$/.exec(label);
  return m ? [m[1]!, m[2]!] : [label];
}

const str = (v: unknown, max: number): string | undefined => (typeof v === 'string' && v.length <= max ? v : undefined);

/**
 * Checks a panel update as received by the content script (zod-free): anything malformed is dropped, never shown.
 * Links must open Bubble's editor.
 */
export function parsePanelUpdate(raw: unknown): PanelUpdate | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  if (r.type !== 'bubble:panel' || !Array.isArray(r.items) || !Array.isArray(r.publicTypes)) return undefined;
  if (typeof r.total !== 'number' || !Number.isFinite(r.total) || r.total < 0) return undefined;
  const items: PanelItem[] = [];
  for (const it of r.items.slice(0, PANEL_LIMITS.items)) {
    if (!it || typeof it !== 'object') continue;
    const o = it as Record<string, unknown>;
    const id = str(o.id, 64);
    const title = str(o.title, PANEL_LIMITS.title);
    const severity = SEVERITIES.find((s) => s === o.severity);
    if (!id || !title || !severity) continue;
    const name = str(o.name, PANEL_LIMITS.name);
    const where = str(o.where, PANEL_LIMITS.where);
    const link = str(o.link, PANEL_LIMITS.link);
    items.push({
      id,
      severity,
      title,
      ...(name ? { name } : {}),
      ...(where ? { where } : {}),
      ...(link && /^https:\/\/bubble\.io\/page\?[^\s"'<>]*$/.test(link) ? { link } : {}),
    });
  }
  const publicTypes = r.publicTypes
    .slice(0, PANEL_LIMITS.publicTypes)
    .map((n) => str(n, PANEL_LIMITS.name))
    .filter((n): n is string => !!n && n.trim().length > 0);
  return { type: 'bubble:panel', items, total: Math.floor(r.total), publicTypes, dismissed: r.dismissed === true };
}
