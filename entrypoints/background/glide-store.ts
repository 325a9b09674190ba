/**
 * What the Glide builder content script observed, merged per app (utils/glide/merge.ts) and kept in local storage
 * with the same expiry as audits. The app id always comes from the sender's URL.
 */
import type { GlideBuilder, GlideObservation } from '@/utils/glide/builder-evidence';
import { dropStaleGlide, isEmptyGlide, mergeGlideObservation } from '@/utils/glide/merge';
import { local } from './store';

async function read(appId: string, now: number): Promise<GlideBuilder | undefined> {
  const store = local();
  const stored = await store.loadGlideBuilder(appId); // unreadable or filed under another app: removed
  if (!stored) return undefined;
  const fresh = dropStaleGlide(stored, now - (await store.retentionMs()));
  if (isEmptyGlide(fresh)) {
    await store.removeGlideBuilder(appId);
    return undefined;
  }
  return fresh;
}

/** Merges one observation into the app's record; returns the merged picture. */
export async function recordGlideObservation(appId: string, observation: GlideObservation, now = Date.now()): Promise<GlideBuilder> {
  const merged = mergeGlideObservation(await read(appId, now), appId, observation, now);
  await local().saveGlideBuilder(appId, merged);
  return merged;
}

/** The merged builder evidence for an app, or undefined when nothing (fresh) was observed. */
export function glideEvidence(appId: string, now = Date.now()): Promise<GlideBuilder | undefined> {
  return read(appId, now);
}
