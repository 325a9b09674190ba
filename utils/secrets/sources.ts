/**
 * Scans the text a page shipped (Evidence.sources) once per audit, however many rules ask: results are memoised
 * on the evidence's own source list, so the secret and the publishable-key rules share one pass.
 */
import type { Evidence, Source } from '../evidence/evidence';
import { safeUrl } from '../http/http';
import { scanSecrets, type SecretMatch } from './index';
import { maskMatches } from './redact';

export interface ScannedSource {
  source: Source;
  matches: SecretMatch[];
}

const memo = new WeakMap<readonly Source[], ScannedSource[]>();

export function scannedSources(evidence: Evidence): ScannedSource[] {
  const sources = evidence.sources ?? [];
  let out = memo.get(sources);
  if (!out) {
    out = sources.map((source) => {
      // Where a request went is the best hint for ambiguous shapes (an AIza key sent to Gemini is a secret).
      const host = source.kind === 'request-url' ? safeUrl(source.url)?.hostname : undefined;
      return { source, matches: scanSecrets(source.text, host ? { sentToHost: host } : {}) };
    });
    memo.set(sources, out);
  }
  return out;
}

const CONTEXT = 32;

/** A short window around a match with every key in it replaced by its masked preview, on one line. */
export function maskedContext(text: string, match: SecretMatch, all: readonly SecretMatch[]): string {
  const from = Math.max(0, match.start - CONTEXT);
  const to = Math.min(text.length, match.end + CONTEXT);
  const out = maskMatches(text, all, from, to);
  return `${from > 0 ? '…' : ''}${out.replace(/\s+/g, ' ')}${to < text.length ? '…' : ''}`;
}

export const LOCATION_KIND: Record<Source['kind'], 'script' | 'page' | 'request' | 'storage'> = {
  script: 'script',
  'inline-script': 'page',
  'data-blob': 'page',
  html: 'page',
  'request-url': 'request',
  'storage-key': 'storage',
};

export function describeSource(src: Source): string {
  switch (src.kind) {
    case 'script':
      return `the script ${src.label}`;
    case 'request-url':
      return `a request the page made (${src.label})`;
    case 'storage-key':
      return 'a browser-storage key name';
    default:
      return `the ${src.label}`;
  }
}

/**
 * One finding draft per key the page shipped that `keep` selects: the key named (provider, masked preview, where),
 * its masked context as evidence, located at its source. One finding per key wherever it appears (identity = its
 * fingerprint; the most specific source comes first).
 */
export function keyDrafts(evidence: Evidence, keep: (m: SecretMatch) => boolean) {
  const out = [];
  for (const { source: src, matches } of scannedSources(evidence)) {
    for (const m of matches) {
      if (!keep(m)) continue;
      out.push({
        match: m,
        data: { provider: m.providerName, masked: m.masked, where: describeSource(src), rotate: m.rotateUrl, advice: m.advice },
        evidence: `${src.label}: ${maskedContext(src.text, m, matches)}`,
        location: { kind: LOCATION_KIND[src.kind], url: src.url, name: src.label },
        identity: m.fingerprint,
      });
    }
  }
  return out;
}
