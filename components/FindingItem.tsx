import { useEffect, useRef, useState } from 'preact/hooks';
import type { Finding } from '@/engine/finding';
import type { ResolvedGuide } from '@/engine/fix';
import { FixGuideView } from './FixGuideView';
import { SeverityTag } from './SeverityTag';
import { showInvisible } from '@/utils/text';
import type { ShowMeResult } from '@/engine/show-me';
import { DEFAULT_ACCEPT_DAYS, REASON_MAX, type AcceptedRisk } from '@/engine/checklist';

export interface FindingItemProps {
  finding: Finding;
  guide: ResolvedGuide | undefined;
  onOpen(url: string): void;
  onCopy(text: string): Promise<void>;
  /** The same finding (same fingerprint) seen this many times, e.g. on several pages. */
  count?: number;
  /** Where it was seen when a builder and its deployed app are shown together. */
  source?: string;
  /** Set when the finding is an accepted risk: shows the reason and expiry, and "Stop accepting". */
  accepted?: AcceptedRisk | undefined;
  /** Accept the risk (reason required, expiry in days). Absent: no "Accept risk" button. */
  onAccept?(reason: string, days: number): Promise<void>;
  onUnaccept?(): Promise<void>;
  /** Scroll to and highlight the finding's element in the page (builder findings); resolves false when not found. */
  onShowMe?(): Promise<ShowMeResult>;
  /** Opened from elsewhere (the checklist's "Show"). */
  initiallyOpen?: boolean;
}

export function FindingItem({ finding, guide, onOpen, onCopy, count = 1, source, accepted, onAccept, onUnaccept, onShowMe, initiallyOpen }: FindingItemProps) {
  const [open, setOpen] = useState(initiallyOpen ?? false);
  const id = `f-${finding.fingerprint}`;
  return (
    <li class={`finding sev-${finding.severity}`} data-rule={finding.ruleId} data-severity={finding.severity} data-count={count > 1 ? count : undefined}>
      <h3>
        <button type="button" class="finding-toggle" aria-expanded={open} aria-controls={`${id}-panel`} onClick={() => setOpen(!open)}>
          <SeverityTag severity={finding.severity} />
          <span class="finding-title">{showInvisible(finding.title)}</span>
          {finding.location.name && <span class="finding-where">{showInvisible(finding.location.name)}</span>}
          {source && <span class="finding-source">{source}</span>}
          {count > 1 && (
            <span class="finding-count" title={`Seen ${count} times`}>
              ×{count}
              <span class="sr-only"> (seen {count} times)</span>
            </span>
          )}
        </button>
      </h3>
      {open && (
        <section id={`${id}-panel`} class="finding-panel" aria-label={`${showInvisible(finding.title)}: details and fix`}>
          <p class="message">{showInvisible(finding.message)}</p>
          {finding.evidence && (
            <figure class="evidence-figure" aria-label="Evidence">
              <pre class="evidence">
                <code>{showInvisible(finding.evidence)}</code>
              </pre>
            </figure>
          )}
          {accepted && (
            <p class="accepted-note">
              Risk accepted until {new Date(accepted.expiresAt).toLocaleDateString()}: “{accepted.reason}”
            </p>
          )}
          <FindingActions {...{ finding, accepted, onAccept, onUnaccept, onShowMe, onOpen, id }} />
          {guide && <FixGuideView guide={guide} onOpen={onOpen} onCopy={onCopy} idPrefix={id} />}
          <p class="rule-id">
            Rule <code>{finding.ruleId}</code>
          </p>
        </section>
      )}
    </li>
  );
}

const EXPIRY_DAYS = [7, 30, DEFAULT_ACCEPT_DAYS, 180, 365];

interface ActionsProps extends Pick<FindingItemProps, 'finding' | 'accepted' | 'onAccept' | 'onUnaccept' | 'onShowMe' | 'onOpen'> {
  id: string;
}

/** "Show me", "Accept risk" (a form: reason required, expiry) and "Stop accepting". */
function FindingActions({ finding, accepted, onAccept, onUnaccept, onShowMe, onOpen, id }: ActionsProps) {
  const [form, setForm] = useState(false);
  const [reason, setReason] = useState('');
  const [days, setDays] = useState(DEFAULT_ACCEPT_DAYS);
  const [error, setError] = useState<string>();
  const [shown, setShown] = useState<ShowMeResult>();
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  // Keyboard-first: opening the form puts the cursor in the reason.
  useEffect(() => {
    if (form) reasonRef.current?.focus();
  }, [form]);
  if (!onShowMe && !onAccept && !(accepted && onUnaccept)) return null;
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!reason.trim()) {
      setError('Give a reason: why is this risk acceptable?');
      return;
    }
    try {
      await onAccept!(reason.trim(), days);
      setForm(false);
    } catch (err) {
      setError(`Could not save: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  return (
    <div class="finding-actions">
      <div class="actions">
        {onShowMe && (
          <button type="button" onClick={async () => setShown(await onShowMe().catch(() => ({ shown: false })))}>
            Show me
          </button>
        )}
        {accepted && onUnaccept ? (
          <button type="button" onClick={() => void onUnaccept()}>
            Stop accepting
          </button>
        ) : (
          onAccept &&
          !form && (
            <button type="button" onClick={() => setForm(true)}>
              Accept risk…
            </button>
          )
        )}
        <span role="status" class="note">
          {shown?.shown
            ? 'Highlighted in the page.'
            : shown
              ? shown.where
                ? `Not on screen. Go to ${showInvisible(shown.where)}.`
                : 'Not found on this page: open the builder page it is on.'
              : ''}
        </span>
        {shown && !shown.shown && shown.link && (
          <button type="button" class="link" onClick={() => onOpen(shown.link!)}>
            Open it in the builder
          </button>
        )}
      </div>
      {form && onAccept && (
        <form id={`${id}-accept`} class="accept-form" onSubmit={submit} aria-label={`Accept the risk of “${showInvisible(finding.title)}”`}>
          <label>
            Reason (required)
            <textarea
              ref={reasonRef}
              value={reason}
              maxLength={REASON_MAX}
              rows={2}
              aria-required="true"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-accept-error` : undefined}
              onInput={(e) => {
                setReason((e.target as HTMLTextAreaElement).value);
                setError(undefined);
              }}
            />
          </label>
          <label>
            Accept for{' '}
            <select value={String(days)} onChange={(e) => setDays(Number((e.target as HTMLSelectElement).value))}>
              {EXPIRY_DAYS.map((d) => (
                <option key={d} value={String(d)}>
                  {d} days
                </option>
              ))}
            </select>
          </label>
          {error && (
            <p id={`${id}-accept-error`} role="alert" class="error">
              {error}
            </p>
          )}
          <div class="actions">
            <button type="submit" class="primary">
              Accept risk
            </button>
            <button
              type="button"
              onClick={() => {
                setForm(false);
                setError(undefined);
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
