import { defineContentScript } from 'wxt/utils/define-content-script';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createOwnContext } from '@/in-page/context';
import { runBuilderGuard } from '@/in-page/builder-guard';
import { runSupabaseDashboard } from '@/entrypoints/supabase.content/runtime';
import { BUILDERS } from '@/utils/platform/builders';

/**
 * Supabase dashboard project pages only (supabase.com/dashboard/project/<ref>/…): guards fields against pasted keys,
 * and reads what the dashboard shows about the project (RLS, policies, buckets, cron, Security Advisor) for the
 * audit. Both run on our own context, not WXT's, whose signals the page can forge (in-page/context.ts); it has every
 * member of WXT's context the dashboard reader and markers use.
 */
export default defineContentScript({
  matches: BUILDERS.supabase.matches,
  runAt: 'document_idle',
  main: () => {
    const ctx = createOwnContext('supabase');
    runSupabaseDashboard(ctx as unknown as ContentScriptContext);
    return runBuilderGuard(ctx, BUILDERS.supabase);
  },
});
