import { defineContentScript } from 'wxt/utils/define-content-script';
import { runBuilderGuard } from '@/components/builder/runtime';
import { BUILDERS } from '@/rules/core/builders';

/** Bubble editor only (bubble.io/page?id=<app>…): guards fields against pasted keys. */
export default defineContentScript({
  matches: BUILDERS.bubble.matches,
  runAt: 'document_idle',
  main: (ctx) => runBuilderGuard(ctx, BUILDERS.bubble),
});
