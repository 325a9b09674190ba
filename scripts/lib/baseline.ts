/** `--baseline <file>`: the accepted-findings file the popup exports (engine/report-baseline.ts, docs/report-schema.md). */
import { readFileSync } from 'node:fs';
import type { Audit } from '../../engine/audit-schema';
import type { AcceptedRisk } from '../../engine/checklist';
import { parseBaseline, staleEntries } from '../../engine/report-baseline';

/** Reads and validates a baseline file; throws one line saying what is wrong. */
export function loadBaseline(file: string, read: (f: string) => string = (f) => readFileSync(f, 'utf8')): AcceptedRisk[] {
  let text: string;
  try {
    text = read(file);
  } catch (e) {
    throw new Error(`Cannot read the baseline file ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (text.length > 5_000_000) throw new Error(`The baseline file ${file} is larger than 5 MB.`);
  return parseBaseline(text);
}

/** Lines for the log: accepted findings whose acceptance expired (they fail the gate again) and entries that matched nothing. */
export function baselineNotes(audit: Audit, accepted: readonly AcceptedRisk[], now = Date.now()): string[] {
  const { expired, unmatched } = staleEntries(audit, accepted, now);
  return [
    ...expired.map(
      (a) =>
        `baseline: the acceptance of ${a.fingerprint}${a.title ? ` (${a.title})` : ''} expired on ${new Date(a.expiresAt).toISOString().slice(0, 10)}: it counts again`,
    ),
    ...(unmatched.length
      ? [`baseline: ${unmatched.length} entr${unmatched.length === 1 ? 'y matches' : 'ies match'} no finding of this audit (fixed, or another app)`]
      : []),
  ];
}
