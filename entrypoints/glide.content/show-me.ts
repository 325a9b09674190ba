/**
 * "Show me" in the Glide builder: the popup names a Glide finding's element (a table in the data editor, the Access
 * settings, the field holding a key) and this content script scrolls to it and outlines it, found by visible text or
 * label (in-page/show-me.ts; what to look for: engine/show-me.ts).
 */
import type { OwnContext } from '@/in-page/context';
import { listenForShowMe } from '@/in-page/show-me';

export const runGlideShowMe = (ctx: OwnContext): void => listenForShowMe(ctx);
