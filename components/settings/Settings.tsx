/**
 * The settings page: consent given to active checks (list and revoke), retention of audit results (or "keep nothing
 * after the browser closes"), continuous monitoring per site (host access granted and revoked), and the
 * organisation policy, read only. Keyboard-first: native controls only, each with a visible label.
 */
import { useEffect, useState } from 'preact/hooks';
import { CHECKLIST_ITEMS } from '@/engine/checklist';
import type { Policy } from '@/utils/policy';
import type { ConsentCheck, ConsentRecord } from '@/utils/storage/keys';
import type { Settings as SettingsRecord } from '@/utils/storage/records';
import type { SettingsApi } from './settings-api';

const CHECK_NAMES: Record<string, string> = {
  'supabase-exposure-check': 'Supabase exposure check',
  'supabase-deep-audit': 'Supabase deep audit',
  'bubble-data-api-check': 'Bubble Data API check',
};
const RETENTION = [1, 7, 30, 90, 365];
const when = (t: number) => new Date(t).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

export function Settings({ api }: { api: SettingsApi }) {
  const [policy, setPolicy] = useState<{ policy: Policy; problems: string[] }>();
  useEffect(() => {
    void api.loadPolicy().then(setPolicy);
  }, [api]);
  return (
    <main class="settings">
      <h1>Micro-App Auditor settings</h1>
      <p class="note">Everything here stays in this browser.</p>
      <ConsentSection api={api} policy={policy?.policy} />
      <RetentionSection api={api} policy={policy?.policy} />
      <MonitoringSection api={api} />
      <PolicySection policy={policy} />
    </main>
  );
}

