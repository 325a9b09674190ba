/**
 * Consent for the Supabase exposure check, per origin: "I own this app or am authorised to test it". Stored in
 * chrome.storage.local by the popup (or by `npm run audit -- <url> --probe`), read by the background before any
 * request to the app's project; removing it (popup: "Withdraw consent") makes audits of that origin passive again.
 */
import { z } from 'zod';

export const PROBE_CONSENT_PREFIX = 'consent:supabase-exposure-check:';

/** The storage key for an origin (`https://app.example.com`); anything else is normalised to its origin. */
export function probeConsentKey(originOrUrl: string): string {
  let origin = originOrUrl;
  try {
    origin = new URL(originOrUrl).origin;
  } catch {
    /* keep as given: it will simply never match an audited origin */
  }
  return PROBE_CONSENT_PREFIX + origin;
}

export const ProbeConsentSchema = z.object({
  grantedAt: z.number(),
  /** Who gave it: a person in the popup, or the headless command's --probe flag. */
  via: z.enum(['popup', 'headless']),
});
export type ProbeConsent = z.output<typeof ProbeConsentSchema>;

/** A stored value read back: consent if well-formed, otherwise none (storage can hold anything). */
export function readProbeConsent(raw: unknown): ProbeConsent | undefined {
  const parsed = ProbeConsentSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}
