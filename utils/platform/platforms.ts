/** Builders/frameworks we recognise, and the hosts a deployed app may sit behind. */
export const PLATFORMS = {
  bubble: 'Bubble',
  glide: 'Glide',
  supabase: 'Supabase',
  firebase: 'Firebase',
  lovable: 'Lovable',
  softr: 'Softr',
  webflow: 'Webflow',
} as const;
export type PlatformId = keyof typeof PLATFORMS;

export const HOSTS = {
  netlify: 'Netlify',
  vercel: 'Vercel',
  cloudflare: 'Cloudflare',
  'firebase-hosting': 'Firebase Hosting',
  'github-pages': 'GitHub Pages',
} as const;
export type HostId = keyof typeof HOSTS;

/** Where a fix guide can say "click here": a builder, a host, or (last) your own server. */
export type FixTarget = PlatformId | HostId | 'server';
export const FIX_TARGET_NAMES: Record<FixTarget, string> = { ...PLATFORMS, ...HOSTS, server: 'Your own server' };

export type Confidence = 'high' | 'medium' | 'low';

export interface Detection<Id extends string = PlatformId | HostId> {
  id: Id;
  name: string;
  kind: 'platform' | 'host';
  confidence: Confidence;
  /** Human-readable signals, e.g. 'header x-bubble-perf'. */
  signals: string[];
}
