// A StrykerJS ignorer plugin (stryker.config.mjs: `ignorers: ['rule-meta']`) for mutation runs over rules/.
//
// A rule's `meta` is mostly catalogue text: its id, title, rationale, category, checklist item, surfaces and
// confidence. Mutating those strings tests nothing a rule detects: they are compared by test/docs.test.ts
// (docs/rules.md is generated from them), test/conventions.test.ts and the registry tests, which are not part of the
// per-rule mutation run. Each such mutant is module-level ("static"), so Stryker runs every test of the rule's file for
// it, which made up about a fifth of all mutants. They are reported as Ignored with this reason, never as killed.
// What a rule shows or decides stays mutated: `severity`, `messages` (the text with its placeholders) and `fix` (some
// fix guides build SQL and links from the finding).
//
// The second ignorer, `provider-meta` (parsers target), does the same for the secret engine's provider catalogue
// (utils/secrets/providers/*.ts): an entry's `name`, `category`, `format`, `rotateUrl`, `advice` and `docs` in the list
// passed to `defineProviders([...])` are catalogue text. docs/keys.md is generated from them (test/docs.test.ts), the
// catalogue tests check each link's host and each entry's shape, and no detector reads them. Without this, they were
// 725 of the providers' 3,374 mutants (a fifth), each one module-level. What decides a finding stays mutated: `id` (the
// detectors report it), `exposure`, `secretSeverity`, `prefixes` (masking) and every detector.
import { PluginKind, declareValuePlugin } from '@stryker-mutator/api/plugin';

const CATALOGUE = new Set(['id', 'title', 'rationale', 'category', 'checklist', 'surfaces', 'confidence']);

const keyName = (node) => (node.key?.type === 'Identifier' ? node.key.name : node.key?.type === 'StringLiteral' ? node.key.value : undefined);

/** True when `objectPath` is the object literal passed to `defineRule(...)`. */
const isDefineRuleArgument = (objectPath) => {
  const call = objectPath?.parentPath;
  return call?.node.type === 'CallExpression' && call.node.callee.type === 'Identifier' && call.node.callee.name === 'defineRule';
};

const PROVIDER_CATALOGUE = new Set(['name', 'category', 'format', 'rotateUrl', 'advice', 'docs']);

/** True when `objectPath` is an element of the array literal passed to `defineProviders([...])`. */
const isProviderEntry = (objectPath) => {
  const array = objectPath?.parentPath;
  const call = array?.parentPath;
  return (
    array?.node.type === 'ArrayExpression' &&
    call?.node.type === 'CallExpression' &&
    call.node.callee.type === 'Identifier' &&
    call.node.callee.name === 'defineProviders'
  );
};

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'rule-meta', {
    shouldIgnore(path) {
      if (path.node.type !== 'ObjectProperty' || !CATALOGUE.has(keyName(path.node))) return undefined;
      const metaObject = path.parentPath;
      const metaProperty = metaObject?.parentPath;
      if (metaObject?.node.type !== 'ObjectExpression' || metaProperty?.node.type !== 'ObjectProperty' || keyName(metaProperty.node) !== 'meta') {
        return undefined;
      }
      if (!isDefineRuleArgument(metaProperty.parentPath)) return undefined;
      return `rule catalogue text (meta.${keyName(path.node)}): checked by test/docs.test.ts and the registry tests, not by rule behaviour`;
    },
  }),
  declareValuePlugin(PluginKind.Ignore, 'provider-meta', {
    shouldIgnore(path) {
      if (path.node.type !== 'ObjectProperty' || !PROVIDER_CATALOGUE.has(keyName(path.node))) return undefined;
      if (path.parentPath?.node.type !== 'ObjectExpression' || !isProviderEntry(path.parentPath)) return undefined;
      return `provider catalogue text (${keyName(path.node)}): checked by test/docs.test.ts and the catalogue tests, read by no detector`;
    },
  }),
];
