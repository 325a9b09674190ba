/**
 * Platform and host detection from our own fingerprints (the popular fingerprint data set is GPL and has no Glide
 * entry). Pure. Signals a page can fake (globals, meta tags, script hosts) only ever give 'low' or 'medium'
 * confidence on their own; 'high' needs something the server sent (a header, a cookie) or the host name itself.
 */
import type { Evidence } from '../evidence/evidence';
import { documentResponse, safeUrl } from '../http/http';
import { DEPLOYED_ON_BUILDER_HOST, supabaseRef } from './builders';
import { GLIDE_ASSETS, GLIDE_DATA, GLIDE_HOSTS } from '../glide/detect';
import { glideAppId } from '../glide/constants';
import { HOSTS, PLATFORMS, type Confidence, type Detection, type HostId, type PlatformId } from './platforms';

type Kind = 'header' | 'cookie' | 'script-cookie' | 'host' | 'global' | 'script' | 'meta' | 'attribute';
/** How much a kind of signal is worth: server-sent or address facts are strong; page content can lie. */
/** A cookie counts as server-sent only when it is HttpOnly: page scripts can set any other cookie. */
const WEIGHT: Record<Kind, number> = { header: 3, cookie: 3, host: 3, 'script-cookie': 1, script: 1, global: 1, meta: 1, attribute: 1 };

interface Fingerprint {
  headers?: RegExp[]; // matched against "name: value" (lower-case name)
  cookies?: RegExp[];
  hosts?: RegExp[];
  /** Matched against the page's whole address (an app served under a path of a shared host). */
  urls?: RegExp[];
  globals?: string[];
  scripts?: RegExp[]; // "host/path" of scripts the page loads and of requests it made
  meta?: RegExp[]; // matched against "name=content"
  attributes?: string[]; // attributes on <html>
}

