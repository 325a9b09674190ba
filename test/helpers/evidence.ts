/** Hand-made Evidence for rule tests: a served page with the headers, cookies and DOM facts a test names. */
import type { z } from 'zod';
import { type CookieSchema, EvidenceSchema, type Evidence, type EvidenceInput } from '@/utils/evidence/evidence';

export const PAGE = 'https://app.example.com/';
export const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);

export interface PageSpec {
  url?: string;
  /** Headers of the top document as [name, value] pairs (duplicates allowed). */
  headers?: [string, string][];
  status?: number;
  cookies?: EvidenceInput['cookies'];
  responses?: EvidenceInput['responses'];
  redirect?: EvidenceInput['redirect'];
  page?: Partial<NonNullable<EvidenceInput['page']>> | null;
  globals?: Record<string, true | string>;
}

/** A page snapshot as the page-snapshot collector returns it: an empty page unless `over` says otherwise. */
export function pageSnapshot(url: string, over: Record<string, unknown> = {}) {
  return {
    url,
    title: 'Test',
    contentType: 'text/html',
    scripts: [],
    meta: [],
    iframes: [],
    forms: [],
    mixedContent: [],
    resources: [],
    rootAttributes: {},
    counts: { elements: 10, scripts: 0 },
    truncated: false,
    ...over,
  };
}

export function evidence(spec: PageSpec = {}): Evidence {
  const url = spec.url ?? PAGE;
  const raw: EvidenceInput = {
    url,
    origin: new URL(url).origin,
    collectedAt: NOW,
    responses: [{ url, status: spec.status ?? 200, type: 'main_frame', headers: spec.headers ?? [], source: 'webRequest' }, ...(spec.responses ?? [])],
    cookies: spec.cookies ?? [],
    redirect: spec.redirect ?? { status: 'not-checked', reason: 'test' },
    ...(spec.page === null
      ? {}
      : {
          page: pageSnapshot(url, spec.page ?? {}),
        }),
    globals: spec.globals ?? {},
    gaps: [],
  };
  return EvidenceSchema.parse(raw);
}

/** A cookie as the browser's cookie API reports it, with safe defaults to override. */
export function cookie(c: Partial<z.input<typeof CookieSchema>> & { name: string }) {
  return { domain: 'app.example.com', path: '/', secure: true, httpOnly: true, sameSite: 'lax' as const, source: 'cookies-api' as const, ...c };
}

/** `e` with a script as its only response: no document among the responses, so header rules have nothing to judge. */
export function subresourcesOnly(e: Evidence): Evidence {
  return { ...e, responses: [{ url: 'https://app.example.com/app.js', status: 200, type: 'script', headers: [], source: 'webRequest' }] };
}
