/**
 * Helpers for exported `.bubble` files shared by the command line (scripts/lib/bubble-export.ts) and the extension's
 * export page worker: a clear message for a file that is not complete JSON, and what the export left out.
 */
import type { BubbleApp } from './model';

/** A JSON.parse error as a sentence: truncated (the text ends early) or corrupted (bad byte at a position). */
export function describeParseError(e: unknown, length: number): string {
  const msg = e instanceof Error ? e.message : String(e);
  const at = /position (\d+)/.exec(msg);
  const pos = at ? Number(at[1]) : undefined;
  if (/end of (JSON|data)|Unterminated/i.test(msg) || (pos !== undefined && pos >= length - 1)) {
    return 'the file ends early: it is truncated (an interrupted download?). Export the app again and retry.';
  }
  if (pos !== undefined)
    return `the file is corrupted: it stops being valid JSON at character ${pos.toLocaleString('en')} of ${length.toLocaleString('en')}. Export the app again and retry.`;
  if (/too much recursion|call stack/i.test(msg)) return 'the file nests too deeply to be a Bubble export.';
  return 'the file is corrupted or not a Bubble export: it is not valid JSON (.bubble files are one JSON object). Export the app again and retry.';
}

/** What the audit could not check because the export lacks it (reference 1a: large exports omit reusables). */
export function exportGaps(app: BubbleApp): { collector: string; message: string }[] {
  const out: { collector: string; message: string }[] = [];
  const say: Record<string, string> = {
    element_definitions:
      'The export has no reusable element definitions (Bubble leaves them out of large exports): keys typed into reusable elements were not checked.',
    'settings.secure': 'The export has no settings.secure section: the app’s API tokens could not be compared with what ships to browsers.',
    api: 'The export has no backend workflows section: public workflows and scheduled clean-ups were not checked.',
    user_types: 'The export has no data types section: privacy rules were not checked.',
    'settings.client_safe': 'The export has no client-safe settings: API Connector, Data API, password and app-rights checks were skipped.',
  };
  for (const m of app.missing) if (say[m]) out.push({ collector: 'bubble-export', message: say[m]! });
  if (app.truncated)
    out.push({ collector: 'bubble-export', message: 'The app is very large: only the first part of its types, calls, workflows or text was checked.' });
  return out;
}
