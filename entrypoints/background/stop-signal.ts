/**
 * One abort signal for an active check (the Supabase exposure check, the Bubble Data API check): the user's cancel
 * (the caller's signal) or the check's overall deadline, whichever comes first, and which of the two it was.
 */
export interface StopSignal {
  signal: AbortSignal;
  stoppedBy(): 'cancel' | 'deadline' | undefined;
  /** Clears the deadline timer and the cancel listener; call when the check ends. */
  dispose(): void;
}

export function stopOnCancelOrDeadline(cancel: AbortSignal | undefined, totalMs: number): StopSignal {
  const stop = new AbortController();
  let by: 'cancel' | 'deadline' | undefined;
  const onCancel = () => {
    by ??= 'cancel';
    stop.abort();
  };
  if (cancel?.aborted) onCancel();
  cancel?.addEventListener('abort', onCancel, { once: true });
  const deadline = setTimeout(() => {
    by ??= 'deadline';
    stop.abort();
  }, totalMs);
  return {
    signal: stop.signal,
    stoppedBy: () => by,
    dispose: () => {
      clearTimeout(deadline);
      cancel?.removeEventListener('abort', onCancel);
    },
  };
}
