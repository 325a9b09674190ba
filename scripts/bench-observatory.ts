/**
 * npm run bench:observatory
 *
 * Agreement between the MDN HTTP Observatory's analyzer tests and our rules on the same header/cookie/page
 * variants (scripts/lib/observatory-variants.ts; mapping in scripts/lib/observatory-compare.ts). Prints a Markdown
 * report: per check the number of variants, the agreement and every disagreeing variant with both verdicts, then the
 * deliberate differences documented in scripts/observatory-disagreements.md. Offline: nothing is fetched.
 * Exit status 0 when every disagreement is documented, 1 otherwise (test/scripts/observatory.test.ts asserts it).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildVariants } from './lib/observatory-variants';
import {
  compareAll,
  formatObservatory,
  formatOurs,
  isDocumented,
  MAPPING,
  parseDeliberate,
  renderDeliberate,
  renderDifferentReasons,
  renderSummaryTable,
  report,
} from './lib/observatory-compare';

const docPath = fileURLToPath(new URL('./observatory-disagreements.md', import.meta.url));
const variants = buildVariants();
const deliberate = parseDeliberate(readFileSync(docPath, 'utf8'));
const r = report(compareAll(variants), deliberate);
const kindOf = (kind: string) => r.disagreements.filter((c) => deliberate.some((d) => d.kind === kind && isDocumented(c, [d]))).length;

const out: string[] = [
  '# MDN HTTP Observatory vs our rules',
  '',
  `${variants.length} variants, ${r.comparisons.length} comparisons, ${r.disagreements.length} disagreements: ` +
    `${kindOf('spec')} spec-backed (a spec or browser source shows browsers do what we say), ${kindOf('policy')} policy choices, ` +
    `${r.undocumented.length} undocumented.`,
  '',
  'Raw agreement counts every disagreement against us; "spec-backed resolved" counts the rows whose citation shows the',
  'browser behaves as we say as agreement. Policy choices stay counted as disagreements.',
  '',
  renderSummaryTable(r.comparisons, deliberate),
  '',
  '## Policy choices (defensible either way; why we chose)',
  '',
  renderDeliberate(deliberate.filter((d) => d.kind === 'policy')),
  '',
  '## Spec-backed differences (with their citation)',
  '',
  renderDeliberate(deliberate.filter((d) => d.kind === 'spec')),
];
if (r.undocumented.length) {
  out.push('', '## Undocumented disagreements (a bug in a rule, or a difference to document)', '');
  for (const c of r.undocumented)
    out.push(`- \`${c.variant}\` (${MAPPING[c.check].title}): Observatory ${formatObservatory(c)}, ours ${formatOurs(c)} — ${c.note}`);
}
if (r.stale.length) {
  out.push('', '## Documented differences that no longer occur (update the doc)', '');
  for (const d of r.stale) out.push(`- \`${d.variant}\` (${d.check}): documented Observatory ${d.observatory}, ours ${d.ours}`);
}
const reasons = renderDifferentReasons(r.comparisons);
if (reasons) out.push('', '## Same verdict, different reason (both fail, but not through the rules the mapping pairs)', '', reasons);
console.log(out.join('\n'));
process.exitCode = r.undocumented.length || r.stale.length ? 1 : 0;
