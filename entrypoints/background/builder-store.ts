/**
 * Keys the builder guards saw in editor fields, per edited project (masked + fingerprint only). Kept in local
 * storage with the same expiry as audits, so the popup still shows them after a restart until the field is
 * cleared while the guard watches, or the entry expires.
 */
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { readSettings, SETTINGS_KEY } from '@/engine/audit';
import { auditScope, builderForUrl, supabaseRef } from '@/utils/platform/builders';
import { BuilderSecretSchema, type BuilderSecret } from '@/utils/evidence/evidence';
import { dashboardEvidence } from './supabase-store';

const MAX = 200;
const Stored = z.array(BuilderSecretSchema.extend({ expiresAt: z.number() })).catch([]);
const key = (scope: string) => `builder:${scope}`;

async function read(scope: string, now: number) {
  const raw = (await browser.storage.local.get(key(scope)))[key(scope)];
  return Stored.parse(raw ?? []).filter((s) => s.expiresAt > now);
}

export async function addBuilderSecret(secret: BuilderSecret, now = Date.now()): Promise<void> {
  const scope = auditScope(secret.page);
  const days = readSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]).retentionDays;
  const list = (await read(scope, now)).filter((s) => !(s.fingerprint === secret.fingerprint && s.field === secret.field));
  list.unshift({ ...secret, expiresAt: now + days * 86_400_000 });
  await browser.storage.local.set({ [key(scope)]: list.slice(0, MAX) });
}

export async function clearBuilderSecret(pageUrl: string, fingerprint: string, now = Date.now()): Promise<void> {
  const scope = auditScope(pageUrl);
  const list = await read(scope, now);
  await browser.storage.local.set({ [key(scope)]: list.filter((s) => s.fingerprint !== fingerprint) });
}

/** The builder evidence for an editor URL, or undefined when the URL is not a builder's editor. */
export async function builderEvidence(url: string, now = Date.now()) {
  const builder = builderForUrl(url);
  if (!builder) return undefined;
  const secrets = (await read(auditScope(url), now)).map(({ expiresAt: _, ...s }) => s);
  // Supabase: what the dashboard showed for the project in this URL (never another project's record).
  const ref = builder.id === 'supabase' ? supabaseRef(url) : undefined;
  const supabase = ref && ref !== '_' ? await dashboardEvidence(ref, now) : undefined;
  return { platform: builder.id, secrets, ...(supabase ? { supabase } : {}) };
}
