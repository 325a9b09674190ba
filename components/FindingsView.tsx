/**
 * The findings of an audit (and of its linked builder or deployed app): filtered by severity and by area, the same
 * finding seen several times (same fingerprint, e.g. on several pages) shown once with a count, accepted risks in
 * their own section. UI only.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Audit } from '@/engine/audit-schema';
import { isAccepted, type AcceptedRisk } from '@/engine/checklist';
import { compareFindings } from '@/engine/engine';
import type { Finding } from '@/engine/finding';
import type { ResolvedGuide } from '@/engine/fix';
import { RULE_CATEGORIES } from '@/engine/rule';
import { SEVERITIES, type Severity } from '@/engine/severity';
import { FindingItem } from './FindingItem';
import type { ShowMeResult } from '@/engine/show-me';
import { SEVERITY_LABEL } from './SeverityTag';

export interface Entry {
  finding: Finding;
  audit: Audit;
  /** "Builder" / "Live app" when linked audits are shown together. */
  source?: string;
}

interface Group extends Entry {
  count: number;
}

/** One entry per fingerprint (the first seen), with how many times it was seen; most severe first. */
export function groupEntries(entries: readonly Entry[]): Group[] {
  const by = new Map<string, Group>();
  for (const e of entries) {
    const had = by.get(e.finding.fingerprint);
    if (had) had.count++;
    else by.set(e.finding.fingerprint, { ...e, count: 1 });
  }
  return [...by.values()].sort((a, b) => compareFindings(a.finding, b.finding));
}

/**
 * Findings rendered in the popup's first frame; the rest right after it. The popup is at most 600 px high and a
 * closed finding is one line (30–40 px), below the summary: 20 fill more than the first screenful.
 */
export const FIRST_PAINT = 20;

/** A finding's area: its rule's category as the audit recorded it (rule metadata), else "other". */
export const areaOf = (e: Entry) => e.audit.rules?.[e.finding.ruleId]?.category ?? 'other';
const areaLabel = (a: string) => (RULE_CATEGORIES as Record<string, string>)[a] ?? 'Other';

export interface FindingsViewProps {
  entries: Entry[];
  accepted: readonly AcceptedRisk[];
  now: number;
  guideFor(finding: Finding, audit: Audit): ResolvedGuide | undefined;
  onOpen(url: string): void;
  onCopy(text: string): Promise<void>;
  onAccept?(e: Entry, reason: string, days: number): Promise<void>;
  onUnaccept?(e: Entry): Promise<void>;
  onShowMe?(e: Entry): Promise<ShowMeResult>;
  /** Only these fingerprints (a checklist item's failing findings), with a label and a way back. */
  focus?: { label: string; fingerprints: string[] } | undefined;
  onClearFocus?(): void;
}

export function FindingsView(p: FindingsViewProps) {
  const [severity, setSeverity] = useState<Severity | 'all'>('all');
  const [area, setArea] = useState<string>('all');
  const groups = useMemo(() => groupEntries(p.entries), [p.entries]);
  // The first frame shows the most severe FIRST_PAINT findings (more than a popup's height); the rest follow at once
  // after it (a 300-finding audit on screen within the popup's 100 ms budget: docs/benchmarks.md).
  const [whole, setWhole] = useState(false);
  useEffect(() => {
    if (whole) return;
    const t = setTimeout(() => setWhole(true), 0);
    return () => clearTimeout(t);
  }, [whole]);
  const areas = useMemo(() => [...new Set(groups.map(areaOf))].sort(), [groups]);
  const acceptedOf = (f: Finding) => (isAccepted(f, p.accepted, p.now) ? p.accepted.find((a) => a.fingerprint === f.fingerprint) : undefined);
  const open: Group[] = [];
  const accepted: Group[] = [];
  for (const g of groups) (acceptedOf(g.finding) ? accepted : open).push(g);
  const focus = p.focus ? new Set(p.focus.fingerprints) : undefined;
  const shown = open.filter(
    (g) => (severity === 'all' || g.finding.severity === severity) && (area === 'all' || areaOf(g) === area) && (!focus || focus.has(g.finding.fingerprint)),
  );
  const filtered = shown.length !== open.length;

  const item = (g: Group, isAccepted: boolean) => (
    <FindingItem
      key={`${g.finding.fingerprint}${isAccepted ? '-a' : ''}`}
      finding={g.finding}
      guide={p.guideFor(g.finding, g.audit)}
      onOpen={p.onOpen}
      onCopy={p.onCopy}
      count={g.count}
      {...(g.source ? { source: g.source } : {})}
      {...(isAccepted ? { accepted: acceptedOf(g.finding) } : {})}
      {...(p.onAccept && !isAccepted ? { onAccept: (reason: string, days: number) => p.onAccept!(g, reason, days) } : {})}
      {...(p.onUnaccept && isAccepted ? { onUnaccept: () => p.onUnaccept!(g) } : {})}
      {...(p.onShowMe && g.finding.location.kind === 'builder' && g.audit.context === 'builder' ? { onShowMe: () => p.onShowMe!(g) } : {})}
      {...(focus ? { initiallyOpen: shown.length === 1 } : {})}
    />
  );

  return (
    <>
      {open.length > 0 && (
        <section aria-label="Findings">
          <h2 class="sr-only">Findings, most severe first</h2>
          <fieldset class="filters">
            <legend class="sr-only">Filter findings</legend>
            <label>
              Severity{' '}
              <select value={severity} onChange={(e) => setSeverity((e.target as HTMLSelectElement).value as Severity | 'all')}>
                <option value="all">All</option>
                {SEVERITIES.map((s) => (
                  <option key={s} value={s}>
                    {SEVERITY_LABEL[s]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Area{' '}
              <select value={area} onChange={(e) => setArea((e.target as HTMLSelectElement).value)}>
                <option value="all">All</option>
                {areas.map((a) => (
                  <option key={a} value={a}>
                    {areaLabel(a)}
                  </option>
                ))}
              </select>
            </label>
            {p.focus && (
              <span class="focus">
                For “{p.focus.label}”{' '}
                <button type="button" class="link" onClick={p.onClearFocus}>
                  Show all
                </button>
              </span>
            )}
          </fieldset>
          <p class="note filter-count" aria-live="polite">
            {filtered ? `${shown.length} of ${open.length} findings shown` : ''}
          </p>
          <ul class="findings">{(whole ? shown : shown.slice(0, FIRST_PAINT)).map((g) => item(g, false))}</ul>
        </section>
      )}
      {accepted.length > 0 && (
        <section aria-label="Accepted risks" class="accepted">
          <details>
            <summary>Accepted risks ({accepted.length}): not counted in the verdict or the badge</summary>
            <ul class="findings">{accepted.map((g) => item(g, true))}</ul>
          </details>
        </section>
      )}
    </>
  );
}
