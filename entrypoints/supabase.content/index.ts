import { defineContentScript } from 'wxt/utils/define-content-script';
import { runBuilderGuard } from '@/in-page/builder-guard';
import { runSupabaseDashboard } from '@/entrypoints/supabase.content/runtime';
import { BUILDERS } from '@/utils/platform/builders';

/**
 * Supabase dashboard only (supabase.com/dashboard/…): guards fields against pasted keys, and reads what the
 * dashboard shows about the project (RLS, policies, buckets, cron, Security Advisor) for the audit.
 */
export default defineContentScript({
  matches: BUILDERS.supabase.matches,
  runAt: 'document_idle',
  main: (ctx) => {
    runSupabaseDashboard(ctx);
    return runBuilderGuard(ctx, BUILDERS.supabase);
  },
});
