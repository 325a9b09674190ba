/**
 * The settings page's bridge to the browser (SettingsApi, declared by the UI in components/settings/settings-api.ts):
 * the page's only browser.* calls. Component tests pass a fake instead.
 */
import { browser } from 'wxt/browser';
import type { SettingsApi } from '@/components/settings/settings-api';
import { accessOrigins } from '@/entrypoints/popup/api';
import { readPolicy } from '@/utils/policy';
import { BUILDER_ORIGINS } from '@/utils/platform/builders';
import { storageOf } from '@/utils/storage/store';

/** The origins a permission list grants, one per host (https preferred), the builders' editors left out. */
export function monitoredOrigins(patterns: readonly string[]): string[] {
  const out = new Map<string, string>();
  // Access to every site (granted at install in a managed or test profile) is listed as the pattern itself, revocable as one.
  const broad = patterns.filter((p) => BROAD.includes(p));
  for (const p of patterns) {
    const m = /^(https?):\/\/([^/*]+)\/\*$/.exec(p);
    if (!m) continue;
    const origin = `${m[1]}://${m[2]}`;
    if ((BUILDER_ORIGINS as readonly string[]).includes(origin) || m[2]!.endsWith('.supabase.co')) continue;
    if (!out.has(m[2]!) || m[1] === 'https') out.set(m[2]!, origin);
  }
  return [...broad, ...[...out.values()].sort()];
}

const BROAD = ['<all_urls>', '*://*/*', 'https://*/*', 'http://*/*'];
/** What to ask the browser for: a site's origins (both schemes), or a broad pattern as it is. */
const originsFor = (site: string) => (BROAD.includes(site) ? [site] : accessOrigins(site));

export function settingsApi(): SettingsApi {
  const local = () => storageOf(browser.storage.local, undefined, browser.storage.managed);
  return {
    listConsents: () => local().listConsents(),
    revokeConsent: (check, subject) => local().revokeConsent(check, subject),
    getSettings: () => local().getSettings(),
    async setSettings(patch) {
      const { policy } = await readPolicy(browser.storage.managed);
      const days = patch.retentionDays;
      return local().setSettings(
        days !== undefined && policy.maxRetentionDays !== undefined ? { ...patch, retentionDays: Math.min(days, policy.maxRetentionDays) } : patch,
      );
    },
    async listMonitored() {
      return monitoredOrigins((await browser.permissions.getAll()).origins ?? []);
    },
    startMonitoring: (origin) => browser.permissions.request({ origins: originsFor(origin) }).catch(() => false),
    stopMonitoring: (origin) => browser.permissions.remove({ origins: originsFor(origin) }).catch(() => false),
    loadPolicy: () => readPolicy(browser.storage.managed),
  };
}
