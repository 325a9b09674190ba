/**
 * Collectors for a deployed app: the only code (with capture.ts and probes.ts) that touches browser APIs to build
 * Evidence. Each collector is bounded in time; one that fails leaves a "gap" with a message instead of failing the audit.
 */
import { browser, type Browser } from 'wxt/browser';
import { z } from 'zod';
import {
  CookieSchema,
  GlobalsSchema,
  HttpResponseSchema,
  PageSnapshotSchema,
  SourceSchema,
  TEXT_LIMITS,
  type EvidenceInput,
  type Gap,
  type HttpResponse,
  type PageSnapshot,
  type Source,
} from '@/utils/evidence/evidence';
import { parseSetCookie } from '@/utils/http/cookies';
import { headerValues } from '@/utils/http/http';
import { PLATFORM_FINGERPRINTS } from '@/utils/platform/detect';
import { fetchBundles, isFirstParty, type ScriptRef } from './bundles';
import { capturedFor, withoutQuery } from './capture';
import { readGlobals, snapshotPage } from './page-snapshot';
import { checkHttpRedirect, probeDocument } from './probes';
import { collectSupabase } from './supabase-app';
import { collectGlideApp } from './glide-app';
import type { GlideApp } from '@/utils/glide/app-evidence';
import { collectBubbleApp } from './bubble-app';
import type { BubbleDeployedInput } from '@/utils/bubble/deployed';
import { withTimeout } from './timeout';

export { withTimeout };

const SCRIPT_TIMEOUT_MS = 4000;
/** Evidence keeps at most this many sources (bundles and page texts). */
const MAX_SOURCES = TEXT_LIMITS.files * 2 + 400;

/** Script errors meaning the browser forbids reading this page at all (Web Store, other extensions' pages). */
export const PROTECTED_PAGE = /Cannot access|cannot be scripted|Missing host permission/i;

const SnapshotReply = z.object({
  snapshot: PageSnapshotSchema,
  texts: z
    .array(SourceSchema)
    .max(TEXT_LIMITS.files * 2 + 400)
    .catch([]),
  pageCookies: z.array(z.unknown()).max(300),
  response: HttpResponseSchema.optional(),
  refetchError: z.string().max(300).optional(),
  /** Scripts the page loaded (Resource Timing: script elements, import() chunks, workers, preloads) and listed. */
  scriptsSeen: z
    .object({
      loaded: z
        .array(
          z.object({
            url: z.string().max(4096),
            size: z
              .number()
              .int()
              .min(0)
              .max(2 ** 40),
          }),
        )
        .max(500),
      listed: z.array(z.string().max(4096)).max(2200),
      timingFull: z.boolean(),
    })
    .catch({ loaded: [], listed: [], timingFull: false }),
  /** Page texts not read at all: the text budget was used up. */
  textSkipped: z.number().int().min(0).catch(0),
});

const GLOBAL_NAMES = [...new Set(Object.values(PLATFORM_FINGERPRINTS).flatMap((f) => f.globals ?? []))];

/** Converts browser cookies-API objects to Evidence cookies. */
function fromCookiesApi(list: Browser.cookies.Cookie[]): unknown[] {
  return list.map((c) => ({
    name: c.name,
    domain: c.domain,
    path: c.path,
    secure: c.secure,
    httpOnly: c.httpOnly,
    sameSite: c.sameSite === 'no_restriction' ? 'none' : (c.sameSite ?? 'unspecified'),
    ...(c.session || c.expirationDate === undefined ? {} : { expires: c.expirationDate }),
    hostOnly: c.hostOnly,
    source: 'cookies-api',
  }));
}

export interface CollectOptions {
  tabId: number;
  url: string;
  /** Host access to the page's origin: webRequest, cookies API and probes work. */
  fullAccess: boolean;
  now: number;
  /** Why the audit runs: the Supabase exposure check (with consent) runs on a click or headless audit, not on monitoring. */
  mode?: 'click' | 'monitor' | 'headless';
}

