/**
 * A deployed Glide app as a logged-out visitor sees it (hosts *.glide.page, *.glideapp.io, go.glideapps.com/play/<id>,
 * custom domains recognised by Glide's asset and API hosts). Built by entrypoints/background/glide-app.ts from the
 * page (what it shows) and its Resource Timing list (what it downloaded: URLs without queries, counts, sizes). Never
 * response bodies, never the visible values themselves (counts only). Facts: bubble-glide.md §5.
 */
import { z } from 'zod';
import { bounded, boundedList } from '../evidence/bounded';
import { APP_ID } from './constants';

/** Glide's data and asset requests, by what they are. */
export const GLIDE_REQUEST_KINDS = ['firestore-rows', 'firestore-app', 'api-function', 'api-v2', 'functions', 'upload', 'image'] as const;
export type GlideRequestKind = (typeof GLIDE_REQUEST_KINDS)[number];

export const GlideAppSchema = z.object({
  /** From the address (/play/<appId>) or from upload paths (uploads-v2/<appId>/…), when evident. */
  appId: z.string().regex(APP_ID).optional(),
  /** What the logged-out page showed: a sign-in screen (email / PIN), the app itself, or nothing we could tell. */
  signIn: z.enum(['shown', 'absent', 'unknown']),
  /** Counts of values on screen that look personal (never the values). */
  visible: z.object({ emails: z.number().int().min(0).max(1e6), phones: z.number().int().min(0).max(1e6) }),
  /** Data requests the page made, grouped by kind and path (no query strings). */
  requests: boundedList(
    z.object({
      kind: z.enum(GLIDE_REQUEST_KINDS),
      url: bounded(300),
      count: z.number().int().min(1).max(1e6),
      /** Bytes received, when the browser could tell (Resource Timing; 0 for opaque cross-origin entries). */
      bytes: z.number().int().min(0).max(1e12).optional(),
    }),
    40,
  ).default([]),
});
export type GlideApp = z.output<typeof GlideAppSchema>;
export type GlideAppInput = z.input<typeof GlideAppSchema>;

/** Which Glide request a URL is ("host/path", no query), or undefined for anything else. Pure. */
export function glideRequestKind(hostPath: string): GlideRequestKind | undefined {
  const u = hostPath.toLowerCase();
  if (/^firestore\.googleapis\.com\/v1\/projects\/glide-prod\/databases\/\(default\)\/documents\/glide-apps-v4-data\/[^/]+\/tables\//.test(u))
    return 'firestore-rows';
  if (/^firestore\.googleapis\.com\/v1\/projects\/glide-prod\//.test(u)) return 'firestore-app';
  if (/^api\.glideapp\.io\/api\/function\//.test(u)) return 'api-function';
  if (/^api\.glideapps\.com\//.test(u)) return 'api-v2';
  if (/^functions\.prod\.internal\.glideapps\.com\//.test(u)) return 'functions';
  if (/^(storage\.googleapis\.com\/glide-prod\.appspot\.com\/|firebasestorage\.googleapis\.com\/v0\/b\/glide-prod\.appspot\.com\/)/.test(u)) return 'upload';
  if (/^res\.cloudinary\.com\/glide\//.test(u)) return 'image';
  return undefined;
}

/** Data kinds (rows and table queries), as opposed to images and uploaded files. */
export const DATA_KINDS: ReadonlySet<GlideRequestKind> = new Set(['firestore-rows', 'firestore-app', 'api-function', 'api-v2', 'functions']);

/** The app id a deployed app's address or upload path shows. */
export function glideAppIdOf(url: string, resources: readonly string[] = []): string | undefined {
  const play = /^https:\/\/go\.glideapps\.com\/play\/([A-Za-z0-9]{10,64})(?:[/?#]|$)/.exec(url)?.[1];
  if (play) return play;
  for (const r of resources) {
    const m = /glide-prod\.appspot\.com\/(?:o\/)?uploads-v2(?:\/|%2F)([A-Za-z0-9]{10,64})(?:\/|%2F)/i.exec(r)?.[1];
    if (m) return m;
  }
  return undefined;
}
