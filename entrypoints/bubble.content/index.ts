import { defineContentScript } from 'wxt/utils/define-content-script';
import { runBuilderGuard } from '@/in-page/builder-guard';
import { BUILDERS } from '@/utils/platform/builders';

/** Bubble editor only (bubble.io/page?id=<app>…): guards fields against pasted keys. */
export default defineContentScript({
  matches: BUILDERS.bubble.matches,
  runAt: 'document_idle',
  main: (ctx) => runBuilderGuard(ctx, BUILDERS.bubble),
});
