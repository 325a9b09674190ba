/**
 * Functions injected into the audited page with scripting.executeScript. They are serialised, so each must be
 * self-contained (no imports, no outer variables). Their results are untrusted and validated in the background.
 */

export interface SnapshotArgs {
  /** Re-read the page's response headers with a same-origin GET (activeTab audits have no other way). */
  refetch: boolean;
  /** Caps for the text handed to the secret scanner (per item and in total), in UTF-16 code units. */
  textCap: { perItem: number; total: number };
}

/** Runs in the extension's isolated world: reads the DOM, never page globals. */
export async function snapshotPage(args: SnapshotArgs): Promise<unknown> {
  const MAX = { scripts: 2000, meta: 200, iframes: 200, forms: 200, mixed: 200, resources: 300, text: 4096 };
  const cut = (s: string | null | undefined, n = MAX.text) => (s == null ? undefined : s.length > n ? s.slice(0, n) : s);
  const abs = (u: string) => {
    try {
      return new URL(u, document.baseURI).href;
    } catch {
      return u;
    }
  };
  let truncated = false;
  const take = <T>(list: ArrayLike<T>, max: number): T[] => {
    if (list.length > max) truncated = true;
    return Array.prototype.slice.call(list, 0, max) as T[];
  };

  // DOM clobbering: a page can add <img name="scripts"> or <form name="querySelectorAll"> that shadow document's
  // own properties. Call the prototype's getters and methods directly so the page cannot hide or break them.
  const D = Document.prototype;
  const get = <K extends keyof Document>(name: K): Document[K] => {
    for (let p = Object.getPrototypeOf(document) as object | null; p; p = Object.getPrototypeOf(p) as object | null) {
      const d = Object.getOwnPropertyDescriptor(p, name);
      if (d?.get) return (d.get as () => Document[K]).call(document);
    }
    return document[name];
  };
  const qsa = (sel: string) => D.querySelectorAll.call(document, sel);
  const root = get('documentElement');
  const scripts = take(get('scripts'), MAX.scripts).map((s) => ({
    src: s.hasAttribute('src') ? cut(abs(s.getAttribute('src') ?? '')) : undefined,
    integrity: cut(s.getAttribute('integrity'), 1024),
    crossOrigin: cut(s.getAttribute('crossorigin'), 64),
    type: cut(s.getAttribute('type'), 128),
    inlineLength: s.hasAttribute('src') ? undefined : (s.textContent ?? '').length,
  }));
  const meta = take(qsa('meta'), MAX.meta)
    .filter((m) => m.hasAttribute('content'))
    .map((m) => ({
      name: cut(m.getAttribute('name'), 256),
      httpEquiv: cut(m.getAttribute('http-equiv'), 256),
      property: cut(m.getAttribute('property'), 256),
      content: cut(m.getAttribute('content'), 8192) ?? '',
    }));
  const iframes = take(qsa('iframe[src]'), MAX.iframes).map((f) => ({
    src: cut(abs(f.getAttribute('src') ?? '')) ?? '',
    sandbox: cut(f.getAttribute('sandbox'), 512),
  }));
  const forms = take(get('forms'), MAX.forms).map((f) => ({
    action: cut(abs(f.getAttribute('action') || location.href)) ?? '',
    method: (f.getAttribute('method') || 'get').toLowerCase().slice(0, 16),
    hasPassword: f.querySelector('input[type="password" i]') !== null,
  }));
  const mixedSelector = [
    'script[src^="http:" i]',
    'img[src^="http:" i]',
    'iframe[src^="http:" i]',
    'link[href^="http:" i][rel~="stylesheet" i]',
    'video[src^="http:" i]',
    'audio[src^="http:" i]',
    'source[src^="http:" i]',
    'object[data^="http:" i]',
    'embed[src^="http:" i]',
  ].join(',');
  const mixedContent =
    location.protocol === 'https:'
      ? take(qsa(mixedSelector), MAX.mixed).map((el) => ({
          tag: el.tagName.toLowerCase(),
          url: cut(el.getAttribute('src') ?? el.getAttribute('href') ?? el.getAttribute('data') ?? '') ?? '',
        }))
      : [];
  let resources: string[] = [];
  try {
    const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const seen = new Set<string>();
    for (const e of entries) {
      const u = e.name.split('?')[0]!.split('#')[0]!;
      if (seen.size >= MAX.resources) {
        truncated = true;
        break;
      }
      seen.add(cut(u) ?? '');
      if (location.protocol === 'https:' && u.startsWith('http:') && mixedContent.length < MAX.mixed) {
        mixedContent.push({
          tag: e.initiatorType === 'xmlhttprequest' || e.initiatorType === 'fetch' ? 'fetch' : e.initiatorType.slice(0, 32),
          url: cut(u) ?? '',
        });
      }
    }
    resources = [...seen];
  } catch {
    /* no resource timing: detection just has fewer signals */
  }
  const rootAttributes: Record<string, string> = {};
  for (const a of take(root.attributes, 50)) rootAttributes[a.name.slice(0, 64)] = a.value.slice(0, 256);

  // Cookies page scripts can see: by definition not HttpOnly. cookieStore adds attributes where supported.
  const pageCookies: unknown[] = [];
  try {
    const store = (globalThis as unknown as { cookieStore?: { getAll(): Promise<Record<string, unknown>[]> } }).cookieStore;
    if (store) {
      for (const c of (await store.getAll()).slice(0, 300)) {
        // Chromium keeps a nameless cookie (`Set-Cookie: =value`) and lists it with name '': dropped, as everywhere.
        const name = String(c.name ?? '');
        if (!name) continue;
        pageCookies.push({
          name: name.slice(0, 256),
          domain: String(c.domain ?? location.hostname).slice(0, 256),
          path: String(c.path ?? '/').slice(0, 1024),
          secure: c.secure === true,
          httpOnly: false,
          sameSite: String(c.sameSite ?? 'unspecified').toLowerCase(),
          ...(typeof c.expires === 'number' ? { expires: Math.floor(c.expires / 1000) } : {}),
          source: 'page',
        });
      }
    } else {
      for (const part of get('cookie').split(';').slice(0, 300)) {
        const name = part.split('=')[0]!.trim();
        if (name)
          pageCookies.push({
            name: name.slice(0, 256),
            domain: location.hostname,
            path: '/',
            secure: false,
            httpOnly: false,
            sameSite: 'unspecified',
            source: 'page',
          });
      }
    }
  } catch {
    /* cookie access denied (sandboxed document): nothing to report */
  }

  let response: unknown;
  let refetchError: string | undefined;
  if (args.refetch) {
    const ctrl = new AbortController();
    // Shorter than the background's 4 s wait for this whole script, so a slow server costs the headers only.
    const timer = setTimeout(() => ctrl.abort(), 3000);
    try {
      const res = await fetch(location.href, { credentials: 'include', cache: 'no-store', redirect: 'follow', signal: ctrl.signal });
      const headers: [string, string][] = [];
      res.headers.forEach((value, name) => {
        // A cut value ends with the ellipsis utils/evidence/bounded.ts clip() marks cuts with (this function cannot import it).
        if (headers.length < 200) headers.push([name.slice(0, 256), value.length > 8192 ? `${value.slice(0, 8191)}…` : value]);
      });
      response = { url: res.url || location.href, status: res.status, type: 'main_frame', headers, source: 'refetch' };
      void res.body?.cancel().catch(() => undefined);
    } catch (e) {
      refetchError = e instanceof Error ? e.message.slice(0, 200) : 'failed';
    } finally {
      clearTimeout(timer);
    }
  }

  // Text for the secret scanner: the serialised page, inline scripts and JSON data blobs, full addresses the page
  // requested (keys hide in query strings) and the names (never values) of its storage entries.
  let budget = args.textCap.total;
  /** Items not read at all because the budget was used up (a budget used up exactly still skips what follows). */
  let textSkipped = 0;
  const grab = (text: string) => {
    const t = text.slice(0, Math.max(0, Math.min(args.textCap.perItem, budget)));
    budget -= t.length;
    return { text: t, truncated: t.length < text.length };
  };
  const texts: { kind: string; url: string; label: string; text: string; truncated: boolean }[] = [];
  const add = (kind: string, url: string, label: string, text: string) => {
    // At most 450 inline/data/address items, plus the page HTML and the storage key names (the background keeps 60
    // bundles besides, within Evidence's bound on sources).
    if (budget <= 0 || (texts.length >= 450 && kind !== 'html' && kind !== 'storage-key')) {
      if (text.trim()) textSkipped++;
      return;
    }
    texts.push({ kind, url, label, ...grab(text) });
  };
  const inline = take(qsa('script:not([src])'), 500) as HTMLScriptElement[];
  inline.forEach((s, i) => {
    const body = s.textContent ?? '';
    if (!body.trim()) return;
    const blob = /json/i.test(s.type) || s.id === '__NEXT_DATA__';
    add(blob ? 'data-blob' : 'inline-script', location.href, blob && s.id ? s.id.slice(0, 100) : `inline script ${i + 1}`, body);
  });
  // data: scripts carry their code in the address: decoded here, never fetched.
  // (document.scripts and getElementsByTagName are live lists: far cheaper than a selector over a huge page.)
  const scriptEls = Array.prototype.slice.call(get('scripts'), 0, MAX.scripts) as HTMLScriptElement[];
  const dataSrcs = scriptEls
    .map((s) => s.getAttribute('src') ?? '')
    .filter((src) => /^\s*data:/i.test(src))
    .slice(0, 200);
  dataSrcs.forEach((raw, i) => {
    const src = raw.trim();
    const comma = src.indexOf(',');
    if (comma === -1) return;
    const head = src.slice(5, comma);
    const payload = src.slice(comma + 1);
    let body = payload;
    try {
      body = /;base64$/i.test(head) ? atob(decodeURIComponent(payload)) : decodeURIComponent(payload);
    } catch {
      /* malformed: scan the raw payload */
    }
    add('inline-script', location.href, `data: script ${i + 1}`, body);
  });
  add('html', location.href, 'page HTML', root.outerHTML);
  try {
    for (const e of (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).slice(0, 300)) {
      // The full address is scanned (keys hide in query strings); only the part before "?" is ever named.
      const bare = e.name.split(/[?#]/)[0]!.slice(0, 4096);
      if (e.name.includes('?')) add('request-url', bare, bare.slice(0, 200), e.name.slice(0, 4096));
    }
  } catch {
    /* no resource timing */
  }
  try {
    const names = [...Object.keys(localStorage), ...Object.keys(sessionStorage)].slice(0, 200).map((k) => k.slice(0, 200));
    if (names.length) add('storage-key', location.href, 'localStorage/sessionStorage key names', names.join('\n'));
  } catch {
    /* storage blocked (sandboxed or opaque origin) */
  }

  // Every script the page loaded, whatever loaded it: <script> elements, dynamic import() chunks, workers,
  // modulepreload/preload links (Resource Timing), with the size the page's own load saw (0 when the server does
  // not allow cross-origin timing), so the background can tell a bundle served differently to its own fetch.
  // Scripts only listed in the page (a <script type="text/x-template" src>, a preload never used) are "listed".
  const loaded: { url: string; size: number }[] = [];
  let timingFull = false;
  try {
    const entries = performance.getEntriesByType('resource') as (PerformanceResourceTiming & { contentType?: string })[];
    // Chromium's default buffer keeps 250 entries; a full buffer means later loads went unrecorded.
    timingFull = entries.length >= 250;
    for (const e of entries) {
      if (loaded.length >= 500) break;
      const js = /(java|ecma)script/i.test(e.contentType ?? '');
      const jsPath = /\.m?js$/i.test(e.name.split(/[?#]/)[0]!);
      if (e.initiatorType === 'script' || js || (jsPath && e.initiatorType !== 'css' && e.initiatorType !== 'img')) {
        loaded.push({ url: e.name.slice(0, 4096), size: e.decodedBodySize || 0 });
      }
    }
  } catch {
    /* no resource timing: only listed scripts */
  }
  const listed: string[] = [];
  for (const s of scriptEls) if (s.hasAttribute('src')) listed.push(abs(s.getAttribute('src') ?? '').slice(0, 4096));
  const links = Array.prototype.slice.call(D.getElementsByTagName.call(document, 'link'), 0, 2000) as HTMLLinkElement[];
  for (const l of links) {
    const rel = ` ${(l.getAttribute('rel') ?? '').toLowerCase()} `;
    const script = rel.includes(' modulepreload ') || (rel.includes(' preload ') && (l.getAttribute('as') ?? '').toLowerCase() === 'script');
    if (script && l.hasAttribute('href') && listed.length < 2200) listed.push(abs(l.getAttribute('href') ?? '').slice(0, 4096));
  }

  return {
    texts,
    snapshot: {
      url: location.href,
      title: (get('title') || '').slice(0, 512),
      contentType: get('contentType').slice(0, 256),
      scripts,
      meta,
      iframes,
      forms,
      mixedContent,
      resources,
      rootAttributes,
      counts: { elements: D.getElementsByTagName.call(document, '*').length, scripts: get('scripts').length },
      truncated,
    },
    pageCookies,
    response,
    refetchError,
    scriptsSeen: { loaded, listed, timingFull },
    textSkipped,
  };
}

/**
 * Runs in the page's own world to see which well-known globals exist. Reads property descriptors only, so a
 * page's getters are never called; values are kept only when they are short primitive strings or numbers.
 */
export function readGlobals(names: string[]): Record<string, true | string> {
  const out: Record<string, true | string> = {};
  for (const name of names.slice(0, 50)) {
    try {
      const d = Object.getOwnPropertyDescriptor(window, name);
      if (!d) continue;
      const v: unknown = 'value' in d ? d.value : undefined;
      out[name] = typeof v === 'string' || typeof v === 'number' ? String(v).slice(0, 128) : true;
    } catch {
      /* a hostile page can make even this throw; absence is the safe answer */
    }
  }
  return out;
}
