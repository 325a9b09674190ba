/**
 * The builders whose editors we guard live, and where each keeps secrets safely. Pure data. Facts from
 * shared/reference/builders.md: Bubble editor at bubble.io/page?id=<app>; Glide builder at
 * go.glideapps.com/app/<appId>/…; Supabase dashboard at supabase.com/dashboard/project/<ref>/….
 */
export type BuilderId = 'bubble' | 'glide' | 'supabase';

export interface BuilderInfo {
  id: BuilderId;
  name: string;
  /** Content-script match patterns: exactly the editor pages, nothing else on those hosts. */
  matches: string[];
  /** The same, as a test on a URL. */
  page: RegExp;
  /** Where this builder wants secrets kept, in one sentence a builder can act on. */
  safePlace: string;
  /** Editor pages that ARE the safe store (typing a key there is right). */
  safePages: RegExp[];
  docs: string;
}

export const BUILDERS: Record<BuilderId, BuilderInfo> = {
  bubble: {
    id: 'bubble',
    name: 'Bubble',
    // Exactly /page (with or without a query): `page*` would also match /pagex, /pages/….
    matches: ['https://bubble.io/page', 'https://bubble.io/page?*'],
    page: /^https:\/\/bubble\.io\/page(\?|#|$)/,
    safePlace:
      'In Bubble, put keys only in the API Connector (Plugins tab) as a header or parameter with "Private" ticked: then it stays on Bubble’s server and never reaches visitors’ browsers.',
    safePages: [],
    docs: 'https://manual.bubble.io/help-guides/security/api-security/api-connector-security',
  },
  glide: {
    id: 'glide',
    name: 'Glide',
    matches: ['https://go.glideapps.com/app/*'],
    page: /^https:\/\/go\.glideapps\.com\/app\//,
    safePlace:
      'In Glide, save keys once under the project’s Secrets (Project → Secrets → add a secret) and let the integration use the secret by name, never as plain text in a column or a Call API header.',
    safePages: [/\/secrets(\/|$|\?)/],
    docs: 'https://www.glideapps.com/new/docs/connect-external-ap-is-with-secrets',
  },
  supabase: {
    id: 'supabase',
    name: 'Supabase',
    // Project pages only: the sign-in page, the project list and account pages are not a project's editor.
    matches: ['https://supabase.com/dashboard/project/*'],
    page: /^https:\/\/supabase\.com\/dashboard\/project\/([a-z0-9]{20}|_)(\/|\?|#|$)/,
    safePlace:
      'In Supabase, keep keys in Vault (for SQL and cron jobs: `vault.create_secret(...)`, read with `vault.decrypted_secrets`) or in Edge Function secrets (read with `Deno.env.get(...)`), never written into SQL, cron commands or function code.',
    safePages: [/\/functions\/secrets/, /\/vault(\/|$|\?)/],
    docs: 'https://supabase.com/docs/guides/database/vault',
  },
};

/** Host permissions the builder guards need (required at install; README "Permissions" explains them). */
export const BUILDER_ORIGINS = ['https://bubble.io', 'https://go.glideapps.com', 'https://supabase.com'] as const;

/** Deployed apps served from a builder's host: Glide's go.glideapps.com/play/<appId> (bubble-glide.md §5). */
export const DEPLOYED_ON_BUILDER_HOST = /^https:\/\/go\.glideapps\.com\/play\//;

/**
 * True for any page on a builder's host (its editor or not): those hosts are never "watched" as deployed apps —
 * except deployed apps the builder serves there (Glide's /play/<appId>), which are audited like any deployed app.
 */
export function onBuilderHost(url: string): boolean {
  if (DEPLOYED_ON_BUILDER_HOST.test(url)) return false;
  return BUILDER_ORIGINS.some((o) => url === o || url.startsWith(`${o}/`));
}

export function builderForUrl(url: string): BuilderInfo | undefined {
  return Object.values(BUILDERS).find((b) => b.page.test(url));
}

/** The Supabase project ref in a dashboard URL (20 lowercase letters/digits; `_` is the wildcard ref). */
export function supabaseRef(url: string): string | undefined {
  return /^https:\/\/supabase\.com\/dashboard\/project\/([a-z0-9]{20}|_)(\/|$|\?)/.exec(url)?.[1];
}

/**
 * What an audit is "about": for a builder's editor, the project being edited (all Bubble apps share bubble.io, so
 * the origin is not enough); for anything else, the origin.
 */
export function auditScope(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  if (BUILDERS.bubble.page.test(url)) {
    const app = u.searchParams.get('id');
    if (app && /^[a-z0-9-]{1,100}$/i.test(app)) return `https://bubble.io/page?id=${app.toLowerCase()}`;
  }
  const glide = /^https:\/\/go\.glideapps\.com\/app\/([A-Za-z0-9]{1,64})/.exec(url);
  if (glide) return `https://go.glideapps.com/app/${glide[1]}`;
  const ref = supabaseRef(url);
  if (ref) return `https://supabase.com/dashboard/project/${ref}`;
  return u.origin;
}
