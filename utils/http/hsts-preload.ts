/**
 * An extract of the browsers' HSTS preload list: the entries whose whole subtree can never be reached over plain
 * HTTP (mode "force-https" with include_subdomains) that matter to the apps we audit. Pure data + one lookup.
 *
 * Source: Chromium's net/http/transport_security_state_static.json (the list Chrome, Edge, Firefox and Safari derive
 * theirs from), read on 2026-12-06 through the team's code-search index:
 * - chromium/chromium @ 007cea8164de01f334aef1fe77474045aae36c25 (the official mirror's stored copy): the block
 *   "gTLDs and eTLDs are welcome to preload…" (android … youtube) and "Domains on the public suffix list that have
 *   requested to be preloaded" (bmoattachments.org, now.sh, cnpy.gdn, gentapps.com);
 * - benji-cannot-code/fast-vc-chromium-benchmark-run-4 @ 01531fbb4e0316c8d0c344b3e983601f9ddad1aa (a newer copy of
 *   Chromium main, 20.8 MB): the same block with the TLDs preloaded since (esq … microsoft), marked `since` below.
 * Every entry below is `"policy": "public-suffix", "mode": "force-https", "include_subdomains": true` there.
 * Host entries deeper in the file (bulk-1-year etc.; 14-20 MB) were not extracted: a host missing here is simply
 * treated as not preloaded (the rules then say what they always said).
 *
 * How to refresh: scripts/observatory-disagreements.md, "HSTS preload extract".
 */

export interface PreloadEntry {
  /** The preloaded name (a TLD like "app", or a suffix like "now.sh"); covers itself and every subdomain. */
  name: string;
  /** Which copy of the list it was read from (see the header). */
  source: 'chromium@007cea81' | 'chromium-main-copy@01531fbb';
}

const OFFICIAL: PreloadEntry['source'] = 'chromium@007cea81';
const NEWER: PreloadEntry['source'] = 'chromium-main-copy@01531fbb';

/** Whole TLDs and public suffixes preloaded with include_subdomains (force-https). */
export const HSTS_PRELOAD: readonly PreloadEntry[] = [
  ...[
    'android',
    'app',
    'bank',
    'chrome',
    'dev',
    'foo',
    'gle',
    'gmail',
    'google',
    'hangout',
    'insurance',
    'meet',
    'new',
    'page',
    'play',
    'search',
    'youtube',
  ].map((name) => ({ name, source: OFFICIAL })),
  ...['bmoattachments.org', 'now.sh', 'cnpy.gdn', 'gentapps.com'].map((name) => ({ name, source: OFFICIAL })),
  ...[
    'esq',
    'fly',
    'rsvp',
    'eat',
    'nexus',
    'ing',
    'meme',
    'phd',
    'prof',
    'boo',
    'dad',
    'day',
    'channel',
    'hotmail',
    'mov',
    'zip',
    'windows',
    'skype',
    'azure',
    'office',
    'bing',
    'xbox',
    'microsoft',
  ].map((name) => ({ name, source: NEWER })),
];

/**
 * Hosting suffixes our users deploy to that the entries above cover (each app gets `<name>.<suffix>`). Listed so the
 * tests and the docs can name them; the lookup itself only needs HSTS_PRELOAD.
 */
export const PRELOADED_PLATFORM_SUFFIXES = [
  'netlify.app',
  'vercel.app',
  'web.app',
  'pages.dev',
  'workers.dev',
  'glide.page',
  'replit.app',
  'softr.app',
  'lovable.app',
  'fly.dev',
  'now.sh',
] as const;

/** The preload entry that covers `host` (itself or a parent name), if any. */
export function hstsPreloadEntry(host: string): PreloadEntry | undefined {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.');
  for (let i = 0; i < labels.length; i++) {
    const name = labels.slice(i).join('.');
    const hit = HSTS_PRELOAD.find((e) => e.name === name);
    if (hit) return hit;
  }
  return undefined;
}
