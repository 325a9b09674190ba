/**
 * What a Bubble type's names and privacy rules say, for the rules. Pure; names only, never values.
 * Personal-looking names reuse utils/supabase/columns.ts (splinter's sensitive names plus everyday personal data),
 * applied to a field's display name and to its key without Bubble's type suffix (`email_text` → `email`).
 */
import { isSensitiveColumn } from '../supabase/columns';
import type { BubbleApp, BubbleType, BubbleWorkflow, PrivacyRule } from './model';

/** Bubble field keys end in their type (`owner_user`, `members_list_user`, reference 1b): the suffix is not a name. */
const TYPE_SUFFIX = /_(text|number|date|boolean|yes_no|file|image|geographic_address|date_range|list_[a-z_]+|user|custom_[a-z0-9_]+|option_[a-z0-9_]+)$/;
const PERSONAL_WORDS =
  /(^|[_\s-])(e-?mail|phone|mobile|telephone|address|street|postcode|zip|birth|birthday|dob|iban|bank|card|payment|ssn|passport|salary|health|diagnosis|ip)([_\s-]|$)/i;

export function isPersonalName(name: string): boolean {
  const n = name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  if (!n) return false;
  return isSensitiveColumn(n) || PERSONAL_WORDS.test(n);
}

/** Fields of a type that look personal; the built-in User type always holds the sign-in email. */
export function personalFields(t: BubbleType): string[] {
  const out = t.fields.filter((f) => isPersonalName(f.display) || isPersonalName(f.key.replace(TYPE_SUFFIX, ''))).map((f) => f.display);
  if (t.key === 'user' && !out.some((d) => /e-?mail/i.test(d))) out.unshift('email (built in)');
  return out;
}

export type PublicAccess =
  /** No privacy rule at all: anyone can find and read every field. */
  | { kind: 'no-rules' }
  /** A rule that applies to everyone (the fallback, or a rule without a "When") lets them view all fields. */
  | { kind: 'views-all'; rule: string }
  /** …or find it in searches, seeing only some fields. */
  | { kind: 'finds'; rule: string; fields: string[] };

/** A rule applies to every visitor when it is the `everyone` fallback or has no "When" condition. */
export const appliesToEveryone = (r: PrivacyRule) => r.key === 'everyone' || !r.conditional;

/** What a logged-out visitor can do with a type, by its privacy rules (reference 1b); undefined when protected. */
export function publicAccess(t: BubbleType): PublicAccess | undefined {
  if (!t.hasPrivacyRoles) return { kind: 'no-rules' };
  const open = t.rules.filter(appliesToEveryone);
  const all = open.find((r) => r.viewAll);
  if (all) return { kind: 'views-all', rule: all.display };
  const finds = open.find((r) => r.searchFor);
  if (finds) return { kind: 'finds', rule: finds.display, fields: finds.viewFields };
  return undefined;
}

/** The Data API serves this type: Data API on (`exposes_get_api`) and the type ticked (`exposed_api`). */
export const dataApiExposes = (app: BubbleApp, t: BubbleType) => app.settings.exposesDataApi === true && t.exposedApi === true;

/** A workflow anyone can call: exposed, the Workflow API on (when known), and runs without authentication. */
export const publicWithoutAuth = (app: BubbleApp, w: BubbleWorkflow) =>
  w.kind === 'APIEvent' && w.exposed && w.noAuth && app.settings.exposesWorkflowApi !== false;

/** A scheduled clean-up: a recurring event, or a workflow that schedules itself, deleting things. */
export const isRetentionJob = (w: BubbleWorkflow) => w.deletes.length > 0 && (w.kind === 'RecurringEvent' || w.schedulesItself);

export const typeLabel = (t: Pick<BubbleType, 'key' | 'display'>) => (t.display && t.display !== t.key ? `${t.display} (${t.key})` : t.key);

/** "a, b, c and 4 more". */
export function listOf(items: readonly string[], max = 8): string {
  if (!items.length) return '(none)';
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}