function ConsentSection({ api, policy }: { api: SettingsApi; policy: Policy | undefined }) {
  const [list, setList] = useState<ConsentRecord[]>();
  const load = () => void api.listConsents().then(setList);
  useEffect(load, [api]);
  const revoke = async (c: ConsentRecord) => {
    await api.revokeConsent(c.check as ConsentCheck, c.subject);
    load();
  };
  return (
    <section aria-labelledby="s-consent">
      <h2 id="s-consent">Consent for active checks</h2>
      <p class="note">Active checks send a few read-only requests to an app or project, only where you allowed them.</p>
      {policy?.allowActiveChecks === false && (
        <p class="policy-note" role="note">
          Your organisation’s policy turns active checks off: consent below is not used.
        </p>
      )}
      {list === undefined ? (
        <p role="status">Loading…</p>
      ) : list.length === 0 ? (
        <p>No consent given.</p>
      ) : (
        <ul class="consents" aria-label="Consent given">
          {list.map((c) => (
            <li key={`${c.check}:${c.subject}`}>
              <span>
                <strong>{CHECK_NAMES[c.check] ?? c.check}</strong> on <code>{c.subject}</code>, given {when(c.grantedAt)} from the {c.via}
              </span>
              <button type="button" onClick={() => void revoke(c)} aria-label={`Revoke ${CHECK_NAMES[c.check] ?? c.check} on ${c.subject}`}>
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function RetentionSection({ api, policy }: { api: SettingsApi; policy: Policy | undefined }) {
  const [s, setS] = useState<SettingsRecord>();
  useEffect(() => {
    void api.getSettings().then(setS);
  }, [api]);
  const max = policy?.maxRetentionDays ?? 365;
  const options = RETENTION.filter((d) => d <= max);
  if (!options.includes(max) && max < 365) options.push(max);
  const save = async (patch: Partial<SettingsRecord>) => setS(await api.setSettings(patch));
  return (
    <section aria-labelledby="s-retention">
      <h2 id="s-retention">Stored audit results</h2>
      {s === undefined ? (
        <p role="status">Loading…</p>
      ) : (
        <>
          <label>
            Keep audit results for{' '}
            <select
              value={String(Math.min(s.retentionDays, max))}
              onChange={(e) => void save({ retentionDays: Number((e.target as HTMLSelectElement).value) })}
            >
              {options.map((d) => (
                <option key={d} value={String(d)}>
                  {d} day{d === 1 ? '' : 's'}
                </option>
              ))}
            </select>
          </label>
          {policy?.maxRetentionDays !== undefined && <p class="policy-note">At most {policy.maxRetentionDays} days (your organisation’s policy).</p>}
          <label class="check">
            <input type="checkbox" checked={s.sessionOnly === true} onChange={(e) => void save({ sessionOnly: (e.target as HTMLInputElement).checked })} /> Keep
            nothing after the browser closes
          </label>
          <p class="note">Accepted risks, confirmations and consent are your decisions: they are kept either way.</p>
        </>
      )}
    </section>
  );
}

function MonitoringSection({ api }: { api: SettingsApi }) {
  const [list, setList] = useState<string[]>();
  const [site, setSite] = useState('');
  const [status, setStatus] = useState('');
  const load = () => void api.listMonitored().then(setList);
  useEffect(load, [api]);
  const add = async (e: Event) => {
    e.preventDefault();
    let origin: string;
    try {
      const u = new URL(/^https?:\/\//i.test(site) ? site : `https://${site}`);
      if (!/^https?:$/.test(u.protocol)) throw new Error('not http');
      origin = u.origin;
    } catch {
      setStatus('Give a site address, e.g. https://app.example.com');
      return;
    }
    const granted = await api.startMonitoring(origin);
    setStatus(granted ? `Now watching ${origin}.` : `The browser did not grant access to ${origin}.`);
    if (granted) setSite('');
    load();
  };
  return (
    <section aria-labelledby="s-monitor">
      <h2 id="s-monitor">Continuous monitoring</h2>
      <p class="note">A watched site is audited each time one of its pages loads, and its badge kept up to date.</p>
      {list === undefined ? (
        <p role="status">Loading…</p>
      ) : list.length === 0 ? (
        <p>No site is watched.</p>
      ) : (
        <ul class="monitored" aria-label="Watched sites">
          {list.map((o) => (
            <li key={o}>
              <code>{o}</code>
              <button
                type="button"
                aria-label={`Stop watching ${o}`}
                onClick={async () => {
                  setStatus((await api.stopMonitoring(o)) ? `Stopped watching ${o}.` : `Could not stop watching ${o}.`);
                  load();
                }}
              >
                Stop watching
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={add} class="add-site" aria-label="Watch a site">
        <label>
          Site{' '}
          <input
            type="text"
            inputMode="url"
            value={site}
            placeholder="https://app.example.com"
            onInput={(e) => setSite((e.target as HTMLInputElement).value)}
          />
        </label>
        <button type="submit">Watch</button>
      </form>
      <p role="status" class="note">
        {status}
      </p>
    </section>
  );
}

function PolicySection({ policy }: { policy: { policy: Policy; problems: string[] } | undefined }) {
  const p = policy?.policy;
  const set = p && Object.keys(p).length > 0;
  return (
    <section aria-labelledby="s-policy">
      <h2 id="s-policy">Organisation policy</h2>
      {!policy ? (
        <p role="status">Loading…</p>
      ) : !set ? (
        <p>No policy is set for this browser. Administrators: see docs/policy.md.</p>
      ) : (
        <dl class="policy">
          {p.allowActiveChecks !== undefined && (
            <>
              <dt>Active checks</dt>
              <dd>{p.allowActiveChecks ? 'allowed, with each user’s consent' : 'off'}</dd>
            </>
          )}
          {p.requiredChecklistItems && (
            <>
              <dt>Required before publishing</dt>
              <dd>
                <ul>
                  {p.requiredChecklistItems.map((i) => (
                    <li key={i}>{CHECKLIST_ITEMS[i].label}</li>
                  ))}
                </ul>
              </dd>
            </>
          )}
          {p.severityOverrides && (
            <>
              <dt>Severity overrides</dt>
              <dd>
                {Object.entries(p.severityOverrides)
                  .map(([k, v]) => `${k}: ${v}`)
                  .join(', ')}
              </dd>
            </>
          )}
          {p.maxRetentionDays !== undefined && (
            <>
              <dt>Longest retention</dt>
              <dd>{p.maxRetentionDays} days</dd>
            </>
          )}
        </dl>
      )}
      {policy && policy.problems.length > 0 && (
        <ul class="policy-problems" aria-label="Policy problems">
          {policy.problems.map((x) => (
            <li key={x}>{x}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
