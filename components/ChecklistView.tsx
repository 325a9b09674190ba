import type { ChecklistRow } from '@/engine/checklist';

const ICON = { pass: '✓', fail: '✗', unchecked: '–' } as const;
const SAY = { pass: 'passes', fail: 'needs work', unchecked: 'not checked on this page' } as const;

export function ChecklistView({ rows }: { rows: ChecklistRow[] }) {
  return (
    <details class="checklist">
      <summary>Pre-publish checklist</summary>
      <ul>
        {rows.map((r) => (
          <li key={r.item} class={`check-${r.state}`} data-item={r.item} data-state={r.state}>
            <span aria-hidden="true" class="check-icon">{ICON[r.state]}</span>
            <span>
              {r.label}
              <span class="sr-only">: {SAY[r.state]}</span>
              {r.state === 'fail' && <span class="check-count"> ({r.failing} to fix)</span>}
              {r.state === 'unchecked' && <span class="check-count"> (review by hand)</span>}
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}
