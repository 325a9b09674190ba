import { defineContentScript } from 'wxt/utils/define-content-script';
import { runBuilderGuard } from '@/components/builder/runtime';
import { BUILDERS } from '@/rules/core/builders';

/** Supabase dashboard only (supabase.com/dashboard/…): guards fields against pasted keys. */
export default defineContentScript({
  matches: BUILDERS.supabase.matches,
  runAt: 'document_idle',
  main: (ctx) => runBuilderGuard(ctx, BUILDERS.supabase),
});
