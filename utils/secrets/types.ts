import type { Severity } from '../../engine/severity';

/** Default cap on the scanned length: 8 MiB of UTF-16 code units (also the most of a builder field's paste scanned). */
export const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;

/**
 * How dangerous a credential is when it sits in a page:
 * - secret: grants server-side power; rotate it and move it to a server-side secret store.
 * - publishable: meant for browsers; protection comes from server-side rules (RLS, Firebase rules, referrers).
 * - capability: a URL that lets anyone post or trigger something (webhooks).
 * - test: a test-mode or local-development secret.
 */
export type Exposure = 'secret' | 'publishable' | 'capability' | 'test';
export type Confidence = 'high' | 'medium' | 'low';

export type Category =
  | 'ai'
  | 'google'
  | 'payments'
  | 'email'
  | 'messaging'
  | 'webhooks'
  | 'code-hosting'
  | 'infrastructure'
  | 'backend'
  | 'client-sdk'
  | 'database'
  | 'keys';

/** One credential type: what the scanner reports and what docs/keys.md lists. */
export interface Provider {
  /** Stable kebab-case id; never reused. */
  readonly id: string;
  readonly name: string;
  readonly category: Category;
  readonly exposure: Exposure;
  /** Only for secrets: 'high' when the value alone cannot be used at once (an AWS key id, a signing secret). */
  readonly secretSeverity?: 'critical' | 'high';
  /** The shape, for humans (docs/keys.md). Never a real-looking value. */
  readonly format: string;
  /** Literal prefixes that are safe to show when masking. */
  readonly prefixes?: readonly string[];
  /** Where the key is rotated or revoked. */
  readonly rotateUrl: string;
  /** What to do instead, in the builder's terms. */
  readonly advice: string;
  /** Vendor documentation of the format or of safe use. */
  readonly docs: string;
}

/** Evidence a detector found at a candidate; the scanner turns it into a SecretMatch. */
export interface Hit<Id extends string = string> {
  readonly provider: Id;
  /** Span of the credential in the scanned text. */
  readonly start: number;
  readonly end: number;
  /**
   * Span of the random part (checked for placeholders such as `xxxx` or `EXAMPLE`).
   * Defaults to the whole credential.
   */
  readonly bodyStart?: number;
  readonly bodyEnd?: number;
  readonly confidence: Confidence;
  readonly reason: string;
}

/** Hints from the caller (lower-cased, '' when unknown), and per-text memory of the detectors. */
export interface ScanContext {
  /** Host the text is sent to. */
  readonly host: string;
  /** Name of the field or variable holding the text. */
  readonly field: string;
  /**
   * For detectors that search a window around their anchor: how far they already searched this text. Anchors
   * arrive in (nearly) increasing order, so each window only covers new ground and dense anchors cost O(n).
   */
  readonly searched: Map<object, number>;
}

/**
 * A detector verifies candidates that the prefilter found. It never scans the whole text itself: it is called
 * with the position of one of its anchors and looks at a bounded neighbourhood only.
 */
export interface Detector<Id extends string = string> {
  /** Literal, case-sensitive ASCII strings (3+ chars) that occur in every credential this detector reports. */
  readonly anchors: readonly string[];
  detect(text: string, at: number, anchor: string, ctx: ScanContext): Hit<Id> | null;
}

export interface SecretMatch {
  /** Stable id, kebab-case, e.g. 'stripe-secret-key', 'supabase-service-role-jwt'. */
  provider: string;
  /** Human name, e.g. 'Stripe live secret key'. */
  providerName: string;
  exposure: Exposure;
  /** secret: critical/high; capability: medium; test: low; publishable: info. */
  severity: Severity;
  /** UTF-16 offsets of the credential in the scanned text (for decoded input: the span of the encoded form). */
  start: number;
  end: number;
  /** Never reveals the key: at most a known prefix plus the last 4 chars. */
  masked: string;
  /** Stable 64-bit hash of provider + raw value (hex), for de-duplication and 'accept risk'. */
  fingerprint: string;
  confidence: Confidence;
  /** Short why, e.g. 'JWT role=service_role', 'name "algoliaAdminKey"', 'checksum valid'. */
  reason: string;
  rotateUrl: string;
  advice: string;
}

export interface ScanOptions {
  /** Cap on the scanned length, in UTF-16 code units (bytes, for ASCII text). Default 8 MiB. */
  maxBytes?: number;
  /** Host the value is sent to, if known (e.g. 'generativelanguage.googleapis.com'). */
  sentToHost?: string;
  /** Name of the field or variable holding the text, if known (e.g. 'Algolia admin key'). */
  fieldName?: string;
}

export interface ScanResult {
  matches: SecretMatch[];
  /** True when the text was longer than `maxBytes` and only its beginning was scanned. */
  truncated: boolean;
  /** UTF-16 code units scanned. */
  scannedBytes: number;
}

/**
 * What the builder field guard shows and reports of a match (in-page/guard.ts), and all the background's answer to a
 * field scan holds (`builder:scan`): masked, never the value or where it sits in the text.
 */
export type FieldMatch = Pick<SecretMatch, 'provider' | 'providerName' | 'exposure' | 'severity' | 'masked' | 'fingerprint' | 'advice' | 'rotateUrl'>;
