/**
 * Consent for the opt-in deep audit of a Supabase project (read-only Management API calls made from the dashboard
 * tab with the user's own session). Per project, stored locally, revocable from the popup. Pure: key and check
 * (hand-written, no zod: the dashboard content script reads it too and stays small).
 */
import { REF } from './dashboard-constants';

export const consentKey = (ref: string) => `consent:supabase-deep-audit:${ref}`;
export interface Consent {
  ref: string;
  grantedAt: number;
}

/** True only for a well-formed consent record for exactly this project. */
export function isConsent(raw: unknown, ref: string): boolean {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return false;
  const c = raw as Partial<Consent>;
  return typeof c.ref === 'string' && REF.test(c.ref) && c.ref === ref && typeof c.grantedAt === 'number' && Number.isFinite(c.grantedAt);
}