export const PLATFORM_FINGERPRINTS: Record<PlatformId, Fingerprint> = {
  bubble: {
    headers: [/^x-bubble-(perf|capacity-used|capacity-limit|appname):/],
    cookies: [/_(live|test)_u2main(\.sig)?$/, /_u1main$/],
    hosts: [/\.bubbleapps\.io$/],
    globals: ['_bubble_page_load_data', 'bubble_version', 'bubble_session_uid', 'appquery'],
    scripts: [/^([a-z0-9-]+\.)*bubble\.io\//, /^([a-z0-9-]+\.)*bubbleapps\.io\//],
  },
  glide: {
    // Our own fingerprint (utils/glide/detect.ts): Glide's hosts, /play/<appId> on the builder's host, Glide's upload,
    // image and data hosts. Never `window.Glide` (an unrelated slider library uses that name).
    hosts: GLIDE_HOSTS,
    urls: [DEPLOYED_ON_BUILDER_HOST],
    scripts: [/^([a-z0-9-]+\.)*glideapps\.com\//, /^([a-z0-9-]+\.)*glideapp\.io\//, ...GLIDE_ASSETS, ...GLIDE_DATA],
    meta: [/^generator=glide/i],
  },
  supabase: {
    scripts: [/^[a-z0-9]{20}\.supabase\.co\//, /^(cdn\.jsdelivr\.net|unpkg\.com)\/(npm\/)?@supabase\//],
    globals: ['supabase'],
  },
  firebase: {
    hosts: [/\.web\.app$/, /\.firebaseapp\.com$/],
    globals: ['firebase', '__FIREBASE_DEFAULTS__'],
    scripts: [/^www\.gstatic\.com\/firebasejs\//, /\/__\/firebase\/init\.js$/, /^[a-z0-9-]+\.firebaseio\.com\//, /^firestore\.googleapis\.com\//],
  },
  lovable: {
    hosts: [/\.lovable\.app$/, /\.lovableproject\.com$/],
    scripts: [/^cdn\.gpteng\.co\//, /^([a-z0-9-]+\.)*lovable\.(dev|app)\//],
    meta: [/^author=lovable/i, /^og:image=https:\/\/lovable\.dev\//i],
  },
  softr: {
    hosts: [/\.softr\.app$/, /\.softr\.io$/],
    scripts: [/^([a-z0-9-]+\.)*softr\.(io|app)\//, /^softr-prod[a-z0-9.-]*\//],
    meta: [/^generator=softr/i],
  },
  webflow: {
    hosts: [/\.webflow\.io$/],
    scripts: [/^([a-z0-9-]+\.)*website-files\.com\//, /^([a-z0-9-]+\.)*webflow\.com\//],
    meta: [/^generator=webflow/i],
    globals: ['Webflow'],
    attributes: ['data-wf-site', 'data-wf-page'],
  },
};

export const HOST_FINGERPRINTS: Record<HostId, Fingerprint> = {
  netlify: { headers: [/^server: netlify/i, /^x-nf-request-id:/], hosts: [/\.netlify\.app$/] },
  vercel: { headers: [/^server: vercel/i, /^x-vercel-(id|cache):/], hosts: [/\.vercel\.app$/] },
  cloudflare: { headers: [/^server: cloudflare/i, /^cf-ray:/], hosts: [/\.pages\.dev$/] },
  'firebase-hosting': { hosts: [/\.web\.app$/, /\.firebaseapp\.com$/] },
  'github-pages': { headers: [/^server: github\.com/i], hosts: [/\.github\.io$/] },
};

interface Signals {
  headers: string[];
  cookies: string[];
  scriptCookies: string[];
  host: string;
  url: string;
  globals: Set<string>;
  scriptHosts: string[];
  meta: string[];
  attributes: string[];
}

function gather(evidence: Evidence): Signals {
  const doc = documentResponse(evidence);
  const scriptHosts = new Set<string>();
  const add = (url: string | undefined) => {
    const u = url ? safeUrl(url, evidence.url) : undefined;
    if (u && /^https?:$/.test(u.protocol)) scriptHosts.add(`${u.hostname.toLowerCase()}${u.pathname}`);
  };
  for (const s of evidence.page?.scripts ?? []) add(s.src);
  // Requests the page made (e.g. to <ref>.supabase.co) count like script hosts: the page chose them.
  for (const r of evidence.responses) add(r.url);
  for (const u of evidence.page?.resources ?? []) add(u);
  return {
    headers: (doc?.headers ?? []).map(([n, v]) => `${n.toLowerCase()}: ${v}`),
    cookies: evidence.cookies.filter((c) => c.source !== 'page' && c.httpOnly).map((c) => c.name),
    scriptCookies: evidence.cookies.filter((c) => c.source === 'page' || !c.httpOnly).map((c) => c.name),
    host: (safeUrl(evidence.url)?.hostname ?? '').toLowerCase(),
    url: evidence.url,
    globals: new Set(Object.keys(evidence.globals)),
    scriptHosts: [...scriptHosts],
    meta: (evidence.page?.meta ?? []).map((m) => `${(m.name ?? m.property ?? '').toLowerCase()}=${m.content}`),
    attributes: Object.keys(evidence.page?.rootAttributes ?? {}).map((a) => a.toLowerCase()),
  };
}

function match(fp: Fingerprint, s: Signals): { score: number; strong: boolean; signals: string[] } {
  const found: { kind: Kind; text: string }[] = [];
  const test = (kind: Kind, patterns: RegExp[] | undefined, values: string[], label: (v: string) => string) => {
    if (!patterns) return;
    for (const v of values)
      if (patterns.some((p) => p.test(v))) {
        found.push({ kind, text: label(v) });
        return;
      }
  };
  test('header', fp.headers, s.headers, (v) => `header ${v.split(':')[0]}`);
  test('cookie', fp.cookies, s.cookies, (v) => `cookie ${v}`);
  if (!found.some((f) => f.kind === 'cookie')) test('script-cookie', fp.cookies, s.scriptCookies, (v) => `cookie ${v} (script-readable)`);
  test('host', fp.hosts, [s.host], (v) => `address ${v}`);
  if (!found.some((f) => f.kind === 'host')) test('host', fp.urls, [s.url], (v) => `address ${v.slice(0, 80)}`);
  test('script', fp.scripts, s.scriptHosts, (v) => `loads from ${v.split('/')[0]}`);
  test('meta', fp.meta, s.meta, (v) => `meta ${v.slice(0, 60)}`);
  for (const g of fp.globals ?? [])
    if (s.globals.has(g)) {
      found.push({ kind: 'global', text: `global ${g}` });
      break;
    }
  for (const a of fp.attributes ?? [])
    if (s.attributes.includes(a)) {
      found.push({ kind: 'attribute', text: `<html ${a}>` });
      break;
    }
  const score = found.reduce((n, f) => n + WEIGHT[f.kind], 0);
  return { score, strong: found.some((f) => WEIGHT[f.kind] >= 3), signals: found.map((f) => f.text) };
}

function confidence(score: number, strong: boolean): Confidence {
  if (strong) return 'high';
  return score >= 2 ? 'medium' : 'low';
}

export function detectPlatforms(evidence: Evidence): Detection[] {
  // A builder's editor is identified by its address, which the content script's match pattern already vouched for.
  if (evidence.builder) {
    const id = evidence.builder.platform;
    return [{ id, name: PLATFORMS[id], kind: 'platform', confidence: 'high', signals: [`${PLATFORMS[id]} editor`] }];
  }
  const s = gather(evidence);
  const out: Detection[] = [];
  for (const [id, fp] of Object.entries(PLATFORM_FINGERPRINTS) as [PlatformId, Fingerprint][]) {
    const m = match(fp, s);
    if (m.score > 0) out.push({ id, name: PLATFORMS[id], kind: 'platform', confidence: confidence(m.score, m.strong), signals: m.signals });
  }
  for (const [id, fp] of Object.entries(HOST_FINGERPRINTS) as [HostId, Fingerprint][]) {
    const m = match(fp, s);
    if (m.score > 0) out.push({ id, name: HOSTS[id], kind: 'host', confidence: confidence(m.score, m.strong), signals: m.signals });
  }
  const rank = { high: 0, medium: 1, low: 2 } as const;
  return out.sort((a, b) => rank[a.confidence] - rank[b.confidence] || (a.kind === b.kind ? 0 : a.kind === 'platform' ? -1 : 1));
}

/** Template values the fix guides' deep links can use, read from what was detected (e.g. Bubble's app name). */
export function platformVars(evidence: Evidence): Record<string, string> {
  const vars: Record<string, string> = {};
  const ref = supabaseRef(evidence.url);
  if (ref && ref !== '_') vars.ref = ref;
  // A deployed app on exactly one Supabase project: its dashboard links (API keys, policies) can name it.
  const projects = evidence.supabase?.projects ?? [];
  if (!vars.ref && projects.length === 1) vars.ref = projects[0]!.ref;
  const editorApp = /^https:\/\/bubble\.io\/page\?(?:.*&)?id=([a-z0-9-]{1,100})(&|$)/i.exec(evidence.url)?.[1];
  if (editorApp) vars.app = editorApp.toLowerCase();
  const host = safeUrl(evidence.url)?.hostname ?? '';
  const doc = documentResponse(evidence);
  const appHeader = doc?.headers.find(([n]) => n.toLowerCase() === 'x-bubble-appname')?.[1];
  const fromHost = /^([a-z0-9-]+)\.bubbleapps\.io$/i.exec(host)?.[1];
  const fromCookie = evidence.cookies.map((c) => /^([a-z0-9-]+)_(live|test)_u2main$/i.exec(c.name)?.[1]).find(Boolean);
  const app = vars.app ?? appHeader ?? fromHost ?? fromCookie;
  if (app && /^[a-z0-9-]{1,100}$/i.test(app)) vars.app = app.toLowerCase();
  // Glide: the builder URL's app, or the deployed app's (/play/<appId>, upload paths): for the builder links.
  const glideApp = glideAppId(evidence.url) ?? evidence.glideApp?.appId;
  if (glideApp) vars.appId = glideApp;
  return vars;
}
