/**
 * "Show me": the popup asks a builder tab's content script to scroll to and highlight the element a finding is
 * about (a table or bucket row in the Supabase dashboard). Zod-free, so content scripts stay small: the message is
 * checked field by field where it arrives.
 */
export const HIGHLIGHT = 'page:highlight' as const;

export interface HighlightMessage {
  type: typeof HIGHLIGHT;
  /** The finding's location name (e.g. `public.profiles`, a bucket name). */
  name: string;
  kind: string;
}

export function highlightMessage(location: { kind: string; name?: string | undefined }): HighlightMessage | undefined {
  return location.name ? { type: HIGHLIGHT, name: location.name.slice(0, 300), kind: location.kind.slice(0, 32) } : undefined;
}

/** The message if it is exactly a highlight request, else undefined. */
export function readHighlight(raw: unknown): HighlightMessage | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const m = raw as Record<string, unknown>;
  if (
    m.type !== HIGHLIGHT ||
    typeof m.name !== 'string' ||
    typeof m.kind !== 'string' ||
    m.name.length > 300 ||
    m.kind.length > 32 ||
    Object.keys(m).length !== 3
  )
    return undefined;
  return { type: HIGHLIGHT, name: m.name, kind: m.kind };
}

/** Whether a marker label (`schema.table`, `bucket <id>`) is what a finding's location names. */
export function labelMatches(label: string, name: string): boolean {
  return label === name || label === `bucket ${name}` || label === `public.${name}`;
}
