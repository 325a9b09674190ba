/**
 * Our own fingerprint of a deployed Glide app (no public fingerprint set has one: the "Glide.js" entry of the popular
 * sets is an unrelated slider, so `window.Glide` is never used). Pure. Facts: bubble-glide.md §5.
 * - Glide's own hosts: `<slug>.glide.page`, `<slug>.glideapp.io`, `go.glideapps.com/play/<appId>` (address facts).
 * - Custom domains: only by what the page downloaded — Glide's upload and image hosts AND Glide's data hosts together;
 *   one kind alone (a page can embed any image) is not enough.
 */
import { DEPLOYED_ON_BUILDER_HOST } from '../platform/builders';

export const GLIDE_HOSTS = [/\.glide\.page$/, /\.glideapp\.io$/];
/** "host/path" (lower case, no query) of Glide's assets: uploaded files and its Cloudinary image proxy. */
export const GLIDE_ASSETS = [
  /^storage\.googleapis\.com\/glide-prod\.appspot\.com\//,
  /^firebasestorage\.googleapis\.com\/v0\/b\/glide-prod\.appspot\.com\//,
  /^res\.cloudinary\.com\/glide\//,
];
/** "host/path" of Glide's data APIs (legacy functions, v2 API, Firestore project glide-prod, internal functions). */
export const GLIDE_DATA = [
  /^api\.glideapp\.io\/api\/function\//,
  /^firestore\.googleapis\.com\/v1\/projects\/glide-prod\//,
  /^functions\.prod\.internal\.glideapps\.com\//,
  /^api\.glideapps\.com\//,
];

export type GlideSignal = 'host' | 'assets' | 'data';

/** Which Glide signals a page shows: its address and the "host/path" of what it loaded or requested. */
export function glideSignals(url: string, hostPaths: readonly string[]): Set<GlideSignal> {
  const out = new Set<GlideSignal>();
  let host = '';
  try {
    const u = new URL(url);
    host = u.protocol === 'https:' || u.protocol === 'http:' ? u.hostname.toLowerCase() : '';
  } catch {
    /* not a URL: no address signal */
  }
  if (GLIDE_HOSTS.some((h) => h.test(host)) || DEPLOYED_ON_BUILDER_HOST.test(url)) out.add('host');
  const lower = hostPaths.map((p) => p.toLowerCase());
  if (lower.some((p) => GLIDE_ASSETS.some((r) => r.test(p)))) out.add('assets');
  if (lower.some((p) => GLIDE_DATA.some((r) => r.test(p)))) out.add('data');
  return out;
}

/** A deployed Glide app: on a Glide host, or a custom domain that loads Glide's assets and talks to Glide's data APIs. */
export function isGlideApp(url: string, hostPaths: readonly string[]): boolean {
  const s = glideSignals(url, hostPaths);
  return s.has('host') || (s.has('assets') && s.has('data'));
}
