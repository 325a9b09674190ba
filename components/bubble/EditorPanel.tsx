/**
 * The quiet panel in the Bubble editor: collapsed by default to a small count badge in the bottom-right corner, it
 * opens to the editor's current findings (severity, title, what it is about, the editor tab to fix it in) and can
 * be closed for the session. Rendered in our closed shadow root (`position: fixed`, no page CSS in, none out), so it
 * never moves or blocks the editor. Its data is the stored audit as the background sent it (utils/bubble/panel.ts);
 * names come from the app model, a hostile source: Preact escapes them as text and showInvisible shows bidi and
 * invisible characters. Also the "Publicly visible" markers beside type names on Data → Privacy.
 * UI only: no browser APIs.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { PanelItem, PanelUpdate } from '@/utils/bubble/panel';
import { showInvisible } from '@/utils/text';

const SEV_LABEL = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low', info: 'Info' } as const;

export interface EditorPanelProps {
  update: PanelUpdate;
  open: boolean;
  onToggle(): void;
  onDismiss(): void;
}

export function EditorPanel({ update, open, onToggle, onDismiss }: EditorPanelProps) {
  const listRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (open) listRef.current?.focus();
  }, [open]);
  // Quiet: nothing at all when the app has no findings or the user closed the panel for the session.
  if (update.dismissed || update.total === 0) return null;
  const urgent = update.items.filter((i) => i.severity === 'critical' || i.severity === 'high').length;
  const n = update.total;
  const summary = `${n} finding${n === 1 ? '' : 's'}${urgent ? `, ${urgent} high or critical` : ''}`;
  return (
    <div class="maa-panel" data-maa-panel={open ? 'open' : 'closed'}>
      {open && (
        <div
          class="maa-sheet"
          role="dialog"
          aria-label={`Micro-App Auditor: ${summary}`}
          tabIndex={-1}
          ref={listRef}
          onKeyDown={(e) => {
            if (e.key === 'Escape') onToggle();
          }}
        >
          <div class="maa-head">
            <strong>Micro-App Auditor</strong> · {summary}
            <button type="button" class="maa-close" onClick={onDismiss} title="Hide until the browser restarts">
              Close for this session
            </button>
          </div>
          <ul>
            {update.items.map((i) => (
              <Item key={i.id} item={i} />
            ))}
          </ul>
          {update.total > update.items.length && <p class="maa-more">{update.total - update.items.length} more in the toolbar popup.</p>}
          <p class="maa-foot">Read from the app model the editor has loaded, on this computer. Details and fix guides: the toolbar popup.</p>
        </div>
      )}
      <button
        type="button"
        class={`maa-badge${urgent ? ' urgent' : ''}`}
        aria-expanded={open}
        aria-label={`Micro-App Auditor: ${summary}. ${open ? 'Hide' : 'Show'} the list.`}
        onClick={onToggle}
      >
        {n > 99 ? '99+' : n}
      </button>
    </div>
  );
}

function Item({ item }: { item: PanelItem }) {
  return (
    <li data-maa-item={item.severity}>
      <span class={`sev sev-${item.severity}`}>{SEV_LABEL[item.severity]}</span> <span class="maa-title">{showInvisible(item.title)}</span>
      {item.name && <span class="maa-name"> · {showInvisible(item.name)}</span>}
      {item.where && (
        <span class="maa-where">
          {' '}
          · Fix in{' '}
          {item.link ? (
            <a href={item.link} target="_top" rel="noreferrer">
              {item.where}
            </a>
          ) : (
            item.where
          )}
        </span>
      )}
    </li>
  );
}

export interface MarkerView {
  id: string;
  /** Where the type's name is on screen now. */
  rect(): DOMRect | undefined;
  name: string;
}

/** "Publicly visible" beside each type name the model says has no privacy rules (Data → Privacy). */
export function PrivacyMarkers({ views, tick }: { views: MarkerView[]; tick: number }) {
  return (
    <div data-tick={tick}>
      {views.map((v) => {
        const r = v.rect();
        if (!r || r.width === 0 || r.height === 0 || r.bottom < 0 || r.top > window.innerHeight) return null;
        const left = Math.round(Math.min(r.right + 6, window.innerWidth - 130));
        const top = Math.round(r.top + Math.max(0, (r.height - 18) / 2));
        return (
          <span
            key={v.id}
            class="maa-marker"
            data-maa-marker={v.name}
            role="note"
            title={`Micro-App Auditor: “${showInvisible(v.name)}” has no privacy rules, so anyone can read all of its records.`}
            style={{ top: `${top}px`, left: `${left}px` }}
          >
            No privacy rules
          </span>
        );
      })}
    </div>
  );
}

export const EDITOR_PANEL_CSS = `
.maa-panel { position: fixed; right: 12px; bottom: 12px; z-index: 2147483645; display: flex; flex-direction: column;
  align-items: flex-end; gap: 6px; font: 12px/1.4 system-ui, sans-serif; color: #1b1f24; pointer-events: none; }
.maa-panel > * { pointer-events: auto; }
.maa-badge { min-width: 28px; height: 28px; padding: 0 8px; border-radius: 14px; border: 1px solid #8c959f; background: #fff;
  color: #1b1f24; font: 600 12px system-ui, sans-serif; cursor: pointer; box-shadow: 0 2px 8px rgba(0,0,0,.15); opacity: .85; }
.maa-badge.urgent { border-color: #c62828; color: #8b0000; }
.maa-badge:hover, .maa-badge:focus-visible { opacity: 1; }
.maa-sheet { width: 340px; max-height: 50vh; overflow: auto; box-sizing: border-box; padding: 8px 10px; background: #fff;
  border: 1px solid #8c959f; border-radius: 8px; box-shadow: 0 6px 24px rgba(0,0,0,.18); }
.maa-head { display: flex; gap: 6px; align-items: baseline; flex-wrap: wrap; margin-bottom: 6px; }
.maa-close { margin-left: auto; font: inherit; font-size: 11px; padding: 1px 6px; border: 1px solid #8c959f; border-radius: 4px;
  background: #fff; cursor: pointer; }
.maa-sheet ul { list-style: none; margin: 0; padding: 0; }
.maa-sheet li { padding: 4px 0; border-top: 1px solid #eaeef2; overflow-wrap: anywhere; }
.sev { display: inline-block; font-size: 10px; font-weight: 700; padding: 0 4px; border-radius: 3px; color: #fff; background: #57606a; }
.sev-critical { background: #8b0000; } .sev-high { background: #c62828; } .sev-medium { background: #9a6700; }
.sev-low { background: #0969da; } .sev-info { background: #57606a; }
.maa-name, .maa-where { color: #57606a; }
.maa-where a { color: #0969da; }
.maa-more { margin: 4px 0; }
.maa-foot { font-size: 10px; color: #57606a; margin: 6px 0 0; }
.maa-sheet :focus-visible, .maa-badge:focus-visible { outline: 2px solid #0969da; outline-offset: 2px; }
.maa-marker { position: fixed; z-index: 2147483644; pointer-events: auto; font: 600 10px/18px system-ui, sans-serif; height: 18px;
  padding: 0 6px; border-radius: 9px; color: #8b0000; background: #fff4f2; border: 1px solid #c62828; white-space: nowrap; }
`;
