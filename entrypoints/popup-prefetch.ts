/**
 * The popup's first script (a classic script at the top of popup.html, built on its own): looks up the tab and
 * starts reading its stored audit while the popup's UI code is still loading and compiling, so the storage read
 * overlaps it (docs/popup.md, "Speed"). Tiny and zod-free; entrypoints/popup/api.ts takes what it finds, once.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startPrefetch } from './popup/prefetch';

export default defineUnlistedScript(() => startPrefetch(location.search));
