import { defineRule } from '../../engine/rule';
import { corsFix, corsView } from '../../utils/http/cors';
import { sameOrigin } from '../../utils/http/http';

export default defineRule({
  meta: {
    id: 'cors-reflected-origin',
    title: 'Any origin may read responses with the visitor’s cookies',
    severity: 'high',
    category: 'cors',
    checklist: 'least-privilege',
    surfaces: ['responses'],
    confidence: 'high',
    rationale:
      'When the server echoes whatever Origin it is sent and allows credentials, any website a signed-in user visits can read their data from this app.',
    messages: {
      reflected: '{url} echoed the foreign origin "{origin}" in Access-Control-Allow-Origin together with Access-Control-Allow-Credentials: true.',
      nullOrigin: '{url} allows the origin "null" with credentials; sandboxed iframes and local files send "null", so any site can get it.',
    },
    fix: corsFix,
  },
  check(evidence) {
    const out = [];
    for (const r of evidence.responses) {
      const c = corsView(r);
      if (!c.allowCredentials || c.allowOrigin === undefined) continue;
      const id = r.url.split('?')[0]!;
      // Exactly "null": the CORS check compares the header with the serialized origin byte for byte (Fetch), so "NULL" grants nothing.
      if (c.allowOrigin === 'null') {
        out.push({
          messageId: 'nullOrigin' as const,
          data: { url: r.url },
          evidence: 'Access-Control-Allow-Origin: null\nAccess-Control-Allow-Credentials: true',
          location: { kind: 'request' as const, url: r.url, name: 'Access-Control-Allow-Origin' },
          identity: id,
        });
        continue;
      }
      // Reflection is proven only when we know the Origin sent was foreign to the app and it came back.
      const sent = r.requestOrigin;
      if (!sent || sameOrigin(sent, evidence.origin) || c.allowOrigin !== sent) continue;
      out.push({
        messageId: 'reflected' as const,
        data: { url: r.url, origin: sent },
        evidence: `Origin: ${sent}\nAccess-Control-Allow-Origin: ${c.allowOrigin}\nAccess-Control-Allow-Credentials: true`,
        location: { kind: 'request' as const, url: r.url, name: 'Access-Control-Allow-Origin' },
        identity: id,
      });
    }
    return out;
  },
});
