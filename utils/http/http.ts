/** Small, pure helpers over collected HTTP evidence. */
import type { Evidence, Header, HttpResponse } from '../evidence/evidence';

/** All values of a header, in order (case-insensitive name). Combined values ("a, b") are not split here. */
export function headerValues(headers: readonly Header[], name: string): string[] {
  const lower = name.toLowerCase();
  const out: string[] = [];
  for (const [n, v] of headers) if (n.toLowerCase() === lower) out.push(v);
  return out;
}

export function firstHeader(headers: readonly Header[], name: string): string | undefined {
  return headerValues(headers, name)[0];
}

/**
 * The response that served the page being audited: the last top-document response that was not a redirect
 * (falls back to the last top-document response of any status).
 */
export function documentResponse(evidence: Evidence): HttpResponse | undefined {
  const docs = evidence.responses.filter((r) => r.type === 'main_frame');
  for (let i = docs.length - 1; i >= 0; i--) {
    const r = docs[i]!;
    if (r.status < 300 || r.status >= 400) return r;
  }
  return docs[docs.length - 1];
}

export function isHttps(url: string): boolean {
  return url.toLowerCase().startsWith('https:');
}

export function safeUrl(url: string, base?: string): URL | undefined {
  try {
    return new URL(url, base);
  } catch {
    return undefined;
  }
}

/** Same scheme, host and port. An opaque origin (data:, file:, serialised "null") is the same as no other origin. */
export function sameOrigin(a: string, b: string): boolean {
  const ua = safeUrl(a);
  const ub = safeUrl(b);
  return !!ua && !!ub && ua.origin !== 'null' && ua.origin === ub.origin;
}

/** Splits a header value into `;`-separated directives: `max-age=1; includeSubDomains` → map of lower-case names. */
export function parseDirectives(value: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of value.split(';')) {
    const trimmed = part.trim();
    if (!trimmed) continue;
    const eq = trimmed.indexOf('=');
    const name = (eq === -1 ? trimmed : trimmed.slice(0, eq)).trim().toLowerCase();
    const val =
      eq === -1
        ? ''
        : trimmed
            .slice(eq + 1)
            .trim()
            .replace(/^"(.*)"$/, '$1');
    if (!out.has(name)) out.set(name, val);
  }
  return out;
}

/** Shortens a header line for display as evidence. */
export function showHeader(name: string, value: string | undefined, max = 160): string {
  if (value === undefined) return `${name}: (absent)`;
  const v = value.length > max ? `${value.slice(0, max)}…` : value;
  return `${name}: ${v}`;
}
