/**
 * Keys the builder guards saw in editor fields, per edited project (masked + fingerprint only). Kept in local
 * storage with the same expiry as audits, so the popup still shows them after a restart until the field is
 * cleared while the guard watches, or the entry expires.
 */
import { auditScope, builderForUrl, supabaseRef } from '@/utils/platform/builders';
import type { BuilderSecret } from '@/utils/evidence/evidence';
import { BUILDER_SECRETS_MAX } from '@/utils/storage/records';
import { local } from './store';
import { dashboardEvidence } from './supabase-store';
import { glideAppId } from '@/utils/glide/constants';
import { glideEvidence } from './glide-store';

function read(scope: string, now: number) {
  return local().loadBuilderSecrets(scope, now);
}

export async function addBuilderSecret(secret: BuilderSecret, now = Date.now()): Promise<void> {
  const scope = auditScope(secret.page);
  const store = local();
  const list = (await read(scope, now)).filter((s) => !(s.fingerprint === secret.fingerprint && s.field === secret.field));
  list.unshift({ ...secret, expiresAt: now + (await store.retentionMs()) });
  await store.saveBuilderSecrets(scope, list.slice(0, BUILDER_SECRETS_MAX));
}

export async function clearBuilderSecret(pageUrl: string, fingerprint: string, now = Date.now()): Promise<void> {
  const scope = auditScope(pageUrl);
  const list = await read(scope, now);
  await local().saveBuilderSecrets(
    scope,
    list.filter((s) => s.fingerprint !== fingerprint),
  );
}

/** The builder evidence for an editor URL, or undefined when the URL is not a builder's editor. */
export async function builderEvidence(url: string, now = Date.now()) {
  const builder = builderForUrl(url);
  if (!builder) return undefined;
  const secrets = (await read(auditScope(url), now)).map(({ expiresAt: _, ...s }) => s);
  // Supabase: what the dashboard showed for the project in this URL (never another project's record).
  const ref = builder.id === 'supabase' ? supabaseRef(url) : undefined;
  const supabase = ref && ref !== '_' ? await dashboardEvidence(ref, now) : undefined;
  // Glide: what the builder showed for the app in this URL (never another app's record).
  const appId = builder.id === 'glide' ? glideAppId(url) : undefined;
  const glide = appId ? await glideEvidence(appId, now) : undefined;
  return { platform: builder.id, secrets, ...(supabase ? { supabase } : {}), ...(glide ? { glide } : {}) };
}
