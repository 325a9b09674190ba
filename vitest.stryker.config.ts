import { fileURLToPath } from 'node:url';
import type { RunnerTestCase, RunnerTestFile } from 'vitest';
import { defineConfig } from 'vitest/config';
import type { Reporter, TestModule } from 'vitest/node';

// Vitest config for mutation testing only (stryker.config.mjs, `npm run mutation`). Stryker re-runs Vitest once per
// mutant, so every fixed cost counts: rule and parser tests need neither a DOM nor WXT's plugin (no browser APIs, no
// auto-imports), so this runs them in Node with the `@` alias alone, and without the e2e project (its global setup
// builds the extension). MUTATION_TARGET picks the test files; per mutant the runner then keeps only the tests that
// covered it (perTest coverage) among the files that import the mutated file (vitest.related).
const root = fileURLToPath(new URL('.', import.meta.url));
const TESTS: Record<string, string[]> = {
  rules: ['test/rules/**/*.test.ts'],
  // The rules' tests count for the parsers too: Bubble's rule tests read their apps through utils/bubble/read.ts, so a
  // reader mutant that changes a verdict is caught there (vitest.related keeps only the files that import it).
  parsers: [
    'test/utils/http/**/*.test.ts',
    'test/utils/secrets/**/*.test.ts',
    'test/utils/bubble/**/*.test.ts',
    'test/utils/supabase/**/*.test.ts',
    'test/rules/**/*.test.ts',
  ],
};
const target = process.env.MUTATION_TARGET ?? 'rules';
/**
 * `npm run mutation -- --tests test/utils/secrets`: only the test files under these folders. The secret engine's
 * module-level mutants (its tables, its catalogue) re-run every related test, the rules' included (~20 s each); its
 * own tests take about two thirds of that (dry runs: 36 s against 55 s), and a mutant only the rule tests catch is a
 * gap in the engine's own tests.
 */
const only = process.env.MUTATION_TESTS?.split(',').filter(Boolean);

/**
 * A test file that fails to load is a failing test. Stryker's Vitest runner (9.5.1, same in 9.6/10.0:
 * stryker-mutator/stryker-js#6150) builds a mutant's result from the tests it collected, and a file whose import
 * throws collects none, so a mutant that stops a module from loading (`defineRule({})`, a top-level constant a
 * describe block reads) was reported Survived with 0 tests run. This adds one failed test carrying the load error to
 * each such file before the runner reads the results.
 */
class UnloadableFileFails implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>) {
    for (const m of modules) {
      // The runner reads the tasks behind the public API (ctx.state.getFiles()); `task` is that object, untyped in Vitest 4.
      const file = (m as unknown as { task: RunnerTestFile }).task;
      if (file.result?.state !== 'fail' || file.tasks.some((t) => t.type === 'test' || t.type === 'suite')) continue;
      const test = {
        type: 'test',
        id: `${file.id}_load`,
        name: '(test file failed to load)',
        mode: 'run',
        file,
        suite: file,
        context: undefined as never,
        meta: {},
        result: { state: 'fail', errors: file.result.errors ?? [{ message: 'test file failed to load' }] },
      } as unknown as RunnerTestCase;
      file.tasks.push(test);
    }
  }
}

export default defineConfig({
  resolve: { alias: { '@': root } },
  test: {
    include: only ? only.map((dir) => `${dir.replace(/\/+$/, '')}/**/*.test.ts`) : (TESTS[target] ?? TESTS.rules),
    // The secret engine's property tests count too: they assert no duration (a hung scan fails by its test timeout).
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    isolate: process.env.MUTATION_ISOLATE !== '0',
    reporters: ['default', new UnloadableFileFails()],
    testTimeout: 15_000,
  },
});
