/** Reading JWT claims offline, tolerating garbage: bad base64, truncated or invalid JSON, non-string claims. */
import { decodeBase64 } from './base64';

export interface JwtClaims {
  role?: string;
  iss?: string;
  ref?: string;
}

const CLAIMS = ['role', 'iss', 'ref'] as const;

/** Claims of a JWT payload segment; null when the segment is not base64url at all. */
export function readClaims(payload: string): JwtClaims | null {
  const json = decodeBase64(payload);
  if (json === null) return null;
  const claims: JwtClaims = {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    // Truncated or corrupted JSON: fall back to reading "claim":"value" pairs that survived.
    for (const m of json.matchAll(/"(role|iss|ref)"\s*:\s*"([^"\\]{0,200})"/g)) {
      claims[m[1] as (typeof CLAIMS)[number]] ??= m[2];
    }
    return claims;
  }
  if (parsed !== null && typeof parsed === 'object') {
    for (const key of CLAIMS) {
      const value = (parsed as Record<string, unknown>)[key];
      if (typeof value === 'string') claims[key] = value;
    }
  }
  return claims;
}
