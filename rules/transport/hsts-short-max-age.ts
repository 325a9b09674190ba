import { defineRule } from '../../engine/rule';
import { ONE_YEAR, hstsFix, pageHsts } from '../../utils/http/hsts';
import { showHeader } from '../../utils/http/http';

export default defineRule({
  meta: {
    id: 'hsts-short-max-age',
    title: 'HSTS max-age shorter than one year',
    severity: 'low',
    category: 'transport',
    checklist: 'transport',
    surfaces: ['responses'],
    confidence: 'high',
    rationale: 'A short max-age lets the browser forget the HTTPS-only rule between visits, reopening the downgrade window.',
    messages: { short: 'HSTS max-age is {days} days; use at least 365 days (31536000 seconds).' },
    fix: hstsFix,
  },
  check(evidence) {
    const hsts = pageHsts(evidence);
    if (hsts?.state !== 'valid' || hsts.maxAge >= ONE_YEAR) return [];
    return [{
      messageId: 'short',
      data: { days: Math.floor(hsts.maxAge / 86400) },
      evidence: showHeader('Strict-Transport-Security', hsts.raw),
      location: { kind: 'header', name: 'Strict-Transport-Security', url: evidence.url },
      identity: 'short',
    }];
  },
});
