/**
 * Merging StrykerJS JSON reports into one score per file (scripts/mutation.ts `--summary`).
 *
 * A target's runs (`<target>-*.report.json`) each score whole files; the newest report of a file wins. A re-check
 * (`recheck-*.report.json`, run by hand on line spans of a file after new tests: docs/mutation.md "How to run") scores
 * only some of a file's mutants: its verdicts replace the same mutants' verdicts in the file's report, when it is the
 * newer of the two and was run on the same source (otherwise the lines moved and the mutants cannot be matched).
 */
export interface Mutant {
  id: string;
  mutatorName: string;
  replacement?: string;
  status: string;
  statusReason?: string;
  location: { start: { line: number; column: number }; end?: { line: number; column: number } };
}
export interface Report {
  files: Record<string, { source: string; mutants: Mutant[] }>;
}
export interface FileScore {
  mutants: Mutant[];
  source: string;
  /** The report the file's score comes from, and the re-checks laid over it. */
  from: string;
  at: number;
  rechecks: string[];
}
/** One readable report: its name, its time (mtime), its content, and its files' paths from the repository root. */
export interface NamedReport {
  name: string;
  at: number;
  report: Report;
}

/** A mutant's identity across runs of the same source: where it is (start and end), its mutator and its replacement. */
const key = (m: Mutant) => {
  const { start, end } = m.location;
  return `${start.line}:${start.column}-${end?.line}:${end?.column}:${m.mutatorName}:${m.replacement ?? ''}`;
};

/** `base` with the verdicts of `recheck` for the mutants both have (same place, mutator and replacement). */
export function overlay(base: readonly Mutant[], recheck: readonly Mutant[]): { mutants: Mutant[]; replaced: number; unmatched: number } {
  const newer = new Map(recheck.map((m) => [key(m), m]));
  let replaced = 0;
  const mutants = base.map((m) => {
    const r = newer.get(key(m));
    if (!r || r.status === 'Ignored') return m;
    newer.delete(key(m));
    replaced++;
    return { ...m, status: r.status, statusReason: r.statusReason };
  });
  return { mutants, replaced, unmatched: [...newer.values()].filter((m) => m.status !== 'Ignored').length };
}

/**
 * The score of each file: the newest of `runs` for it, then every newer re-check of the same source laid over it in
 * time order. `warn` hears about re-checks that could not be used.
 */
export function mergeReports(
  runs: readonly NamedReport[],
  rechecks: readonly NamedReport[],
  relative: (source: string) => string,
  warn: (message: string) => void = () => undefined,
): Map<string, FileScore> {
  const merged = new Map<string, FileScore>();
  for (const { name, at, report } of runs) {
    for (const [source, data] of Object.entries(report.files ?? {})) {
      const rel = relative(source);
      const prev = merged.get(rel);
      if (!prev || prev.at < at) merged.set(rel, { mutants: data.mutants, source: data.source, from: name, at, rechecks: [] });
    }
  }
  for (const { name, at, report } of [...rechecks].sort((a, b) => a.at - b.at)) {
    for (const [source, data] of Object.entries(report.files ?? {})) {
      const base = merged.get(relative(source));
      if (!base) continue; // a re-check of a file this target has no whole run of: not a file score
      if (base.at > at) {
        warn(`${name}: older than ${base.from} for ${relative(source)}, not used`);
        continue;
      }
      if (base.source !== data.source) {
        warn(`${name}: ${relative(source)} changed since ${base.from}, not used (re-run the file)`);
        continue;
      }
      const { mutants, unmatched } = overlay(base.mutants, data.mutants);
      if (unmatched) warn(`${name}: ${unmatched} mutant(s) of ${relative(source)} not in ${base.from}`);
      merged.set(relative(source), { ...base, mutants, rechecks: [...base.rechecks, name] });
    }
  }
  return merged;
}
