/**
 * Every key the extension stores under, and the zod-free reader of consent records that content scripts use (they
 * stay small by not loading zod). The zod schemas, reads, writes and migrations of the same records are in
 * ./records.ts and ./store.ts; test/utils/storage/records.test.ts checks that this reader and the schema agree.
 *
 * storage.local:
 *   audit:<scope>                  a stored audit (scope: an origin, or an edited builder project)
 *   settings                       user settings (retention)
 *   guides                         every rule's fix guide, for the popup
 *   builder:<scope>                keys the builder guards saw in editor fields (masked)
 *   supabase-dashboard:<ref>       what the Supabase dashboard showed for a project
 *   glide-builder:<appId>          what the Glide builder showed for an app
 *   consent:<check>:<subject>      consent to an active check (subject: an origin or a project ref)
 *   accepted:<scope>               risks the user accepted on a site or project (reason, expiry)
 *   confirmed:<scope>              checklist items the user confirmed by hand on a site or project (date)
 * storage.session:
 *   capture:<tabId>                the requests a tab made (no query strings), mirrored for a restarted worker
 *   bubble-panel:dismissed         Bubble apps whose in-editor panel the user closed this session (scopes)
 */

export const KEYS = {
  audit: (scope: string) => `audit:${scope}`,
  settings: 'settings',
  guides: 'guides',
  builderSecrets: (scope: string) => `builder:${scope}`,
  supabaseDashboard: (ref: string) => `supabase-dashboard:${ref}`,
  glideBuilder: (appId: string) => `glide-builder:${appId}`,
  consent: (check: ConsentCheck, subject: string) => `consent:${check}:${subject}`,
  accepted: (scope: string) => `accepted:${scope}`,
  confirmed: (scope: string) => `confirmed:${scope}`,
  /** storage.session */
  capture: (tabId: number) => `capture:${tabId}`,
  /** storage.session */
  bubblePanelDismissed: 'bubble-panel:dismissed',
} as const;

export const PREFIXES = {
  audit: 'audit:',
  builderSecrets: 'builder:',
  supabaseDashboard: 'supabase-dashboard:',
  glideBuilder: 'glide-builder:',
  consent: 'consent:',
  accepted: 'accepted:',
  confirmed: 'confirmed:',
  capture: 'capture:',
} as const;

/** Keys that hold what the user decided (consent, settings, accepted risks, confirmations): never evicted or purged to make room. */
export function isUserDecision(key: string): boolean {
  return key === KEYS.settings || key.startsWith(PREFIXES.consent) || key.startsWith(PREFIXES.accepted) || key.startsWith(PREFIXES.confirmed);
}

/**
 * Active checks that need the user's consent, and what their subject is. The key names are those earlier versions
 * used, so consent given before the storage module existed still counts (its value is migrated on first read).
 */
export const CONSENT_CHECKS = {
  /** The Supabase exposure check of a deployed app: subject is the app's origin. */
  'supabase-exposure-check': 'origin',
  /** The Supabase deep audit from the dashboard tab: subject is the project ref. */
  'supabase-deep-audit': 'ref',
  /** The Bubble Data API and /version-test check of a deployed app: subject is the app's origin. */
  'bubble-data-api-check': 'origin',
} as const;
export type ConsentCheck = keyof typeof CONSENT_CHECKS;

export const CONSENT_VERSION = 2;
export const CONSENT_VIA = ['popup', 'headless', 'settings'] as const;

/** A consent record as stored (version 2): one format for every check. */
export interface ConsentRecord {
  version: typeof CONSENT_VERSION;
  check: ConsentCheck;
  subject: string;
  grantedAt: number;
  via: (typeof CONSENT_VIA)[number];
}

const PROJECT_REF = /^[a-z0-9]{20}$/;
const MAX_SUBJECT = 2048;

/** The subject normalised for its check: an origin for the exposure check, a project ref for the deep audit. */
export function consentSubject(check: ConsentCheck, subject: string): string | undefined {
  if (typeof subject !== 'string' || subject.length > MAX_SUBJECT) return undefined;
  if (CONSENT_CHECKS[check] === 'ref') return PROJECT_REF.test(subject) ? subject : undefined;
  try {
    const u = new URL(subject);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

const plainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const time = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/**
 * Reads a stored consent value for (check, subject) without zod: the current record, or a record of an earlier
 * version (exposure check `{grantedAt, via}`; deep audit `{ref, grantedAt}`) read as the same consent. Anything
 * else, or a record filed under another subject, is no consent.
 */
export function readConsentValue(raw: unknown, check: ConsentCheck, subject: string): ConsentRecord | undefined {
  const want = consentSubject(check, subject);
  if (!want || !plainObject(raw) || !time(raw.grantedAt)) return undefined;
  const via = CONSENT_VIA.includes(raw.via as never) ? (raw.via as ConsentRecord['via']) : undefined;
  if (raw.version === CONSENT_VERSION) {
    if (raw.check !== check || raw.subject !== want || !via) return undefined;
    return { version: CONSENT_VERSION, check, subject: want, grantedAt: raw.grantedAt, via };
  }
  if (raw.version !== undefined) return undefined;
  // Version 1 (before the storage module): the subject was only in the key, or in `ref` for the deep audit.
  if (check === 'supabase-exposure-check' && via && raw.ref === undefined)
    return { version: CONSENT_VERSION, check, subject: want, grantedAt: raw.grantedAt, via };
  if (check === 'supabase-deep-audit' && raw.ref === want && raw.via === undefined)
    return { version: CONSENT_VERSION, check, subject: want, grantedAt: raw.grantedAt, via: 'popup' };
  return undefined;
}
