import { defineRule } from '../../engine/rule';
import { ONE_YEAR, SIX_MONTHS, hstsFix, pageHsts, preloadExplanation, preloadedHost } from '../../utils/http/hsts';
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
    messages: {
      short: 'HSTS max-age is {days} days; use at least 365 days (31536000 seconds).',
      preloaded: 'HSTS max-age is {days} days, but {preload}.',
      halfYear:
        'HSTS max-age is {days} days: visitors who come back within six months stay protected; a year (31536000 seconds) is what the preload list asks and closes the gap for rarer visitors.',
    },
    fix: hstsFix,
  },
  check(evidence) {
    const hsts = pageHsts(evidence);
    if (hsts?.state !== 'valid' || hsts.maxAge >= ONE_YEAR) return [];
    const preloaded = preloadedHost(evidence);
    // Six months (the Observatory's and Mozilla's minimum) leaves unprotected only visitors who stay away longer:
    // hardening, not a weakness worth low.
    const halfYear = !preloaded && hsts.maxAge >= SIX_MONTHS;
    return [
      {
        messageId: preloaded ? 'preloaded' : halfYear ? 'halfYear' : 'short',
        ...(preloaded || halfYear ? { severity: 'info' as const } : {}),
        data: { days: Math.floor(hsts.maxAge / 86400), ...(preloaded ? { preload: preloadExplanation(preloaded) } : {}) },
        evidence: showHeader('Strict-Transport-Security', hsts.raw),
        location: { kind: 'header', name: 'Strict-Transport-Security', url: evidence.url },
        identity: 'short',
      },
    ];
  },
});
