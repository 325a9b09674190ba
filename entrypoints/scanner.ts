/**
 * The secret engine for builder tabs, injected by the background on a content script's first need
 * (in-page/scanner.ts says why and how). Runs in the extension's isolated world of that frame only.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { installScanner } from '@/in-page/scanner-slot';
import { scanSecrets } from '@/utils/secrets';

export default defineUnlistedScript(() => installScanner(scanSecrets));
