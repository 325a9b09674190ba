/** zod helpers for untrusted data: strings and lists are cut to a size, never rejected for it. */
import { z } from 'zod';

/** A bounded string: longer input is cut (never rejected) and marked with an ellipsis. */
export const bounded = (max: number) =>
  z.string().transform((s) => (s.length > max ? `${s.slice(0, max)}…` : s));
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

