/**
 * Backoff for transient Blob service failures: 250 ms doubling to at most 8 s, with ±25 % jitter.
 * The sleep is cancellable through an AbortSignal (cancel must really cancel).
 */

/** Delay before attempt `attempt` (1-based count of failures so far), ms. */
export function backoffDelayMs(attempt: number, baseMs = 250, maxMs = 8000): number {
  const d = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(d * (0.75 + Math.random() * 0.5));
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
