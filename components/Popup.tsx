/**
 * The toolbar popup. Shows the stored audit for the current tab at once, then runs a fresh audit (the click
 * that opened the popup is what grants the extension access to the tab) and replaces it.
 */
import { useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import type { Audit } from '@/engine/audit-schema';
import { auditScope, onBuilderHost } from '@/utils/platform/builders';
import {
  applyDecisions,
  auditLinks,
  builderLinks,
  isAccepted,
  mergeRows,
  progress,
  verdict,
  whereLink,
  type AcceptedRisk,
  type ChecklistItem,
  type ChecklistRow,
  type Confirmation,
} from '@/engine/checklist';
import type { Finding } from '@/engine/finding';
import type { ResolvedGuide } from '@/engine/fix';
import { SEVERITIES } from '@/engine/severity';
import { applySeverityOverrides } from '@/engine/overrides';
import type { AuditReply } from '@/utils/messages';
import type { FixGuide } from '@/engine/rule';
import type { PopupApi } from './popup-api';
import { ChecklistView } from './ChecklistView';
import { ExposureCheckPanel } from './ExposureCheckPanel';
import { BubbleCheckPanel } from './bubble/BubbleCheckPanel';
import { DeepAuditPanel } from './supabase/DeepAuditPanel';
import { SupabaseHostAccess } from './supabase/SupabaseHostAccess';
import { FindingsView, type Entry } from './FindingsView';
import { ExportBar } from './ExportBar';
import { SEVERITY_LABEL } from './SeverityTag';
import { showInvisible } from '@/utils/text';
import { safeLink } from '@/utils/links';
import type { Policy } from '@/utils/policy';

export type PopupState =
  | { phase: 'loading' }
  | { phase: 'not-auditable'; message: string }
  | { phase: 'error'; message: string; audit?: Audit }
  | { phase: 'ready'; audit: Audit; running: boolean };

export interface PopupProps {
  api: PopupApi;
  /** The guide for a finding; `guides` are the stored fix guides once loaded (after the first paint). */
  guideFor(finding: Finding, audit: Audit, guides: Record<string, FixGuide>): ResolvedGuide | undefined;
  checklistFor(audit: Audit): ChecklistRow[];
  /** Lets the page record when the first content was painted (benchmark). */
  onShown?(what: 'stored' | 'fresh'): void;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export function Popup({ api, guideFor: resolveFor, checklistFor, onShown }: PopupProps) {
  // Fix guides are only needed when a finding is opened: load them after the findings are on screen.
  const [guides, setGuides] = useState<Record<string, FixGuide>>({});
  const [state, setState] = useState<PopupState>({ phase: 'loading' });
  const [tabId, setTabId] = useState<number>();
  const [access, setAccess] = useState<boolean | undefined>();

  const run = async (id: number, previous?: Audit, started?: Promise<AuditReply>) => {
    if (previous) setState({ phase: 'ready', audit: previous, running: true });
    const reply = await (started ?? api.runAudit(id));
    if (reply.ok) {
      setState({ phase: 'ready', audit: reply.audit, running: false });
      onShown?.('fresh');
    } else if (reply.kind === 'not-auditable') {
      setState({ phase: 'not-auditable', message: reply.message });
    } else {
      setState({ phase: 'error', message: reply.message, ...(previous ? { audit: previous } : {}) });
    }
  };

  // A layout effect, not an effect: it starts in the task that first renders the popup instead of after a frame
  // (Preact runs effects after the next paint). When the tab and its stored audit are already known (the prefetch
  // script, entrypoints/popup-prefetch.ts), the stored findings replace "Loading…" before anything is painted, so the
  // first frame shows them (docs/benchmarks.md, popup).
  useLayoutEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        const tab = await api.currentTab();
        performance.mark('popup:tab');
        if (cancelled) return;
        if (!tab?.url || !/^https?:/i.test(tab.url)) {
          setState({ phase: 'not-auditable', message: 'This page cannot be audited. Open a web app (an http or https address) and click the button again.' });
          return;
        }
        setTabId(tab.id);
        const scope = auditScope(tab.url);
        // Start the fresh audit at once; show the stored one meanwhile, and the access line whenever it is known.
        const storedP = api.loadAudit(scope);
        const fresh = api.runAudit(tab.id);
        // Builder hosts are granted at install for the editor guards: no per-site toggle there.
        if (!onBuilderHost(tab.url)) void api.hasAccess(scope).then((a) => !cancelled && setAccess(a));
        const stored = await storedP;
        performance.mark('popup:stored');
        if (cancelled) return;
        if (stored) onShown?.('stored');
        if (api.loadGuides) setTimeout(() => void api.loadGuides!().then((g) => !cancelled && setGuides(g)), 0);
        await run(tab.id, stored, fresh);
      } catch (e) {
        if (!cancelled) setState({ phase: 'error', message: e instanceof Error ? e.message : String(e) });
      }
    })();
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const audit = state.phase === 'ready' || state.phase === 'error' ? state.audit : undefined;

  const toggleAccess = async () => {
    if (!audit || tabId === undefined) return;
    // A Supabase app's project host too: webRequest shows the answers to the page's own Supabase requests only then.
    const extra = (audit.supabase?.projects ?? []).map((p) => `${p.ref}.supabase.co`);
    const granted = access
      ? !(await (extra.length ? api.revokeAccess(audit.origin, extra) : api.revokeAccess(audit.origin)))
      : await (extra.length ? api.requestAccess(audit.origin, extra) : api.requestAccess(audit.origin));
    setAccess(granted);
    await run(tabId, audit);
  };

  return (
    <main class="popup" aria-busy={state.phase === 'loading' || (state.phase === 'ready' && state.running)}>
      <header class="top">
        <h1>Micro-App Auditor</h1>
        {audit && <Platforms audit={audit} />}
      </header>
      {state.phase === 'loading' && (
        <p class="status" role="status">
          Loading…
        </p>
      )}
      {state.phase === 'not-auditable' && (
        <p class="status not-auditable" role="status" data-state="not-auditable">
          {state.message}
        </p>
      )}
      {state.phase === 'error' && (
        <p class="status error" role="alert" data-state="error">
          {state.message}
          {tabId !== undefined && (
            <button type="button" onClick={() => void run(tabId, audit)}>
              Try again
            </button>
          )}
        </p>
      )}
      {audit && (
        <AuditView
          audit={audit}
          running={state.phase === 'ready' && state.running}
          access={access}
          onToggleAccess={toggleAccess}
          onAccessGranted={() => setAccess(true)}
          onRerun={tabId === undefined ? undefined : () => void run(tabId, audit)}
          guideFor={(f, a) => resolveFor(f, a, guides)}
          checklistFor={checklistFor}
          api={api}
          tabId={tabId}
        />
      )}
      <Footer api={api} />
    </main>
  );
}

