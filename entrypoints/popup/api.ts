/**
 * The popup's bridge to the browser (PopupApi, declared by the UI in components/popup-api.ts): the popup's only
 * browser.* calls. Component tests pass a fake instead.
 *
 * First paint (docs/popup.md, "Speed"): this module and everything the popup needs to show a stored audit are
 * zod-free. The storage module (zod schemas of every record), the policy reader and the badge are imported on first
 * use, after the stored audit is on screen (`painted()`); the stored audit itself is shown after a structural check
 * (engine/audit-shape.ts) and validated fully in idle time.
 */
import { browser } from 'wxt/browser';
import type { Audit } from '@/engine/audit-schema';
import type { AcceptedRisk } from '@/engine/checklist';
import type { AuditReply, DeepAuditReply, ExtensionMessage } from '@/utils/messages';
import type { PopupApi } from '@/components/popup-api';
import { auditLinks } from '@/engine/checklist';
import { highlightMessage } from '@/utils/highlight';
import { safeLink } from '@/utils/links';
import { onShowMeHost, showMePlan } from '@/engine/show-me';
import { KEYS } from '@/utils/storage/keys';
import { quickAudit } from '@/engine/audit-shape';
import { prefetched, type Prefetched } from './prefetch';

/** Resolved once the popup's first content is on screen (main.tsx), or after FIRST_PAINT_WAIT_MS at the latest. */
const FIRST_PAINT_WAIT_MS = 400;
let paintedNow: () => void = () => undefined;
const paintedP = new Promise<void>((resolve) => {
  paintedNow = resolve;
  setTimeout(resolve, FIRST_PAINT_WAIT_MS);
});
/** main.tsx calls this when the first content is on screen: the deferred modules may load from then on. */
export const painted = (): void => paintedNow();

const storeModule = () => import('@/utils/storage/store');
const policyModule = () => import('@/utils/policy');
const badgeModule = () => import('@/entrypoints/background/badge');

/**
 * Origins to ask for: the site itself and its plain-HTTP twin (for the redirect check). By host name, without the
 * port: a match pattern without a port covers every port in both browsers, while Firefox reports a pattern with one
 * (`http://127.0.0.1:8765/*`) as granted yet gives no access through it (seen with Firefox 153 ESR).
 */
export function accessOrigins(origin: string, extraHosts: string[] = []): string[] {
  const u = new URL(origin);
  // Extra hosts: the app's Supabase project (<ref>.supabase.co), whose answers to the page's own requests webRequest
  // only shows with access to that host too. HTTPS only.
  const extra = extraHosts.filter((h) => /^[a-z0-9]{20}\.supabase\.co$/.test(h)).map((h) => `https://${h}/*`);
  return [`https://${u.hostname}/*`, `http://${u.hostname}/*`, ...extra];
}

/** Runs `fn` when the page is idle (Firefox and Chromium have requestIdleCallback; a timeout elsewhere). */
const idle = (fn: () => void) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(fn, { timeout: 2000 }) : setTimeout(fn, 50));

