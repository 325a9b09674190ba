// StrykerJS 9 with the Vitest runner. Run through `npm run mutation` (scripts/mutation.ts), which picks the target
// (rules or parsers), splits the files to mutate into shards (`--shard i/n`) and writes one incremental file per shard,
// so a shard re-run only tests the mutants whose code or tests changed. Reports go to artifacts/mutation/ (ignored).
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts', related: true },
  plugins: ['@stryker-mutator/vitest-runner', './scripts/lib/stryker-ignore-rule-meta.mjs'],
  ignorers: process.env.MUTATION_TARGET === 'parsers' ? ['provider-meta'] : ['rule-meta'],
  coverageAnalysis: 'perTest',
  // The machine has two cores shared with other work: one test runner process.
  concurrency: 1,
  mutate: ['rules/**/*.ts', '!rules/index.ts'],
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: process.env.MUTATION_JSON ?? 'artifacts/mutation/mutation.json' },
  htmlReporter: { fileName: process.env.MUTATION_HTML ?? 'artifacts/mutation/mutation.html' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, reportMutants: false },
  incremental: true,
  incrementalFile: 'artifacts/mutation/stryker-incremental.json',
  tempDirName: '.stryker-tmp',
  // Stryker rewrites the sandbox's tsconfig.json with the TypeScript compiler API (parseConfigFileTextToJson), which
  // TypeScript 7 (the native compiler, our devDependency) no longer has: the run dies with "ts.parseConfigFileTextToJson
  // is not a function". The rewrite only fixes paths that leave the sandbox, and ours (extends ./.wxt/tsconfig.json)
  // do not, so point Stryker at a file that does not exist and it skips the rewrite. Nothing else here reads it (no
  // TypeScript checker: Vitest strips types, so a mutant that would not type-check still runs).
  tsconfigFile: 'tsconfig.stryker-none.json',
  ignorePatterns: ['artifacts', '.output', '.cache', 'docs', 'public'],
  // A mutant that makes a test loop forever is killed by a timeout; generous because the cores are shared.
  timeoutMS: 10_000,
  timeoutFactor: 2,
  thresholds: { high: 85, low: 70, break: null },
  // `npm run mutation` sets these per run; left here so `npx stryker run` alone also works.
  logLevel: 'info',
  fileLogLevel: 'off',
};
