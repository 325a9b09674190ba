/**
 * The offer to read a deployed app's own requests to its Supabase project. Browsers show an extension the requests
 * a page makes to another address (webRequest) only when the extension may access both the page and that address:
 * an app whose page fetches `https://<ref>.supabase.co/rest/v1/<table>` is audited blind to those answers until the
 * user also grants `https://<ref>.supabase.co/*`. Shown when the audit found a project whose address is not granted;
 * one click asks for the site and the project's address in one browser prompt (the browser remembers the grant).
 * Nothing is sent to the project by this: the page's own requests are only read as it makes them.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Audit } from '@/engine/audit-schema';

/** The project hosts asked for in one prompt (a page naming more is not an ordinary app). */
const MAX_HOSTS = 3;

export interface HostAccessApi {
  hasAccess(origin: string): Promise<boolean>;
  /** Must run inside the click handler: browsers only show the permission prompt for a user gesture. */
  requestAccess(origin: string, extraHosts?: string[]): Promise<boolean>;
}

/** `<ref>.supabase.co` of the audit's Supabase projects (refs are validated again here: they came from a page). */
export function supabaseHosts(audit: Audit): string[] {
  const refs = (audit.supabase?.projects ?? []).map((p) => p.ref).filter((r) => /^[a-z0-9]{20}$/.test(r));
  return [...new Set(refs)].slice(0, MAX_HOSTS).map((r) => `${r}.supabase.co`);
}

export interface SupabaseHostAccessProps {
  audit: Audit;
  api: HostAccessApi;
  /** Called after the browser granted the site and the project's address. */
  onGranted?(): void;
}

export function SupabaseHostAccess({ audit, api, onGranted }: SupabaseHostAccessProps) {
  const hosts = supabaseHosts(audit);
  const key = hosts.join(',');
  const [missing, setMissing] = useState<string[]>();
  const [state, setState] = useState<'idle' | 'granted' | 'refused'>('idle');

  // Checked again with each fresh audit: "Allow full audit of this site" may have granted the project meanwhile.
  useEffect(() => {
    let cancelled = false;
    void Promise.all(hosts.map(async (h) => ((await api.hasAccess(`https://${h}`).catch(() => false)) ? undefined : h))).then(
      (list) => !cancelled && setMissing(list.filter((h): h is string => h !== undefined)),
    );
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, audit.createdAt]);

  if (audit.context === 'builder' || !hosts.length) return null;
  if (state === 'granted')
    return (
      <p class="access supabase-access" data-testid="supabase-host-access" data-state="granted" role="status">
        Allowed. Reload the app’s page: the requests it makes to its Supabase project while it loads are read then, and the next audit lists the tables a
        logged-out visitor’s page received.
      </p>
    );
  if (!missing?.length) return null;
  const ask = () => {
    // The request first, inside the click (no await before it): the browser shows its prompt only for a user gesture.
    void api.requestAccess(audit.origin, missing).then((granted) => {
      setState(granted ? 'granted' : 'refused');
      if (granted) onGranted?.();
    });
  };
  return (
    <p class="access supabase-access" data-testid="supabase-host-access" data-state={state}>
      This app loads its data from the Supabase project{' '}
      {missing.map((h, i) => (
        <span key={h}>
          {i > 0 ? ', ' : ''}
          <code data-testid="supabase-host">{h}</code>
        </span>
      ))}
      . Your browser shows the extension the page’s requests to that address only with your permission. With it, the audit reads each request’s address, the
      column names it asks for and how many rows came back, to tell you which tables a logged-out visitor receives. Row values are never read or stored, and
      nothing extra is sent to the project.
      {state === 'refused' && ' Not allowed: the page’s requests to its project stay unread.'}
      <button type="button" class="link" onClick={ask} data-testid="supabase-host-allow">
        Allow reading this app’s Supabase requests
      </button>
    </p>
  );
}
