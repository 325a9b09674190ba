/** Messages between the .bubble export page and its worker (entrypoints/bubble-export/). */
import type { Audit } from '../../engine/audit-schema';

/** `policy`: the browser's managed storage as read (unvalidated); the worker validates it (utils/policy.ts). */
export type ToWorker = { type: 'audit'; file: File; policy?: unknown };
export type FromWorker =
  | { type: 'progress'; phase: 'reading' | 'parsing' | 'checking'; done: number; total: number }
  | { type: 'done'; audit: Audit; peakBytes?: number }
  | { type: 'error'; message: string };
