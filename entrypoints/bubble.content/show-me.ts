/**
 * "Show me" in the Bubble editor: the popup names a Bubble finding's element (a data type in Data → Privacy, a
 * backend workflow, the field holding a pasted key) and this content script scrolls to it and outlines it, found by
 * visible text or label (in-page/show-me.ts; what to look for: engine/show-me.ts).
 */
import type { OwnContext } from '@/in-page/context';
import { listenForShowMe } from '@/in-page/show-me';

export const runBubbleShowMe = (ctx: OwnContext): void => listenForShowMe(ctx);
