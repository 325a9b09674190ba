import { defineContentScript } from 'wxt/utils/define-content-script';
import { runBuilderGuard } from '@/in-page/builder-guard';
import { BUILDERS } from '@/utils/platform/builders';

/** Glide builder only (go.glideapps.com/app/<id>/…): guards fields against pasted keys. */
export default defineContentScript({
  matches: BUILDERS.glide.matches,
  runAt: 'document_idle',
  main: (ctx) => runBuilderGuard(ctx, BUILDERS.glide),
});
