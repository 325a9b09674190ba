/** The .bubble export page: runs the audit in a worker (worker.ts) and renders components/bubble/ExportAudit. */
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { ExportAudit, type ExportState } from '@/components/bubble/ExportAudit';
import type { FromWorker, ToWorker } from '@/utils/bubble/export-worker-protocol';
import { browser } from 'wxt/browser';
import { applySeverityOverrides } from '@/engine/overrides';
import { readPolicy } from '@/utils/policy';
import ExportWorker from './worker?worker';

// The organisation policy's severities apply here as in every other report (engine/overrides.ts). Read once; a
// browser without managed storage (or a policy that cannot be read) leaves the rules' own severities.
const overrides = readPolicy(browser.storage?.managed)
  .then((r) => r.policy.severityOverrides)
  .catch(() => undefined);

function App() {
  const [state, setState] = useState<ExportState>({ kind: 'idle' });
  const onFile = (file: File) => {
    const started = performance.now();
    const worker = new ExportWorker();
    setState({ kind: 'working', phase: 'reading', done: 0, total: file.size, name: file.name });
    worker.onmessage = (e: MessageEvent<FromWorker>) => {
      const m = e.data;
      if (m.type === 'progress') setState({ kind: 'working', phase: m.phase, done: m.done, total: m.total, name: file.name });
      else if (m.type === 'done') {
        worker.terminate();
        void overrides.then((o) => setState({ kind: 'done', audit: applySeverityOverrides(m.audit, o), name: file.name, ms: performance.now() - started }));
      } else {
        worker.terminate();
        setState({ kind: 'error', message: m.message });
      }
    };
    worker.onerror = () => {
      worker.terminate();
      setState({ kind: 'error', message: 'The audit stopped unexpectedly (the file may be too large for this browser).' });
    };
    worker.postMessage({ type: 'audit', file } satisfies ToWorker);
  };
  return <ExportAudit state={state} onFile={onFile} />;
}

render(<App />, document.getElementById('app')!);
