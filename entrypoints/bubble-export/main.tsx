/** The .bubble export page: runs the audit in a worker (worker.ts) and renders components/bubble/ExportAudit. */
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { ExportAudit, type ExportState } from '@/components/bubble/ExportAudit';
import type { FromWorker, ToWorker } from '@/utils/bubble/export-worker-protocol';
import { browser } from 'wxt/browser';
import ExportWorker from './worker?worker';

// The organisation policy (managed storage), passed as read: the worker validates it and applies its severity
// overrides, as every report does (engine/overrides.ts). Nothing readable here leaves the rules' own severities.
const managedPolicy: Promise<unknown> = Promise.resolve()
  .then(() => browser.storage?.managed?.get(null))
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
      else {
        worker.terminate();
        setState(
          m.type === 'done' ? { kind: 'done', audit: m.audit, name: file.name, ms: performance.now() - started } : { kind: 'error', message: m.message },
        );
      }
    };
    worker.onerror = () => {
      worker.terminate();
      setState({ kind: 'error', message: 'The audit stopped unexpectedly (the file may be too large for this browser).' });
    };
    void managedPolicy.then((policy) => worker.postMessage({ type: 'audit', file, policy } satisfies ToWorker));
  };
  return <ExportAudit state={state} onFile={onFile} />;
}

render(<App />, document.getElementById('app')!);
