/**
 * The pre-publish checklist, by group: each item passes, fails (with a button that shows the findings failing it),
 * is accepted (every failing finding is an accepted risk), confirmed by the user, or "can't tell from here" (where
 * to check, a link to the builder's page, and "Confirm"). UI only: decisions go through the callbacks.
 */
import { CHECKLIST_GROUPS, type ChecklistGroup, type ChecklistItem, type Progress, type ShownRow, type ShownState } from '@/engine/checklist';

const ICON: Record<ShownState, string> = { pass: '✓', fail: '✗', unchecked: '?', accepted: '≈', confirmed: '✓' };
const SAY: Record<ShownState, string> = {
  pass: 'passes',
  fail: 'needs work',
  unchecked: 'can’t tell from here',
  accepted: 'risk accepted',
  confirmed: 'confirmed by you',
};

export interface ChecklistViewProps {
  rows: ShownRow[];
  progress?: Progress;
  /** The builder page where an item can be checked, if known. */
  linkFor?(row: ShownRow): string | undefined;
  onOpen?(url: string): void;
  /** Show the findings that fail an item. */
  onShowFindings?(item: ChecklistItem): void;
  onConfirm?(item: ChecklistItem): void;
  onUnconfirm?(item: ChecklistItem): void;
  /** Open by default (e.g. when the popup was opened on the checklist). */
  open?: boolean;
}

const date = (t: number) => new Date(t).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

export function ChecklistView({ rows, progress, linkFor, onOpen, onShowFindings, onConfirm, onUnconfirm, open }: ChecklistViewProps) {
  const groups = (Object.keys(CHECKLIST_GROUPS) as ChecklistGroup[])
    .map((g) => [g, rows.filter((r) => r.group === g)] as const)
    .filter(([, rs]) => rs.length > 0);
  return (
    <details class="checklist" open={open}>
      <summary>
        Pre-publish checklist
        {progress && (
          <span class="check-progress">
            {' '}
            · {progress.pass + progress.confirmed + progress.accepted} of {progress.total} done{progress.fail ? ` · ${progress.fail} failing` : ''}
          </span>
        )}
      </summary>
      {progress && (
        <progress class="check-bar" max={progress.total} value={progress.pass + progress.confirmed + progress.accepted} aria-label="Checklist progress" />
      )}
      {groups.map(([g, rs]) => (
        <section key={g} class="check-group" aria-labelledby={`cg-${g}`}>
          <h3 id={`cg-${g}`}>{CHECKLIST_GROUPS[g]}</h3>
          <ul>
            {rs.map((r) => (
              <Row key={r.item} row={r} link={linkFor?.(r)} {...{ onOpen, onShowFindings, onConfirm, onUnconfirm }} />
            ))}
          </ul>
        </section>
      ))}
    </details>
  );
}

interface RowProps extends Pick<ChecklistViewProps, 'onOpen' | 'onShowFindings' | 'onConfirm' | 'onUnconfirm'> {
  row: ShownRow;
  link: string | undefined;
}

function Row({ row: r, link, onOpen, onShowFindings, onConfirm, onUnconfirm }: RowProps) {
  return (
    <li class={`check-${r.shown}`} data-item={r.item} data-state={r.shown}>
      <span aria-hidden="true" class="check-icon">
        {ICON[r.shown]}
      </span>
      <div class="check-body">
        <span class="check-label">
          {r.label}
          <span class="sr-only">: {SAY[r.shown]}</span>
        </span>
        {r.shown === 'fail' && (
          <span class="check-note">
            {r.open.length || r.failing} to fix{' '}
            {onShowFindings && (
              <button type="button" class="link" onClick={() => onShowFindings(r.item)} aria-label={`Show the findings failing “${r.label}”`}>
                Show
              </button>
            )}
          </span>
        )}
        {r.shown === 'accepted' && <span class="check-note">All its findings are accepted risks.</span>}
        {r.shown === 'confirmed' && (
          <span class="check-note">
            Confirmed by you on {date(r.confirmedAt ?? 0)}{' '}
            {onUnconfirm && (
              <button type="button" class="link" onClick={() => onUnconfirm(r.item)} aria-label={`Undo confirmation of “${r.label}”`}>
                Undo
              </button>
            )}
          </span>
        )}
        {r.shown === 'unchecked' && (
          <span class="check-note">
            Can’t tell from here. {r.where.text}{' '}
            {link && onOpen && (
              <button type="button" class="link" onClick={() => onOpen(link)} aria-label={`Open where to check “${r.label}”`}>
                Open
              </button>
            )}{' '}
            {onConfirm && (
              <button type="button" class="link" onClick={() => onConfirm(r.item)} aria-label={`Confirm “${r.label}” by hand`}>
                Confirm
              </button>
            )}
          </span>
        )}
      </div>
    </li>
  );
}
