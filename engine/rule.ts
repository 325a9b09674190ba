/**
 * What a rule is: metadata (with its fix guide) plus a pure check over Evidence.
 * One rule per file under rules/<category>/, named by its id; see docs/contributing.md "How to add a rule".
 */
import type { Evidence } from '../utils/evidence/evidence';
import type { Confidence, Detection, FixTarget } from '../utils/platform/platforms';
import type { Severity } from './severity';

/** The pre-publish checklist's items and groups live in ./checklist.ts (pure, loaded by the popup too). */
export { CHECKLIST_GROUPS, CHECKLIST_ITEMS, type ChecklistGroup, type ChecklistItem } from './checklist';
import type { ChecklistItem } from './checklist';

/** Evidence parts a rule reads. The engine skips a rule whose parts were not collected ("not checked"). */
export type Surface =
  | 'responses'
  | 'cookies'
  | 'redirect'
  | 'page'
  | 'globals'
  | 'builder'
  | 'sources'
  /** What the Supabase dashboard showed (any page); its cron page; its Security Advisor (or the deep audit). */
  | 'supabase-dashboard'
  | 'supabase-cron'
  | 'supabase-advisors'
  /** What the Glide builder showed (any screen); a deployed Glide app seen logged out. */
  | 'glide-builder'
  | 'glide-app'
  /** Bubble: the app model (editor or export); what the deployed app's own endpoints answered. */
  | 'bubble-app'
  | 'bubble-deployed';

export interface Snippet {
  /** e.g. 'text' (Netlify _headers), 'json', 'nginx', 'sql', 'html' */
  language: string;
  code: string;
  /**
   * The code is a template: `{name}` is replaced by the finding's own value (its `vars`), so a snippet can name the
   * table or bucket it fixes. Values are inserted as they are: the rule must quote them for the snippet's language
   * (utils/supabase/sql.ts). A value the finding lacks shows as `<name>` for the user to fill in.
   */
  fill?: boolean;
}

export interface PlatformFix {
  /** At most five steps, each naming where to click. */
  steps: string[];
  /** Template with {origin} {host} {…vars from the finding}. */
  deepLink?: string;
  snippet?: Snippet;
  docs?: string;
}

export interface FixGuide {
  /** One sentence. */
  summary: string;
  /** Generic steps (at most five) when no platform-specific variant applies. */
  steps: string[];
  deepLink?: string;
  snippet?: Snippet;
  docs: string;
  /** Platform- or host-specific variants; shown first when that platform or host is detected. */
  platforms?: Partial<Record<FixTarget, PlatformFix>>;
}

/**
 * Rule categories, and the folders under rules/ that hold them: one scheme (the conventions test checks it).
 * Vendor areas are categories of their own, so the popup and reports can filter by them.
 */
export const RULE_CATEGORIES = {
  transport: 'Transport (HTTPS)',
  headers: 'Security headers',
  cookies: 'Cookies',
  cors: 'Cross-origin access (CORS)',
  page: 'Page content',
  secrets: 'Secrets',
  supabase: 'Supabase',
  glide: 'Glide',
  bubble: 'Bubble',
} as const;
export type RuleCategory = keyof typeof RULE_CATEGORIES;

export interface RuleMeta<M extends string = string> {
  /** Stable id, equal to the file name; never reused (renames go to rules/renames.json). */
  id: string;
  title: string;
  severity: Severity;
  /** Equal to the rule's folder under rules/. */
  category: RuleCategory;
  checklist: ChecklistItem;
  surfaces: Surface[];
  confidence: Confidence;
  /** Message templates by id; `{name}` is replaced from a finding's data. */
  messages: Record<M, string>;
  fix: FixGuide;
  /** Why it matters, one or two sentences (docs/rules.md and popup). */
  rationale: string;
}

export interface FindingLocation {
  kind: 'header' | 'cookie' | 'page' | 'script' | 'form' | 'request' | 'redirect' | 'builder' | 'storage';
  url?: string;
  /** Header name, cookie name, element, … */
  name?: string;
}

/** What a check returns; the engine turns drafts into Findings. */
export interface FindingDraft<M extends string = string> {
  messageId: M;
  data?: Record<string, string | number | undefined>;
  /** Short evidence for a human; must already be redacted (no raw secret). The engine bounds its length. */
  evidence: string;
  location: FindingLocation;
  /** What makes this finding this one, for the fingerprint (e.g. header name, cookie name). */
  identity: string;
  /** Only when a finding is more or less severe than the rule's default (e.g. a password form). */
  severity?: Severity;
  /** Values for the fix guide's deep-link template. */
  vars?: Record<string, string>;
}

export interface RuleContext {
  platforms: Detection[];
  /** The fix target the guides should speak to first (detected platform/host), if any. */
  target?: FixTarget;
}

export interface Rule<M extends string = string> {
  meta: RuleMeta<M>;
  check(evidence: Evidence, ctx: RuleContext): FindingDraft<M>[];
}

export function defineRule<M extends string>(rule: Rule<M>): Rule<M> {
  return rule;
}
