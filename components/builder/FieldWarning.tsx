/**
 * The in-page warning shown next to a builder field that received a key. Rendered in a shadow root (no page CSS in,
 * none out), positioned with `position: fixed` below the field so the editor's layout never moves.
 */
import { useEffect, useRef } from 'preact/hooks';
import { safeLink } from '@/utils/links';
import { showInvisible } from '@/utils/text';

export interface WarningItem {
  id: string;
  /** Where the field is on screen now. */
  rect(): DOMRect | undefined;
  field: string;
  providerName: string;
  exposure: 'secret' | 'capability' | 'test';
  masked: string;
  why: string;
  safePlace: string;
  rotateUrl: string;
}

const HEADLINE = {
  secret: 'Secret key in a field that is not private',
  capability: 'Webhook URL in a field that is not private',
  test: 'Test key in a builder field',
} as const;

function place(rect: DOMRect | undefined): { top: number; left: number } {
  const w = 360;
  const vw = window.innerWidth;
  const vh = window.innerHeight;
  if (!rect) return { top: 12, left: Math.max(8, vw - w - 12) };
  const below = rect.bottom + 6;
  const top = below + 180 > vh ? Math.max(8, rect.top - 186) : below;
  return { top, left: Math.min(Math.max(8, rect.left), Math.max(8, vw - w - 8)) };
}

export function FieldWarnings({ items, onDismiss, tick }: { items: WarningItem[]; onDismiss(id: string): void; tick: number }) {
  return (
    <div class="maa-stack" data-tick={tick}>
      {items.map((w) => (
        <Card key={w.id} item={w} onDismiss={() => onDismiss(w.id)} />
      ))}
    </div>
  );
}

function Card({ item, onDismiss }: { item: WarningItem; onDismiss(): void }) {
  const ref = useRef<HTMLDivElement>(null);
  const pos = place(item.rect());
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onDismiss();
    };
    const el = ref.current;
    el?.addEventListener('keydown', onKey);
    return () => el?.removeEventListener('keydown', onKey);
  }, [onDismiss]);
  const headingId = `maa-h-${item.id}`;
  const rotate = safeLink(item.rotateUrl);
  return (
    <div
      ref={ref}
      class={`maa-card maa-${item.exposure}`}
      role="alert"
      aria-labelledby={headingId}
      data-maa-warning={item.exposure}
      style={{ top: `${pos.top}px`, left: `${pos.left}px` }}
    >
      <p class="maa-title" id={headingId}>
        {HEADLINE[item.exposure]}
      </p>
      <p>
        <strong>{item.providerName}</strong> <code>{showInvisible(item.masked)}</code> in “{showInvisible(item.field)}”.
      </p>
      <p>{item.why}</p>
      <p>
        <strong>Instead:</strong> {item.safePlace}
      </p>
      <div class="maa-actions">
        {rotate && (
          <a href={rotate} target="_blank" rel="noreferrer noopener">
            Rotate this key
          </a>
        )}
        <button type="button" onClick={onDismiss} aria-label={`Dismiss the warning about ${item.providerName}`}>
          Dismiss
        </button>
      </div>
      <p class="maa-foot">Micro-App Auditor · only a masked preview is kept, on this computer</p>
    </div>
  );
}

export const FIELD_WARNING_CSS = `
.maa-card { position: fixed; z-index: 2147483646; width: 360px; box-sizing: border-box; padding: 10px 12px;
  font: 13px/1.4 system-ui, sans-serif; color: #1b1f24; background: #fff8f6; border: 1px solid #c62828;
  border-left: 5px solid #c62828; border-radius: 8px; box-shadow: 0 6px 24px rgba(0,0,0,.18); }
.maa-card.maa-capability { background: #fffaf2; border-color: #b35900; }
.maa-card.maa-test { background: #f6f8fa; border-color: #5a6b00; }
.maa-card p { margin: 0 0 6px; }
.maa-title { font-weight: 700; color: #8b0000; }
.maa-capability .maa-title { color: #8a4500; } .maa-test .maa-title { color: #465300; }
.maa-card code { font: 12px ui-monospace, monospace; background: #f0f0f0; padding: 0 3px; border-radius: 3px; }
.maa-actions { display: flex; gap: 12px; align-items: center; justify-content: flex-end; }
.maa-actions a { color: #0969da; }
.maa-actions button { font: inherit; padding: 3px 12px; border-radius: 5px; border: 1px solid #8c959f; background: #fff; cursor: pointer; }
.maa-card :focus-visible { outline: 2px solid #0969da; outline-offset: 2px; }
.maa-foot { font-size: 11px; color: #57606a; margin: 4px 0 0 !important; }
`;
