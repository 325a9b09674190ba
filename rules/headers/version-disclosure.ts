import { defineRule } from '../../engine/rule';
import { documentResponse, showHeader } from '../../utils/http/http';

/** Headers that name server software; a finding needs a version number, not just a product name. */
const HEADERS = ['server', 'x-powered-by', 'x-aspnet-version', 'x-aspnetmvc-version', 'x-generator', 'x-runtime-version', 'x-drupal-cache', 'x-php-version'];
const VERSION = /\d+\.\d+/;

export default defineRule({
  meta: {
    id: 'version-disclosure',
    title: 'Server software and version disclosed',
    severity: 'low',
    category: 'headers',
    checklist: 'hardening',
    surfaces: ['responses'],
    confidence: 'high',
    rationale: 'Exact versions in headers tell attackers which published vulnerabilities to try first.',
    messages: { disclosed: 'The {header} header reveals "{value}".' },
    fix: {
      summary: 'Stop sending product versions in response headers.',
      steps: ['Turn off version banners in your server or framework (see the snippet).', 'Deploy and re-run the audit.'],
      snippet: { language: 'text', code: "# nginx\nserver_tokens off;\n# Express\napp.disable('x-powered-by');\n# PHP (php.ini)\nexpose_php = Off" },
      docs: 'https://owasp.org/www-project-secure-headers/',
      platforms: {
        server: {
          steps: [
            'nginx: `server_tokens off;` in the http block.',
            "Express: `app.disable('x-powered-by')` or the helmet package.",
            'PHP: `expose_php = Off` in php.ini.',
          ],
          docs: 'https://nginx.org/en/docs/http/ngx_http_core_module.html#server_tokens',
        },
      },
    },
  },
  check(evidence) {
    const doc = documentResponse(evidence);
    if (!doc) return [];
    const out = [];
    const seen = new Set<string>();
    for (const [name, value] of doc.headers) {
      const lower = name.toLowerCase();
      if (!HEADERS.includes(lower) || !VERSION.test(value) || seen.has(lower)) continue;
      seen.add(lower);
      out.push({
        messageId: 'disclosed' as const,
        data: { header: name, value: value.slice(0, 80) },
        evidence: showHeader(name, value, 80),
        location: { kind: 'header' as const, name, url: evidence.url },
        identity: lower,
      });
    }
    return out;
  },
});
