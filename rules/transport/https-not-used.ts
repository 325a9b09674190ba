import { defineRule } from '../../engine/rule';
import { isHttps } from '../../utils/http/http';

export default defineRule({
  meta: {
    id: 'https-not-used',
    title: 'Page served over plain HTTP',
    severity: 'high',
    category: 'transport',
    checklist: 'transport',
    surfaces: [],
    confidence: 'high',
    rationale: 'Without HTTPS anyone on the same network (café Wi-Fi, a hostile ISP) can read and change the page, its data and its cookies.',
    messages: { http: 'The page was loaded over http:// — traffic and cookies travel unencrypted.' },
    fix: {
      summary: 'Serve the app only over HTTPS and send visitors from http:// to https://.',
      steps: [
        'Turn on HTTPS (a free certificate) in your host’s domain settings.',
        'Turn on "redirect HTTP to HTTPS" / "Force HTTPS" in the same place.',
        'Open the http:// address and check it lands on https://.',
      ],
      docs: 'https://developer.mozilla.org/en-US/docs/Web/Security/Practical_implementation_guides/TLS',
      platforms: {
        bubble: {
          steps: [
            'Bubble editor → Settings → Domain / email.',
            'Connect your domain; Bubble provisions the certificate.',
            'Check that the app opens at https://.',
          ],
          deepLink: 'https://bubble.io/page?id={app}&tab=Settings&subtab=Domain+%2F+email',
          docs: 'https://manual.bubble.io/core-resources/bubbles-interface/settings-tab',
        },
        netlify: {
          steps: ['Netlify → Site configuration → Domain management → HTTPS.', 'Click "Verify DNS configuration" then "Provision certificate".'],
          docs: 'https://docs.netlify.com/manage/domains/secure-domains-with-https/https-ssl/',
        },
        vercel: {
          steps: ['Vercel serves every domain over HTTPS automatically.', 'Vercel → Project → Settings → Domains: check the domain shows a valid certificate.'],
          docs: 'https://vercel.com/docs/domains',
        },
        cloudflare: {
          steps: [
            'Cloudflare dashboard → your domain → SSL/TLS → Overview: choose "Full (strict)".',
            'SSL/TLS → Edge Certificates → turn on "Always Use HTTPS".',
          ],
          deepLink: 'https://dash.cloudflare.com/?to=/:account/:zone/ssl-tls/edge-certificates',
          docs: 'https://developers.cloudflare.com/ssl/edge-certificates/additional-options/always-use-https/',
        },
      },
    },
  },
  check(evidence) {
    if (isHttps(evidence.url)) return [];
    return [{ messageId: 'http', evidence: evidence.url, location: { kind: 'page', url: evidence.url }, identity: 'http' }];
  },
});
