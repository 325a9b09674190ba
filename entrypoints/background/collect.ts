/**
 * Collectors for a deployed app: the only code (with capture.ts and probes.ts) that touches browser APIs to build
 * Evidence. Each collector is bounded in time; one that fails leaves a "gap" with a message instead of failing the audit.
 */
import { browser, type Browser } from 'wxt/browser';
import { z } from 'zod';
import { CookieSchema, GlobalsSchema, HttpResponseSchema, PageSnapshotSchema, SourceSchema, TEXT_LIMITS, type EvidenceInput, type HttpResponse, type PageSnapshot, type Source } from '@/utils/evidence/evidence';
import { parseSetCookie } from '@/utils/http/cookies';
import { headerValues } from '@/utils/http/http';
import { PLATFORM_FINGERPRINTS } from '@/utils/platform/detect';
import { fetchBundles } from './bundles';
import { capturedFor, withoutQuery } from './capture';
import { readGlobals, snapshotPage } from './page-snapshot';
import { checkHttpRedirect, probeDocument } from './probes';
import { collectSupabase } from './supabase-app';
import { withTimeout } from './timeout';

export { withTimeout };

const SCRIPT_TIMEOUT_MS = 4000;

/** Script errors meaning the browser forbids reading this page at all (Web Store, other extensions' pages). */
export const PROTECTED_PAGE = /Cannot access|cannot be scripted|Missing host permission/i;

const SnapshotReply = z.object({
  snapshot: PageSnapshotSchema,
  texts: z.array(SourceSchema).max(TEXT_LIMITS.files * 2 + 400).catch([]),
  pageCookies: z.array(z.unknown()).max(300),
  response: HttpResponseSchema.optional(),
  refetchError: z.string().max(300).optional(),
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
    sameSite: c.sameSite === 'no_restriction' ? 'none' : c.sameSite ?? 'unspecified',
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
  const gaps: { collector: string; message: string }[] = [];
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
  const globalsP = withTimeout(
    browser.scripting.executeScript({ target: { tabId: o.tabId }, func: readGlobals, args: [GLOBAL_NAMES], world: 'MAIN' } as never),
    SCRIPT_TIMEOUT_MS,
    'The page (globals)',
  );
  const cookiesP: Promise<Browser.cookies.Cookie[] | undefined> = o.fullAccess
    ? withTimeout(browser.cookies.getAll({ url: o.url }), SCRIPT_TIMEOUT_MS, 'The cookie list')
    : Promise.resolve(undefined);
  const redirectP = o.fullAccess
    ? checkHttpRedirect(o.url)
    : Promise.resolve({ status: 'not-checked' as const, reason: 'allow full audits of this site to check the HTTP→HTTPS redirect' });
  const probeP = o.fullAccess ? probeDocument(o.url) : Promise.resolve(undefined);

  const [snapR, globalsR, cookiesR, redirectR, probeR] = await Promise.allSettled([snapshotP, globalsP, cookiesP, redirectP, probeP]);

  const responses: HttpResponse[] = [...captured];
  const cookies: unknown[] = [];
  let page: PageSnapshot | undefined;
  let pageTexts: Source[] = [];
  if (snapR.status === 'fulfilled') {
    const parsed = SnapshotReply.safeParse(snapR.value?.[0]?.result);
    if (parsed.success) {
      page = parsed.data.snapshot;
      pageTexts = parsed.data.texts;
      if (parsed.data.snapshot.truncated) gaps.push({ collector: 'page', message: 'The page is very large; only the first part of its elements was checked.' });
      if (parsed.data.response && !haveDoc) responses.push(parsed.data.response);
      if (parsed.data.refetchError) gaps.push({ collector: 'headers', message: `The page’s headers could not be re-read: ${parsed.data.refetchError}` });
      cookies.push(...parsed.data.pageCookies);
    } else {
      gaps.push({ collector: 'page', message: 'The page returned data we could not read; page checks were skipped.' });
    }
  } else {
    // Not a gap: nothing of such a page can be audited, and an audit of nothing would read as "all clear".
    if (snapR.reason instanceof Error && PROTECTED_PAGE.test(snapR.reason.message)) throw snapR.reason;
    gaps.push({ collector: 'page', message: `Page checks skipped: ${snapR.reason instanceof Error ? snapR.reason.message : 'the page could not be read'}` });
  }

  const globals = globalsR.status === 'fulfilled' ? GlobalsSchema.safeParse(globalsR.value?.[0]?.result) : undefined;

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

  const sources = page ? await collectSources(o, page, pageTexts, gaps) : undefined;
  let supabase;
  try {
    supabase = await collectSupabase({ tabId: o.tabId, origin, mode: o.mode ?? 'click', sources, responses, resources: page?.resources }, gaps);
  } catch (e) {
    gaps.push({ collector: 'supabase', message: `Supabase checks skipped: ${e instanceof Error ? e.message.slice(0, 200) : 'failed'}` });
  }

  return {
    url: o.url,
    origin,
    ...(sources ? { sources } : {}),
    ...(supabase ? { supabase } : {}),
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
async function collectSources(o: CollectOptions, page: PageSnapshot, pageTexts: Source[], gaps: { collector: string; message: string }[]): Promise<Source[]> {
  const scripts = page.scripts.flatMap((s) => (s.src ? [s.src] : []));
  const bundles = await fetchBundles(o.tabId, o.url, scripts);
  const sources: Source[] = bundles.files.map((f) => ({ kind: 'script', url: f.url, label: fileName(f.url), text: f.text, truncated: f.truncated }));
  sources.push(...pageTexts);
  const cut = sources.filter((s) => s.truncated).map((s) => s.label);
  if (cut.length) gaps.push({ collector: 'secrets', message: `Partly scanned for keys (size limit): ${cut.slice(0, 5).join(', ')}${cut.length > 5 ? ` and ${cut.length - 5} more` : ''}.` });
  if (bundles.skipped.length) {
    const first = bundles.skipped.slice(0, 3).map((s) => `${fileName(s.url)} (${s.reason})`);
    gaps.push({ collector: 'secrets', message: `Not scanned for keys: ${first.join('; ')}${bundles.skipped.length > 3 ? ` and ${bundles.skipped.length - 3} more` : ''}.` });
  }
  return sources;
}