function Platforms({ audit }: { audit: Audit }) {
  const shown = audit.platforms.filter((p) => p.confidence !== 'low' || audit.platforms.length === 1);
  return (
    <p class="site">
      <span class="host">{showInvisible(hostOf(audit.url))}</span>
      <span class="platforms" data-testid="platforms">
        {shown.length === 0 ? (
          <span class="platform">Platform: unknown</span>
        ) : (
          shown.map((p) => (
            <span key={p.id} class={`platform conf-${p.confidence}`} title={`Detected from: ${p.signals.join(', ')}`} data-platform={p.id}>
              {p.name}
              {p.confidence === 'low' ? ' (unconfirmed)' : ''}
            </span>
          ))
        )}
      </span>
    </p>
  );
}

interface AuditViewProps {
  audit: Audit;
  running: boolean;
  access: boolean | undefined;
  onToggleAccess(): void;
  onAccessGranted?(): void;
  onRerun: (() => void) | undefined;
  guideFor(finding: Finding, audit: Audit): ResolvedGuide | undefined;
  checklistFor(audit: Audit): ChecklistRow[];
  api: PopupApi;
  tabId?: number | undefined;
}

const DAY_MS = 86_400_000;

function AuditView({ audit, running, access, onToggleAccess, onAccessGranted, onRerun, guideFor, checklistFor, api, tabId }: AuditViewProps) {
  const d = useDecisions(api, audit, tabId);
  const now = Date.now();
  const [focus, setFocus] = useState<ChecklistItem>();
  // The organisation policy's severity overrides apply to what is shown, counted, exported and gated (engine/overrides.ts;
  // the background stores audits at the policy's severities already, this follows a policy changed since).
  const overrides = d.policy.severityOverrides;
  // A builder and its deployed app, shown together: one list, each finding saying where it was seen.
  const all = useMemo(() => [audit, ...d.linked].map((a) => applySeverityOverrides(a, overrides)), [audit, d.linked, overrides]);
  const shown = all[0]!;
  const entries = useMemo(
    (): Entry[] =>
      all.flatMap((a) =>
        a.findings.map((finding) => ({ finding, audit: a, ...(d.linked.length ? { source: a.context === 'builder' ? 'Builder' : 'Live app' } : {}) })),
      ),
    [all, d.linked.length],
  );
  const open = entries.filter((e) => !isAccepted(e.finding, d.accepted, now)).map((e) => e.finding);
  const { rows, contradicted } = applyDecisions(
    mergeRows(all.map(checklistFor)),
    entries.map((e) => e.finding),
    d.accepted,
    d.confirmations,
    now,
  );
  const v = verdict(open, rows, d.policy.requiredChecklistItems ?? []);
  // Evidence now contradicts a confirmation (the item fails): it is cleared.
  const contradictedKey = contradicted.join(',');
  useEffect(() => {
    if (contradicted.length) void d.clear(contradicted);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [contradictedKey]);
  const counts = SEVERITIES.map((s) => [s, open.filter((f) => f.severity === s).length] as const);
  const focused = focus ? rows.find((r) => r.item === focus) : undefined;
  return (
    <>
      <section class="summary" aria-label="Summary">
        <p class={`verdict verdict-${v.level}`} data-level={v.level} data-testid="verdict">
          {v.line}
        </p>
        <ul class="counts" aria-label="Findings by severity">
          {counts.map(([s, n]) => (
            <li key={s} class={`count sev-${s}${n === 0 ? ' zero' : ''}`} data-severity={s} data-count={n}>
              <span class="n">{n}</span> {SEVERITY_LABEL[s]}
            </li>
          ))}
        </ul>
        <p class="meta">
          {running ? (
            <span role="status">Auditing…</span>
          ) : (
            <span>
              Audited {new Date(audit.createdAt).toLocaleTimeString()} in {audit.durationMs} ms
              {audit.fullAccess ? '' : ' · quick audit'}
            </span>
          )}
          {onRerun && !running && (
            <button type="button" class="link" onClick={onRerun}>
              Re-run
            </button>
          )}
        </p>
        {access !== undefined && (
          <p class="access">
            {access ? 'Full audit: this site’s headers and cookies are checked as pages load.' : 'Quick audit. Some checks need access to this site.'}
            <button type="button" class="link" onClick={onToggleAccess}>
              {access ? 'Stop watching this site' : 'Allow full audit of this site'}
            </button>
          </p>
        )}
        {access !== undefined && <SupabaseHostAccess audit={audit} api={api} {...(onAccessGranted ? { onGranted: onAccessGranted } : {})} />}
        {audit.gaps.length > 0 && (
          <ul class="gaps" aria-label="Not checked">
            {audit.gaps.map((g) => (
              <li key={g.collector + g.message} data-partial={g.partial ? 'yes' : undefined}>
                {showInvisible(g.message)}
              </li>
            ))}
          </ul>
        )}
      </section>
      <BuilderLinks audit={audit} linked={d.linked} onOpen={api.open} />
      {api.supabaseProbe && onRerun && d.policy.allowActiveChecks !== false && (
        <ExposureCheckPanel audit={audit} tabId={tabId} running={running} api={api.supabaseProbe} onRerun={onRerun} />
      )}
      {api.bubbleCheck && onRerun && d.policy.allowActiveChecks !== false && (
        <BubbleCheckPanel audit={audit} running={running} api={api.bubbleCheck} onRerun={onRerun} />
      )}
      {api.supabaseDeepAudit && onRerun && d.policy.allowActiveChecks !== false && (
        <DeepAuditPanel audit={audit} tabId={tabId} api={api.supabaseDeepAudit} onDone={onRerun} />
      )}
      {entries.length === 0 ? (
        <p class="status empty" data-state="empty">
          Nothing found. {audit.evaluated.length} checks passed on this page.
        </p>
      ) : (
        <FindingsView
          entries={entries}
          accepted={d.accepted}
          now={now}
          guideFor={guideFor}
          onOpen={api.open}
          onCopy={api.copy}
          {...(api.decisions
            ? {
                onAccept: (e: Entry, reason: string, days: number) =>
                  d.accept(e.audit, {
                    fingerprint: e.finding.fingerprint,
                    reason,
                    severity: e.finding.severity,
                    ruleId: e.finding.ruleId,
                    title: e.finding.title.slice(0, 300),
                    acceptedAt: Date.now(),
                    expiresAt: Date.now() + days * DAY_MS,
                  }),
                onUnaccept: (e: Entry) => d.unaccept(e.audit, e.finding.fingerprint),
              }
            : {})}
          {...(api.showInPage && tabId !== undefined ? { onShowMe: (e: Entry) => api.showInPage!(tabId, e.finding, e.audit) } : {})}
          focus={focused ? { label: focused.label, fingerprints: focused.fingerprints } : undefined}
          onClearFocus={() => setFocus(undefined)}
        />
      )}
      {audit.errors.length > 0 && (
        <p class="status error" role="alert">
          {audit.errors.length} check{audit.errors.length === 1 ? '' : 's'} could not run: {audit.errors.map((e) => e.ruleId).join(', ')}
        </p>
      )}
      <ChecklistView
        rows={rows}
        progress={progress(rows)}
        linkFor={(r) => safeLink(whereLink(r.where, audit))}
        onOpen={api.open}
        onShowFindings={setFocus}
        {...(api.decisions ? { onConfirm: (item: ChecklistItem) => void d.confirm(item), onUnconfirm: (item: ChecklistItem) => void d.clear([item]) } : {})}
      />
      {api.exportReport && <ExportBar onExport={(format) => api.exportReport!(format, shown, d.accepted)} hasAccepted={d.accepted.length > 0} />}
    </>
  );
}

/**
 * "Builder and live app together": a deployed app's builder projects (Supabase project, Bubble app, Glide app id),
 * each with a way to open it and whether what the builder says is in the list below.
 */
function BuilderLinks({ audit, linked, onOpen }: { audit: Audit; linked: readonly Audit[]; onOpen(url: string): void }) {
  const links = builderLinks(audit);
  if (!links.length) return null;
  const shown = new Set(linked.filter((l) => l.context === 'builder').flatMap((l) => auditLinks(l)));
  return (
    <section class="builders" aria-label="Builder and live app">
      <ul>
        {links.map((l) => (
          <li key={l.key} data-link={l.key}>
            <span>
              {l.label}
              {shown.has(l.key)
                ? ': what it says is in the list below (Builder).'
                : ': not audited there yet. Open it and click the button to see both together.'}
            </span>{' '}
            <button type="button" class="link" onClick={() => onOpen(l.url)} aria-label={`Open the ${l.label}`}>
              Open
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The user's decisions on this audit's site or project (and its linked audits), loaded after the audit is on screen. */
function useDecisions(api: PopupApi, audit: Audit, tabId: number | undefined) {
  const [accepted, setAccepted] = useState<Record<string, AcceptedRisk[]>>({});
  const [confirmations, setConfirmations] = useState<Confirmation[]>([]);
  const [linked, setLinked] = useState<Audit[]>([]);
  const [policy, setPolicy] = useState<Policy>({});
  const scope = audit.origin;
  useEffect(() => {
    if (api.loadPolicy) void api.loadPolicy().then(setPolicy, () => undefined);
  }, [api]);
  useEffect(() => {
    let live = true;
    const dec = api.decisions;
    void (async () => {
      const others = api.loadLinked ? await api.loadLinked(audit).catch(() => []) : [];
      if (!live) return;
      setLinked(others);
      if (!dec) return;
      const scopes = [scope, ...others.map((o) => o.origin)];
      const lists = await Promise.all(scopes.map((s) => dec.loadAccepted(s).catch(() => [])));
      const c = await dec.loadConfirmations(scope).catch(() => []);
      if (!live) return;
      setAccepted(Object.fromEntries(scopes.map((s, i) => [s, lists[i]!])));
      setConfirmations(c);
    })();
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scope, audit.createdAt]);
  const flat = useMemo(() => Object.values(accepted).flat(), [accepted]);
  const dec = api.decisions;
  return {
    accepted: flat,
    confirmations,
    linked,
    policy,
    async accept(a: Audit, risk: AcceptedRisk) {
      if (!dec) return;
      const next = await dec.acceptRisk(a.origin, risk, a === audit ? tabId : undefined, a);
      setAccepted((m) => ({ ...m, [a.origin]: next }));
    },
    async unaccept(a: Audit, fingerprint: string) {
      if (!dec) return;
      const next = await dec.unacceptRisk(a.origin, fingerprint, a === audit ? tabId : undefined, a);
      setAccepted((m) => ({ ...m, [a.origin]: next }));
    },
    async confirm(item: ChecklistItem) {
      if (dec) setConfirmations(await dec.confirmItem(scope, item));
    },
    async clear(items: ChecklistItem[]) {
      if (dec) setConfirmations(await dec.clearConfirmations(scope, items));
    },
  };
}

function Footer({ api }: { api: PopupApi }) {
  const [days, setDays] = useState<number>();
  useEffect(() => {
    void api.getRetentionDays().then(setDays);
  }, [api]);
  return (
    <footer class="foot">
      <p>Everything stays in your browser: no uploads, no telemetry. Secrets are shown and stored masked.</p>
      {api.openSettings && (
        <p>
          <button type="button" class="link" onClick={() => api.openSettings!()}>
            Settings: consent, retention, monitoring, policy
          </button>
        </p>
      )}
      {api.openBubbleExport && (
        <button type="button" class="link" data-testid="open-bubble-export" onClick={() => api.openBubbleExport!()}>
          Audit an exported Bubble app (.bubble file)
        </button>
      )}
      {days !== undefined && (
        <label>
          Keep audit results for{' '}
          <select
            value={String(days)}
            onChange={(e) => {
              const d = Number((e.target as HTMLSelectElement).value);
              setDays(d);
              void api.setRetentionDays(d);
            }}
          >
            {[1, 7, 30, 90, 365].map((d) => (
              <option key={d} value={String(d)}>
                {d} day{d === 1 ? '' : 's'}
              </option>
            ))}
          </select>
        </label>
      )}
    </footer>
  );
}
