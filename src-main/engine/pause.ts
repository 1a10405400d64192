/**
 * Pause for a running job: while paused, no new transfer or verification step starts; those in
 * flight finish. Cancel still works while paused (the wait rejects with the signal's reason).
 */
export class PauseGate {
  private waiters: Array<() => void> = [];
  private pausedNow = false;

  get paused(): boolean {
    return this.pausedNow;
  }

  pause(): void {
    this.pausedNow = true;
  }

  resume(): void {
    this.pausedNow = false;
    const w = this.waiters;
    this.waiters = [];
    for (const fn of w) fn();
  }

  /** Resolves at once when not paused; otherwise when resumed, or rejects when `signal` aborts. */
  wait(signal?: AbortSignal): Promise<void> {
    if (!this.pausedNow) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onAbort = (): void => reject(signal?.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
    });
  }
}
