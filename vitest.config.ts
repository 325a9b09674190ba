import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

const root = fileURLToPath(new URL('.', import.meta.url));

// `npm test` runs both projects: unit/component tests (fake browser, happy-dom) and end-to-end tests that load the
// built extension into Debian's Chromium (project e2e) and Firefox ESR (project e2e-firefox) against local fixture servers.
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          include: ['test/**/*.test.{ts,tsx}'],
          exclude: ['test/e2e/**', 'node_modules/**'],
          environment: 'happy-dom',
          setupFiles: ['test/setup.ts'],
          testTimeout: 15_000,
        },
      },
      {
        resolve: { alias: { '@': root } },
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          exclude: ['test/e2e/firefox.e2e.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        // The same end-to-end tests in Firefox ESR with the Firefox build (test/e2e/harness.ts reads E2E_BROWSER).
        // Files whose tests need Chromium's DevTools protocol stay Chromium-only (docs/contributing.md).
        resolve: { alias: { '@': root } },
        test: {
          name: 'e2e-firefox',
          include: [
            'test/e2e/deployed-app.e2e.test.ts',
            'test/e2e/builders.e2e.test.ts',
            'test/e2e/cockpit.e2e.test.ts',
            'test/e2e/firefox.e2e.test.ts',
            'test/e2e/hostile-pages.e2e.test.ts',
            'test/e2e/hostile-guards.e2e.test.ts',
            'test/e2e/own-security.e2e.test.ts',
            'test/e2e/hostile-storage.e2e.test.ts',
            'test/e2e/hostile-cli.e2e.test.ts',
          ],
          environment: 'node',
          env: { E2E_BROWSER: 'firefox' },
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
