import { describe, expect, it } from 'vitest';
import { CLI_MAX_EXPORT_BYTES, PAGE_MAX_EXPORT_BYTES, exportSizeProblem } from '@/utils/bubble/export-limits';

const MB = 1024 * 1024;

describe('exportSizeProblem', () => {
  it('audits exports up to the largest reported (150 MB) on the page and the command line', () => {
    for (const bytes of [1, 20 * MB, 100 * MB, 150 * MB]) {
      expect(exportSizeProblem(bytes, 'page')).toBeUndefined();
      expect(exportSizeProblem(bytes, 'cli')).toBeUndefined();
    }
  });

  it('the limit itself is accepted; one byte more is refused, up front, saying nothing was read', () => {
    expect(exportSizeProblem(PAGE_MAX_EXPORT_BYTES, 'page')).toBeUndefined();
    expect(exportSizeProblem(CLI_MAX_EXPORT_BYTES, 'cli')).toBeUndefined();
    const page = exportSizeProblem(PAGE_MAX_EXPORT_BYTES + 1, 'page');
    expect(page).toMatch(/over the 256 MB/);
    expect(page).toMatch(/nothing of it was read/);
    // The page points at the command line, which reads larger files.
    expect(page).toMatch(/--bubble-export/);
    expect(page).toContain('384 MB');
    const cli = exportSizeProblem(CLI_MAX_EXPORT_BYTES + 1, 'cli');
    expect(cli).toMatch(/over the 384 MB/);
    expect(cli).not.toMatch(/--bubble-export/);
  });

  it('the command line reads more than the page, and stays below V8’s longest string (one read of the whole file)', () => {
    expect(CLI_MAX_EXPORT_BYTES).toBeGreaterThan(PAGE_MAX_EXPORT_BYTES);
    expect(CLI_MAX_EXPORT_BYTES).toBeLessThan(0x1fffffe8);
    expect(exportSizeProblem(300 * MB, 'page')).toBeDefined();
    expect(exportSizeProblem(300 * MB, 'cli')).toBeUndefined();
  });

  it('empty, negative or unreadable sizes are clear problems, never a pass', () => {
    expect(exportSizeProblem(0, 'page')).toMatch(/empty/);
    expect(exportSizeProblem(0, 'cli')).toMatch(/empty/);
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY]) expect(exportSizeProblem(bad, 'page')).toMatch(/could not be read/);
  });

  it('says the size in MB', () => {
    expect(exportSizeProblem(1024 * MB, 'page')).toContain('1024 MB');
  });
});
