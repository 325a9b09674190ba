/**
 * Quiet markers beside dashboard rows (a table in the list, a policies card, a bucket) that have findings: a small
 * badge in our shadow root, `position: fixed` over the page so the dashboard's layout never moves. Each badge is a
 * button (keyboard-reachable, accessible name = the findings' titles) with a tooltip on hover and focus.
 * Titles and severities come from the audit (rule metadata); nothing here knows a rule's wording.
 */
import { useState } from 'preact/hooks';
import type { DashboardMarker } from '@/utils/supabase/dashboard-evidence';

export interface MarkerView {
  id: string;
  rect(): DOMRect | undefined;
  markers: DashboardMarker[];
  /** What the badge sits beside, for its accessible name ("public.profiles", "bucket avatars"). */
  label: string;
}

const RANK = { critical: 0, high: 1, medium: 2, low: 3, info: 4 } as const;
const SEV_LABEL = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low', info: 'Info' } as const;

function worst(list: DashboardMarker[]): DashboardMarker['severity'] {
  return list.reduce<DashboardMarker['severity']>((w, m) => (RANK[m.severity] < RANK[w] ? m.severity : w), 'info');
}

function Badge({ view }: { view: MarkerView }) {
  const [open, setOpen] = useState(false);
  const r = view.rect();
  if (!r || r.width === 0 || r.height === 0 || r.bottom < 0 || r.top > window.innerHeight) return null;
  const sev = worst(view.markers);
  const size = 14;
  const top = Math.round(r.top + (Math.min(r.height, 40) - size) / 2);
  // A short anchor (a heading) gets the badge after it; a full-width row (a sidebar entry) in its left padding,
  // away from the row's own menu button on the right.
  const inline = r.width < 160;
  const left = Math.round(Math.min(Math.max(2, inline ? r.right + 4 : r.left + 1), window.innerWidth - size - 2));
  const tipId = `maa-tip-${view.id}`;
  const titles = [...new Set(view.markers.map((m) => `${m.title} (${SEV_LABEL[m.severity]})`))];
  return (
    <>
      <button
        type="button"
        class={`maa-marker sev-${sev}`}
        style={{ top: `${top}px`, left: `${left}px` }}
        data-maa-marker={view.id}
        data-severity={sev}
        aria-label={`Micro-App Auditor, ${view.label}: ${titles.join('; ')}`}
        aria-describedby={tipId}
        aria-expanded={open}
        onMouseEnter={() => setOpen(true)}
        onMouseLeave={() => setOpen(false)}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setOpen(false);
        }}
      >
        {sev === 'info' ? 'i' : '!'}
      </button>
      <div
        role="tooltip"
        id={tipId}
        class="maa-tip"
        hidden={!open}
        style={{ top: `${top + size + 4}px`, left: `${Math.max(4, Math.min(left - 8, window.innerWidth - 288))}px` }}
      >
        <p class="maa-tip-head">Micro-App Auditor · {view.label}</p>
        <ul>
          {titles.map((t) => (
            <li key={t}>{t}</li>
          ))}
        </ul>
        <p class="maa-tip-foot">Open the extension’s popup for the fix.</p>
      </div>
    </>
  );
}

export function Markers({ views, tick }: { views: MarkerView[]; tick: number }) {
  return (
    <div class="maa-markers" data-tick={tick}>
      {views.map((v) => (
        <Badge key={v.id} view={v} />
      ))}
    </div>
  );
}

export const MARKERS_CSS = `
.maa-markers { position: static; }
.maa-marker { position: fixed; z-index: 2147483645; width: 14px; height: 14px; padding: 0; margin: 0; box-sizing: border-box;
  border-radius: 50%; border: 1px solid #fff; font: 700 10px/12px system-ui, sans-serif; text-align: center; color: #fff;
  background: #c62828; cursor: help; box-shadow: 0 1px 3px rgba(0,0,0,.35); }
.maa-marker.sev-critical { background: #8b0000; } .maa-marker.sev-medium { background: #b35900; }
.maa-marker.sev-low { background: #5a6b00; } .maa-marker.sev-info { background: #57606a; }
.maa-marker:focus-visible { outline: 2px solid #0969da; outline-offset: 2px; }
.maa-tip { position: fixed; z-index: 2147483646; width: 280px; box-sizing: border-box; padding: 8px 10px; border-radius: 6px;
  font: 12px/1.4 system-ui, sans-serif; color: #1b1f24; background: #fff; border: 1px solid #8c959f; box-shadow: 0 4px 16px rgba(0,0,0,.2); }
.maa-tip[hidden] { display: none; }
.maa-tip p { margin: 0 0 4px; } .maa-tip ul { margin: 0 0 4px; padding-left: 16px; }
.maa-tip-head { font-weight: 700; } .maa-tip-foot { color: #57606a; font-size: 11px; }
`;
