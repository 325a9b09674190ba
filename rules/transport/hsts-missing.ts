import { defineRule } from '../../engine/rule';
import { hstsFix, pageHsts } from '../../utils/http/hsts';
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
    rationale:
      'Without HSTS a visitor’s first request can be downgraded to plain HTTP by someone on the network (SSL stripping), exposing cookies and data.',
    messages: {
      absent: 'The page is served over HTTPS without a Strict-Transport-Security header.',
      invalid: 'The Strict-Transport-Security header is ignored by browsers: {reason}.',
    },
    fix: hstsFix,
  },
  check(evidence) {
    const hsts = pageHsts(evidence);
    if (!hsts || hsts.state === 'valid') return [];
    const location = { kind: 'header' as const, name: 'Strict-Transport-Security', url: evidence.url };
    if (hsts.state === 'absent') {
      return [{ messageId: 'absent', evidence: showHeader('Strict-Transport-Security', undefined), location, identity: 'absent' }];
    }
    return [{ messageId: 'invalid', data: { reason: hsts.reason }, evidence: showHeader('Strict-Transport-Security', hsts.raw), location, identity: 'invalid' }];
  },
});