export async function collectEvidence(o: CollectOptions): Promise<EvidenceInput> {
  const origin = new URL(o.url).origin;
  const gaps: Gap[] = [];
  const captured = o.fullAccess ? await capturedFor(o.tabId) : [];
  const haveDoc = captured.some((r) => r.type === 'main_frame' && r.url === withoutQuery(o.url));

  const snapshotP = withTimeout(
    browser.scripting.executeScript({
      target: { tabId: o.tabId },
      func: snapshotPage,
      args: [{ refetch: !haveDoc && !o.fullAccess, textCap: { perItem: TEXT_LIMITS.perFile, total: TEXT_LIMITS.perPage / 2 } }],
    }),
    SCRIPT_TIMEOUT_MS,
    'The page',
  );
  const cookiesP: Promise<Browser.cookies.Cookie[] | undefined> = o.fullAccess
    ? withTimeout(browser.cookies.getAll({ url: o.url }), SCRIPT_TIMEOUT_MS, 'The cookie list')
    : Promise.resolve(undefined);
  const redirectP = o.fullAccess
    ? checkHttpRedirect(o.url)
    : Promise.resolve({ status: 'not-checked' as const, reason: 'allow full audits of this site to check the HTTP→HTTPS redirect' });
  const probeP = o.fullAccess ? probeDocument(o.url) : Promise.resolve(undefined);

  const [snapR, cookiesR, redirectR, probeR] = await Promise.allSettled([snapshotP, cookiesP, redirectP, probeP]);

  const responses: HttpResponse[] = [...captured];
  const cookies: unknown[] = [];
  let page: PageSnapshot | undefined;
  let pageTexts: Source[] = [];
  let seen: z.output<typeof SnapshotReply>['scriptsSeen'] = { loaded: [], listed: [], timingFull: false };
  if (snapR.status === 'fulfilled') {
    const parsed = SnapshotReply.safeParse(snapR.value?.[0]?.result);
    if (parsed.success) {
      page = parsed.data.snapshot;
      pageTexts = parsed.data.texts;
      seen = parsed.data.scriptsSeen;
      if (parsed.data.textSkipped > 0) {
        gaps.push({
          collector: 'secrets',
          partial: true,
          message: `Partly scanned for keys: the page’s text is over the scan limit; ${parsed.data.textSkipped} part${parsed.data.textSkipped === 1 ? ' was' : 's were'} not read.`,
        });
      }
      if (parsed.data.snapshot.truncated) gaps.push({ collector: 'page', message: 'The page is very large; only the first part of its elements was checked.' });
      if (parsed.data.response && !haveDoc) responses.push(parsed.data.response);
      if (parsed.data.refetchError) gaps.push({ collector: 'headers', message: `The page’s headers could not be re-read: ${parsed.data.refetchError}` });
      cookies.push(...parsed.data.pageCookies);
    } else {
      gaps.push({ collector: 'page', partial: true, message: 'The page returned data we could not read; page checks and its key scan were skipped.' });
    }
  } else {
    // Not a gap: nothing of such a page can be audited, and an audit of nothing would read as "all clear".
    if (snapR.reason instanceof Error && PROTECTED_PAGE.test(snapR.reason.message)) throw snapR.reason;
    gaps.push({
      collector: 'page',
      partial: true,
      message: `Page checks and the key scan skipped: ${snapR.reason instanceof Error ? snapR.reason.message : 'the page could not be read'}`,
    });
  }

  if (cookiesR.status === 'fulfilled' && cookiesR.value) cookies.push(...fromCookiesApi(cookiesR.value));
  else if (o.fullAccess) gaps.push({ collector: 'cookies', message: 'The browser’s cookie list could not be read.' });
  if (!o.fullAccess) {
    gaps.push({
      collector: 'access',
      message: 'Quick audit: HttpOnly cookies, Set-Cookie attributes, the HTTP→HTTPS redirect and CORS need full access to this site.',
    });
  }
  // What the server sent in Set-Cookie (a browser silently drops some bad cookies, so they never reach the cookie list).
  const nowSec = Math.floor(o.now / 1000);
  for (const r of responses) {
    for (const sc of headerValues(r.headers, 'set-cookie')) {
      for (const line of sc.split('\n')) {
        const c = parseSetCookie(line, r.url, nowSec);
        if (c && CookieSchema.safeParse(c).success) cookies.push(c);
      }
    }
  }

  if (probeR.status === 'fulfilled' && probeR.value) {
    // The probe doubles as the page's headers when nothing else read them; otherwise it only serves CORS checks.
    const hasDoc = responses.some((r) => r.type === 'main_frame');
    responses.push(hasDoc ? { ...probeR.value, type: 'other' } : probeR.value);
  }
  if (!responses.some((r) => r.type === 'main_frame')) {
    gaps.push({ collector: 'headers', message: 'The page’s response headers could not be read; header checks were skipped.' });
  }

  const sources = page ? await collectSources(o, page, pageTexts, seen, captured, gaps) : undefined;
  let supabase: Awaited<ReturnType<typeof collectSupabase>> | undefined;
  try {
    supabase = await collectSupabase({ tabId: o.tabId, origin, mode: o.mode ?? 'click', sources, responses, resources: page?.resources }, gaps);
  } catch (e) {
    gaps.push({ collector: 'supabase', message: `Supabase checks skipped: ${e instanceof Error ? e.message.slice(0, 200) : 'failed'}` });
  }
  let glideApp: GlideApp | undefined;
  try {
    // Deployed Glide apps only (our own fingerprint); other pages are not read.
    glideApp = await collectGlideApp({ tabId: o.tabId, url: o.url, ...(page ? { resources: page.resources } : {}), responses });
  } catch (e) {
    gaps.push({ collector: 'glide', message: `Glide checks skipped: ${e instanceof Error ? e.message.slice(0, 200) : 'failed'}` });
  }
  let bubble: BubbleDeployedInput | undefined;
  try {
    // Deployed Bubble apps only (our own fingerprint): /api/1.1/meta, and the consented Data API check.
    bubble = await collectBubbleApp(
      { tabId: o.tabId, url: o.url, mode: o.mode ?? 'click', fullAccess: o.fullAccess, responses, ...(page ? { resources: page.resources } : {}) },
      gaps,
    );
  } catch (e) {
    gaps.push({ collector: 'bubble', message: `Bubble checks skipped: ${e instanceof Error ? e.message.slice(0, 200) : 'failed'}` });
  }

  // Last: the page's own world can hang its renderer (a getter or a patched built-in that never returns), and every
  // other read of the page (snapshot, key scan, in-page downloads) must be done by then.
  // A page that did not answer the snapshot is not asked again.
  const globals = await (snapR.status === 'rejected'
    ? Promise.reject(new Error('page did not answer'))
    : withTimeout(
        browser.scripting.executeScript({ target: { tabId: o.tabId }, func: readGlobals, args: [GLOBAL_NAMES], world: 'MAIN' } as never),
        SCRIPT_TIMEOUT_MS,
        'The page (globals)',
      )
  ).then(
    (r) => GlobalsSchema.safeParse(r?.[0]?.result),
    () => {
      if (snapR.status === 'fulfilled')
        gaps.push({ collector: 'page', message: 'The page’s scripts did not answer: platform detection used the page’s markup only.' });
      return undefined;
    },
  );

  return {
    url: o.url,
    origin,
    ...(sources ? { sources } : {}),
    ...(supabase ? { supabase } : {}),
    ...(glideApp ? { glideApp } : {}),
    ...(bubble ? { bubble } : {}),
    collectedAt: o.now,
    responses,
    cookies,
    redirect: redirectR.status === 'fulfilled' ? redirectR.value : { status: 'not-checked', reason: 'the redirect check failed to run' },
    ...(page ? { page } : {}),
    globals: globals?.success ? globals.data : {},
    gaps,
  };
}

