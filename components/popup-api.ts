/**
 * What the popup needs from the browser, declared by the UI and implemented by entrypoints/popup/api.ts (component
 * tests pass a fake). Types only: nothing in components/ calls browser APIs or the network.
 */
import type { Audit } from '@/engine/audit-schema';
import type { FixGuide } from '@/engine/rule';
import type { AuditReply } from '@/utils/messages';
import type { ProbeApi } from './ExposureCheckPanel';
import type { DeepAuditApi } from './supabase/DeepAuditPanel';

export interface TabInfo {
  id: number;
  url?: string;
}

export interface PopupApi {
  currentTab(): Promise<TabInfo | undefined>;
  loadAudit(origin: string): Promise<Audit | undefined>;
  runAudit(tabId: number): Promise<AuditReply>;
  hasAccess(origin: string): Promise<boolean>;
  /** Must run inside the click handler: browsers only show the permission prompt for a user gesture. */
  requestAccess(origin: string, extraHosts?: string[]): Promise<boolean>;
  revokeAccess(origin: string, extraHosts?: string[]): Promise<boolean>;
  copy(text: string): Promise<void>;
  open(url: string): void;
  getRetentionDays(): Promise<number>;
  /** Every rule's fix guide, stored by the background (read after the findings are on screen). */
  loadGuides?(): Promise<Record<string, FixGuide>>;
  setRetentionDays(days: number): Promise<void>;
  /** Consent and cancel for the Supabase exposure check (absent: the popup does not offer the check). */
  supabaseProbe?: ProbeApi;
  /** Consent and run for the Supabase dashboard's deep audit (absent: the popup does not offer it). */
  supabaseDeepAudit?: DeepAuditApi;
}
