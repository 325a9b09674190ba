/**
 * What the settings page needs from the browser, declared by the UI and implemented by entrypoints/options/api.ts
 * (component tests pass a fake). Types only: nothing in components/ calls browser APIs.
 */
import type { ConsentCheck, ConsentRecord } from '@/utils/storage/keys';
import type { Settings } from '@/utils/storage/records';
import type { Policy } from '@/utils/policy';

export interface SettingsApi {
  listConsents(): Promise<ConsentRecord[]>;
  revokeConsent(check: ConsentCheck, subject: string): Promise<void>;
  getSettings(): Promise<Settings>;
  setSettings(patch: Partial<Settings>): Promise<Settings>;
  /** Sites watched continuously: those the extension holds host access to (the builders' editors excepted). */
  listMonitored(): Promise<string[]>;
  /** Must run inside the click handler: the browser shows its permission prompt only for a user gesture. */
  startMonitoring(origin: string): Promise<boolean>;
  stopMonitoring(origin: string): Promise<boolean>;
  loadPolicy(): Promise<{ policy: Policy; problems: string[] }>;
}
