/**
 * The opt-in deep audit of a Supabase project, offered in the popup for a dashboard tab. Nothing is requested until
 * the user presses the button that says what will happen; the permission is stored for this project only and can
 * be revoked. The requests run in the dashboard tab with the user's own sign-in (entrypoints/supabase.content/deep-audit.ts).
 */
import { useEffect, useState } from 'preact/hooks';
import type { Audit } from '@/engine/audit-schema';
import { supabaseRef } from '@/utils/platform/builders';
import type { DeepAuditReply } from '@/utils/messages';

/** The popup's bridge for the deep audit (entrypoints/popup/api.ts); tests pass a fake. */
export interface DeepAuditApi {
  hasConsent(ref: string): Promise<boolean>;
  setConsent(ref: string, granted: boolean): Promise<void>;
  /** Asks the background to run it in that tab (the background checks the tab's project and the consent again). */
  run(tabId: number): Promise<DeepAuditReply>;
}

export interface DeepAuditPanelProps {
  audit: Audit;
  tabId: number | undefined;
  api: DeepAuditApi;
  /** Re-runs the audit so the popup shows what the deep audit found. */
  onDone(): void;
}

type Status = { kind: 'idle' } | { kind: 'running' } | { kind: 'done'; text: string } | { kind: 'failed'; text: string };

export function DeepAuditPanel({ audit, tabId, api, onDone }: DeepAuditPanelProps) {
  const ref = supabaseRef(audit.url);
  const project = ref && ref !== '_' ? ref : undefined;
  const [consent, setConsent] = useState<boolean>();
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  useEffect(() => {
    let live = true;
    if (project)
      void api
        .hasConsent(project)
        .then((c) => live && setConsent(c))
        .catch(() => live && setConsent(false));
    return () => {
      live = false;
    };
  }, [api, project]);

  if (audit.context !== 'builder' || !project || tabId === undefined) return null;

  const run = async (grant: boolean) => {
    if (grant) {
      await api.setConsent(project, true);
      setConsent(true);
    }
    setStatus({ kind: 'running' });
    const reply = await api
      .run(tabId)
      .catch((e: unknown): DeepAuditReply => ({ ok: false, kind: 'error', message: e instanceof Error ? e.message : String(e) }));
    if (!reply.ok) return setStatus({ kind: 'failed', text: reply.message });
    const answered = reply.summary.calls.filter((c) => c.status >= 200 && c.status < 300).length;
    setStatus(
      reply.summary.ok
        ? {
            kind: 'done',
            // A partial answer says what was not read (e.g. "SQL checks not available on this project: …").
            text: `Deep audit done: ${answered} of ${reply.summary.calls.length} read-only requests answered.${reply.summary.message ? ` ${reply.summary.message}` : ''}`,
          }
        : { kind: 'failed', text: reply.summary.message ?? 'The deep audit could not read the project.' },
    );
    onDone();
  };

  const revoke = async () => {
    await api.setConsent(project, false);
    setConsent(false);
    setStatus({ kind: 'idle' });
  };

  return (
    <section class="deep-audit" aria-labelledby="deep-audit-h" data-deep-audit={consent ? 'allowed' : 'not-allowed'}>
      <h2 id="deep-audit-h">Deep audit (optional)</h2>
      <p>
        Reads this project’s Security Advisor, tables and policies, storage buckets and cron jobs through Supabase’s Management API, read-only, with your
        dashboard sign-in in this tab. Nothing is changed. Your sign-in is used only for requests to api.supabase.com from the dashboard tab; it is never stored
        or sent anywhere else.
      </p>
      <div class="actions">
        {consent ? (
          <>
            <button type="button" class="primary" disabled={status.kind === 'running'} onClick={() => void run(false)}>
              Run deep audit
            </button>
            <button type="button" class="link" onClick={() => void revoke()}>
              Revoke permission for this project
            </button>
          </>
        ) : (
          <button type="button" class="primary" disabled={consent === undefined || status.kind === 'running'} onClick={() => void run(true)}>
            Allow and run a read-only deep audit of project {project}
          </button>
        )}
      </div>
      <p class="deep-audit-status" role="status">
        {status.kind === 'running' ? 'Deep audit running…' : status.kind === 'done' || status.kind === 'failed' ? status.text : ''}
      </p>
    </section>
  );
}
