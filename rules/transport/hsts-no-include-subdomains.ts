import { defineRule } from '../../engine/rule';
import { hstsFix, pageHsts } from '../../utils/http/hsts';
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
    rationale:
      'Without includeSubDomains an attacker can use a plain-HTTP subdomain to set cookies for your site or phish your users.',
    messages: { missing: 'The HSTS header has no includeSubDomains directive.' },
    fix: hstsFix,
  },
  check(evidence) {
    const hsts = pageHsts(evidence);
    if (hsts?.state !== 'valid' || hsts.includeSubDomains || hsts.maxAge === 0) return [];
    return [{
      messageId: 'missing',
      evidence: showHeader('Strict-Transport-Security', hsts.raw),
      location: { kind: 'header', name: 'Strict-Transport-Security', url: evidence.url },
      identity: 'no-subdomains',
    }];
  },
});
