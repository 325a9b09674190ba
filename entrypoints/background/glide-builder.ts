/**
 * The Glide builder side of the background: files what the builder content script observed under the app in the
 * sender's URL and re-audits the tab (the popup and badge then show the findings). The caller has already checked
 * who sent the message (our content script, top frame, a builder URL).
 */
import type { Browser } from 'wxt/browser';
import { glideAppId, type GlideObservation } from '@/utils/glide/builder-evidence';
import { auditTab } from './audit';
import { recordGlideObservation } from './glide-store';

export async function handleGlideObserved(observation: GlideObservation, sender: Browser.runtime.MessageSender): Promise<{ ok: true } | undefined> {
  const appId = glideAppId(sender.url);
  const tabId = sender.tab?.id;
  if (!appId || tabId === undefined) return undefined;
  await recordGlideObservation(appId, observation);
  await auditTab(tabId, 'monitor', { fresh: true }); // refresh the stored audit and the badge
  return { ok: true };
}
