/**
 * The pre-publish checklist: the items of the two guides our users follow (shared/seeds: the "Quick reference
 * checklist" of "Micro-App Security Checklist" and the "Checklist you can copy into your micro-app platform" of
 * "Safe Defaults for Micro-Apps"), in nine groups. A rule names one item in `meta.checklist`; an item no rule can
 * see from a browser is "can't tell from here" and says where to check. Pure and free of rule code: the popup loads
 * this module (the catalogue, the verdict, accepted risks and confirmations) without the rule catalogue.
 *
 * Everything here works from rule metadata (an audit's `rules` map: category and checklist item per rule), never
 * from rule ids, so new rule folders (Bubble, Glide) fit without a change.
 */
import type { Audit } from './audit-schema';
import type { Finding } from './finding';
import type { Rule } from './rule';
import { type Severity, severityRank } from './severity';

export const CHECKLIST_GROUPS = {
  secrets: 'Secrets',
  auth: 'Authentication',
  transport: 'Transport',
  'least-privilege': 'Least privilege',
  data: 'Data (classification, retention, encryption)',
  integrations: 'Integrations',
  'rate-limiting': 'Rate limiting & abuse',
  monitoring: 'Monitoring',
  compliance: 'Compliance',
} as const;
export type ChecklistGroup = keyof typeof CHECKLIST_GROUPS;

/** Which guide an item comes from: `quick` the Quick reference checklist, `copy` the platform checklist. */
type Source = 'quick' | 'copy';

/** Where to check an item the extension cannot see, per builder; `{ref}` `{app}` `{appId}` come from the audit. */
export interface WhereToCheck {
  /** One sentence: where a person looks. */
  text: string;
  links?: Partial<Record<'supabase' | 'bubble' | 'glide', string>>;
}

export interface ChecklistItemSpec {
  group: ChecklistGroup;
  label: string;
  from: Source[];
  /** Shown when no rule could tell (or no rule checks it): where a person checks it by hand. */
  where: WhereToCheck;
}

/*
 * Builder pages (vendor URLs; source: shared/reference/builders.md, "Dashboard", "Editor", "Builder" sections):
 * Supabase /dashboard/project/<ref>/auth/providers, /auth/mfa, /auth/policies, /settings/api-keys,
 * /integrations/cron/jobs, /advisors/security; Bubble bubble.io/page?id=<app>&tab=Settings|Data&subtab=Privacy|Plugins;
 * Glide go.glideapps.com/app/<appId>/settings/privacy, /data, /settings, /workflows.
 */
const SB = 'https://supabase.com/dashboard/project/{ref}';
const BUBBLE = 'https://bubble.io/page?id={app}';
const GLIDE = 'https://go.glideapps.com/app/{appId}';

/**
 * Every item, in display order. The ids the rules named before the groups existed (`secrets`, `auth`,
 * `least-privilege`, `transport`, `data-retention`, `integrations`, `monitoring`) are kept, so stored audits and
 * rules written against them stay valid.
 */
