/** scripts/lib/mutation-merge.ts: whole-file runs, newest first, with re-checks of some lines laid over them. */
import { describe, expect, it } from 'vitest';
import { type Mutant, type NamedReport, mergeReports, overlay } from '../../scripts/lib/mutation-merge';

const mutant = (line: number, status: string, more: Partial<Mutant> & { endColumn?: number } = {}): Mutant => ({
  id: `${line}-${more.endColumn ?? 9}`,
  mutatorName: more.mutatorName ?? 'ConditionalExpression',
  replacement: more.replacement ?? 'true',
  status,
  location: { start: { line, column: 1 }, end: { line, column: more.endColumn ?? 9 } },
});
const report = (name: string, at: number, files: Record<string, { source: string; mutants: Mutant[] }>): NamedReport => ({
  name,
  at,
  report: { files },
});
const statuses = (ms: readonly Mutant[]) => ms.map((m) => `${m.location.start.line}:${m.status}`);
const same = (s: string) => s;

describe('overlay', () => {
  it('takes the newer verdict of each mutant both runs have, matched by place, mutator and replacement', () => {
    const base = [mutant(1, 'Survived'), mutant(2, 'Survived'), mutant(3, 'Killed')];
    const { mutants, replaced, unmatched } = overlay(base, [mutant(2, 'Killed'), mutant(3, 'Survived')]);
    expect(statuses(mutants)).toEqual(['1:Survived', '2:Killed', '3:Survived']);
    expect([replaced, unmatched]).toEqual([2, 0]);
  });

  it('tells apart two mutants that start at the same place and differ in their end', () => {
    const base = [mutant(5, 'Survived', { endColumn: 10 }), mutant(5, 'Survived', { endColumn: 20 })];
    const { mutants } = overlay(base, [mutant(5, 'Killed', { endColumn: 10 }), mutant(5, 'Timeout', { endColumn: 20 })]);
    expect(mutants.map((m) => m.status)).toEqual(['Killed', 'Timeout']);
  });

  it('does not match another mutator or replacement at the same place, and counts what it could not match', () => {
    const base = [mutant(4, 'Survived')];
    const { mutants, unmatched } = overlay(base, [
      mutant(4, 'Killed', { replacement: 'false' }),
      mutant(4, 'Killed', { mutatorName: 'EqualityOperator' }),
      mutant(9, 'Ignored'),
    ]);
    expect(statuses(mutants)).toEqual(['4:Survived']);
    expect(unmatched).toBe(2);
  });

  it('keeps the base verdict where the re-check ignored the mutant', () => {
    expect(statuses(overlay([mutant(1, 'Killed')], [mutant(1, 'Ignored')]).mutants)).toEqual(['1:Killed']);
  });
});

describe('mergeReports', () => {
  it('scores each file from its newest run, then lays newer re-checks of the same source over it, in time order', () => {
    const runs = [
      report('parsers-a', 1, { 'a.ts': { source: 'A1', mutants: [mutant(1, 'Killed')] } }),
      report('parsers-b', 2, { 'a.ts': { source: 'A', mutants: [mutant(1, 'Survived'), mutant(2, 'Survived')] } }),
    ];
    const rechecks = [
      report('recheck-2', 4, { 'a.ts': { source: 'A', mutants: [mutant(2, 'Survived')] } }),
      report('recheck-1', 3, { 'a.ts': { source: 'A', mutants: [mutant(1, 'Killed'), mutant(2, 'Killed')] } }),
    ];
    const merged = mergeReports(runs, rechecks, same);
    const a = merged.get('a.ts')!;
    expect(statuses(a.mutants)).toEqual(['1:Killed', '2:Survived']);
    expect([a.from, a.rechecks]).toEqual(['parsers-b', ['recheck-1', 'recheck-2']]);
  });

  it('leaves out, with a warning, a re-check older than the run or of another source; ignores files with no run', () => {
    const warnings: string[] = [];
    const runs = [report('parsers-b', 5, { 'a.ts': { source: 'A', mutants: [mutant(1, 'Survived')] } })];
    const rechecks = [
      report('recheck-old', 4, { 'a.ts': { source: 'A', mutants: [mutant(1, 'Killed')] } }),
      report('recheck-moved', 6, { 'a.ts': { source: 'A changed', mutants: [mutant(1, 'Killed')] } }),
      report('recheck-other', 7, { 'b.ts': { source: 'B', mutants: [mutant(1, 'Killed')] } }),
    ];
    const merged = mergeReports(runs, rechecks, same, (m) => warnings.push(m));
    expect(statuses(merged.get('a.ts')!.mutants)).toEqual(['1:Survived']);
    expect(merged.has('b.ts')).toBe(false);
    expect(warnings).toEqual([
      'recheck-old: older than parsers-b for a.ts, not used',
      'recheck-moved: a.ts changed since parsers-b, not used (re-run the file)',
    ]);
  });

  it('maps report paths through `relative`, so absolute and relative paths of one file merge', () => {
    const runs = [report('r', 1, { '/repo/a.ts': { source: 'A', mutants: [mutant(1, 'Survived')] } })];
    const rechecks = [report('recheck', 2, { 'a.ts': { source: 'A', mutants: [mutant(1, 'Killed')] } })];
    const merged = mergeReports(runs, rechecks, (s) => s.replace('/repo/', ''));
    expect(statuses(merged.get('a.ts')!.mutants)).toEqual(['1:Killed']);
  });
});
