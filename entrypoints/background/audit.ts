/** The audit of one tab, end to end: collect → validate → rules → store → badge. */
import { browser, type Browser } from 'wxt/browser';
import { buildAudit, type Audit } from '@/engine/audit';
import type { AuditReply } from '@/utils/messages';
import { BUILDER_RULES, DEPLOYED_RULES } from '@/rules';
import { auditScope, builderForUrl } from '@/utils/platform/builders';
import { sqlUnavailable } from '@/utils/supabase/dashboard-constants';
import type { EvidenceInput } from '@/utils/evidence/evidence';
import { builderEvidence } from './builder-store';
import { readBubbleEditorModel } from './bubble-editor';
import { policyOverrides, showBadge } from './badge';
import { PROTECTED_PAGE, collectEvidence } from './collect';
import { getSettings, loadAudit, local, saveAudit } from './store';

export function auditableUrl(url: string | undefined): URL | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : undefined;
  } catch {
    return undefined;
  }
}

const running = new Map<number, { mode: Audit['mode']; promise: Promise<AuditReply> }>();
/** A re-audit queued behind the running one because the evidence changed after it started (one per tab). */
const queued = new Map<number, Promise<AuditReply>>();

/**
 * `fresh`: the caller has just stored new evidence (a key pasted in a builder, the editor saved, a screen read), so an
 * audit already running may have collected before it: the caller's audit runs after that one (several such requests
 * share one queued re-audit) instead of settling for a result that misses the change.
 */
export function auditTab(tabId: number, mode: Audit['mode'], o: { fresh?: boolean } = {}): Promise<AuditReply> {
  if (o.fresh && running.has(tabId)) {
    const waiting = queued.get(tabId);
    if (waiting) return waiting;
    const rerun = running
      .get(tabId)!
      .promise.catch(() => undefined)
      .then(() => {
        queued.delete(tabId);
        return auditTab(tabId, mode);
      });
    queued.set(tabId, rerun);
    return rerun;
  }
  // One audit per tab at a time: a second request while one runs gets the same result. One exception: a background
  // re-audit runs no active check, so when the user asks for an audit of a site where they consented to one, their
  // audit runs after the re-audit instead of settling for its result.
  const existing = running.get(tabId);
  if (existing && (existing.mode !== 'monitor' || mode === 'monitor')) return existing.promise;
  const start = (): Promise<AuditReply> => {
    const promise = runAudit(tabId, mode).finally(() => {
      if (running.get(tabId)?.promise === promise) running.delete(tabId);
    });
    running.set(tabId, { mode, promise });
    return promise;
  };
  if (!existing) return start();
  const after: Promise<AuditReply> = activeCheckConsented(tabId)
    .then((consented) => (consented ? existing.promise.catch(() => undefined).then(start) : existing.promise))
    .finally(() => {
      if (running.get(tabId)?.promise === after) running.delete(tabId);
    });
  running.set(tabId, { mode, promise: after });
  return after;
}

/** Whether the user consented to an active check (Supabase exposure, Bubble Data API) for the tab's site. */
async function activeCheckConsented(tabId: number): Promise<boolean> {
  const url = await browser.tabs
    .get(tabId)
    .then((t) => t.url)
    .catch(() => undefined);
  const origin = url ? auditableUrl(url)?.origin : undefined;
  if (!origin) return false;
  const store = local();
  return (await store.getConsent('supabase-exposure-check', origin)) !== undefined || (await store.getConsent('bubble-data-api-check', origin)) !== undefined;
}

/** The last store step queued per scope (read the stored audit, then write one). */
const storing = new Map<string, Promise<unknown>>();

function oneAtATime<T>(scope: string, step: () => Promise<T>): Promise<T> {
  const next = (storing.get(scope) ?? Promise.resolve()).catch(() => undefined).then(step);
  storing.set(scope, next);
  const forget = () => {
    if (storing.get(scope) === next) storing.delete(scope);
  };
  next.then(forget, forget);
  return next;
}

