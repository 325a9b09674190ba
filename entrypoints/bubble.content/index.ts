import { defineContentScript } from 'wxt/utils/define-content-script';
import { createOwnContext } from '@/in-page/context';
import { runBuilderGuard } from '@/in-page/builder-guard';
import { BUILDERS } from '@/utils/platform/builders';
import { runBubblePanel } from './panel';
import { runBubbleShowMe } from './show-me';

/**
 * Bubble editor only (bubble.io/page?id=<app>…): guards fields against pasted keys, shows the app's findings in a
 * quiet panel and marks types without privacy rules on Data → Privacy (./panel.ts). WXT's context is not used: its
 * signals can be forged by the page (in-page/context.ts).
 */
export default defineContentScript({
  matches: BUILDERS.bubble.matches,
  runAt: 'document_idle',
  main: () => {
    const ctx = createOwnContext('bubble');
    runBubbleShowMe(ctx);
    // Top frame only: the panel speaks for the editor tab (the background checks the frame too).
    if (window.top === window) runBubblePanel(ctx);
    return runBuilderGuard(ctx, BUILDERS.bubble);
  },
});
