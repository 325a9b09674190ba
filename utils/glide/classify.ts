/**
 * What a Glide app's tables hold and how well it is protected, from what the builder showed. Pure; names only.
 * Personal-looking column names reuse the Supabase list (utils/supabase/columns.ts: email, phone, address, birth date,
 * credentials, identifiers…) plus Glide's everyday titles ("Name", "Notes") when the table is about people.
 * Facts: bubble-glide.md §6 (Row Owners are the only server-enforced per-user filter; several row-owner columns make
 * an OR; computed columns cannot be row owners; visibility conditions "are not a security feature").
 */
import { isSensitiveColumn } from '../supabase/columns';
import type { GlideBuilder, GlideColumn, GlideTable } from './builder-evidence';

const norm = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[-\s]+/g, '_');
const parts = (s: string) => norm(s).split('_').filter(Boolean);

/** Tables about people, by name. */
const PEOPLE_TABLE =
  /(^|[_\s-])(users?|user_profiles?|profiles?|customers?|clients?|contacts?|members?|employees?|staff|students?|patients?|leads?|people|persons?|applicants?|candidates?|volunteers?|guests?|attendees?|parents?|tenants?)($|[_\s-])/i;
/** Names that are personal in a table about people ("Name", "Notes", "Photo"). */
const PEOPLE_ONLY = new Set(['name', 'notes', 'note', 'comments', 'photo', 'picture', 'avatar', 'age', 'gender', 'salary']);
/** Personal everywhere, beyond the Supabase list (free-text Glide titles). */
const PERSONAL_PARTS = new Set([
  'email',
  'e_mail',
  'phone',
  'mobile',
  'address',
  'birthday',
  'dob',
  'ssn',
  'passport',
  'salary',
  'diagnosis',
  'medical',
  'health',
  'insurance',
]);
const NAME_COLUMN = /^(full|first|last|given|family|middle)_?name$|^surname$/;
const META = new Set(['verified', 'confirmed', 'count', 'type', 'enabled', 'sent', 'status', 'opt', 'consent']);

export const isPeopleTable = (name: string) => PEOPLE_TABLE.test(norm(name).replace(/_/g, ' ')) || PEOPLE_TABLE.test(norm(name));

export function isEmailColumn(name: string): boolean {
  const p = parts(name);
  return (p.includes('email') || p.includes('e_mail') || norm(name) === 'e_mail' || p.includes('mail')) && !p.some((x) => META.has(x));
}

export function isPersonalColumn(table: string, name: string): boolean {
  const n = norm(name);
  const p = parts(name);
  if (p.some((x) => META.has(x))) return false;
  if (isSensitiveColumn(name) || isEmailColumn(name) || NAME_COLUMN.test(n) || p.some((x) => PERSONAL_PARTS.has(x))) return true;
  return isPeopleTable(table) && PEOPLE_ONLY.has(n);
}

/** Columns that say whose row it is (an email or a user reference): the natural row-owner candidates. */
const OWNER_LIKE = /(^|_)(owner|user|created_by|assigned_to|assignee|author|member|employee|customer|client|student|patient)(_|$)/;
export function isOwnerLikeColumn(name: string): boolean {
  return isEmailColumn(name) || OWNER_LIKE.test(norm(name));
}

export const personalColumns = (t: Pick<GlideTable, 'name' | 'columns'>): GlideColumn[] => t.columns.filter((c) => isPersonalColumn(t.name, c.name));
export const emailColumns = (t: Pick<GlideTable, 'columns'>): GlideColumn[] => t.columns.filter((c) => isEmailColumn(c.name));

/** Row Owners on a table: 'yes' (a column is one), 'no' (every column's menu offered "Make Row Owner"), or unknown. */
export function rowOwnerState(t: Pick<GlideTable, 'columns' | 'columnsComplete'>): 'yes' | 'no' | 'unknown' {
  if (t.columns.some((c) => c.rowOwner === 'yes' && c.computed !== 'yes')) return 'yes';
  if (t.columnsComplete && t.columns.length > 0 && t.columns.every((c) => c.rowOwner === 'no' || c.computed === 'yes')) return 'no';
  return 'unknown';
}

export const personalTables = (g: GlideBuilder) => g.tables.filter((t) => personalColumns(t).length > 0);

/** The Data screen was read (its table list), so "no personal columns" means something. */
export const dataRead = (g: GlideBuilder) => g.screens.some((s) => s.screen === 'data' && s.status === 'read') && g.tables.length > 0;

/** Anyone can open the app without proving who they are, or with any email address. */
export const isPublic = (g: GlideBuilder) => g.access?.mode === 'public';
export const anyEmailSignsIn = (g: GlideBuilder) => g.access?.mode === 'public-email';

/** "Orders (Email, Phone) and 2 more" for messages. */
export function describeTables(
  tables: readonly Pick<GlideTable, 'name' | 'columns'>[],
  cols: (t: Pick<GlideTable, 'name' | 'columns'>) => GlideColumn[] = personalColumns,
  max = 3,
): string {
  const shown = tables.slice(0, max).map((t) => {
    const c = cols(t).map((x) => x.name);
    return c.length ? `${t.name} (${c.slice(0, 3).join(', ')}${c.length > 3 ? '…' : ''})` : t.name;
  });
  return shown.join(', ') + (tables.length > max ? ` and ${tables.length - max} more` : '');
}

/** A screen the reader could not read, if it was tried: the rule says so instead of judging. */
export function unreadable(g: GlideBuilder, screen: GlideBuilder['screens'][number]['screen']) {
  return g.screens.find((s) => s.screen === screen && s.status === 'unreadable');
}

/** The app makes people sign in (privately, or "Public with email"): per-user rows are then the norm. */
export const signInRequired = (g: GlideBuilder) => g.access?.mode === 'private' || g.access?.mode === 'public-email';

/** A table whose rows belong to individual users (an owner-like column) in an app where users sign in. */
export function perUserTable(g: GlideBuilder, t: Pick<GlideTable, 'columns'>): boolean {
  return signInRequired(g) && t.columns.some((c) => isOwnerLikeColumn(c.name));
}
