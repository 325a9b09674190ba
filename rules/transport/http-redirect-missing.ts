import { defineRule } from '../../engine/rule';
import { preloadExplanation, preloadedHost } from '../../utils/http/hsts';
import { isHttps, safeUrl } from '../../utils/http/http';

export default defineRule({
  meta: {
    id: 'http-redirect-missing',
    title: 'HTTP does not redirect to HTTPS',
    severity: 'medium',
    category: 'transport',
    checklist: 'transport',
    surfaces: ['redirect'],
    confidence: 'high',
    rationale:
      'Visitors who type the address or follow an old http:// link stay on an unencrypted page unless the server sends them to https:// straight away.',
    messages: {
      noRedirect: 'http://{host}/ answered without sending the visitor to HTTPS (final address {final}).',
      noRedirectPreloaded: 'http://{host}/ answered without sending the visitor to HTTPS (final address {final}), but {preload}.',
      offsite: 'http://{host}/ first redirects to {first}, not to https://{host}/ — the first hop should stay on the same host.',
      failed: 'Plain HTTP could not be checked cleanly: {reason}.',
      notChecked:
        'Not checked from this browser: it already treats {host} as HTTPS-only (an HSTS header it stored, or the preload list) and upgraded http://{host}/ to https:// itself (an internal 307, "Non-Authoritative-Reason: HSTS"), so the server was never asked over plain HTTP. To check what first-time visitors and other clients get, run `curl -sI http://{host}/` and look for a 301 or 308 to https://{host}/.',
    },
    fix: {
      summary: 'Make every http:// request answer with a permanent redirect (301/308) to the same address on https://.',
      steps: [
        'Find "Force HTTPS" / "Always use HTTPS" in your host or domain settings and turn it on.',
        'Open http://your-domain/ and check the address bar ends on https://.',
      ],
      docs: 'https://developer.mozilla.org/en-US/docs/Web/Security/Practical_implementation_guides/TLS#http_redirections',
      platforms: {
        netlify: {
          steps: ['Netlify redirects HTTP to HTTPS once a certificate is provisioned: Site configuration → Domain management → HTTPS → Provision certificate.'],
          docs: 'https://docs.netlify.com/manage/domains/secure-domains-with-https/https-ssl/',
        },
        cloudflare: {
          steps: ['Cloudflare dashboard → your domain → SSL/TLS → Edge Certificates.', 'Turn on "Always Use HTTPS".'],
          deepLink: 'https://dash.cloudflare.com/?to=/:account/:zone/ssl-tls/edge-certificates',
          docs: 'https://developers.cloudflare.com/ssl/edge-certificates/additional-options/always-use-https/',
        },
        server: {
          steps: ['Add a plain-HTTP server block that redirects everything to HTTPS.', 'Reload the server.'],
          snippet: { language: 'nginx', code: 'server {\n  listen 80;\n  server_name example.com;\n  return 301 https://$host$request_uri;\n}' },
          docs: 'https://nginx.org/en/docs/http/ngx_http_rewrite_module.html#return',
        },
      },
    },
  },
  check(evidence) {
    const r = evidence.redirect;
    const host = safeUrl(evidence.url)?.hostname ?? evidence.origin;
    if (r.status === 'failed') {
      return [{ messageId: 'failed', data: { reason: r.reason }, evidence: r.reason, location: { kind: 'redirect', url: r.httpUrl }, identity: 'failed' }];
    }
    if (r.status !== 'checked') return [];
    if (r.browserUpgrade) {
      return [
        {
          messageId: 'notChecked',
          severity: 'info',
          data: { host },
          evidence: `307 ${r.httpUrl} → ${r.hops[0]?.location ?? r.finalUrl} (made by the browser: Non-Authoritative-Reason: HSTS)`,
          location: { kind: 'redirect', url: r.httpUrl },
          identity: 'browser-upgrade',
        },
      ];
    }
    const chain = r.hops.map((h) => `${h.status} ${h.url}${h.location ? ` → ${h.location}` : ''}`).join('\n');
    if (!isHttps(r.finalUrl)) {
      // On a preloaded host browsers never send the plain-HTTP request (only other clients do): info, with why.
      const preloaded = preloadedHost(evidence);
      return [
        {
          messageId: preloaded ? 'noRedirectPreloaded' : 'noRedirect',
          ...(preloaded ? { severity: 'info' as const } : {}),
          data: { host, final: r.finalUrl, ...(preloaded ? { preload: preloadExplanation(preloaded) } : {}) },
          evidence: chain || r.finalUrl,
          location: { kind: 'redirect', url: r.httpUrl },
          identity: 'none',
        },
      ];
    }
    const first = r.hops[0]?.location ? safeUrl(r.hops[0].location, r.httpUrl) : undefined;
    if (first && (first.protocol !== 'https:' || first.hostname !== host)) {
      return [
        { messageId: 'offsite', data: { host, first: first.href }, evidence: chain, location: { kind: 'redirect', url: r.httpUrl }, identity: 'offsite' },
      ];
    }
    return [];
  },
});
