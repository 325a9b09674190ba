/**
 * The consent panel for the Supabase exposure check, shown for a deployed app whose page names a Supabase
 * project. Nothing is sent to the project until the user ticks "I own this app or am authorised to test it" and
 * presses Run; the consent is stored for this origin only and can be withdrawn. While the check runs it can be
 * cancelled (the background aborts the requests in flight).
 */
import { useEffect, useState } from 'preact/hooks';
import type { Audit } from '@/engine/audit-schema';
import { showInvisible } from '@/utils/text';

/** Table names shown in the consent prompt per project; the rest are counted. */
const SHOWN_TABLES = 10;

/**
 * Where the check would send requests, named before anything is sent: the page chooses the project, so the user
 * sees its host (`<ref>.supabase.co`) and the tables it would read, and can tell a project that is not theirs.
 */
function ConsentTargets({ projects }: { projects: NonNullable<Audit['supabase']>['projects'] }) {
  return (
    <ul class="probe-targets" aria-label="Requests would go to" data-testid="probe-targets">
      {projects.map((p) => {
        const names = p.tableNames.slice(0, SHOWN_TABLES);
        const more = Math.max(0, p.tables - names.length);
        return (
          <li key={p.ref}>
            Requests go to <code data-testid="probe-host">{`${p.ref}.supabase.co`}</code>
            {names.length > 0 ? ', tables ' : p.tables > 0 ? '' : ': no table names found, the storage bucket list only'}
            {names.map((n, i) => (
              <span key={n}>
                {i > 0 ? ', ' : ''}
                <code data-testid="probe-table">{showInvisible(n)}</code>
              </span>
            ))}
            {more > 0 ? `${names.length ? ' and ' : ', '}${more} more table${more === 1 ? '' : 's'}` : ''}.
          </li>
        );
      })}
    </ul>
  );
}

/** The popup's bridge for the check (entrypoints/popup/api.ts); tests pass a fake. */
export interface ProbeApi {
  hasConsent(origin: string): Promise<boolean>;
  setConsent(origin: string, granted: boolean): Promise<void>;
  /** Asks the background to stop the check running for that tab. */
  cancel(tabId: number): Promise<void>;
}

export interface ExposureCheckPanelProps {
  audit: Audit;
  tabId: number | undefined;
  /** An audit is running (the check runs inside it). */
  running: boolean;
  api: ProbeApi;
  /** Re-runs the audit (which runs the check when consent is stored). */
  onRerun(): void;
}

const STATE_TEXT: Record<string, string> = {
  complete: 'complete',
  partial: 'partial (some answers did not arrive)',
  cancelled: 'cancelled',
  'timed-out': 'stopped: out of time',
  failed: 'failed: the project did not answer',
};

export function ExposureCheckPanel({ audit, tabId, running, api, onRerun }: ExposureCheckPanelProps) {
  const projects = audit.supabase?.projects ?? [];
  const [consent, setConsent] = useState<boolean>();
  const [ticked, setTicked] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const origin = audit.origin;

  useEffect(() => {
    let live = true;
    void api
      .hasConsent(origin)
      .then((c) => live && setConsent(c))
      .catch(() => live && setConsent(false));
    return () => {
      live = false;
    };
  }, [api, origin]);
  useEffect(() => {
    if (!running) setCancelling(false);
  }, [running]);

  if (audit.context !== 'deployed' || projects.length === 0) return null;
  const usable = projects.some((p) => p.publicKey);
  const tables = projects.reduce((n, p) => n + p.tables, 0);
  const last = projects.find((p) => p.probe)?.probe;

  const grant = async () => {
    if (!ticked) return;
    await api.setConsent(origin, true);
    setConsent(true);
    onRerun();
  };
  const withdraw = async () => {
    await api.setConsent(origin, false);
    setConsent(false);
    setTicked(false);
    onRerun();
  };
  const cancel = async () => {
    if (tabId === undefined) return;
    setCancelling(true);
    await api.cancel(tabId);
  };

  return (
    <section
      class="probe"
      aria-labelledby="probe-title"
      data-testid="exposure-check"
      data-consent={consent ? 'yes' : 'no'}
      data-probe-state={running && consent ? 'running' : (last?.state ?? 'none')}
    >
      <h2 id="probe-title">Supabase exposure check</h2>
      <p>
        Project{' '}
        {projects.map((p, i) => (
          <span key={p.ref}>
            {i > 0 ? ', ' : ''}
            <code>{p.ref}</code>
          </span>
        ))}
        : {tables} table{tables === 1 ? '' : 's'} named in the app’s code and requests.
      </p>
      {!usable && <p class="note">No publishable (anon) key for it is in the page, so the check cannot run: it never uses a secret key.</p>}
      {usable && consent === false && (
        <div class="consent">
          <p>
            With your consent the extension asks the project, with the app’s own public key, what a logged-out visitor can read: one read-only request (GET) per
            table, at most 50, plus the storage bucket list, at most 4 per second. Row values are never kept or shown.
          </p>
          <ConsentTargets projects={projects.filter((p) => p.publicKey)} />
          <label>
            <input type="checkbox" checked={ticked} onChange={(e) => setTicked((e.target as HTMLInputElement).checked)} /> I own this app or am authorised to
            test it
          </label>
          <button type="button" class="primary" disabled={!ticked || running} onClick={() => void grant()}>
            Run exposure check
          </button>
        </div>
      )}
      {usable && consent === true && (
        <div class="consent">
          {running ? (
            <p role="status">
              Checking what a logged-out visitor can read…{' '}
              <button type="button" onClick={() => void cancel()} disabled={cancelling}>
                {cancelling ? 'Cancelling…' : 'Cancel check'}
              </button>
            </p>
          ) : (
            <p>
              {last
                ? `Last check: ${STATE_TEXT[last.state] ?? last.state}, ${last.requests} request${last.requests === 1 ? '' : 's'} in ${(last.durationMs / 1000).toFixed(1)} s${last.reused ? ' (reused)' : ''}.`
                : 'Consent given for this site: the check runs with each audit you start.'}
            </p>
          )}
          <button type="button" class="link" onClick={() => void withdraw()} disabled={running}>
            Withdraw consent for this site
          </button>
        </div>
      )}
    </section>
  );
}
