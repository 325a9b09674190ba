/**
 * Fix-guide variants for "set this response header", one per common host, so every header rule speaks the
 * user's platform without repeating the same five recipes. Server snippet last.
 */
import type { FixTarget } from '../utils/platform/platforms';
import type { PlatformFix } from './rule';

export const HOST_DOCS = {
  netlify: 'https://docs.netlify.com/manage/routing/headers/',
  vercel: 'https://vercel.com/docs/project-configuration/vercel-json#headers',
  cloudflare: 'https://developers.cloudflare.com/rules/transform/response-header-modification/',
  firebase: 'https://firebase.google.com/docs/hosting/full-config#headers',
  nginx: 'https://nginx.org/en/docs/http/ngx_http_headers_module.html#add_header',
} as const;

export interface HeaderFixOptions {
  /** Extra, platform-specific variants (e.g. a Bubble setting) that take precedence over the generic ones. */
  platforms?: Partial<Record<FixTarget, PlatformFix>>;
  /** When the header can also be set as <meta http-equiv> (CSP) or <meta name> (referrer), builders without
   * header control can add it in their head-code setting. */
  meta?: string;
}

export function headerFixes(header: string, value: string, options: HeaderFixOptions = {}): Partial<Record<FixTarget, PlatformFix>> {
  const json = JSON.stringify({ headers: [{ source: '/(.*)', headers: [{ key: header, value }] }] }, null, 2);
  const fixes: Partial<Record<FixTarget, PlatformFix>> = {
    netlify: {
      steps: [
        'In your project, open (or create) the file `_headers` in the publish folder (e.g. `public/_headers`).',
        'Paste the snippet below.',
        'Deploy; Netlify applies it to every page.',
      ],
      snippet: { language: 'text', code: `/*\n  ${header}: ${value}\n` },
      docs: HOST_DOCS.netlify,
    },
    vercel: {
      steps: [
        'Open `vercel.json` at the root of your project (create it if missing).',
        'Add the `headers` entry below (merge with an existing `headers` list).',
        'Redeploy the project.',
      ],
      snippet: { language: 'json', code: json },
      docs: HOST_DOCS.vercel,
    },
    cloudflare: {
      steps: [
        'Cloudflare dashboard → your domain → Rules → Overview → Create rule → Response Header Transform Rule.',
        'Name it, apply it to all incoming requests.',
        `Choose "Set static", header name \`${header}\`, value from the snippet.`,
        'Deploy the rule. (On Cloudflare Pages you can instead add a `_headers` file, like Netlify.)',
      ],
      deepLink: 'https://dash.cloudflare.com/?to=/:account/:zone/rules',
      snippet: { language: 'text', code: `${header}: ${value}` },
      docs: HOST_DOCS.cloudflare,
    },
    'firebase-hosting': {
      steps: ['Open `firebase.json` in your project.', 'Under `hosting`, add the `headers` entry below.', 'Run `firebase deploy --only hosting`.'],
      snippet: {
        language: 'json',
        code: JSON.stringify({ hosting: { headers: [{ source: '**', headers: [{ key: header, value }] }] } }, null, 2),
      },
      docs: HOST_DOCS.firebase,
    },
    server: {
      steps: [
        'Add the header in your web server or framework for every response (nginx shown; Express: the `helmet` package).',
        'Reload the server and re-run the audit.',
      ],
      snippet: { language: 'nginx', code: `add_header ${header} "${value.replace(/"/g, '\\"')}" always;` },
      docs: HOST_DOCS.nginx,
    },
  };
  if (options.meta) {
    const metaFix = (where: string, docs: string): PlatformFix => ({
      steps: [where, 'Paste the tag below and save.', 'Publish / deploy the app again.'],
      snippet: { language: 'html', code: options.meta! },
      docs,
    });
    fixes.bubble = metaFix(
      'Bubble editor → Settings → SEO / metatags → "Script/meta tags in header".',
      'https://manual.bubble.io/help-guides/maintaining-an-application/seo/seo-app',
    );
    fixes.webflow = metaFix(
      'Webflow → Site settings → Custom code → Head code.',
      'https://university.webflow.com/lesson/custom-code-in-the-head-and-body-tags',
    );
    fixes.softr = metaFix('Softr studio → Settings → Custom code → Code inside header.', 'https://docs.softr.io/');
  }
  return { ...fixes, ...options.platforms };
}
