/**
 * What the Supabase dashboard content script (and the opt-in deep audit) observed for one project.
 * Untrusted: built in the page, validated in the background. Bounded like all Evidence.
 */
import { z } from 'zod';
import { bounded, boundedList } from '../core/bounded';

export const SupabaseDashboardSchema = z.object({
  /** Project ref, taken from the dashboard URL (never from page content). */
  ref: z.string().regex(/^[a-z0-9]{20}$/),
  tables: boundedList(z.object({ schema: bounded(64), name: bounded(128) }).passthrough(), 2000).default([]),
});
export type SupabaseDashboard = z.output<typeof SupabaseDashboardSchema>;
