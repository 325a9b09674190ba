/**
 * A deployed Glide app as a logged-out visitor's tab shows it (utils/glide/app-evidence.ts): whether a sign-in
 * screen is up, how many personal-looking values are on screen (counts, never the values), and which Glide data
 * requests the page made (URLs without queries, counts, sizes from Resource Timing; never response bodies).
 * Runs only on pages our fingerprint calls Glide (utils/glide/detect.ts): on other pages it reads nothing.
 */
import { browser } from 'wxt/browser';
import type { HttpResponse } from '@/utils/evidence/evidence';
import { GlideAppSchema, glideAppIdOf, glideRequestKind, type GlideApp } from '@/utils/glide/app-evidence';
import { isGlideApp } from '@/utils/glide/detect';
import { withTimeout } from './timeout';

/** Hosts whose Resource Timing entries the page read keeps (everything else is dropped in the page). */
const GLIDE_REQUEST_HOSTS = [
  'firestore.googleapis.com',
  'api.glideapp.io',
  'api.glideapps.com',
  'functions.prod.internal.glideapps.com',
  'storage.googleapis.com',
  'firebasestorage.googleapis.com',
  'res.cloudinary.com',
];

export interface GlidePageRead {
  signIn: 'shown' | 'absent' | 'unknown';
  emails: number;
  phones: number;
  entries: { hostPath: string; bytes: number }[];
}

/**
 * Runs in the page (isolated world; self-contained, serialised by executeScript). Reads visible text (bounded) and
 * the Resource Timing list; returns counts and "host/path" only.
 */
export function readGlidePage(hosts: string[]): GlidePageRead {
  const body = document.body;
  const visible = (el: Element) => {
    const r = (el as HTMLElement).getBoundingClientRect?.();
    return !!r && r.width > 0 && r.height > 0;
  };
  const text = (body?.innerText ?? '').slice(0, 200_000);
  // The documented sign-in screen asks for an email (then a PIN) (builders.md "Deployed Glide apps").
  const emailInput = [...document.querySelectorAll('input[type="email"], input[autocomplete="email"], input[name*="email" i]')].some(visible);
  const emails = (text.match(/[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24}/g) ?? []).length;
  const phones = (text.match(/(?:\+\d{1,3}[\s.-]?)?\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b|\+\d{2,3}(?:[\s.-]?\d){8,12}\b/g) ?? []).length;
  // Too little on screen to tell an app from a loading spinner: no verdict.
  const signIn = emailInput ? 'shown' : text.trim().length >= 40 ? 'absent' : 'unknown';
  const entries: { hostPath: string; bytes: number }[] = [];
  for (const e of performance.getEntriesByType('resource').slice(0, 2000) as PerformanceResourceTiming[]) {
    try {
      const u = new URL(e.name);
      if (!hosts.includes(u.hostname)) continue;
      entries.push({ hostPath: `${u.hostname}${u.pathname}`.slice(0, 300), bytes: Math.max(0, Math.round(e.transferSize || e.encodedBodySize || 0)) });
    } catch {
      /* not a URL */
    }
    if (entries.length >= 500) break;
  }
  return { signIn, emails, phones, entries };
}

/** Groups the page's Glide requests by kind and path (pure). */
export function glideAppFrom(url: string, read: GlidePageRead, resources: readonly string[]): GlideApp | undefined {
  const groups = new Map<string, { kind: NonNullable<ReturnType<typeof glideRequestKind>>; url: string; count: number; bytes: number }>();
  for (const e of read.entries) {
    const kind = glideRequestKind(e.hostPath);
    if (!kind) continue;
    const g = groups.get(e.hostPath) ?? { kind, url: e.hostPath, count: 0, bytes: 0 };
    g.count++;
    g.bytes += e.bytes;
    groups.set(e.hostPath, g);
  }
  const appId = glideAppIdOf(url, [...resources, ...read.entries.map((e) => e.hostPath)]);
  const parsed = GlideAppSchema.safeParse({
    ...(appId ? { appId } : {}),
    signIn: read.signIn,
    visible: { emails: read.emails, phones: read.phones },
    requests: [...groups.values()]
      .sort((a, b) => b.count - a.count)
      .map((g) => ({ kind: g.kind, url: g.url, count: g.count, ...(g.bytes ? { bytes: g.bytes } : {}) })),
  });
  return parsed.success ? parsed.data : undefined;
}

const hostPath = (url: string) => {
  try {
    const u = new URL(url);
    return `${u.hostname}${u.pathname}`;
  } catch {
    return '';
  }
};

export async function collectGlideApp(o: {
  tabId: number;
  url: string;
  resources?: readonly string[];
  responses: readonly HttpResponse[];
}): Promise<GlideApp | undefined> {
  const seen = [...(o.resources ?? []), ...o.responses.map((r) => r.url)].map(hostPath).filter(Boolean);
  if (!isGlideApp(o.url, seen)) return undefined;
  const result = await withTimeout(
    browser.scripting.executeScript({ target: { tabId: o.tabId }, func: readGlidePage, args: [GLIDE_REQUEST_HOSTS] }),
    4000,
    'The Glide page',
  );
  const read = result?.[0]?.result as GlidePageRead | undefined;
  if (!read || typeof read !== 'object' || !Array.isArray(read.entries)) return undefined;
  return glideAppFrom(o.url, read, seen);
}
