/**
 * Severity model (docs/architecture.md, "Severity model").
 * critical: an attacker can act now with no extra step (a live secret key in the page, a table anyone can read/write).
 * high:     a direct weakness with a known exploit path (no HTTPS, session cookie readable by scripts, reflected CORS with credentials).
 * medium:   defence-in-depth missing where attacks are common (no CSP, no clickjacking protection, capability URLs).
 * low:      hardening and hygiene (Referrer-Policy, Permissions-Policy, version disclosure).
 * info:     facts worth knowing, no action required (platform detected, publishable key found).
 */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const severityRank: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

export function compareSeverity(a: Severity, b: Severity): number {
  return severityRank[a] - severityRank[b];
}