export const CHECKLIST_ITEMS = {
  secrets: {
    group: 'secrets',
    label: 'No secrets in the page, its scripts or builder fields',
    from: ['quick'],
    where: { text: 'Search the app’s code and builder fields for keys.' },
  },
  'secrets-store': {
    group: 'secrets',
    label: 'Secrets stored in the platform’s vault or a secrets manager',
    from: ['quick', 'copy'],
    where: {
      text: 'Check where each key is kept in your builder.',
      links: { supabase: `${SB}/settings/api-keys`, bubble: `${BUBBLE}&tab=Plugins`, glide: `${GLIDE}/settings` },
    },
  },
  'secrets-rotation': {
    group: 'secrets',
    label: 'Key rotation scheduled',
    from: ['quick'],
    where: { text: 'Check your secrets manager or team calendar for a rotation date.', links: { supabase: `${SB}/settings/api-keys` } },
  },
  auth: {
    group: 'auth',
    label: 'Sign-in required where data is private (SSO or a managed provider)',
    from: ['quick', 'copy'],
    where: {
      text: 'Check the app’s sign-in settings in your builder.',
      links: { supabase: `${SB}/auth/providers`, bubble: `${BUBBLE}&tab=Settings`, glide: `${GLIDE}/settings/privacy` },
    },
  },
  sessions: {
    group: 'auth',
    label: 'Session cookies protected (Secure, HttpOnly, SameSite, short-lived)',
    from: ['copy'],
    where: { text: 'Sign in to the deployed app and audit it again.' },
  },
  'admin-mfa': {
    group: 'auth',
    label: 'MFA required for admin functions',
    from: ['quick', 'copy'],
    where: { text: 'Check in your identity provider.', links: { supabase: `${SB}/auth/mfa` } },
  },
  transport: {
    group: 'transport',
    label: 'TLS enforced and HSTS configured',
    from: ['copy'],
    where: { text: 'Audit the deployed app (not only its builder).' },
  },
  hardening: {
    group: 'transport',
    label: 'Browser protections set (content security policy, framing, sniffing, referrer)',
    from: ['copy'],
    where: { text: 'Audit the deployed app with full access to see its headers.' },
  },
  'least-privilege': {
    group: 'least-privilege',
    label: 'Data and APIs open only to who needs them (row-level rules, privacy rules)',
    from: ['quick'],
    where: {
      text: 'Check the access rules of every table or data type.',
      links: { supabase: `${SB}/auth/policies`, bubble: `${BUBBLE}&tab=Data&subtab=Privacy`, glide: `${GLIDE}/data` },
    },
  },
  'service-account': {
    group: 'least-privilege',
    label: 'A service account with scoped permissions, not a personal admin key',
    from: ['quick'],
    where: { text: 'Check which account each integration signs in with.', links: { supabase: `${SB}/settings/api-keys`, bubble: `${BUBBLE}&tab=Plugins` } },
  },
  'admin-overrides': {
    group: 'least-privilege',
    label: 'Admin overrides require confirmation and are logged',
    from: ['copy'],
    where: { text: 'Check the admin pages and workflows of the app.', links: { bubble: `${BUBBLE}&tab=Workflow`, glide: `${GLIDE}/workflows` } },
  },
  'data-classification': {
    group: 'data',
    label: 'Data classified (what is personal or sensitive is known)',
    from: ['quick'],
    where: { text: 'Check your data inventory: list the fields that hold personal data.' },
  },
  'data-retention': {
    group: 'data',
    label: 'Default retention set and an automated purge scheduled',
    from: ['quick', 'copy'],
    where: {
      text: 'Check for a scheduled job that deletes old records.',
      links: { supabase: `${SB}/integrations/cron/jobs`, bubble: `${BUBBLE}&tab=BackendWorkflows`, glide: `${GLIDE}/workflows` },
    },
  },
  'data-encryption': {
    group: 'data',
    label: 'Personal data encrypted',
    from: ['quick'],
    where: { text: 'Check your platform’s encryption settings and which fields hold personal data.' },
  },
  'export-delete': {
    group: 'data',
    label: 'Export and delete endpoints secured and tested',
    from: ['copy'],
    where: { text: 'Try the app’s export and delete features as a signed-out and as another user.' },
  },
  integrations: {
    group: 'integrations',
    label: 'Webhooks signed and third-party code trusted',
    from: ['quick'],
    where: { text: 'Check each webhook and third-party script the app uses.', links: { bubble: `${BUBBLE}&tab=Plugins`, glide: `${GLIDE}/workflows` } },
  },
  'oauth-scopes': {
    group: 'integrations',
    label: 'OAuth scopes minimised and IP restrictions applied',
    from: ['quick'],
    where: { text: 'Check the scopes granted to each connected account in its provider.' },
  },
  'dependency-scan': {
    group: 'integrations',
    label: 'Dependency scan passed (no critical vulnerabilities)',
    from: ['copy'],
    where: { text: 'Run your dependency scanner on the app’s code.' },
  },
  'rate-limits': {
    group: 'rate-limiting',
    label: 'Edge rate limits set (per IP and per user)',
    from: ['copy'],
    where: { text: 'Check your CDN or host’s rate-limit rules.' },
  },
  monitoring: {
    group: 'monitoring',
    label: 'Auth and log alerts enabled; audit logs kept',
    from: ['quick', 'copy'],
    where: { text: 'Check your platform’s logs and alert settings.', links: { supabase: `${SB}/advisors/security` } },
  },
  'incident-playbook': {
    group: 'monitoring',
    label: 'Incident playbook written (rotate keys, revoke tokens, notify)',
    from: ['quick'],
    where: { text: 'Check your team’s runbooks.' },
  },
  'data-mapping': {
    group: 'compliance',
    label: 'Data mapping documented',
    from: ['quick'],
    where: { text: 'Check your records of processing.' },
  },
  'access-list': {
    group: 'compliance',
    label: 'Access list up to date',
    from: ['quick'],
    where: {
      text: 'Check who can edit and who can use the app.',
      links: { supabase: `${SB}/auth/providers`, bubble: `${BUBBLE}&tab=Settings`, glide: `${GLIDE}/settings/privacy` },
    },
  },
} as const satisfies Record<string, ChecklistItemSpec>;
export type ChecklistItem = keyof typeof CHECKLIST_ITEMS;
export const CHECKLIST_ITEM_IDS = Object.keys(CHECKLIST_ITEMS) as [ChecklistItem, ...ChecklistItem[]];

