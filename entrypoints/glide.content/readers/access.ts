/**
 * Settings → Access (`/settings/privacy`): public or private, who can sign in, sign-in methods, "Allow visitors to
 * request access". Both documented wordings (glide-code's current one, the old docs' one) via ../anchors.ts.
 */
import type { AccessMode, SignIn, Who } from '@/utils/glide/constants';
import type { GlideObservationDraft } from '@/utils/glide/builder-evidence';
import { ACCESS, ROLES } from '../anchors';
import { byText, checkedState, heading } from './dom';

/** The option among `options` whose control is checked/selected, and whether any was found at all. */
function chosen<T>(doc: Document, options: { words: readonly string[]; value: T }[], anywhere = false): { found: boolean; value?: T } {
  let found = false;
  for (const o of options) {
    const els = byText(doc, ROLES.choice, o.words, undefined, anywhere);
    if (els.length) found = true;
    if (els.some((e) => checkedState(e) === true)) return { found, value: o.value };
  }
  return { found };
}

function checkedSet<T>(doc: Document, options: { words: readonly string[]; value: T }[]): T[] {
  return options.filter((o) => byText(doc, ROLES.choice, o.words).some((e) => checkedState(e) === true)).map((o) => o.value);
}

export function readAccess(doc: Document): GlideObservationDraft {
  // The current wording's descriptions follow their label ("Public — Anyone with link can access").
  const newer = chosen(
    doc,
    ACCESS.modesNew.map((m) => ({ words: m.words, value: m.mode })),
    true,
  );
  const older = chosen(
    doc,
    ACCESS.modesOld.map((m) => ({ words: m.words, value: m.mode })),
  );
  const bare = chosen(
    doc,
    ACCESS.bare.map((m) => ({ words: m.words, value: m.mode })),
  );
  if (!newer.found && !older.found && !bare.found) {
    return {
      screen: 'access',
      status: 'unreadable',
      missing: heading(doc, ACCESS.heading) ? 'the Public / Private options under "Access"' : 'the "Access" settings (Public / Private)',
    };
  }
  // "Public with email" (old) is more specific than a bare "Public"; the new descriptions beat bare labels.
  const mode: AccessMode = older.value === 'public-email' ? 'public-email' : (newer.value ?? older.value ?? bare.value ?? 'unknown');
  const wording = newer.found
    ? 'new'
    : older.found && byText(doc, ROLES.choice, ['public with email', 'only i can sign in', 'limit access by password', 'allowed email list']).length
      ? 'old'
      : undefined;
  const request = byText(doc, ROLES.choice, ACCESS.requestAccess)
    .map(checkedState)
    .find((s) => s !== undefined);
  const who: Who[] = checkedSet(
    doc,
    ACCESS.who.map((w) => ({ words: w.words, value: w.who })),
  );
  const signIn: SignIn[] = checkedSet(
    doc,
    ACCESS.signIn.map((s) => ({ words: s.words, value: s.signIn })),
  );
  return {
    screen: 'access',
    status: 'read',
    access: { mode, who, signIn, ...(request !== undefined ? { requestAccess: request } : {}), ...(wording ? { wording } : {}) },
  };
}
