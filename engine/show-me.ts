/**
 * "Show me" for Bubble and Glide builder findings: what to look for in the builder's page (visible text, never a
 * class), where to go when it is not on screen, and the message the popup sends the tab's content script
 * (in-page/show-me.ts). Pure and zod-free: the popup and the content scripts load it. The Supabase dashboard's
 * markers have their own message (utils/highlight.ts).
 *
 * What each finding's location names comes from its rule (rules/bubble/*, rules/glide/*, secret-in-builder-field);
 * the wording of the editors' screens from utils/bubble/links.ts (UI) and entrypoints/glide.content/anchors.ts.
 */
import type { Audit } from './audit-schema';
import type { Finding } from './finding';

export const SHOW_ME = 'page:show-me' as const;
export const SHOW_ME_LIMITS = { texts: 4, text: 200 } as const;

/** Popup → content script: highlight the first element whose visible text (or a field's label) is one of `texts`. */
export interface ShowMeMessage {
  type: typeof SHOW_ME;
  texts: string[];
  /** Look for a form field labelled so (a pasted key), not a text. */
  field: boolean;
}

export interface ShowMePlan {
  builder: 'bubble' | 'glide';
  message: ShowMeMessage;
  /** Where the element is in the builder, for when it is not on screen ("Data → Privacy, the type “User”"). */
  where: string;
  /** The builder page to open (our own link templates filled with the audited project's id); absent if unknown. */
  link?: string;
}

/** What the popup shows after a "Show me": highlighted, or where to go. */
export interface ShowMeResult {
  shown: boolean;
  where?: string;
  link?: string;
}