export type ChecklistState = 'pass' | 'fail' | 'unchecked';

/** A row as computed from an audit (stored with it; audit-schema.ts ChecklistRowSchema). */
export interface ChecklistRow {
  item: ChecklistItem;
  label: string;
  state: ChecklistState;
  /** Findings (not info) that fail the item. */
  failing: number;
  /** Rules of this item that ran. */
  checked: number;
  /** Fingerprints of the failing findings (at most MAX_ROW_FINGERPRINTS). */
  fingerprints: string[];
}

export const MAX_ROW_FINGERPRINTS = 50;

/** The rule metadata an audit keeps for the popup and reports (the rules that have findings or ran). */
export interface RuleInfo {
  category: string;
  checklist: string;
}

export function ruleInfo(rules: readonly Rule[], ids: Iterable<string>): Record<string, RuleInfo> {
  const want = new Set(ids);
  const out: Record<string, RuleInfo> = {};
  for (const r of rules) if (want.has(r.meta.id)) out[r.meta.id] = { category: r.meta.category, checklist: r.meta.checklist };
  return out;
}

/** Ticks every item from what ran and what was found. Info findings never fail an item. */
export function checklist(audit: Pick<Audit, 'findings' | 'evaluated'>, rules: readonly Rule[]): ChecklistRow[] {
  const itemOf = new Map<string, string>(rules.map((r) => [r.meta.id, r.meta.checklist]));
  return CHECKLIST_ITEM_IDS.map((item) => {
    const failingFindings = audit.findings.filter((f) => f.severity !== 'info' && itemOf.get(f.ruleId) === item);
    const checked = audit.evaluated.filter((id) => itemOf.get(id) === item).length;
    const state: ChecklistState = failingFindings.length > 0 ? 'fail' : checked > 0 ? 'pass' : 'unchecked';
    const fingerprints = [...new Set(failingFindings.map((f) => f.fingerprint))].slice(0, MAX_ROW_FINGERPRINTS);
    return { item, label: CHECKLIST_ITEMS[item].label, state, failing: failingFindings.length, checked, fingerprints };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// User decisions: accepted risks and hand confirmations (stored through utils/storage; applied here, purely).

/** A finding the user accepted, with the reason; the same shape as a baseline file's entries (docs/report-schema.md). */
export interface AcceptedRisk {
  fingerprint: string;
  reason: string;
  /** Epoch ms. */
  acceptedAt: number;
  expiresAt: number;
  /** The severity when accepted: a finding that comes back more severe is no longer accepted. */
  severity: Severity;
  ruleId?: string;
  title?: string;
}

export const DEFAULT_ACCEPT_DAYS = 90;
export const REASON_MAX = 500;

/** Whether an acceptance still covers this finding: same fingerprint, not expired, not more severe than accepted. */
export function isAccepted(f: Pick<Finding, 'fingerprint' | 'severity'>, accepted: readonly AcceptedRisk[], now: number): boolean {
  return accepted.some((a) => a.fingerprint === f.fingerprint && a.expiresAt > now && severityRank[f.severity] >= severityRank[a.severity]);
}

/** Splits findings into open and accepted. */
export function splitAccepted<F extends Pick<Finding, 'fingerprint' | 'severity'>>(
  findings: readonly F[],
  accepted: readonly AcceptedRisk[],
  now: number,
): { open: F[]; accepted: F[] } {
  const open: F[] = [];
  const acc: F[] = [];
  for (const f of findings) (isAccepted(f, accepted, now) ? acc : open).push(f);
  return { open, accepted: acc };
}

/** A hand confirmation of an item the extension could not tell, per site or project. */
export interface Confirmation {
  item: ChecklistItem;
  confirmedAt: number;
}

export type ShownState = ChecklistState | 'accepted' | 'confirmed';

export interface ShownRow extends ChecklistRow {
  group: ChecklistGroup;
  shown: ShownState;
  /** Failing fingerprints not covered by an accepted risk. */
  open: string[];
  confirmedAt?: number;
  where: WhereToCheck;
}

/**
 * What the popup shows per item: a failure whose every finding is accepted reads "accepted"; an item nobody could
 * tell that the user confirmed reads "confirmed". `contradicted` lists confirmations the evidence now contradicts
 * (the item fails): the caller clears them.
 */
export function applyDecisions(
  rows: readonly ChecklistRow[],
  findings: readonly Pick<Finding, 'fingerprint' | 'severity'>[],
  accepted: readonly AcceptedRisk[],
  confirmations: readonly Confirmation[],
  now: number,
): { rows: ShownRow[]; contradicted: ChecklistItem[] } {
  const bySeverity = new Map(findings.map((f) => [f.fingerprint, f]));
  const confirmed = new Map(confirmations.map((c) => [c.item, c.confirmedAt]));
  const contradicted: ChecklistItem[] = [];
  const shown = rows.map((r): ShownRow => {
    const spec = CHECKLIST_ITEMS[r.item];
    const fps = r.fingerprints ?? [];
    const open = fps.filter((fp) => {
      const f = bySeverity.get(fp);
      return !f || !isAccepted(f, accepted, now);
    });
    const at = confirmed.get(r.item);
    let state: ShownState = r.state;
    if (r.state === 'fail') {
      if (at !== undefined) contradicted.push(r.item);
      // A row of an older audit has no fingerprints: it stays failed.
      if (fps.length > 0 && open.length === 0 && r.failing <= fps.length) state = 'accepted';
    } else if (r.state === 'unchecked' && at !== undefined) state = 'confirmed';
    return { ...r, fingerprints: fps, group: spec.group, shown: state, open, where: spec.where, ...(state === 'confirmed' ? { confirmedAt: at } : {}) };
  });
  return { rows: shown, contradicted };
}

/** Merges the rows of linked audits (a builder and its deployed app): the worst state wins, fingerprints joined. */
export function mergeRows(lists: readonly (readonly ChecklistRow[])[]): ChecklistRow[] {
  const rank: Record<ChecklistState, number> = { fail: 0, pass: 1, unchecked: 2 };
  const out = new Map<ChecklistItem, ChecklistRow>();
  for (const rows of lists) {
    for (const r of rows) {
      const had = out.get(r.item);
      if (!had) {
        out.set(r.item, { ...r, fingerprints: [...(r.fingerprints ?? [])] });
        continue;
      }
      out.set(r.item, {
        ...had,
        state: rank[r.state] < rank[had.state] ? r.state : had.state,
        failing: had.failing + r.failing,
        checked: had.checked + r.checked,
        fingerprints: [...new Set([...had.fingerprints, ...(r.fingerprints ?? [])])].slice(0, MAX_ROW_FINGERPRINTS),
      });
    }
  }
  return CHECKLIST_ITEM_IDS.filter((i) => out.has(i)).map((i) => out.get(i)!);
}

export interface Progress {
  total: number;
  pass: number;
  fail: number;
  accepted: number;
  confirmed: number;
  unchecked: number;
}

export function progress(rows: readonly ShownRow[]): Progress {
  const p: Progress = { total: rows.length, pass: 0, fail: 0, accepted: 0, confirmed: 0, unchecked: 0 };
  for (const r of rows) p[r.shown === 'pass' ? 'pass' : r.shown]++;
  return p;
}

export interface Verdict {
  /** Distinct open high and critical findings, plus required items (organisation policy) not done. */
  blockers: number;
  /** Of the blockers: required items not done whose failure no high or critical finding already counts. */
  required: number;
  /** Distinct open medium and low findings. */
  warnings: number;
  /** Items nobody could tell and nobody confirmed. */
  toCheck: number;
  level: 'blocked' | 'warnings' | 'review' | 'ready';
  line: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The one-line verdict over open (not accepted) findings, counted once per fingerprint. Decision table below. */
export function verdict(
  open: readonly Pick<Finding, 'fingerprint' | 'severity'>[],
  rows: readonly ShownRow[],
  required: readonly ChecklistItem[] = [],
): Verdict {
  const worst = new Map<string, Severity>();
  for (const f of open) {
    const had = worst.get(f.fingerprint);
    if (!had || severityRank[f.severity] < severityRank[had]) worst.set(f.fingerprint, f.severity);
  }
  const sev = [...worst.values()];
  const urgent = (fp: string) => {
    const s = worst.get(fp);
    return s === 'critical' || s === 'high';
  };
  // A required item that is not done blocks, unless a high or critical finding that fails it is already counted.
  const requiredOpen = rows.filter((r) => required.includes(r.item) && (r.shown === 'unchecked' || (r.shown === 'fail' && !r.open.some(urgent)))).length;
  const blockers = sev.filter((s) => s === 'critical' || s === 'high').length + requiredOpen;
  const warnings = sev.filter((s) => s === 'medium' || s === 'low').length;
  const toCheck = rows.filter((r) => r.shown === 'unchecked').length;
  const check = toCheck ? ` · ${plural(toCheck, 'item')} to check by hand` : '';
  const TABLE: [boolean, Verdict['level'], string][] = [
    [blockers > 0, 'blocked', `${plural(blockers, 'blocker')} before publishing${warnings ? ` · ${plural(warnings, 'warning')}` : ''}${check}`],
    [warnings > 0, 'warnings', `No blockers · ${plural(warnings, 'warning')} to consider${check}`],
    [toCheck > 0, 'review', `No blockers found · ${plural(toCheck, 'item')} to check by hand`],
    [true, 'ready', 'Ready to publish: every item passes, is accepted or confirmed'],
  ];
  const [, level, line] = TABLE.find(([when]) => when)!;
  return { blockers, required: requiredOpen, warnings, toCheck, level, line };
}

/** A `{name}` template filled from the audit's values; undefined when a value is missing (no half-made link). */
export function fillLink(template: string, vars: Record<string, string | undefined>): string | undefined {
  let missing = false;
  const url = template.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = vars[k];
    if (!v || !/^[A-Za-z0-9_-]{1,100}$/.test(v)) missing = true;
    return v ?? '';
  });
  return missing ? undefined : url;
}

/** The builder link for an item on this audit's platform, if its values are known. */
export function whereLink(where: WhereToCheck, audit: Pick<Audit, 'platforms' | 'vars' | 'origin'>): string | undefined {
  const vars: Record<string, string | undefined> = {
    ...audit.vars,
    appId: audit.vars.appId ?? /^https:\/\/go\.glideapps\.com\/(?:app|play)\/([A-Za-z0-9]{1,64})/.exec(audit.origin)?.[1],
  };
  for (const p of audit.platforms) {
    const t = where.links?.[p.id as 'supabase' | 'bubble' | 'glide'];
    const link = t && fillLink(t, vars);
    if (link) return link;
  }
  // A deployed app on a Supabase project is not "platform: supabase" in every detection: its ref is enough.
  const sb = where.links?.supabase;
  return sb && vars.ref ? fillLink(sb, vars) : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Linked audits: a deployed app and its builder project share a link key.

/** Keys that link audits of one project: `supabase:<ref>`, `bubble:<app>`, `glide:<appId>`. */
export function auditLinks(audit: Pick<Audit, 'origin' | 'vars' | 'supabase' | 'platforms'> & { url?: string }): string[] {
  const out = new Set<string>();
  for (const p of audit.supabase?.projects ?? []) out.add(`supabase:${p.ref}`);
  const ref = /^https:\/\/supabase\.com\/dashboard\/project\/([a-z0-9]{20})$/.exec(audit.origin)?.[1];
  if (ref) out.add(`supabase:${ref}`);
  if (
    audit.vars.app &&
    /^[a-z0-9-]{1,100}$/.test(audit.vars.app) &&
    (audit.platforms.some((p) => p.id === 'bubble') || audit.origin.startsWith('https://bubble.io/'))
  )
    out.add(`bubble:${audit.vars.app}`);
  // A deployed Glide app at go.glideapps.com/play/<appId>: its scope is the host, its stored URL keeps the path.
  const glide = [audit.origin, audit.url ?? ''].map((u) => GLIDE_APP.exec(u)?.[1]).find(Boolean) ?? audit.vars.appId;
  if (glide && /^[A-Za-z0-9]{1,64}$/.test(glide)) out.add(`glide:${glide}`);
  return [...out];
}

const GLIDE_APP = /^https:\/\/go\.glideapps\.com\/(?:app|play)\/([A-Za-z0-9]{1,64})(?:[/?#]|$)/;

/** The project's builder, for "builder and live app together": where to open it, and its link key. */
export interface BuilderLink {
  key: string;
  /** "Glide builder", "Bubble editor", "Supabase dashboard". */
  label: string;
  url: string;
}

/**
 * The builders of the projects a deployed app's audit is linked to (auditLinks): the Supabase dashboard of each
 * project, the Bubble editor of the app, the Glide builder of the app id (go.glideapps.com/app/<appId>). Built from
 * our own templates and checked ids only.
 */
export function builderLinks(audit: Parameters<typeof auditLinks>[0] & { context?: Audit['context'] }): BuilderLink[] {
  if (audit.context === 'builder') return [];
  return auditLinks(audit).map((key) => {
    const [kind, id] = key.split(':') as [string, string];
    if (kind === 'supabase') return { key, label: 'Supabase dashboard', url: `https://supabase.com/dashboard/project/${id}` };
    if (kind === 'bubble') return { key, label: 'Bubble editor', url: `https://bubble.io/page?id=${id}` };
    return { key, label: 'Glide builder', url: `https://go.glideapps.com/app/${id}/layout` };
  });
}
