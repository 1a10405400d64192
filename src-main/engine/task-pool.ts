/**
 * Bounded concurrency with back-pressure for streamed work: the concurrency limit itself is p-limit;
 * this adds "wait until there is room" so a producer reading a million-blob manifest never queues
 * more than `maxQueued` tasks (bounded memory).
 */
import pLimit from 'p-limit';

export class TaskPool {
  private readonly limit;
  private readonly inFlight = new Set<Promise<void>>();
  private firstError: unknown;

  /** `concurrency` tasks run at once; at most `maxQueued` are accepted before {@link add} waits. */
  constructor(concurrency: number, private readonly maxQueued = concurrency * 4) {
    this.limit = pLimit(concurrency);
  }

  /**
   * Queues `task`, waiting first while `maxQueued` tasks are queued or running. A task that throws
   * records the first error; {@link drain} rethrows it.
   */
  async add(task: () => Promise<void>): Promise<void> {
    while (this.inFlight.size >= this.maxQueued) await Promise.race(this.inFlight);
    const p: Promise<void> = this.limit(task)
      .catch((err: unknown) => {
        this.firstError ??= err;
      })
      .finally(() => this.inFlight.delete(p));
    this.inFlight.add(p);
  }

  /** Runs `task` under the concurrency limit and returns its result (no queue bound). */
  run<T>(task: () => Promise<T>): Promise<T> {
    return this.limit(task);
  }

  /** Waits for every queued task; rethrows the first error any of them threw. */
  async drain(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
    if (this.firstError !== undefined) throw this.firstError;
  }
}
