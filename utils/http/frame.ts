/** Whether the page can be framed by other sites (clickjacking), from X-Frame-Options and CSP frame-ancestors. */
import type { Evidence } from '../evidence/evidence';
import { enforcedPolicies } from './csp';
import { documentResponse, headerValues } from './http';

export function frameProtection(evidence: Evidence): { protected: boolean; detail: string } {
  const doc = documentResponse(evidence);
  // frame-ancestors only counts in a header policy; `*` or a scheme-only source does not protect.
  const ancestors = enforcedPolicies(evidence).flatMap((p) => {
    const fa = p.source === 'header' ? p.directives.get('frame-ancestors') : undefined;
    return fa ? [fa] : [];
  });
  for (const fa of ancestors) {
    // A wildcard source (`*`, `https:`, `https://*`, `*:443`) lets any site frame the page.
    if (fa && !fa.some((s) => s === '*' || /^(https?:|data:|blob:)$/i.test(s) || /^([a-z]+:\/\/)?\*(:\d+|:\*)?\/?$/i.test(s))) {
      return { protected: true, detail: `frame-ancestors ${fa.join(' ')}` };
    }
  }
  // With frame-ancestors in an enforced header policy, browsers ignore X-Frame-Options (HTML, "check a navigation
  // response's adherence to X-Frame-Options" step 2).
  if (ancestors.length)
    return { protected: false, detail: `frame-ancestors ${ancestors[0]!.join(' ')} (X-Frame-Options is ignored when frame-ancestors is set)` };
  const xfo = doc ? headerValues(doc.headers, 'x-frame-options') : [];
  // ALLOW-FROM is obsolete. Several different values block all framing when one is DENY, SAMEORIGIN or ALLOWALL
  // (same algorithm, steps 6-7); otherwise they are ignored.
  const values = new Set(
    xfo
      .flatMap((v) => v.split(','))
      .map((v) => v.trim().toUpperCase())
      .filter(Boolean),
  );
  if (values.size > 1 && ['DENY', 'SAMEORIGIN', 'ALLOWALL'].some((v) => values.has(v))) {
    return { protected: true, detail: `X-Frame-Options: ${[...values].join(', ')} (conflicting values: browsers block all framing)` };
  }
  if (values.size === 1) {
    const [v] = values;
    if (v === 'DENY' || v === 'SAMEORIGIN') return { protected: true, detail: `X-Frame-Options: ${v}` };
  }
  return {
    protected: false,
    detail: xfo.length ? `X-Frame-Options: ${xfo.join(', ')} (not DENY or SAMEORIGIN)` : 'no X-Frame-Options, no frame-ancestors',
  };
}
