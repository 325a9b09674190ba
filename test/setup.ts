import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach } from 'vitest';
import { installScanner } from '@/in-page/scanner-slot';
import { scanSecrets } from '@/utils/secrets';

// Builder tabs load the secret engine on first need (in-page/scanner.ts); unit tests have it from the start, as a
// tab has once it is loaded. Tests of the loading itself remove it (test/in-page/scanner.test.ts).
installScanner(scanSecrets);

beforeEach(() => {
  fakeBrowser.reset();
});
