import { defineRule } from '../../engine/rule';
import { corsFix, corsView } from '../../utils/http/cors';
import { safeUrl } from '../../utils/http/http';

const SHOWN = 5;

export default defineRule({
  meta: {
    id: 'cors-wildcard-credentialed',
    title: 'Wildcard CORS on authenticated responses',
    severity: 'info',
    category: 'cors',
    checklist: 'least-privilege',
    surfaces: ['responses'],
    confidence: 'medium',
    rationale:
      'Not exploitable as it stands: browsers refuse `*` on a credentialed request (Fetch, CORS check) and never show Set-Cookie to scripts. The trap is the usual "fix" when the front end breaks: echoing the request’s Origin with credentials lets every website read the visitor’s data.',
    messages: {
      wildcard:
        '{origin} answers `Access-Control-Allow-Origin: *` to {count} request(s) that carried credentials or set cookies{extra}. Browsers refuse `*` with credentials, so no other site can read these responses today; if you change it, allow a fixed list of your own origins, never echo whatever Origin arrives.',
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
