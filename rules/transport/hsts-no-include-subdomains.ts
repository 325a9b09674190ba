import { defineRule } from '../../engine/rule';
import { hstsFix, pageHsts, preloadExplanation, preloadedHost } from '../../utils/http/hsts';
import { showHeader } from '../../utils/http/http';

export default defineRule({
  meta: {
    id: 'hsts-no-include-subdomains',
    title: 'HSTS does not cover subdomains',
    severity: 'low',
    category: 'transport',
    checklist: 'transport',
    surfaces: ['responses'],
    confidence: 'high',
    rationale: 'Without includeSubDomains an attacker can use a plain-HTTP subdomain to set cookies for your site or phish your users.',
    messages: {
      missing: 'The HSTS header has no includeSubDomains directive.',
      preloaded: 'The HSTS header has no includeSubDomains directive, but {preload}.',
      cut: 'The HSTS header is longer than 8 KB; its first 8 KB have no includeSubDomains directive and the rest was not read: check the header your server sends.',
    },
    fix: hstsFix,
  },
  check(evidence) {
    const hsts = pageHsts(evidence);
    if (hsts?.state !== 'valid' || hsts.includeSubDomains || hsts.maxAge === 0) return [];
    const preloaded = preloadedHost(evidence);
    // A header cut by the evidence bound may carry the directive after the cut: say so, never claim it is missing.
    const cut = !preloaded && hsts.cut === true;
    return [
      {
        messageId: preloaded ? 'preloaded' : cut ? 'cut' : 'missing',
        ...(preloaded ? { severity: 'info' as const, data: { preload: preloadExplanation(preloaded) } } : cut ? { severity: 'info' as const } : {}),
        evidence: showHeader('Strict-Transport-Security', hsts.raw),
        location: { kind: 'header', name: 'Strict-Transport-Security', url: evidence.url },
        identity: 'no-subdomains',
      },
    ];
  },
});
