import { defineRule } from '../../engine/rule';
import { documentResponse, headerValues, showHeader } from '../../utils/http/http';
import { headerFixes } from '../../engine/host-fixes';

const SAFE = new Set(['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin']);
const UNSAFE = new Set(['unsafe-url', 'no-referrer-when-downgrade', 'origin-when-cross-origin', 'origin']);
const RECOMMENDED = 'strict-origin-when-cross-origin';
/** Legacy keywords a <meta name="referrer"> still accepts (HTML, the referrer metadata name). */
const LEGACY_META = new Map([
  ['never', 'no-referrer'],
  ['default', RECOMMENDED],
  ['always', 'unsafe-url'],
  ['origin-when-crossorigin', 'origin-when-cross-origin'],
]);

/** The effective policy: the last recognised token across headers and <meta name="referrer"> (spec: last valid wins). */
function effectivePolicy(values: string[]): string | undefined {
  let policy: string | undefined;
  for (const v of values)
    for (const token of v.split(',')) {
      const t = token.trim().toLowerCase();
      if (SAFE.has(t) || UNSAFE.has(t)) policy = t;
    }
  return policy;
}

export default defineRule({
  meta: {
    id: 'referrer-policy-weak',
    title: 'Referrer-Policy missing or leaky',
    severity: 'low',
    category: 'headers',
    checklist: 'hardening',
    surfaces: ['responses'],
    confidence: 'high',
    rationale:
      'Full page addresses (which in micro-apps often carry record ids, search terms or tokens) leak to every third-party site the page links to or loads from.',
    messages: {
      missing: `No Referrer-Policy is set; browsers default to ${RECOMMENDED}, which is safe, but set it explicitly so older browsers and embedded views do the same.`,
      invalid: 'Referrer-Policy is sent ("{value}") but has no valid token, so browsers ignore it and the policy you meant is not applied.',
      unsafe: 'Referrer-Policy "{policy}" sends full addresses (path and query) to other sites.',
    },
    fix: {
      summary: `Send \`Referrer-Policy: ${RECOMMENDED}\` (or stricter).`,
      steps: [
        `Add the response header \`Referrer-Policy: ${RECOMMENDED}\` (see your host below).`,
        'Or add `<meta name="referrer" content="strict-origin-when-cross-origin">` to the page head.',
        'Deploy and re-run the audit.',
      ],
      snippet: { language: 'text', code: `Referrer-Policy: ${RECOMMENDED}` },
      docs: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Referrer-Policy',
      platforms: headerFixes('Referrer-Policy', RECOMMENDED, { meta: `<meta name="referrer" content="${RECOMMENDED}">` }),
    },
  },
  check(evidence) {
    const doc = documentResponse(evidence);
    if (!doc) return [];
    const headers = headerValues(doc.headers, 'referrer-policy');
    const metas = (evidence.page?.meta ?? [])
      .filter((m) => m.name?.toLowerCase() === 'referrer')
      .map((m) => LEGACY_META.get(m.content.trim().toLowerCase()) ?? m.content);
    const policy = effectivePolicy([...headers, ...metas]);
    const location = { kind: 'header' as const, name: 'Referrer-Policy', url: evidence.url };
    const shown = showHeader('Referrer-Policy', headers.length ? headers.join(', ') : undefined);
    if (policy === undefined) {
      // Nothing sent at all: browsers use strict-origin-when-cross-origin (Referrer Policy §3, default), so this is
      // advice. Something sent that no browser understands is a broken setting (low).
      const sent = [...headers, ...metas];
      if (sent.length === 0) return [{ messageId: 'missing', severity: 'info', evidence: shown, location, identity: 'policy' }];
      return [{ messageId: 'invalid', data: { value: sent.join(', ').slice(0, 120) }, evidence: shown, location, identity: 'policy' }];
    }
    if (UNSAFE.has(policy)) return [{ messageId: 'unsafe', data: { policy }, evidence: shown, location, identity: 'policy' }];
    return [];
  },
});