export function browserApi(search = location.search): PopupApi {
  // popup.html?tabId=N lets the headless command and tests show a given tab (a real popup uses the active tab).
  const forced = Number(new URLSearchParams(search).get('tabId'));
  // The tab and its stored record, already on their way (entrypoints/popup-prefetch.ts; absent in tests): used once.
  const started = prefetched();
  let prefetch: { tab?: Prefetched['tab'] | undefined; stored?: Prefetched['stored'] | undefined } | undefined = started
    ? { tab: started.tab, stored: started.stored }
    : undefined;
  // Consent within the organisation policy (utils/policy.ts): with active checks off, none is given or counted.
  // `now`: without waiting for the first paint (the stored audit's full check when the quick one fails).
  let store: ReturnType<typeof makeStore> | undefined;
  const makeStore = async () => (await storeModule()).storageOf(browser.storage.local, undefined, browser.storage.managed);
  const local = async ({ now = false } = {}) => {
    if (!now) await paintedP;
    store ??= makeStore();
    return store;
  };
  const policy = async () => (await policyModule()).readPolicy(browser.storage.managed);
  const badge = async (tabId: number, audit: Audit, accepted: readonly AcceptedRisk[]) => (await badgeModule()).showBadge(tabId, audit, accepted);
  return {
    async currentTab() {
      // Looked up by the prefetch script while this code loaded (used once: a later call asks the browser again).
      const early = prefetch?.tab;
      if (early && prefetch) {
        prefetch = { ...prefetch, tab: undefined };
        const t = await early;
        if (t) return t;
      }
      if (Number.isInteger(forced) && forced > 0) {
        const t = await browser.tabs.get(forced).catch(() => undefined);
        return t?.id !== undefined ? { id: t.id, ...(t.url ? { url: t.url } : {}) } : undefined;
      }
      const [t] = await browser.tabs.query({ active: true, currentWindow: true });
      return t?.id !== undefined ? { id: t.id, ...(t.url ? { url: t.url } : {}) } : undefined;
    },
    async loadAudit(origin) {
      const key = KEYS.audit(origin);
      const early = prefetch?.stored ? await prefetch.stored : undefined;
      if (prefetch) prefetch = { ...prefetch, stored: undefined };
      const raw = early?.scope === origin ? early.raw : (await browser.storage.local.get(key))[key];
      if (raw === undefined) return undefined;
      const quick = quickAudit(raw, Date.now());
      if (!quick) return (await local({ now: true })).loadAudit(origin);
      // The full check (zod) once the popup is idle: a record that fails it is dropped (the fresh audit replaces it).
      void paintedP.then(() => idle(() => void local().then((l) => l.loadAudit(origin))));
      return quick;
    },
    async runAudit(tabId) {
      const msg: ExtensionMessage = { type: 'audit:run', tabId, mode: 'click' };
      const reply = (await browser.runtime.sendMessage(msg)) as AuditReply | undefined;
      return reply ?? { ok: false, kind: 'error', message: 'The extension’s background did not answer. Reload the extension and try again.' };
    },
    hasAccess: (origin) => browser.permissions.contains({ origins: accessOrigins(origin).slice(0, 1) }).catch(() => false),
    requestAccess: (origin, extraHosts) => browser.permissions.request({ origins: accessOrigins(origin, extraHosts) }).catch(() => false),
    revokeAccess: (origin, extraHosts) => browser.permissions.remove({ origins: accessOrigins(origin, extraHosts) }).catch(() => false),
    copy: (text) => navigator.clipboard.writeText(text),
    // The one place the popup opens a tab from a link: only allow-listed vendor hosts (utils/links.ts).
    open: (url) => {
      const safe = safeLink(url);
      if (safe) void browser.tabs.create({ url: safe });
    },
    async loadGuides() {
      return (await (await local()).loadGuides())?.guides ?? {};
    },
    async getRetentionDays() {
      return (await (await local()).getSettings()).retentionDays;
    },
    async setRetentionDays(days) {
      // The organisation policy's longest retention (docs/policy.md) caps the choice.
      const max = (await policy()).policy.maxRetentionDays;
      await (await local()).setSettings({ retentionDays: max === undefined ? days : Math.min(days, max) });
    },
    supabaseProbe: {
      async hasConsent(origin) {
        return (await (await local()).getConsent('supabase-exposure-check', origin)) !== undefined;
      },
      async setConsent(origin, granted) {
        if (granted) await (await local()).grantConsent('supabase-exposure-check', origin, 'popup');
        else await (await local()).revokeConsent('supabase-exposure-check', origin);
      },
      async cancel(tabId) {
        const msg: ExtensionMessage = { type: 'supabase:cancel-probe', tabId };
        await browser.runtime.sendMessage(msg).catch(() => undefined);
      },
    },
    decisions: {
      loadAccepted: async (scope) => (await local()).loadAccepted(scope),
      async acceptRisk(scope, risk, tabId, audit) {
        const next = await (await local()).acceptRisk(scope, risk);
        if (tabId !== undefined && audit) await badge(tabId, audit, next);
        return next;
      },
      async unacceptRisk(scope, fingerprint, tabId, audit) {
        const next = await (await local()).unacceptRisk(scope, fingerprint);
        if (tabId !== undefined && audit) await badge(tabId, audit, next);
        return next;
      },
      loadConfirmations: async (scope) => (await local()).loadConfirmations(scope),
      confirmItem: async (scope, item) => (await local()).confirmItem(scope, item),
      clearConfirmations: async (scope, items) => (await local()).clearConfirmations(scope, items),
    },
    loadLinked: async (audit) => (await local()).loadLinkedAudits(audit.origin, auditLinks(audit), auditLinks),
    async showInPage(tabId, finding, audit) {
      // Sent only to the tab's content scripts (ours), and for Bubble and Glide only while the tab is on that builder.
      const plan = showMePlan(finding, audit);
      if (plan) {
        const tab = await browser.tabs.get(tabId).catch(() => undefined);
        const reply = onShowMeHost(plan.builder, tab?.url) ? await browser.tabs.sendMessage(tabId, plan.message).catch(() => undefined) : undefined;
        if ((reply as { ok?: unknown } | undefined)?.ok === true) return { shown: true };
        return { shown: false, where: plan.where, ...(plan.link ? { link: plan.link } : {}) };
      }
      const msg = highlightMessage(finding.location);
      if (!msg) return { shown: false };
      const reply = (await browser.tabs.sendMessage(tabId, msg).catch(() => undefined)) as { ok?: unknown } | undefined;
      return { shown: reply?.ok === true };
    },
    async exportReport(format, audit, accepted) {
      const [{ buildExport, download }, guides] = await Promise.all([import('./export'), local().then((l) => l.loadGuides())]);
      download(buildExport(format, audit, accepted, guides?.guides ?? {}));
    },
    openSettings: () => void browser.runtime.openOptionsPage(),
    loadPolicy: async () => {
      await paintedP;
      return (await policy()).policy;
    },
    openBubbleExport: () => void browser.tabs.create({ url: browser.runtime.getURL('/bubble-export.html' as never) }),
    bubbleCheck: {
      async hasConsent(origin) {
        return (await (await local()).getConsent('bubble-data-api-check', origin)) !== undefined;
      },
      async setConsent(origin, granted) {
        if (granted) await (await local()).grantConsent('bubble-data-api-check', origin, 'popup');
        else await (await local()).revokeConsent('bubble-data-api-check', origin);
      },
      async cancel(tabId) {
        // The background's cancel stops the Bubble check too (entrypoints/background/index.ts).
        const msg: ExtensionMessage = { type: 'supabase:cancel-probe', tabId };
        await browser.runtime.sendMessage(msg).catch(() => undefined);
      },
    },
    supabaseDeepAudit: {
      async hasConsent(ref) {
        return (await (await local()).getConsent('supabase-deep-audit', ref)) !== undefined;
      },
      async setConsent(ref, granted) {
        if (granted) await (await local()).grantConsent('supabase-deep-audit', ref, 'popup');
        else await (await local()).revokeConsent('supabase-deep-audit', ref);
      },
      async run(tabId) {
        const msg: ExtensionMessage = { type: 'supabase:deep-audit', tabId };
        const reply = (await browser.runtime.sendMessage(msg).catch(() => undefined)) as DeepAuditReply | undefined;
        return reply ?? { ok: false, kind: 'error', message: 'The extension’s background did not answer. Reload the extension and try again.' };
      },
    },
  };
}