const fileName = (url: string) => {
  try {
    const u = new URL(url);
    return (u.pathname.split('/').pop() || u.hostname).slice(0, 120);
  } catch {
    return url.slice(0, 120);
  }
};

/** Script bundles plus the page's own text, most specific first (a key found in a bundle is reported there). */
async function collectSources(
  o: CollectOptions,
  page: PageSnapshot,
  pageTexts: Source[],
  seen: { loaded: { url: string; size: number }[]; listed: string[]; timingFull: boolean },
  captured: HttpResponse[],
  gaps: Gap[],
): Promise<Source[]> {
  // Loaded: Resource Timing (any initiator: elements, import() chunks, workers, preloads) and webRequest's scripts
  // (the site's own, with full access). Listed: <script src> and preload links, fetched only from the site itself.
  const refs: ScriptRef[] = [
    ...seen.loaded.map((l) => ({ url: l.url, loaded: true, size: l.size })),
    // webRequest keeps addresses without their query: only those Resource Timing did not list already.
    ...captured.filter((r) => r.type === 'script' && !seen.loaded.some((l) => withoutQuery(l.url) === r.url)).map((r) => ({ url: r.url, loaded: true })),
    ...seen.listed.map((url) => ({ url, loaded: false })),
    ...page.scripts.flatMap((s) => (s.src ? [{ url: s.src, loaded: false }] : [])),
  ];
  const bundles = await fetchBundles(o.tabId, o.url, refs);
  const sources: Source[] = bundles.files.map((f) => ({ kind: 'script', url: f.url, label: fileName(f.url), text: f.text, truncated: f.truncated }));
  sources.push(...pageTexts.slice(0, MAX_SOURCES - sources.length));
  if (pageTexts.length > MAX_SOURCES - bundles.files.length) {
    gaps.push({
      collector: 'secrets',
      partial: true,
      message: `Partly scanned for keys: ${pageTexts.length - (MAX_SOURCES - bundles.files.length)} parts of the page’s text were over the limit.`,
    });
  }
  const list = (items: string[]) => `${items.slice(0, 5).join('; ')}${items.length > 5 ? ` and ${items.length - 5} more` : ''}`;
  const cutOwn = sources.filter((s) => s.truncated && (s.kind !== 'script' || isFirstParty(s.url, o.url))).map((s) => s.label);
  const cutOther = sources.filter((s) => s.truncated && s.kind === 'script' && !isFirstParty(s.url, o.url)).map((s) => s.label);
  if (cutOwn.length) gaps.push({ collector: 'secrets', partial: true, message: `Partly scanned for keys (size limit): ${list(cutOwn)}.` });
  if (cutOther.length) gaps.push({ collector: 'secrets', message: `Partly scanned for keys (size limit, other sites’ scripts): ${list(cutOther)}.` });
  const own = bundles.skipped.filter((s) => s.firstParty);
  const other = bundles.skipped.filter((s) => !s.firstParty);
  if (own.length)
    gaps.push({
      collector: 'secrets',
      partial: true,
      message: `Not scanned for keys (this site’s scripts): ${list(own.map((s) => `${fileName(s.url)} (${s.reason})`))}.`,
    });
  if (other.length)
    gaps.push({
      collector: 'secrets',
      message: `Not scanned for keys (other sites’ scripts): ${list(other.map((s) => `${hostOf(s.url)}/${fileName(s.url)} (${s.reason})`))}.`,
    });
  if (seen.timingFull)
    gaps.push({
      collector: 'secrets',
      message: 'The browser’s list of loaded files was full: scripts loaded late were found from the page’s markup and this site’s requests only.',
    });
  return sources;
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host.slice(0, 100);
  } catch {
    return '';
  }
};
