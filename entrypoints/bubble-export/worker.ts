/**
 * Audits an exported .bubble file off the UI thread: reads it in chunks (progress), parses it once, reads the
 * bounded model (utils/bubble/read.ts) and runs the same Bubble rules as the command line. The parsed tree is dropped
 * when the model is read; a truncated or corrupted file gives a clear message (utils/bubble/export.ts).
 */
import { buildAudit } from '@/engine/audit';
import { BUBBLE_APP_RULES } from '@/rules';
import { describeParseError, exportGaps } from '@/utils/bubble/export';
import { exportSizeProblem } from '@/utils/bubble/export-limits';
import type { FromWorker, ToWorker } from '@/utils/bubble/export-worker-protocol';
import { readBubbleApp } from '@/utils/bubble/read';
import { APP_ID, type BubbleApp } from '@/utils/bubble/model';

import { parsePolicy } from '@/utils/policy';
const post = (m: FromWorker) => (self as unknown as Worker).postMessage(m);

async function readText(file: File): Promise<string> {
  const reader = file.stream().getReader();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let done = 0;
  for (;;) {
    const r = await reader.read();
    if (r.done) break;
    done += r.value.byteLength;
    parts.push(decoder.decode(r.value, { stream: true }));
    post({ type: 'progress', phase: 'reading', done, total: file.size });
  }
  parts.push(decoder.decode());
  return parts.join('');
}

async function audit(file: File, policy: unknown): Promise<void> {
  // Too large for this page: refused before a byte is read (utils/bubble/export-limits.ts), the message says so.
  const tooLarge = exportSizeProblem(file.size, 'page');
  if (tooLarge) return post({ type: 'error', message: tooLarge });
  const startedAt = Date.now();
  let root: unknown;
  {
    const text = await readText(file);
    post({ type: 'progress', phase: 'parsing', done: file.size, total: file.size });
    try {
      root = JSON.parse(text);
    } catch (e) {
      return post({ type: 'error', message: `${file.name.slice(0, 120)}: ${describeParseError(e, text.length)}` });
    }
  }
  post({ type: 'progress', phase: 'checking', done: file.size, total: file.size });
  const stem = file.name.replace(/\.(bubble|json)$/i, '').toLowerCase();
  let app: BubbleApp;
  try {
    app = readBubbleApp(root, { source: 'export', ...(APP_ID.test(stem) ? { appId: stem } : {}) });
  } catch (e) {
    return post({ type: 'error', message: `${file.name.slice(0, 120)}: ${e instanceof Error ? e.message : String(e)}` });
  }
  root = undefined;
  const now = Date.now();
  const evidence = {
    url: `file:///${encodeURIComponent(file.name.slice(0, 200))}`,
    origin: `bubble-export:${app.appId ?? stem.slice(0, 100)}`,
    collectedAt: now,
    responses: [],
    cookies: [],
    redirect: { status: 'not-checked' as const, reason: 'offline: an exported .bubble file' },
    builder: { platform: 'bubble' as const, secrets: [], bubble: app },
    globals: {},
    gaps: exportGaps(app),
  };
  const mem = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
  post({
    type: 'done',
    // At the organisation policy's severities, as every report (engine/overrides.ts).
    audit: buildAudit(evidence, BUBBLE_APP_RULES, {
      mode: 'click',
      fullAccess: true,
      retentionDays: 1,
      startedAt,
      now,
      severityOverrides: parsePolicy(policy).policy.severityOverrides,
    }),
    ...(mem ? { peakBytes: mem.usedJSHeapSize } : {}),
  });
}

self.onmessage = (e: MessageEvent<ToWorker>) => {
  if (e.data?.type === 'audit' && e.data.file instanceof File)
    void audit(e.data.file, e.data.policy).catch((err) =>
      post({ type: 'error', message: err instanceof Error ? err.message.slice(0, 300) : 'The audit failed.' }),
    );
};
