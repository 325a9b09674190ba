/**
 * What the popup needs from the browser, declared by the UI and implemented by entrypoints/popup/api.ts (component
 * tests pass a fake). Types only: nothing in components/ calls browser APIs or the network.
 */
import type { Audit } from '@/engine/audit-schema';
import type { AcceptedRisk, ChecklistItem, Confirmation } from '@/engine/checklist';
import type { Finding } from '@/engine/finding';
import type { ShowMeResult } from '@/engine/show-me';
import type { Policy } from '@/utils/policy';
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
  /** Consent for the Bubble Data API and /version-test check of a deployed Bubble app (absent: not offered). */
  bubbleCheck?: ProbeApi;
  /** Consent and run for the Supabase dashboard's deep audit (absent: the popup does not offer it). */
  supabaseDeepAudit?: DeepAuditApi;
  /** Accepted risks and hand confirmations per site or project (absent: the popup offers neither). */
  decisions?: DecisionsApi;
  /** Stored audits of the same project seen from the other side (a builder and its deployed app). */
  loadLinked?(audit: Audit): Promise<Audit[]>;
  /**
   * Scrolls to and highlights a builder finding's element in the tab (Supabase markers, Bubble and Glide by visible
   * text: engine/show-me.ts); when it is not on screen, where to go and the builder page to open.
   */
  showInPage?(tabId: number, finding: Finding, audit: Audit): Promise<ShowMeResult>;
  /** Builds a report of the audit and saves it as a file (the report code is loaded only then). */
  exportReport?(format: ExportFormat, audit: Audit, accepted: readonly AcceptedRisk[]): Promise<void>;
  /** Opens the settings page. */
  openSettings?(): void;
  /** The organisation policy (utils/policy.ts): severity overrides, required items, whether active checks are on. */
  loadPolicy?(): Promise<Policy>;
  /** Opens the extension page that audits an exported .bubble file (a page of its own: Firefox closes popups when a file dialog opens). */
  openBubbleExport?(): void;
}

export type ExportFormat = 'markdown' | 'json' | 'sarif' | 'baseline';

export interface DecisionsApi {
  loadAccepted(scope: string): Promise<AcceptedRisk[]>;
  /** Also refreshes the toolbar badge of the tab (accepted findings do not count). */
  acceptRisk(scope: string, risk: AcceptedRisk, tabId?: number, audit?: Audit): Promise<AcceptedRisk[]>;
  unacceptRisk(scope: string, fingerprint: string, tabId?: number, audit?: Audit): Promise<AcceptedRisk[]>;
  loadConfirmations(scope: string): Promise<Confirmation[]>;
  confirmItem(scope: string, item: ChecklistItem): Promise<Confirmation[]>;
  clearConfirmations(scope: string, items: ChecklistItem[]): Promise<Confirmation[]>;
}
