import { defineRule } from '../../engine/rule';
import { isHttps } from '../../utils/http/http';

/** Elements whose http:// content can change the page (browsers block these; they still break the app). */
const ACTIVE = new Set(['script', 'iframe', 'link', 'object', 'embed', 'form', 'fetch']);

export default defineRule({
  meta: {
    id: 'mixed-content',
    title: 'HTTPS page loads content over plain HTTP',
    severity: 'medium',
    category: 'page',
    checklist: 'transport',
    surfaces: ['page'],
    confidence: 'high',
    rationale:
      'Anything fetched over http:// from an https:// page can be read or swapped on the way; scripts and frames loaded that way can take over the page (browsers block them, which breaks the app instead).',
    messages: {
      active: '{tag} loaded over HTTP: {url}',
      passive: '{tag} loaded over HTTP: {url}',
    },
    fix: {
      summary: 'Load every resource over https:// (or with a relative URL).',
      steps: [
        'Search your pages, templates and builder settings for `http://` addresses.',
        'Change them to `https://` (check the resource is served there).',
        'Optionally add `upgrade-insecure-requests` to your Content-Security-Policy as a safety net.',
      ],
      snippet: { language: 'text', code: 'Content-Security-Policy: upgrade-insecure-requests' },
      docs: 'https://developer.mozilla.org/en-US/docs/Web/Security/Mixed_content',
      platforms: {
        bubble: {
          steps: [
            'In the Bubble editor, use the search tool (magnifier) to look for "http://" in images, HTML elements and plugins.',
            'Change each address to https://.',
            'Check Settings → SEO / metatags → "Script/meta tags in header" for http:// scripts too.',
          ],
          docs: 'https://manual.bubble.io/help-guides/maintaining-an-application/seo/seo-app',
        },
      },
    },
  },
  check(evidence) {
    if (!isHttps(evidence.url) || !evidence.page) return [];
    return evidence.page.mixedContent.map((m) => {
      const active = ACTIVE.has(m.tag.toLowerCase());
      return {
        messageId: active ? ('active' as const) : ('passive' as const),
        data: { tag: `<${m.tag.toLowerCase()}>`, url: m.url },
        evidence: `<${m.tag.toLowerCase()}> ${m.url}`,
        location: { kind: 'page' as const, url: m.url, name: m.tag.toLowerCase() },
        identity: `${m.tag.toLowerCase()}|${m.url}`,
        severity: active ? ('high' as const) : ('low' as const),
      };
    });
  },
});
