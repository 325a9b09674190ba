/**
 * Secret detection engine: pure and synchronous, no browser or Node APIs (runs in content scripts and service
 * workers). See README.md in this folder for the design.
 */
import { type CatalogueEntry, KNOWN_PREFIXES, PROVIDERS, type ProviderId, providerById } from './catalogue';
import { fingerprint, maskWithPrefix } from './mask';
import { type Found, findSecrets } from './scan';
import type { Confidence, Provider, ScanOptions, ScanResult, SecretMatch } from './types';
import type { Severity } from '../../engine/severity';

export type { Category, Confidence, Exposure, Provider, ScanOptions, ScanResult, SecretMatch } from './types';
export { PROVIDERS, providerById, type CatalogueEntry, type ProviderId };

import { DEFAULT_MAX_BYTES } from './types';
export { DEFAULT_MAX_BYTES };

/** A preview that never reveals the key: at most a known prefix plus the last 4 chars (`sk_live_…a1B2`). */
export function maskSecret(value: string): string {
  return maskWithPrefix(value, KNOWN_PREFIXES.find((p) => value.startsWith(p)) ?? '');
}

function severityOf(provider: Provider, confidence: Confidence): Severity {
  switch (provider.exposure) {
    case 'publishable':
      return 'info';
    case 'capability':
      return 'medium';
    case 'test':
      return 'low';
    case 'secret':
      return confidence === 'low' ? 'high' : (provider.secretSeverity ?? 'critical');
  }
}

/**
 * What a match copies from its provider, one record per provider with the same shape (the catalogue's entries
 * have a dozen different shapes, which makes reading them in the per-match path slow), and the provider's
 * literal prefixes longest first (a stable sort: equally long ones keep their order).
 */
interface MatchTemplate {
  readonly id: ProviderId;
  readonly name: string;
  readonly exposure: Provider['exposure'];
  readonly rotateUrl: string;
  readonly advice: string;
  /** Severity of a high/medium-confidence and of a low-confidence match. */
  readonly severity: Severity;
  readonly lowSeverity: Severity;
  readonly prefixes: readonly string[];
}

const TEMPLATES = new Map<string, MatchTemplate>(
  PROVIDERS.map((p) => [
    p.id,
    {
      id: p.id,
      name: p.name,
      exposure: p.exposure,
      rotateUrl: p.rotateUrl,
      advice: p.advice,
      severity: severityOf(p, 'high'),
      lowSeverity: severityOf(p, 'low'),
      prefixes: [...(p.prefixes ?? [])].sort((a, b) => b.length - a.length),
    },
  ]),
);

/** The longest of the provider's prefixes that `value` starts with. */
function knownPrefix(template: MatchTemplate, value: string): string {
  const prefixes = template.prefixes;
  for (let i = 0; i < prefixes.length; i++) if (value.startsWith(prefixes[i]!)) return prefixes[i]!;
  return '';
}

function templateOf(id: string): MatchTemplate {
  const template = TEMPLATES.get(id);
  if (!template) throw new Error(`unknown secret provider: ${id}`);
  return template;
}

function toMatch(found: Found, offset: number): SecretMatch {
  const template = templateOf(found.provider);
  return {
    provider: template.id,
    providerName: template.name,
    exposure: template.exposure,
    severity: found.confidence === 'low' ? template.lowSeverity : template.severity,
    start: found.start - offset,
    end: found.end - offset,
    masked: maskWithPrefix(found.value, knownPrefix(template, found.value)),
    fingerprint: fingerprint(template.id, found.value),
    confidence: found.confidence,
    reason: found.reason,
    rotateUrl: template.rotateUrl,
    advice: template.advice,
  };
}

/**
 * The caller's hints become a short header in front of the text, as if written there: the host on its own line
 * (so host-anchored detectors such as Glide's fire), then the field name as the name the value is assigned to.
 */
function hintHeader(host: string, field: string): string {
  const name = field.replace(/[^A-Za-z0-9_$.-]+/g, '_');
  return `${host ? `${host}\n` : ''}${name ? `${name}=` : ''}`;
}

/** Scans `text` and reports whether it had to be truncated. */
export function scanSecretsDetailed(text: string, options: ScanOptions = {}): ScanResult {
  const limit = Math.max(0, Math.floor(options.maxBytes ?? DEFAULT_MAX_BYTES));
  const scanned = text.length > limit ? text.slice(0, limit) : text;
  const host = (options.sentToHost ?? '').trim().toLowerCase();
  const field = (options.fieldName ?? '').trim();
  const header = hintHeader(host, field);
  const matches = findSecrets(header + scanned, { host, field: field.toLowerCase() })
    .filter((f) => f.start >= header.length)
    .map((f) => toMatch(f, header.length));
  return { matches, truncated: scanned.length < text.length, scannedBytes: scanned.length };
}

/** Every credential in `text` (up to `maxBytes`), classified, masked and fingerprinted. */
export function scanSecrets(text: string, options?: ScanOptions): SecretMatch[] {
  return scanSecretsDetailed(text, options).matches;
}
