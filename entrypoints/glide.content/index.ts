import { defineContentScript } from 'wxt/utils/define-content-script';
import { createOwnContext } from '@/in-page/context';
import { runBuilderGuard } from '@/in-page/builder-guard';
import { BUILDERS } from '@/utils/platform/builders';
import { runGlideBuilder } from './runtime';
import { runGlideShowMe } from './show-me';

/**
 * Glide builder only (go.glideapps.com/app/<id>/…): guards fields against pasted keys, and reads what the builder
 * shows about the app (Access, Data, Workflows; screens without documented wording are reported as unreadable).
 * WXT's context is not used: its signals can be forged by the page (in-page/context.ts).
 */
export default defineContentScript({
  matches: BUILDERS.glide.matches,
  runAt: 'document_idle',
  main: () => {
    const ctx = createOwnContext('glide');
    runGlideBuilder(ctx);
    runGlideShowMe(ctx);
    return runBuilderGuard(ctx, BUILDERS.glide);
  },
});
