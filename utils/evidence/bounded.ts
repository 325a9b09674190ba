/** zod helpers for untrusted data: strings and lists are cut to a size, never rejected for it. */
import { z } from 'zod';

/**
 * Cuts a string to at most `max` UTF-16 code units, the ellipsis that marks the cut included (so the bound holds for
 * anything that checks it again, e.g. the stored audit's schema), never splitting a surrogate pair.
 */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  if (max <= 0) return '';
  let end = max - 1;
  if (end > 0 && /[\uD800-\uDBFF]/.test(s[end - 1]!)) end--;
  return `${s.slice(0, end)}…`;
}

/** A bounded string: longer input is cut (never rejected) and marked with an ellipsis, within the bound. */
export const bounded = (max: number) => z.string().transform((s) => clip(s, max));
/** A bounded list: longer input is cut to `max` entries. */
export const boundedList = <T extends z.ZodType>(item: T, max: number) =>
  z.array(z.unknown()).transform((list) => {
    // Invalid entries are dropped one by one: one malformed cookie must not cost the whole audit.
    const out: z.output<T>[] = [];
    for (const raw of list.slice(0, max)) {
      const parsed = item.safeParse(raw);
      if (parsed.success) out.push(parsed.data);
    }
    return out;
  });
