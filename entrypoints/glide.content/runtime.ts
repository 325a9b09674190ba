/**
 * The Glide builder reader's runtime in the content script: reads each builder screen as the user works
 * (reader.ts) and sends what it saw to the background, which files it under the app in the tab's address.
 * Types only from messages.ts and builder-evidence.ts: their zod schemas stay out of this content script.
 */
import { browser } from '@/in-page/browser';
import type { OwnContext } from '@/in-page/context';
import type { ExtensionMessage } from '@/utils/messages';
import type { GlideObservationDraft } from '@/utils/glide/builder-evidence';
import { loadScanner } from '@/in-page/scanner';
import { startGlideReader } from './reader';

export function runGlideBuilder(ctx: OwnContext): void {
  const send = (observation: GlideObservationDraft) => {
    const msg: ExtensionMessage = { type: 'glide:observed', observation } as ExtensionMessage;
    return browser.runtime.sendMessage(msg).catch(() => undefined);
  };
  // Open panels are scanned for keys in the tab: the secret engine is loaded when a read finds one open, not with this
  // script (in-page/scanner.ts).
  startGlideReader({ ctx, doc: document, win: window, send, loadEngine: loadScanner });
}
