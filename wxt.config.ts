import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { entrypointSizes, overBudget } from './scripts/lib/size';

/**
 * WXT's content-script wrapper gets a no-op class in place of its ContentScriptContext (in-page/wxt-context-stub.ts
 * says why): our content scripts run on in-page/context.ts and never use WXT's, whose constructor costs the page
 * ~20 ms of main-thread CPU time on load. Only the wrapper's import is redirected; nothing else changes.
 * The same plugin keeps webextension-polyfill out of the content scripts (in-page/browser.ts says why).
 */
const WXT_WRAPPER = '\0virtual:wxt-content-script-isolated-world-entrypoint?';
const noWxtContentScriptContext = (): Plugin => ({
  name: 'micro-app-auditor:no-wxt-content-script-context',
  enforce: 'pre',
  resolveId(id, importer) {
    if (id === 'wxt/utils/content-script-context' && importer?.startsWith(WXT_WRAPPER))
      return fileURLToPath(new URL('./in-page/wxt-context-stub.ts', import.meta.url));
    // WXT's shadow-root UI (content scripts only) reads `browser` for a stylesheet we never ask it to load: it gets
    // the content scripts' native API (in-page/browser.ts) instead of webextension-polyfill, as our own code does.
    if ((id === 'wxt/browser' || id === '@wxt-dev/webextension-polyfill/browser') && importer?.includes('/wxt/dist/utils/content-script-ui/'))
      return fileURLToPath(new URL('./in-page/browser.ts', import.meta.url));
    return undefined;
  },
});

const NO_MINIFY = process.env.MAA_NO_MINIFY === '1';

// Firefox's add-on settings (browser_specific_settings.gecko). Held in a constant because WXT 0.21's manifest type
// does not list `data_collection_permissions` yet (Firefox 140+).
const GECKO = { id: 'micro-app-auditor@example.org', strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } };

// See README "Permissions" and docs/architecture.md for why each entry is here.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports everywhere: they read better and avoid clashes between modules that export the same name.
  imports: false,
  // MAA_NO_MINIFY=1: a build whose CPU profiles name our functions (`--profile` of bench:supabase and bench:builders,
  // with `--ext .output-nominify/chrome-mv3`); its own folder, so nothing mistakes it for the build that ships.
  vite: () => ({ plugins: [preact(), noWxtContentScriptContext()], ...(NO_MINIFY ? { build: { minify: false } } : {}) }),
  ...(NO_MINIFY ? { outDir: '.output-nominify' } : {}),
  manifest: {
    name: 'Micro-App Auditor',
    description: 'Audits no-code micro-apps (Bubble, Glide, Supabase) live, in your browser. Nothing leaves your machine.',
    permissions: ['activeTab', 'scripting', 'storage', 'cookies', 'webRequest', 'declarativeNetRequestWithHostAccess'],
    // The builders' editors only (their content scripts need to tell the background which tab they run in).
    host_permissions: ['https://bubble.io/*', 'https://go.glideapps.com/*', 'https://supabase.com/*'],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    // `icons` comes from WXT's discovery of public/icon/<size>.png (`npm run icons` renders them); the toolbar
    // button gets the same files explicitly, as WXT's discovery only fills `icons`.
    action: {
      default_title: 'Micro-App Auditor',
      default_icon: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' },
    },
    // Set explicitly: Firefox's default for MV3 extension pages adds `upgrade-insecure-requests`, which turns the
    // background's plain-HTTP redirect check (entrypoints/background/probes.ts) into HTTPS, so it could never see a
    // missing redirect (seen with Firefox 153 ESR; test/e2e/deployed-app.e2e.test.ts in Firefox). No remote code.
    content_security_policy: { extension_pages: "script-src 'self'; object-src 'none'" },
    browser_specific_settings: {
      // Firefox 128: scripting.executeScript world 'MAIN', declarativeNetRequest session rules, optional host permissions;
      // 140 (ESR) on desktop and 142 on Android: `data_collection_permissions`. Nothing is collected or transmitted
      // (README "Privacy"), which Firefox's data-collection consent declares as `required: ['none']`.
      gecko: GECKO,
      gecko_android: { strict_min_version: '142.0' },
    },
    commands: {
      _execute_action: { suggested_key: { default: 'Alt+Shift+A' }, description: 'Audit this page' },
    },
    // The organisation policy an administrator may set (utils/policy.ts, docs/policy.md): Chrome validates it against this schema.
    storage: { managed_schema: 'managed_schema.json' },
  },

  // --- Store packaging and size budgets (docs/store/README.md, docs/benchmarks.md "Built size") ---------------------
  // `wxt zip` packs the build; `wxt zip -b firefox --mv3` also packs the sources Firefox review rebuilds from:
  // the repository without tests, builds, local caches and generated pictures (hidden files and node_modules are
  // left out by WXT itself).
  zip: {
    excludeSources: ['test/**', 'artifacts/**', 'coverage/**', 'reports/**', '**/*.zip', '**/*.log', 'vitest.config.ts', 'stryker*.json', 'stryker*.mjs'],
  },
  hooks: {
    // Every production build checks each entrypoint's gzip size against its budget (scripts/lib/size.ts) and fails over it.
    'build:done': (wxt) => {
      if (wxt.config.command !== 'build' || NO_MINIFY) return; // budgets are for what ships
      const problems = overBudget(entrypointSizes(wxt.config.outDir));
      if (problems.length) throw new Error(`Size budget exceeded (npm run bench:size; docs/benchmarks.md):\n${problems.join('\n')}`);
    },
  },
  // --- end of store packaging and size budgets ------------------------------------------------------------------------
});
