/** Whether the page can be framed by other sites (clickjacking), from X-Frame-Options and CSP frame-ancestors. */
import type { Evidence } from './evidence';
import { enforcedPolicies } from './csp';
import { documentResponse, headerValues } from './http';

export function frameProtection(evidence: Evidence): { protected: boolean; detail: string } {
  const doc = documentResponse(evidence);
  for (const p of enforcedPolicies(evidence)) {
    // frame-ancestors only counts in a header policy; `*` or a scheme-only source does not protect.
    const fa = p.source === 'header' ? p.directives.get('frame-ancestors') : undefined;
    if (fa && !fa.some((s) => s === '*' || /^(https?:|data:|blob:)$/i.test(s))) {
      return { protected: true, detail: `frame-ancestors ${fa.join(' ')}` };
    }
  }
  const xfo = doc ? headerValues(doc.headers, 'x-frame-options') : [];
  // Browsers ignore X-Frame-Options when several conflicting values are sent, and ALLOW-FROM is obsolete.
  const values = new Set(xfo.flatMap((v) => v.split(',')).map((v) => v.trim().toUpperCase()).filter(Boolean));
  if (values.size === 1) {
    const [v] = values;
    if (v === 'DENY' || v === 'SAMEORIGIN') return { protected: true, detail: `X-Frame-Options: ${v}` };
  }
  return {
    protected: false,
    detail: xfo.length ? `X-Frame-Options: ${xfo.join(', ')} (not DENY or SAMEORIGIN)` : 'no X-Frame-Options, no frame-ancestors',
  };
}
