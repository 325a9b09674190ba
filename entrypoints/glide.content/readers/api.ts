/**
 * The "Show API" panel (Data → a table → "Show API"): the team-wide token shown there is where it belongs and is
 * never reported as a leak. What the panel tells us is the token's shape and, when it is on screen, its fingerprint
 * (the secret engine's `fingerprint('glide-api-token', value)`) and masked preview, so a copy of it pasted into the
 * app's columns, cells or integrations is recognised whatever host it is sent to. The token itself never leaves this
 * function. Wording and shapes: ../anchors.ts (DATA.copyToken, API_PANEL).
 */
import type { GlideObservationDraft } from '@/utils/glide/builder-evidence';
import { fingerprint, maskWithPrefix } from '@/utils/secrets/mask';
import { API_PANEL, DATA, ROLES, TOKEN_LIKE, norm } from '../anchors';
import { BOUNDS, byText, fieldValue, take, textOf, wordsOf } from './dom';

export const TEAM_TOKEN = 'glide-api-token';
const BUTTONS = 'button, [role="button"]';

/**
 * The panel: the dialog holding "Copy secret token", else the nearest ancestor of that button that shows code or a
 * field; or, before the token button renders, a dialog with "Copy code" and the API operations ("Get rows", …).
 * `dialogs`: the page's open dialogs (ROLES.dialog, first 10), when the caller has looked them up already.
 */
export function apiPanelOf(doc: Document, dialogs?: Element[]): Element | undefined {
  const button = byText(doc, BUTTONS, DATA.copyToken)[0];
  if (!button) {
    return (dialogs ?? take(doc, ROLES.dialog, 10)).find((d) => {
      if (!byText(d, BUTTONS, DATA.copyCode).length) return false;
      const words = norm(wordsOf(d, 2000));
      return DATA.operations.filter((op) => words.includes(op)).length >= 2;
    });
  }
  const dialog = button.closest('[role="dialog"], [role="alertdialog"], dialog');
  if (dialog) return dialog;
  let box: Element | null = button.parentElement;
  for (let i = 0; box && i < 6; i++, box = box.parentElement) if (box.querySelector('pre, code, input, textarea')) return box;
  return button.parentElement ?? undefined;
}

/** How the panel shows the token: shape, and fingerprint + masked preview when it is readable. */
export function readApiPanel(panel: Element): NonNullable<GlideObservationDraft['apiPanel']> {
  const parts = [
    ...take(panel, 'pre, code', 20).map((e) => textOf(e, BOUNDS.text)),
    ...take(panel, 'input, textarea', 20).map(fieldValue),
    wordsOf(panel, BOUNDS.text),
  ];
  for (const text of parts) {
    for (const re of API_PANEL.tokenIn) {
      const value = re.exec(text)?.[1]?.replace(/["'`,;)]+$/, '');
      if (!value || API_PANEL.masked.test(value)) continue;
      return {
        shape: API_PANEL.uuid.test(value) ? 'uuid' : 'other',
        fingerprint: fingerprint(TEAM_TOKEN, value),
        masked: maskWithPrefix(value, ''),
      };
    }
  }
  return { shape: 'hidden' };
}

/**
 * Token-shaped values in `text` (a UUID, or what follows "Bearer "), as the fingerprint the team token would have:
 * compared with the token "Show API" showed, in the background, so the order the screens are visited in does not matter.
 */
export function tokenFingerprints(text: string, max = 10): string[] {
  const out = new Set<string>();
  for (const re of TOKEN_LIKE) {
    for (const m of text.matchAll(re)) {
      const value = m[1] ?? m[0];
      if (!API_PANEL.masked.test(value)) out.add(fingerprint(TEAM_TOKEN, value));
      if (out.size >= max) return [...out];
    }
  }
  return [...out];
}
