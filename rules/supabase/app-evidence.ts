/**
 * What an audit learned about the Supabase project behind a deployed app: discovered passively from the page's own
 * code and requests, and (only after consent for that origin) from the read-only exposure check.
 */
import { z } from 'zod';
import { bounded, boundedList } from '../core/bounded';

export const SupabaseAppSchema = z.object({
  projects: boundedList(z.object({ ref: z.string().regex(/^[a-z0-9]{20}$/), url: bounded(256) }).passthrough(), 10).default([]),
});
export type SupabaseApp = z.output<typeof SupabaseAppSchema>;
