/**
 * Evidence: plain data that collectors produce and rules read.
 * Everything here may have come from a hostile page, so it is validated with these schemas where it is
 * received (background), and every list and string is bounded: a page cannot make us hold unbounded data.
 */
import { z } from 'zod';
import { bounded, boundedList, clip } from './bounded';
import { SupabaseAppSchema, SupabaseRequestSchema } from '../supabase/app-evidence';
import { SupabaseDashboardSchema } from '../supabase/dashboard-evidence';
import { GlideBuilderSchema } from '../glide/builder-evidence';
import { GlideAppSchema } from '../glide/app-evidence';
import { BubbleAppSchema } from '../bubble/model';
import { BubbleDeployedSchema } from '../bubble/deployed';

export { bounded, boundedList, clip };

export const LIMITS = {
  headerValue: 8192,
  headersPerResponse: 200,
  responses: 100,
  cookies: 300,
  scripts: 2000,
  meta: 200,
  iframes: 200,
  forms: 200,
  mixed: 200,
  url: 4096,
  text: 512,
  gaps: 50,
} as const;

/**
 * Something not checked or not scanned. `partial`: the app's own (first-party) scripts or page text were only
 * partly scanned for keys, so "no key found" is not a result (the command line exits 3 unless --allow-partial).
 */
export const GapSchema = z.object({ collector: bounded(64), message: bounded(LIMITS.text), partial: z.boolean().optional() });
export type Gap = z.output<typeof GapSchema>;

const Url = bounded(LIMITS.url);

/** Header list as received: names keep their case, duplicates are kept in order. */
export const HeaderSchema = z.tuple([bounded(256), bounded(LIMITS.headerValue)]);
export type Header = z.output<typeof HeaderSchema>;

export const ResourceType = z.enum(['main_frame', 'sub_frame', 'script', 'stylesheet', 'xmlhttprequest', 'fetch', 'image', 'font', 'media', 'other']);

export const HttpResponseSchema = z.object({
  url: Url,
  status: z.number().int().min(0).max(999),
  type: ResourceType.catch('other'),
  headers: boundedList(HeaderSchema, LIMITS.headersPerResponse),
  /** How we saw it: passively (webRequest), by re-reading the page (refetch), or by an explicit check (probe). */
  source: z.enum(['webRequest', 'refetch', 'probe']),
  /** Request carried a Cookie or Authorization header (known for webRequest only). */
  requestCredentialed: z.boolean().optional(),
  /** The Origin header sent with the request, when known. */
  requestOrigin: Url.optional(),
  /** Requests to `<ref>.supabase.co/rest/v1/…`: method, select= column names, anonymous or not (no values). */
  supabase: SupabaseRequestSchema.optional(),
});
export type HttpResponse = z.output<typeof HttpResponseSchema>;

export const CookieSchema = z.object({
  name: bounded(256),
  domain: bounded(256).default(''),
  path: bounded(1024).default('/'),
  secure: z.boolean(),
  /** Unknown when read from the page's cookie store: only cookies without HttpOnly are visible there. */
  httpOnly: z.boolean(),
  sameSite: z.enum(['strict', 'lax', 'none', 'unspecified']).catch('unspecified'),
  /** Expiry in seconds since the epoch; absent for a session cookie. */
  expires: z.number().finite().optional(),
  hostOnly: z.boolean().optional(),
  /** From a Set-Cookie line: whether it had a Path attribute (a `__Host-` cookie needs an explicit `Path=/`). */
  pathAttribute: z.boolean().optional(),
  source: z.enum(['cookies-api', 'set-cookie', 'page']),
});
export type Cookie = z.output<typeof CookieSchema>;

export const RedirectCheckSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('checked'),
    httpUrl: Url,
    finalUrl: Url,
    /** Each hop: where it went and with which status. Hop 0 is the plain-HTTP request. */
    hops: boundedList(z.object({ url: Url, status: z.number().int(), location: Url.optional() }), 30),
    /** The browser upgraded http:// itself (Chromium's internal 307, `Non-Authoritative-Reason: HSTS`): the server's
     * own plain-HTTP answer was never seen from this browser. */
    browserUpgrade: z.literal('hsts').optional(),
  }),
  z.object({ status: z.literal('failed'), httpUrl: Url, reason: bounded(LIMITS.text) }),
  z.object({ status: z.literal('not-checked'), reason: bounded(LIMITS.text) }),
]);
export type RedirectCheck = z.output<typeof RedirectCheckSchema>;

export const ScriptSchema = z.object({
  src: Url.optional(),
  integrity: bounded(1024).optional(),
  crossOrigin: bounded(64).optional(),
  type: bounded(128).optional(),
  inlineLength: z.number().int().min(0).optional(),
});
export const MetaSchema = z.object({
  name: bounded(256).optional(),
  httpEquiv: bounded(256).optional(),
  property: bounded(256).optional(),
  content: bounded(LIMITS.headerValue),
});
export const FormSchema = z.object({
  action: Url,
  method: bounded(16),
  hasPassword: z.boolean(),
});
export const MixedSchema = z.object({ tag: bounded(32), url: Url });

