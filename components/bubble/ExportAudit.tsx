/**
 * The .bubble export page's UI: pick or drop a file, see progress, read the findings. No browser APIs: the page's
 * main.tsx runs the worker and passes the state in. Every string from the file is rendered as text.
 */
import type { Audit } from '@/engine/audit-schema';

export type ExportState =
  | { kind: 'idle' }
  | { kind: 'working'; phase: 'reading' | 'parsing' | 'checking'; done: number; total: number; name: string }
  | { kind: 'done'; audit: Audit; name: string; ms: number }
  | { kind: 'error'; message: string };

const PHASE = { reading: 'Reading the file', parsing: 'Parsing the JSON', checking: 'Checking the app' } as const;
const mb = (b: number) => `${(b / 1048576).toFixed(1)} MB`;

export function ExportAudit({ state, onFile }: { state: ExportState; onFile(file: File): void }) {
  const pick = (files: FileList | null | undefined) => {
    const f = files?.[0];
    if (f) onFile(f);
  };
  return (
    <main class="bubble-export" aria-busy={state.kind === 'working'}>
      <h1>Audit an exported Bubble app</h1>
      <p>
        In the Bubble editor: Settings → General → Export application, then choose the <code>.bubble</code> file here. It is read in this browser only; nothing
        is uploaded.
      </p>
      <label
        class="drop"
        onDragOver={(e) => e.preventDefault()}
        onDrop={(e) => {
          e.preventDefault();
          pick(e.dataTransfer?.files);
        }}
      >
        <input type="file" accept=".bubble,application/json" data-testid="bubble-file" onChange={(e) => pick((e.target as HTMLInputElement).files)} />
        <span>Drop a .bubble file here or choose one</span>
      </label>
      {state.kind === 'working' && (
        <p role="status" data-testid="progress">
          {PHASE[state.phase]} {state.name}: {mb(state.done)} of {mb(state.total)}
          <progress max={state.total || 1} value={state.done} />
        </p>
      )}
      {state.kind === 'error' && (
        <p role="alert" class="error" data-testid="export-error">
          {state.message}
        </p>
      )}
      {state.kind === 'done' && (
        <section data-testid="export-result">
          <h2>
            {state.name}: {state.audit.findings.length} finding{state.audit.findings.length === 1 ? '' : 's'} ({(state.ms / 1000).toFixed(1)} s)
          </h2>
          {state.audit.gaps.map((g) => (
            <p class="gap" key={g.message}>
              {g.message}
            </p>
          ))}
          <ul>
            {state.audit.findings.map((f) => (
              <li key={f.fingerprint} data-rule={f.ruleId} data-severity={f.severity}>
                <strong>
                  {f.severity.toUpperCase()}: {f.title}
                </strong>
                <p>{f.message}</p>
                <code>{f.evidence}</code>
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}