/** The app id of a Bubble editor address (https://bubble.io/page?…&id=<app>…), the parameter wherever it stands. */
function bubbleApp(url: string): string | undefined {
  if (!/^https:\/\/bubble\.io\/page\?/.test(url)) return undefined;
  const id = new URLSearchParams(url.slice(url.indexOf('?') + 1).split('#')[0]).get('id');
  return id && /^[a-z0-9-]{1,100}$/i.test(id) ? id.toLowerCase() : undefined;
}
const GLIDE_BUILDER = /^https:\/\/go\.glideapps\.com\/app\/([A-Za-z0-9]{1,64})(?:[/?#]|$)/;
const ARROW = /\s*(?:→|->)\s*/;

const clipText = (s: string) => s.trim().slice(0, SHOW_ME_LIMITS.text);
const msg = (texts: (string | undefined)[], field = false): ShowMeMessage => ({
  type: SHOW_ME,
  texts: [...new Set(texts.filter((t): t is string => !!t && t.trim().length > 0).map(clipText))].slice(0, SHOW_ME_LIMITS.texts),
  field,
});

/** The builder an audit is about, and its project id, from the audited address only (never a page string). */
export function builderProject(audit: Pick<Audit, 'origin' | 'url'>): { builder: 'bubble' | 'glide'; id: string } | undefined {
  for (const u of [audit.origin, audit.url]) {
    const b = bubbleApp(u);
    if (b) return { builder: 'bubble', id: b };
    const g = GLIDE_BUILDER.exec(u)?.[1];
    if (g) return { builder: 'glide', id: g };
  }
  return undefined;
}

const BUBBLE = (app: string) => `https://bubble.io/page?id=${encodeURIComponent(app)}`;
const GLIDE = (app: string) => `https://go.glideapps.com/app/${encodeURIComponent(app)}`;

/**
 * The plan for a builder finding (location kind `builder`, in a builder audit), else undefined. The texts are the
 * finding's own names (a type, a table, a field label) or the editors' documented labels.
 */
export function showMePlan(f: Pick<Finding, 'ruleId' | 'location'>, audit: Pick<Audit, 'origin' | 'url' | 'context'>): ShowMePlan | undefined {
  if (f.location.kind !== 'builder' || audit.context !== 'builder' || !f.location.name) return undefined;
  const project = builderProject(audit);
  if (!project) return undefined;
  const name = f.location.name.trim();
  if (project.builder === 'bubble') return bubblePlan(f.ruleId, name, project.id);
  return glidePlan(f.ruleId, name, project.id);
}

function bubblePlan(ruleId: string, name: string, app: string): ShowMePlan {
  const editor = BUBBLE(app);
  const plan = (message: ShowMeMessage, where: string, link: string): ShowMePlan => ({ builder: 'bubble', message, where, link });
  if (ruleId === 'secret-in-builder-field') return plan(msg([name], true), `the field “${name}” in the Bubble editor`, editor);
  if (name === 'Settings → General') return plan(msg(['Application rights', 'General']), 'Settings → General, “Application rights”', `${editor}&tab=Settings`);
  if (name === 'Settings → API') return plan(msg(['Enable Data API', 'API']), 'Settings → API', `${editor}&tab=Settings`);
  if (name === 'Backend workflows') return plan(msg(['Backend workflows']), 'Backend workflows', `${editor}&tab=BackendWorkflows`);
  const wf = /^backend workflow (.+)$/.exec(name)?.[1];
  if (wf) return plan(msg([wf]), `Backend workflows, the workflow “${wf}”`, `${editor}&tab=BackendWorkflows`);
  // An API Connector finding names the API and call ("Stripe → Charge", or "Stripe (shared)" for the API's shared
  // headers and parameters, utils/bubble/findings.ts callLabel): the editor lists them in Plugins → API Connector.
  if (ruleId === 'bubble-api-connector-key') {
    const [api, call] = name.split(ARROW);
    const apiName = api!.replace(/\s*\(shared\)$/, '');
    return plan(msg([call, apiName]), `Plugins → API Connector, “${name}”`, `${editor}&tab=Plugins`);
  }
  if (ruleId === 'bubble-secret-in-app') {
    const last = name.split(ARROW).at(-1)!;
    return plan(msg([last, name]), name, name.startsWith('Plugins') ? `${editor}&tab=Plugins` : editor);
  }
  // A data type, as typeLabel() names it: "Display (key)" or "key". Data → Privacy lists types by display name.
  const typed = /^(.+) \(([^()]+)\)$/.exec(name);
  const display = typed?.[1] ?? name;
  return plan(msg([display, typed?.[2]]), `Data → Privacy, the type “${display}”`, `${editor}&tab=Data&subtab=Privacy`);
}

function glidePlan(ruleId: string, name: string, app: string): ShowMePlan {
  const builder = GLIDE(app);
  const plan = (message: ShowMeMessage, where: string, link: string): ShowMePlan => ({ builder: 'glide', message, where, link });
  if (ruleId === 'secret-in-builder-field' || ruleId === 'glide-secret-in-integration' || ruleId === 'glide-team-token' || ruleId === 'glide-webhook-exposed')
    return plan(msg([name], true), `the field “${name}” in the Glide builder`, builder);
  if (name === 'Settings → Access') return plan(msg(['Access']), 'Settings → Access', `${builder}/settings/privacy`);
  if (name === 'Workflows') return plan(msg(['Workflows']), 'Workflows', `${builder}/workflows`);
  if (name === 'Data') return plan(msg(['Data sources', 'Data']), 'Data, the table list (“Data sources”)', `${builder}/data`);
  const table = /^Data → (.+)$/.exec(name)?.[1];
  if (table) return plan(msg([table]), `Data → the table “${table}” (its columns in the data editor)`, `${builder}/data`);
  const [screen] = name.split(ARROW);
  return plan(msg([name.split(ARROW).at(-1), screen]), name, builder);
}

/** Whether a tab's address is the builder a plan is for (the popup sends "Show me" only there). */
export function onShowMeHost(builder: ShowMePlan['builder'], url: string | undefined): boolean {
  if (!url) return false;
  return builder === 'bubble' ? bubbleApp(url) !== undefined : GLIDE_BUILDER.test(url);
}

/** The message if it is exactly a show-me request within bounds, else undefined (checked where it arrives). */
export function readShowMe(raw: unknown): ShowMeMessage | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const m = raw as Record<string, unknown>;
  if (m.type !== SHOW_ME || typeof m.field !== 'boolean' || !Array.isArray(m.texts) || Object.keys(m).length !== 3) return undefined;
  const texts = m.texts as unknown[];
  if (texts.length === 0 || texts.length > SHOW_ME_LIMITS.texts) return undefined;
  if (!texts.every((t) => typeof t === 'string' && t.trim().length > 0 && t.length <= SHOW_ME_LIMITS.text)) return undefined;
  return { type: SHOW_ME, texts: texts as string[], field: m.field };
}