async function runAudit(tabId: number, mode: Audit['mode']): Promise<AuditReply> {
  const startedAt = Date.now();
  let tab: Browser.tabs.Tab | undefined;
  try {
    tab = await browser.tabs.get(tabId);
  } catch {
    return { ok: false, kind: 'error', message: 'That tab is no longer open.' };
  }
  const url = auditableUrl(tab.url);
  if (!url) {
    return {
      ok: false,
      kind: 'not-auditable',
      message: 'Browser pages, files and the extension stores cannot be audited. Open a web app (http or https) and try again.',
    };
  }
  try {
    const builder = builderForUrl(url.href);
    // The pattern the popup asks for (entrypoints/popup/api.ts accessOrigins: no port, which Firefox needs).
    const fullAccess = builder ? true : await browser.permissions.contains({ origins: [`${url.protocol}//${url.hostname}/*`] }).catch(() => false);
    const [evidence, settings, severityOverrides] = await Promise.all([
      builder ? collectBuilderEvidence(url.href, startedAt, tabId) : collectEvidence({ tabId, url: url.href, fullAccess, now: startedAt, mode }),
      getSettings(),
      policyOverrides(),
    ]);
    const rules = builder ? BUILDER_RULES : DEPLOYED_RULES;
    // Stored at the organisation policy's severities (engine/overrides.ts), like the badge, popup and reports show them.
    const audit = buildAudit(evidence, rules, { mode, fullAccess, retentionDays: settings.retentionDays, startedAt, now: Date.now(), severityOverrides });
    // A deployed app's monitoring re-audit (a page load, another tab of the same app) never replaces an audit the user
    // asked for that was stored while it ran: that one holds the consented active checks, which a re-audit does not
    // run. (A builder's re-audit follows new evidence from the editor, which it must not drop.)
    // Read and write one audit of a scope at a time: a re-audit that read the stored audit just before the user's was
    // written would otherwise still write over it.
    const stored = await oneAtATime(audit.origin, async () => {
      const current = mode === 'monitor' && !builder ? await loadAudit(audit.origin) : undefined;
      const kept = current && current.mode !== 'monitor' && current.createdAt >= startedAt ? current : undefined;
      return kept ?? saveAudit(audit); // what is kept: within the storage budget
    });
    await showBadge(
      tabId,
      stored,
      await local()
        .loadAccepted(stored.origin)
        .catch(() => []),
      Date.now(),
      severityOverrides ?? {},
    );
    return { ok: true, audit: stored };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      kind: 'error',
      message: PROTECTED_PAGE.test(message)
        ? 'The browser does not let extensions read this page (for example the Chrome Web Store or another extension’s page).'
        : `The audit failed: ${message}`,
    };
  }
}

/** A builder's editor is audited from what its content script observed; the editor's own headers are not ours to judge. */
async function collectBuilderEvidence(url: string, now: number, tabId: number): Promise<EvidenceInput> {
  const builder = await builderEvidence(url, now);
  // Bubble: the app model the editor has loaded, read live (bubble-editor.ts); a gap says why when it cannot be.
  const gaps: { collector: string; message: string }[] = [];
  if (builder?.platform === 'bubble') {
    const read = await readBubbleEditorModel(tabId, url);
    if (read.app) Object.assign(builder, { bubble: read.app });
    if (read.gap) gaps.push({ collector: 'bubble', message: read.gap });
  }
  // Supabase: checks the latest deep audit could not run are said in the audit, not only in its panel.
  if (builder?.supabase?.sqlUnavailable) gaps.push({ collector: 'supabase', message: sqlUnavailable(builder.supabase.sqlUnavailable.status) });
  return {
    url,
    origin: auditScope(url),
    collectedAt: now,
    responses: [],
    cookies: [],
    redirect: { status: 'not-checked', reason: 'builder editor' },
    ...(builder ? { builder } : {}),
    globals: {},
    gaps,
  };
}
