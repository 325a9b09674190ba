import { defineRule } from '../../engine/rule';
import { corsFix, corsView } from '../../utils/http/cors';
import { safeUrl } from '../../utils/http/http';

const SHOWN = 5;

export default defineRule({
  meta: {
    id: 'cors-wildcard-credentialed',
    title: 'Wildcard CORS on authenticated responses',
    severity: 'medium',
    category: 'cors',
    checklist: 'least-privilege',
    surfaces: ['responses'],
    confidence: 'medium',
    rationale:
      '`Access-Control-Allow-Origin: *` on responses that depend on the visitor’s session tells every website it may read them; browsers refuse it with cookies today, so it usually means the next "fix" will be to echo any origin.',
    messages: {
      wildcard: '{origin} answers `Access-Control-Allow-Origin: *` to {count} request(s) that carried credentials or set cookies{extra}.',
    },
    fix: corsFix,
  },
  check(evidence) {
    // One finding per responding origin: the same middleware answers every path alike.
    const byOrigin = new Map<string, { urls: string[]; credentials: boolean; cookie: boolean }>();
    for (const r of evidence.responses) {
      const c = corsView(r);
      if (c.allowOrigin !== '*' || !(r.requestCredentialed === true || c.setsCookie || c.allowCredentials)) continue;
      const origin = safeUrl(r.url)?.origin ?? r.url;
      const entry = byOrigin.get(origin) ?? { urls: [], credentials: false, cookie: false };
      if (!entry.urls.includes(r.url)) entry.urls.push(r.url);
      entry.credentials ||= c.allowCredentials;
      entry.cookie ||= c.setsCookie;
      byOrigin.set(origin, entry);
    }
    return [...byOrigin].map(([origin, e]) => ({
      messageId: 'wildcard' as const,
      data: { origin, count: e.urls.length, extra: e.credentials ? ', together with Access-Control-Allow-Credentials: true' : '' },
      evidence: [
        'Access-Control-Allow-Origin: *',
        ...(e.credentials ? ['Access-Control-Allow-Credentials: true'] : []),
        ...e.urls.slice(0, SHOWN),
        ...(e.urls.length > SHOWN ? [`… and ${e.urls.length - SHOWN} more`] : []),
      ].join('\n'),
      location: { kind: 'request' as const, url: e.urls[0]!, name: 'Access-Control-Allow-Origin' },
      identity: origin,
    }));
  },
});