/** What the page looked like when it was audited (read from the DOM on demand). */
export const PageSnapshotSchema = z.object({
  url: Url,
  title: bounded(LIMITS.text).default(''),
  contentType: bounded(256).default(''),
  scripts: boundedList(ScriptSchema, LIMITS.scripts),
  meta: boundedList(MetaSchema, LIMITS.meta),
  iframes: boundedList(z.object({ src: Url, sandbox: bounded(512).optional() }), LIMITS.iframes),
  forms: boundedList(FormSchema, LIMITS.forms),
  mixedContent: boundedList(MixedSchema, LIMITS.mixed),
  /** URLs the page fetched (from the Resource Timing list), without query strings; for platform detection. */
  resources: boundedList(Url, 300).default([]),
  /** Attributes of the root element (e.g. Webflow's data-wf-site). Names only, values bounded. */
  rootAttributes: z.record(bounded(64), bounded(256)).default({}),
  counts: z.object({ elements: z.number().int().min(0), scripts: z.number().int().min(0) }),
  /** True when a list hit its cap and was cut. */
  truncated: z.boolean().default(false),
});
export type PageSnapshot = z.output<typeof PageSnapshotSchema>;

/** Well-known globals, read without calling getters: only presence and primitive values. */
export const GlobalsSchema = z.record(bounded(64), z.union([z.literal(true), bounded(128)]));
export type Globals = z.output<typeof GlobalsSchema>;

/** Caps for text the secret scanner reads (per file, and per page across files). */
export const TEXT_LIMITS = { perFile: 5 * 1024 * 1024, perPage: 24 * 1024 * 1024, files: 60 } as const;

/**
 * Text shipped to the browser, for the secret scanner: the page's HTML, inline scripts and data blobs, script
 * bundles, addresses the page requested, storage key names. Never stored: only redacted findings are.
 */
export const SourceSchema = z.object({
  kind: z.enum(['html', 'inline-script', 'data-blob', 'script', 'request-url', 'storage-key']),
  url: Url,
  /** Short name for messages: file name, "inline script 3", "__NEXT_DATA__". */
  label: bounded(200),
  text: z.string().max(TEXT_LIMITS.perFile),
  /** Only the beginning was read (size cap). */
  truncated: z.boolean().default(false),
});
export type Source = z.output<typeof SourceSchema>;

/** A key the builder guard saw in an editor field: masked and fingerprinted in the page, never the raw value. */
export const BuilderSecretSchema = z.object({
  field: bounded(120),
  page: Url,
  provider: z.string().regex(/^[a-z0-9-]{1,64}$/),
  providerName: bounded(120),
  exposure: z.enum(['secret', 'publishable', 'capability', 'test']),
  severity: z.enum(['critical', 'high', 'medium', 'low', 'info']),
  masked: z.string().max(64),
  fingerprint: z.string().regex(/^[0-9a-f]{8,32}$/),
  advice: bounded(600),
  rotateUrl: Url,
  /** The field is the platform's safe store (e.g. a Bubble header with "Private" ticked). */
  safe: z.boolean(),
  seenAt: z.number(),
});
export type BuilderSecret = z.output<typeof BuilderSecretSchema>;

/** What the builder content scripts observed in an editor tab. */
export const BuilderEvidenceSchema = z.object({
  platform: z.enum(['bubble', 'glide', 'supabase']),
  secrets: boundedList(BuilderSecretSchema, 200),
  /** Supabase dashboard only: tables, policies, buckets, cron jobs, advisors for the project in the URL. */
  supabase: SupabaseDashboardSchema.optional(),
  /** Glide builder only: access settings, tables and columns, keys in integrations, workflows for the app in the URL. */
  glide: GlideBuilderSchema.optional(),
  /** Bubble editor or an exported .bubble file: the app model (names, flags, masked keys; utils/bubble/model.ts). */
  bubble: BubbleAppSchema.optional(),
});

export const EvidenceSchema = z.object({
  url: Url,
  origin: Url,
  collectedAt: z.number(),
  /** The top document's response (first hop, as served) and same-origin subresources. */
  responses: boundedList(HttpResponseSchema, LIMITS.responses),
  cookies: boundedList(CookieSchema, LIMITS.cookies),
  redirect: RedirectCheckSchema,
  page: PageSnapshotSchema.optional(),
  /** Text the page shipped, for the secret scanner (deployed apps). */
  sources: boundedList(SourceSchema, TEXT_LIMITS.files * 2 + 400).optional(),
  /** Deployed apps backed by Supabase: project, key kind, tables, and the consented exposure check. */
  supabase: SupabaseAppSchema.optional(),
  /** Deployed Glide apps: sign-in screen or not, personal-looking values on screen (counts), Glide data requests. */
  glideApp: GlideAppSchema.optional(),
  /** Deployed Bubble apps: `/api/1.1/meta`, and (after consent) the Data API and `/version-test` checks. */
  bubble: BubbleDeployedSchema.optional(),
  /** Present when the tab is a builder's editor (Bubble, Glide, Supabase dashboard). */
  builder: BuilderEvidenceSchema.optional(),
  globals: GlobalsSchema.default({}),
  /** Collectors that could not run or ran partially, with a message for the user. */
  gaps: boundedList(GapSchema, LIMITS.gaps),
});
export type Evidence = z.output<typeof EvidenceSchema>;
export type EvidenceInput = z.input<typeof EvidenceSchema>;
