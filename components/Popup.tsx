/**
 * The toolbar popup. Shows the stored audit for the current tab at once, then runs a fresh audit (the click
 * that opened the popup is what grants the extension access to the tab) and replaces it.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Audit } from '@/engine/audit-schema';
import { auditScope, onBuilderHost } from '@/utils/platform/builders';
import type { ChecklistRow } from '@/engine/checklist';
import type { Finding } from '@/engine/finding';
import type { ResolvedGuide } from '@/engine/fix';
import { compareFindings } from '@/engine/engine';
import { SEVERITIES } from '@/engine/severity';
import type { AuditReply } from '@/utils/messages';
import type { FixGuide } from '@/engine/rule';
import type { PopupApi } from './popup-api';
import { ChecklistView } from './ChecklistView';
import { ExposureCheckPanel } from './ExposureCheckPanel';
import { DeepAuditPanel } from './supabase/DeepAuditPanel';
import { FindingItem } from './FindingItem';
import { SEVERITY_LABEL } from './SeverityTag';

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

  useEffect(() => {
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
      {state.phase === 'loading' && <p class="status" role="status">Loading…</p>}
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
          onRerun={tabId === undefined ? undefined : () => void run(tabId, audit)}
          guideFor={(f, a) => resolveFor(f, a, guides)}
          checklist={checklistFor(audit)}
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
      <span class="host">{hostOf(audit.url)}</span>
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
  onRerun: (() => void) | undefined;
  guideFor(finding: Finding, audit: Audit): ResolvedGuide | undefined;
  checklist: ChecklistRow[];
  api: PopupApi;
  tabId?: number | undefined;
}

function AuditView({ audit, running, access, onToggleAccess, onRerun, guideFor, checklist, api, tabId }: AuditViewProps) {
  const counts = SEVERITIES.map((s) => [s, audit.findings.filter((f) => f.severity === s).length] as const);
  return (
    <>
      <section class="summary" aria-label="Summary">
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
            {access
              ? 'Full audit: this site’s headers and cookies are checked as pages load.'
              : 'Quick audit. Some checks need access to this site.'}
            <button type="button" class="link" onClick={onToggleAccess}>
              {access ? 'Stop watching this site' : 'Allow full audit of this site'}
            </button>
          </p>
        )}
        {audit.gaps.length > 0 && (
          <ul class="gaps" aria-label="Not checked">
            {audit.gaps.map((g) => (
              <li key={g.collector + g.message}>{g.message}</li>
            ))}
          </ul>
        )}
      </section>
      {api.supabaseProbe && onRerun && (
        <ExposureCheckPanel audit={audit} tabId={tabId} running={running} api={api.supabaseProbe} onRerun={onRerun} />
      )}
      {api.supabaseDeepAudit && onRerun && <DeepAuditPanel audit={audit} tabId={tabId} api={api.supabaseDeepAudit} onDone={onRerun} />}
      {audit.findings.length === 0 ? (
        <p class="status empty" data-state="empty">
          Nothing found. {audit.evaluated.length} checks passed on this page.
        </p>
      ) : (
        <section aria-label="Findings">
          <h2 class="sr-only">Findings, most severe first</h2>
          <ul class="findings">
            {[...audit.findings].sort(compareFindings).map((f) => (
              <FindingItem key={f.fingerprint} finding={f} guide={guideFor(f, audit)} onOpen={api.open} onCopy={api.copy} />
            ))}
          </ul>
        </section>
      )}
      {audit.errors.length > 0 && (
        <p class="status error" role="alert">
          {audit.errors.length} check{audit.errors.length === 1 ? '' : 's'} could not run: {audit.errors.map((e) => e.ruleId).join(', ')}
        </p>
      )}
      <ChecklistView rows={checklist} />
    </>
  );
}

function Footer({ api }: { api: PopupApi }) {
  const [days, setDays] = useState<number>();
  useEffect(() => {
    void api.getRetentionDays().then(setDays);
  }, [api]);
  return (
    <footer class="foot">
      <p>Everything stays in your browser: no uploads, no telemetry. Secrets are shown and stored masked.</p>
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
