/** "Export": the current audit as Markdown (a ticket), JSON (scripts), SARIF (code scanning), or the accepted risks as a baseline file for the command. UI only. */
import { useState } from 'preact/hooks';
import type { ExportFormat } from './popup-api';

const FORMATS: [ExportFormat, string, string][] = [
  ['markdown', 'Markdown', 'Export the report as Markdown, for a ticket'],
  ['json', 'JSON', 'Export the report as JSON (versioned schema)'],
  ['sarif', 'SARIF', 'Export the report as SARIF 2.1.0, for code scanning'],
  ['baseline', 'Baseline', 'Export the accepted risks as a baseline file for the command’s --baseline'],
];

export function ExportBar({ onExport, hasAccepted }: { onExport(format: ExportFormat): Promise<void>; hasAccepted: boolean }) {
  const [status, setStatus] = useState('');
  const run = async (format: ExportFormat, name: string) => {
    try {
      await onExport(format);
      setStatus(`${name} saved.`);
    } catch (e) {
      setStatus(`${name} could not be saved: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  return (
    <section class="export" aria-label="Export">
      <h2>Export</h2>
      <div class="actions">
        {FORMATS.filter(([f]) => f !== 'baseline' || hasAccepted).map(([f, name, label]) => (
          <button key={f} type="button" aria-label={label} onClick={() => void run(f, name)}>
            {name}
          </button>
        ))}
        <span role="status" class="note">
          {status}
        </span>
      </div>
    </section>
  );
}
