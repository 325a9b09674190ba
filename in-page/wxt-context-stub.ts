/**
 * What WXT's content-script wrapper gets in place of its ContentScriptContext (see the Vite plugin in wxt.config.ts).
 *
 * The wrapper (node_modules/wxt/dist/virtual/content-script-isolated-world-entrypoint.mjs, WXT 0.21) constructs a
 * ContentScriptContext and passes it to `main`. Our content scripts never use it: they run on in-page/context.ts,
 * whose signals a page cannot forge. Constructing WXT's costs main-thread time on every page the script runs in
 * (its constructor posts a message to the page with window.postMessage, which made Chromium spend ~20 ms of CPU time
 * on a Supabase dashboard load: npm run bench:supabase, docs/benchmarks.md) and announces the script to the page.
 * This class does nothing; `main` receives it and ignores it.
 */
export class ContentScriptContext {
  constructor(
    readonly contentScriptName: string,
    readonly options?: unknown,
  ) {}
}
