import { defineRule } from '../../engine/rule';
import { hstsFix, pageHsts, preloadExplanation, preloadedHost } from '../../utils/http/hsts';
import { showHeader } from '../../utils/http/http';

export default defineRule({
  meta: {
    id: 'hsts-missing',
    title: 'No valid Strict-Transport-Security (HSTS) header',
    severity: 'medium',
    category: 'transport',
    checklist: 'transport',
    surfaces: ['responses'],
    confidence: 'high',
    rationale: 'Without HSTS a visitor’s first request can be downgraded to plain HTTP by someone on the network (SSL stripping), exposing cookies and data.',
    messages: {
      absent: 'The page is served over HTTPS without a Strict-Transport-Security header.',
      invalid: 'The Strict-Transport-Security header is ignored by browsers: {reason}.',
      absentPreloaded: 'No Strict-Transport-Security header, but {preload}.',
      invalidPreloaded: 'The Strict-Transport-Security header is ignored by browsers ({reason}), but {preload}.',
      cut: 'The Strict-Transport-Security header is longer than 8 KB and its first 8 KB hold no max-age: the rest was not read, so whether browsers honour it was not checked.',
    },
    fix: hstsFix,
  },
  check(evidence) {
    const hsts = pageHsts(evidence);
    if (!hsts || hsts.state === 'valid') return [];
    const location = { kind: 'header' as const, name: 'Strict-Transport-Security', url: evidence.url };
    // On a preloaded host the header changes nothing for browsers: info, with why.
    const preloaded = preloadedHost(evidence);
    const pre = preloaded ? { severity: 'info' as const, data: { preload: preloadExplanation(preloaded) } } : undefined;
    if (hsts.state === 'cut') {
      return [{ messageId: 'cut', severity: 'info', evidence: showHeader('Strict-Transport-Security', hsts.raw), location, identity: 'cut' }];
    }
    if (hsts.state === 'absent') {
      return [
        { messageId: pre ? 'absentPreloaded' : 'absent', ...pre, evidence: showHeader('Strict-Transport-Security', undefined), location, identity: 'absent' },
      ];
    }
    return [
      {
        messageId: pre ? 'invalidPreloaded' : 'invalid',
        ...pre,
        data: { reason: hsts.reason, ...pre?.data },
        evidence: showHeader('Strict-Transport-Security', hsts.raw),
        location,
        identity: 'invalid',
      },
    ];
  },
});
