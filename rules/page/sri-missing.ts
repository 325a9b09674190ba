import { defineRule } from '../../engine/rule';
import { safeUrl } from '../../utils/http/http';

/**
 * Scripts that change by design (a fixed hash would break them), by host and path: tag managers and analytics,
 * payment SDKs, captcha and sign-in loaders, the Maps loader, support widgets, and the builders' own runtimes.
 * Versioned library files on the same hosts are NOT exempt: ajax.googleapis.com/ajax/libs/<lib>/<version>/… and
 * www.gstatic.com/firebasejs/<version>/… never change, and SRI works on them.
 */
const CHANGES_BY_DESIGN: { host: RegExp; path?: RegExp; what: string }[] = [
  { host: /(^|\.)googletagmanager\.com$/, what: 'Google Tag Manager / gtag.js' },
  { host: /(^|\.)google-analytics\.com$/, what: 'Google Analytics' },
  { host: /^(www\.)?google\.com$/, path: /^\/(recaptcha|js\/th)\//, what: 'reCAPTCHA' },
  { host: /^www\.gstatic\.com$/, path: /^\/recaptcha\//, what: 'reCAPTCHA' },
  { host: /(^|\.)recaptcha\.net$/, what: 'reCAPTCHA' },
  { host: /^maps\.googleapis\.com$/, path: /^\/maps\/api\/js/, what: 'Google Maps loader' },
  { host: /^apis\.google\.com$/, path: /^\/js\//, what: 'Google API loader' },
  { host: /^accounts\.google\.com$/, path: /^\/gsi\//, what: 'Sign in with Google' },
  { host: /(^|\.)stripe\.com$/, what: 'Stripe.js (must load from js.stripe.com)' },
  { host: /(^|\.)(paypal\.com|paypalobjects\.com)$/, what: 'PayPal SDK' },
  { host: /(^|\.)hcaptcha\.com$/, what: 'hCaptcha' },
  { host: /^challenges\.cloudflare\.com$/, what: 'Cloudflare Turnstile' },
  { host: /(^|\.)(intercom\.io|intercomcdn\.com)$/, what: 'Intercom widget' },
  { host: /(^|\.)hotjar\.com$/, what: 'Hotjar' },
  { host: /(^|\.)facebook\.net$/, what: 'Meta pixel' },
  { host: /(^|\.)clarity\.ms$/, what: 'Microsoft Clarity' },
  { host: /(^|\.)segment\.(com|io)$/, what: 'Segment' },
  { host: /(^|\.)cloudflareinsights\.com$/, what: 'Cloudflare Web Analytics' },
  { host: /(^|\.)bubble\.io$/, what: "Bubble's runtime" },
  { host: /(^|\.)glideapps\.com$/, what: "Glide's runtime" },
];
const changesByDesign = (u: URL) => CHANGES_BY_DESIGN.some((e) => e.host.test(u.hostname.toLowerCase()) && (!e.path || e.path.test(u.pathname)));

/** Suffixes under which each name belongs to a different owner: two-label country suffixes (co.uk, com.au) and shared
 * app-hosting domains (my-app.netlify.app and other-app.netlify.app are different sites). */
const SHARED_SUFFIX =
  /\.((com?|net|org|gov|edu|ac|ne|or|go)\.[a-z]{2}|netlify\.app|vercel\.app|pages\.dev|workers\.dev|web\.app|firebaseapp\.com|github\.io|gitlab\.io|herokuapp\.com|onrender\.com|fly\.dev|bubbleapps\.io|glide\.page|glideapp\.io|webflow\.io|softr\.app|lovable\.app|replit\.app|azurewebsites\.net|appspot\.com)$/i;
/** The registrable domain, approximately (the extension ships no Public Suffix List). */
const site = (host: string) =>
  host
    .split('.')
    .slice(SHARED_SUFFIX.test(`.${host}`) ? -3 : -2)
    .join('.');

export default defineRule({
  meta: {
    id: 'sri-missing',
    title: 'Third-party script without integrity check (SRI)',
    severity: 'medium',
    category: 'page',
    checklist: 'integrations',
    surfaces: ['page'],
    confidence: 'medium',
    rationale:
      'A script from a CDN runs with full access to the page; if the CDN file is changed (compromise, typo-squatted package, expired domain) it can steal sessions and data. An integrity hash makes the browser refuse a changed file.',
    messages: { missing: 'Script from {host} has no integrity attribute: {url}' },
    fix: {
      summary: 'Pin third-party scripts with `integrity="sha384-…" crossorigin="anonymous"`, or host them yourself.',
      steps: [
        'For a versioned CDN file (jsdelivr, unpkg, cdnjs), copy the SRI hash the CDN shows for that exact version.',
        'Add `integrity="sha384-…"` and `crossorigin="anonymous"` to the <script> tag.',
        'For a script that changes by design (analytics, payments), keep it but check its host is one you trust.',
      ],
      snippet: {
        language: 'html',
        code: '<script src="https://cdn.jsdelivr.net/npm/pkg@1.2.3/dist/pkg.min.js"\n        integrity="sha384-…" crossorigin="anonymous"></script>',
      },
      docs: 'https://developer.mozilla.org/en-US/docs/Web/Security/Subresource_Integrity',
      platforms: {
        bubble: {
          steps: [
            'Bubble editor → Settings → SEO / metatags → "Script/meta tags in header" (and any HTML elements).',
            'Add integrity and crossorigin attributes to the <script> tags you pasted there.',
            'Deploy to live and re-run the audit.',
          ],
          docs: 'https://manual.bubble.io/help-guides/maintaining-an-application/seo/seo-app',
        },
      },
    },
  },
  check(evidence) {
    const page = evidence.page!;
    const pageUrl = safeUrl(evidence.url);
    if (!pageUrl) return [];
    const out = [];
    for (const s of page.scripts) {
      // Only sha256/384/512 entries count; with none, browsers load the file unchecked (SRI "parse metadata").
      if (!s.src || /(^|\s)sha(256|384|512)-/i.test(s.integrity ?? '')) continue;
      const u = safeUrl(s.src, evidence.url);
      if (!u || !/^https?:$/.test(u.protocol) || u.origin === pageUrl.origin) continue;
      // Same site (app.example.com loading cdn.example.com) is first-party.
      if (site(u.hostname) === site(pageUrl.hostname) || changesByDesign(u)) continue;
      out.push({
        messageId: 'missing' as const,
        data: { host: u.hostname, url: u.href },
        evidence: `<script src="${u.href}">`,
        location: { kind: 'script' as const, url: u.href },
        identity: u.href,
      });
    }
    return out;
  },
});
