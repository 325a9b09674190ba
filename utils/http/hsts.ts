/** Strict-Transport-Security parsing (RFC 6797 §6.1). Browsers honour the first header only. */
import { LIMITS, type Evidence } from '../evidence/evidence';
import { documentResponse, firstHeader, isHttps, safeUrl } from './http';
import { hstsPreloadEntry, type PreloadEntry } from './hsts-preload';
import { headerFixes } from '../../engine/host-fixes';
import type { FixGuide } from '../../engine/rule';

export const HSTS_RECOMMENDED = 'max-age=31536000; includeSubDomains';
export const ONE_YEAR = 31_536_000;
/** 180 days: the MDN HTTP Observatory's and Mozilla's web security guidelines' minimum max-age. */
export const SIX_MONTHS = 15_552_000;

export type Hsts =
  | { state: 'absent' }
  | { state: 'invalid'; raw: string; reason: string }
  /** Longer than the evidence keeps (LIMITS.headerValue), and no max-age in the part that was kept: not checked. */
  | { state: 'cut'; raw: string }
  /** `cut`: the value was longer than the evidence keeps; directives after the cut were not read. */
  | { state: 'valid'; raw: string; maxAge: number; includeSubDomains: boolean; preload: boolean; cut?: true };

/** A header value the evidence cut at its bound (utils/evidence/bounded.ts clip: the ellipsis marks the cut). */
export const wasCut = (value: string): boolean => value.length === LIMITS.headerValue && value.endsWith('…');

export function parseHsts(raw: string | undefined): Hsts {
  if (raw === undefined) return { state: 'absent' };
  const cut = wasCut(raw);
  // What was kept ends inside a directive: read only the directives before it.
  const read = cut ? raw.slice(0, Math.max(0, raw.lastIndexOf(';'))) : raw;
  // RFC 6797 §6.1: a directive may appear once; includeSubDomains and preload take no value. Browsers ignore a
  // header that breaks either rule, so we call it invalid too.
  const directives = new Map<string, string | null>();
  for (const part of read.split(';')) {
    const t = part.trim();
    if (!t) continue;
    const eq = t.indexOf('=');
    const name = (eq === -1 ? t : t.slice(0, eq)).trim().toLowerCase();
    if (directives.has(name)) return { state: 'invalid', raw, reason: `the ${name} directive appears twice` };
    directives.set(
      name,
      eq === -1
        ? null
        : t
            .slice(eq + 1)
            .trim()
            .replace(/^"(.*)"$/, '$1'),
    );
  }
  const maxAge = directives.get('max-age');
  if (maxAge === undefined && cut) return { state: 'cut', raw };
  if (maxAge === undefined || maxAge === null) return { state: 'invalid', raw, reason: 'no max-age directive' };
  if (!/^\d+$/.test(maxAge)) return { state: 'invalid', raw, reason: `max-age "${maxAge.slice(0, 40)}" is not a number` };
  for (const flag of ['includesubdomains', 'preload']) {
    if (directives.get(flag) !== undefined && directives.get(flag) !== null)
      return { state: 'invalid', raw, reason: `${flag === 'preload' ? 'preload' : 'includeSubDomains'} takes no value` };
  }
  // Very large values are clamped by browsers, not rejected.
  return {
    state: 'valid',
    raw,
    maxAge: Math.min(Number(maxAge), Number.MAX_SAFE_INTEGER),
    includeSubDomains: directives.has('includesubdomains'),
    preload: directives.has('preload'),
    ...(cut ? { cut: true as const } : {}),
  };
}

/** HSTS of the audited page, or undefined when it does not apply (plain HTTP: browsers ignore HSTS there). */
export function pageHsts(evidence: Evidence): Hsts | undefined {
  const doc = documentResponse(evidence);
  if (!doc || !isHttps(doc.url)) return undefined;
  return parseHsts(firstHeader(doc.headers, 'strict-transport-security'));
}

/**
 * The preload entry covering the audited host, when there is one. Browsers then never reach any name under it over
 * plain HTTP, whatever the site's own header says, so HSTS header findings there are info, not a risk.
 */
export function preloadedHost(evidence: Evidence): { host: string; entry: PreloadEntry } | undefined {
  const host = safeUrl(evidence.url)?.hostname;
  const entry = host ? hstsPreloadEntry(host) : undefined;
  return host && entry ? { host, entry } : undefined;
}

/** The sentence every HSTS rule adds on a preloaded host (message data `preload`). */
export function preloadExplanation(p: { host: string; entry: PreloadEntry }): string {
  const scope = p.entry.name.includes('.') ? `*.${p.entry.name}` : `every .${p.entry.name} name`;
  return `${p.host} is covered by the browsers' HSTS preload list (${scope}, includeSubDomains), so browsers never load it over plain HTTP, whatever this header says; nothing to fix for visitors, worth setting only for other clients`;
}

/** What one webRequest redirect event looks like (Chromium's onBeforeRedirect details, with response headers). */
export interface RedirectEvent {
  statusCode: number;
  statusLine?: string;
  responseHeaders?: { name: string; value?: string }[];
}

/**
 * Chromium's own HTTP→HTTPS upgrade (a stored or preloaded HSTS entry): a 307 it makes up itself, status line
 * "307 Internal Redirect", header `Non-Authoritative-Reason: HSTS` (net/url_request/url_request_redirect_job.cc).
 * The server was never asked, so its plain-HTTP answer is unknown.
 */
export function isBrowserHstsUpgrade(d: RedirectEvent): boolean {
  // Firefox's own upgrades (HSTS, HTTPS-First) are internal redirects with no response at all: status 0. Seen with
  // Firefox 153 ESR on an extension's fetch of http://<host>/ (test/e2e/deployed-app.e2e.test.ts in Firefox).
  if (d.statusCode === 0) return true;
  if (d.statusCode !== 307) return false;
  const reason = d.responseHeaders?.find((h) => h.name.toLowerCase() === 'non-authoritative-reason')?.value;
  return reason?.trim().toUpperCase() === 'HSTS';
}

const bubbleNote = {
  steps: [
    'Bubble sets the HSTS header for apps it hosts; you cannot change it in the editor.',
    'On a custom domain, proxy it through Cloudflare (DNS → proxied) and add the header there (see the Cloudflare steps).',
    'Or ask Bubble support to enable HSTS for your domain.',
  ],
  docs: 'https://manual.bubble.io/core-resources/bubbles-interface/settings-tab',
};

export const hstsFix: FixGuide = {
  summary: `Send \`Strict-Transport-Security: ${HSTS_RECOMMENDED}\` on every HTTPS response.`,
  steps: [
    'Find where your host lets you add response headers (see the variants below).',
    `Add the header \`Strict-Transport-Security\` with value \`${HSTS_RECOMMENDED}\`.`,
    'Deploy, then re-run the audit.',
  ],
  snippet: { language: 'text', code: `Strict-Transport-Security: ${HSTS_RECOMMENDED}` },
  docs: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Strict-Transport-Security',
  platforms: headerFixes('Strict-Transport-Security', HSTS_RECOMMENDED, {
    platforms: {
      bubble: bubbleNote,
      webflow: {
        steps: [
          'Webflow → Site settings → Publishing → Advanced publishing options.',
          'Turn on "Enable HSTS" (and "Enable HSTS for subdomains" if you own them all).',
          'Publish.',
        ],
        docs: 'https://university.webflow.com/lesson/advanced-publishing-options',
      },
    },
  }),
};
