/**
 * Keys and URLs in the builder's open panels (column editors, Call API / AI integration settings, workflow steps):
 * scanned in the page by the secret engine, sent masked and fingerprinted only; URLs only as hashes; token-shaped
 * values as the fingerprint the team token would have (./api.ts). The "Show API" panel (where the team token
 * belongs) is skipped.
 */
import type { GlideObservationDraft } from '@/utils/glide/builder-evidence';
import type { SecretPlace } from '@/utils/glide/constants';
import { hash64 } from '@/utils/hash';
import { scanner } from '@/in-page/scanner-slot';
import { DATA, PLACES, ROLES, norm } from '../anchors';
import { apiPanelOf, tokenFingerprints } from './api';
import { BOUNDS, byText, fieldLabel, fieldValue, take, wordsOf } from './dom';

type Secret = NonNullable<GlideObservationDraft['secrets']>[number];
type UrlHash = NonNullable<GlideObservationDraft['urlHashes']>[number];
type Candidate = NonNullable<GlideObservationDraft['tokenCandidates']>[number];

const URL_RE = /https?:\/\/[^\s"'<>`]{4,2000}/g;

/**
 * What a screen's reader read: the observation, and `panelsUnread` when a panel was open but the secret engine was
 * not loaded (`readPanels`); the reader loads it and reads again, and never sends the flag.
 */
export type ScreenRead = GlideObservationDraft & { panelsUnread?: true };

/** What a reader has looked up already this pass (each lookup walks the whole editor: once per pass is enough). */
export interface Found {
  /** The open dialogs (ROLES.dialog, first 10). */
  dialogs: Element[];
  /** The "Show API" panel (./api.ts apiPanelOf), or undefined when none is open. */
  api: Element | undefined;
}

/**
 * The open panels' keys, URL hashes and token candidates. Open panels need the secret engine, which builder tabs load
 * on first need (in-page/scanner.ts): without it nothing is read from them and `unread` says so (never "no key" by
 * omission); the reader then loads it and reads the screen again (../reader.ts `loadEngine`). The open dialogs are
 * looked up once, here or by the screen's reader (`found`), and only on a screen that was readable.
 */
export function readPanels(
  doc: Document,
  fallback: SecretPlace,
  found?: Found,
): { secrets: Secret[]; urlHashes: UrlHash[]; tokenCandidates: Candidate[]; unread: boolean } {
  const secrets: Secret[] = [];
  const urlHashes: UrlHash[] = [];
  const tokenCandidates: Candidate[] = [];
  const seen = new Set<string>();
  const dialogs = found?.dialogs ?? take(doc, ROLES.dialog, 10);
  if (!dialogs.length) return { secrets, urlHashes, tokenCandidates, unread: false }; // no panel open: nothing to read
  const scanSecrets = scanner();
  if (!scanSecrets) return { secrets, urlHashes, tokenCandidates, unread: true };
  const api = found ? found.api : apiPanelOf(doc, dialogs);
  for (const panel of dialogs) {
    if (panel === api || byText(panel, 'button, [role="button"]', DATA.copyToken).length) continue; // the "Show API" panel
    const words = norm(wordsOf(panel, 2000));
    const place = PLACES.find((p) => p.words.test(words))?.place ?? fallback;
    const fields = take(panel, ROLES.field, BOUNDS.fields);
    // The host the panel sends to (its URL field), so host-anchored detectors (Glide's token) can fire.
    const host = fields.map((f) => /^https?:\/\/([^/\s?#]+)/.exec(fieldValue(f).trim())?.[1]).find(Boolean) ?? '';
    for (const field of fields) {
      const value = fieldValue(field);
      if (value.length < 8) continue;
      const label = fieldLabel(field);
      for (const m of scanSecrets(value, { fieldName: label, sentToHost: host })) {
        if (m.exposure === 'publishable' || seen.has(`${m.fingerprint}\u0000${label}`) || secrets.length >= BOUNDS.scan) continue;
        seen.add(`${m.fingerprint}\u0000${label}`);
        secrets.push({
          place,
          field: label,
          provider: m.provider,
          providerName: m.providerName,
          exposure: m.exposure,
          severity: m.severity,
          masked: m.masked,
          fingerprint: m.fingerprint,
        });
      }
      for (const url of value.match(URL_RE) ?? []) if (urlHashes.length < 50) urlHashes.push({ hash: hash64(url.replace(/[).,;]+$/, '')), field: label });
      for (const f of tokenFingerprints(value)) if (tokenCandidates.length < 20) tokenCandidates.push({ fingerprint: f, place, field: label });
    }
  }
  return { secrets, urlHashes, tokenCandidates, unread: false };
}
