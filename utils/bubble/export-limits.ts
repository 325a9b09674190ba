/**
 * How large an exported `.bubble` file may be, for the extension's export page (a Worker in the browser) and for the
 * command line (Node), and the message when it is larger. Exports are one line of JSON that must be read whole and
 * parsed once (reference 1a: tens of MB, the largest reported ~150 MB); memory is about 3.5× the file size on the
 * command line and more in the browser (docs/benchmarks.md, `npm run bench:bubble`), so the limits keep the peak
 * bounded and refuse a larger file up front, before a byte is read, with a message that says so: never a crashed
 * page or a hang. A refused file is not audited at all (no partial audit of an unparsed half).
 *
 * The limits come from measurements (docs/benchmarks.md "bench:bubble"): a 150 MB export is audited on both; the
 * page's limit leaves the browser tab's renderer well under its heap limit, and the command line's stays under
 * V8's longest string (0x1fffffe8 characters, ~512 MiB), past which a file cannot be read into one string at all.
 */

const MiB = 1024 * 1024;

/** The export page (in the browser): files up to this size are audited. */
export const PAGE_MAX_EXPORT_BYTES = 256 * MiB;
/** The command line: files up to this size are audited (below V8's longest string). */
export const CLI_MAX_EXPORT_BYTES = 384 * MiB;

const mb = (bytes: number) => `${(bytes / MiB).toFixed(bytes < 10 * MiB ? 1 : 0)} MB`;

/**
 * Why a file of `bytes` cannot be audited where it was given, or undefined when it can. The message says what was
 * read (nothing) and what to do instead.
 */
export function exportSizeProblem(bytes: number, where: 'page' | 'cli'): string | undefined {
  if (!Number.isFinite(bytes) || bytes < 0) return 'The file size could not be read: choose the file again.';
  if (bytes === 0) return 'The file is empty: download the export again (Settings → General → Export application).';
  const max = where === 'page' ? PAGE_MAX_EXPORT_BYTES : CLI_MAX_EXPORT_BYTES;
  if (bytes <= max) return undefined;
  const instead =
    where === 'page'
      ? ` Audit it with the command line instead (npm run audit -- --bubble-export <file>), which reads files up to ${mb(CLI_MAX_EXPORT_BYTES)}.`
      : ' No Bubble export this large is known (the largest reported are about 150 MB): check that the file is an export.';
  return `The file is ${mb(bytes)}, over the ${mb(max)} that can be audited here: nothing of it was read or checked.${instead}`;
}
