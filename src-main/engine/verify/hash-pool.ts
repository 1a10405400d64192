/**
 * The hashing pool: MD5 of byte ranges of drive files, spread over worker threads (one per core by
 * default, `os.availableParallelism()`), so that verifying a drive runs at several times one core's
 * MD5 rate, the way several `md5sum` processes would. Each thread reads with positional reads into one
 * 256 KiB buffer and hashes as it goes (hash-worker.mjs); memory is bounded by threads × 256 KiB plus
 * the queued requests, never by file sizes.
 *
 * A file's ranges are cut into groups of at most {@link GROUP_BYTES} (64 MiB), each a task of its own,
 * so one large file is hashed on every thread at once, progress moves as groups finish, and a
 * cancelled run stops within one group. Threads start on first use, hold a reference to the event
 * loop only while they have work, and end after {@link HashPoolOptions.idleMs} without work. On Linux
 * they run at a lower priority (nice 10, {@link HASH_NICE}) so that the machine stays usable.
 *
 * The pool behind the engine (`sharedHashPool`) is sized by {@link hashThreads}: `WAIE_HASH_THREADS`
 * when set, else the number of cores; {@link configureHashing} changes it (benchmarks, tests).
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';

/** Largest task, bytes: a file's ranges are hashed in groups of at most this many bytes. */
export const GROUP_BYTES = 64 * 1024 * 1024;

/** Tasks sent to one thread ahead of its current one (keeps it busy while results travel back). */
const PER_THREAD = 4;

/** A range of a file, bytes. */
export interface HashRange {
  offset: number;
  length: number;
}

/** What {@link HashPool.hashRanges} found. */
export interface HashRangesResult {
  /** File size in bytes, or undefined when the file cannot be opened (missing, not a file, no access). */
  size: number | undefined;
  /** Upper-case hex MD5 per range, or null when the file ends before the range does (or cannot be opened). */
  hashes: Array<string | null>;
}

/** Options of {@link HashPool}. */
export interface HashPoolOptions {
  /** Milliseconds without work after which the threads end; default 5000. */
  idleMs?: number;
  /** Largest task in bytes; default {@link GROUP_BYTES}. */
  groupBytes?: number;
  /** The worker script; default hash-worker.mjs beside this module (or beside the bundle). */
  workerUrl?: URL;
  /**
   * Nice value of the threads on Linux (0 = the process's priority). Default {@link HASH_NICE}: the
   * threads yield to interactive work (the wizard in a browser on the same machine) and use idle
   * cores all the same.
   */
  nice?: number;
}

/** Default nice value of hashing threads: `WAIE_HASH_NICE` when set (0 turns it off), else 10. */
export const HASH_NICE = ((): number => {
  const env = Number(process.env.WAIE_HASH_NICE);
  return process.env.WAIE_HASH_NICE !== undefined && Number.isInteger(env) && env >= 0 && env <= 19 ? env : 10;
})();

interface TaskResult {
  size: number | null;
  hashes: Array<string | null>;
  bytes: number;
  hash?: string;
}

interface Task {
  id: number;
  /** A file's ranges… */
  path?: string;
  ranges?: number[];
  /** …or bytes in memory. */
  bytes?: Uint8Array;
  resolve(r: TaskResult): void;
  reject(err: unknown): void;
}

interface Thread {
  worker: Worker;
  tasks: Map<number, Task>;
}

/** The worker script: beside this module from source, beside the bundled engine in a packaged app. */
function defaultWorkerUrl(): URL {
  return new URL('./hash-worker.mjs', import.meta.url);
}

/** A pool of hashing threads. */
export class HashPool {
  private readonly queue: Task[] = [];
  private readonly threadsRunning: Thread[] = [];
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly idleMs: number;
  private readonly groupBytes: number;
  private readonly workerUrl: URL;
  private readonly nice: number;

  /** `threads` ≥ 1 hashing threads. */
  constructor(
    readonly threads: number,
    options: HashPoolOptions = {},
  ) {
    if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`threads must be a whole number ≥ 1, not ${threads}`);
    this.idleMs = options.idleMs ?? 5000;
    this.groupBytes = options.groupBytes ?? GROUP_BYTES;
    this.workerUrl = options.workerUrl ?? defaultWorkerUrl();
    this.nice = options.nice ?? HASH_NICE;
  }

  /**
   * Starts every thread now (they start on first use otherwise), so that a run's first results do not
   * wait for threads to load; they end again after `idleMs` without work.
   */
  warm(): void {
    if (this.closed || this.threadsRunning.length >= this.threads) return;
    while (this.threadsRunning.length < this.threads) this.startThread();
    this.dispatch();
  }

  /** Threads running now (they end when idle). */
  get liveThreads(): number {
    return this.threadsRunning.length;
  }

  /**
   * MD5 of each of `ranges` of the file at `path`. Ranges beyond the end of the file hash to null; a
   * file that cannot be opened gives size undefined and null hashes. `onBytes` is called with the bytes
   * hashed as each group finishes. With `signal`, groups not yet started are dropped once it aborts
   * and the promise rejects with its reason. Rejects when a read fails (EIO…) with the error's code.
   */
  async hashRanges(path: string, ranges: readonly HashRange[], opts: { signal?: AbortSignal; onBytes?: (n: number) => void } = {}): Promise<HashRangesResult> {
    if (this.closed) throw new Error('the hashing pool is closed');
    opts.signal?.throwIfAborted();
    if (ranges.length === 0) {
      const r = await this.submit(path, []);
      return { size: r.size ?? undefined, hashes: [] };
    }
    const groups: number[][] = [];
    let current: number[] = [];
    let bytes = 0;
    for (const r of ranges) {
      if (current.length && bytes + r.length > this.groupBytes) {
        groups.push(current);
        current = [];
        bytes = 0;
      }
      current.push(r.offset, r.length);
      bytes += r.length;
    }
    groups.push(current);
    const tasks: Task[] = [];
    const pending = groups.map((g) => this.submit(path, g, tasks));
    // One listener per call (not per group): an abort drops this call's groups that have not started.
    const onAbort = (): void => {
      for (const t of tasks) {
        const i = this.queue.indexOf(t);
        if (i >= 0) {
          this.queue.splice(i, 1);
          t.reject(opts.signal?.reason);
        }
      }
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    let results;
    try {
      results = await Promise.all(
        pending.map(async (p) => {
          const r = await p;
          if (r.bytes) opts.onBytes?.(r.bytes);
          return r;
        }),
      );
    } finally {
      opts.signal?.removeEventListener('abort', onAbort);
    }
    if (results.some((r) => r.size === null)) return { size: undefined, hashes: ranges.map(() => null) };
    return { size: results.reduce((m, r) => Math.min(m, r.size as number), Infinity), hashes: results.flatMap((r) => r.hashes) };
  }

  /**
   * Upper-case hex MD5 of `bytes`, computed on a pool thread (so a thread busy with network traffic
   * is not also busy hashing). A view of a SharedArrayBuffer is read in place; other memory is copied
   * to the thread. These small jobs go ahead of queued file groups.
   */
  async md5(bytes: Uint8Array): Promise<string> {
    if (this.closed) throw new Error('the hashing pool is closed');
    const r = await new Promise<TaskResult>((resolve, reject) => {
      this.queue.unshift({ id: this.nextId++, bytes, resolve, reject });
      this.dispatch();
    });
    return r.hash as string;
  }

  /** Ends every thread; later calls to {@link hashRanges} reject. Queued work is rejected. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.idleTimer);
    for (const t of this.queue.splice(0)) t.reject(new Error('the hashing pool is closed'));
    await Promise.all(this.threadsRunning.splice(0).map((t) => this.stopThread(t)));
  }

  private submit(path: string, ranges: number[], into: Task[] = []): Promise<TaskResult> {
    return new Promise((resolve, reject) => {
      const task: Task = { id: this.nextId++, path, ranges, resolve, reject };
      into.push(task);
      this.queue.push(task);
      this.dispatch();
    });
  }

  private dispatch(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    while (this.queue.length) {
      let best: Thread | undefined;
      for (const t of this.threadsRunning) if (!best || t.tasks.size < best.tasks.size) best = t;
      if ((!best || best.tasks.size > 0) && this.threadsRunning.length < this.threads) best = this.startThread();
      if (!best || best.tasks.size >= PER_THREAD) break;
      const task = this.queue.shift() as Task;
      best.tasks.set(task.id, task);
      if (best.tasks.size === 1) best.worker.ref();
      best.worker.postMessage(task.bytes ? { id: task.id, bytes: task.bytes } : { id: task.id, path: task.path, ranges: task.ranges });
    }
    if (!this.queue.length && this.threadsRunning.every((t) => t.tasks.size === 0) && this.threadsRunning.length) {
      this.idleTimer = setTimeout(() => {
        for (const t of this.threadsRunning.splice(0)) void this.stopThread(t);
      }, this.idleMs);
      this.idleTimer.unref();
    }
  }

  private startThread(): Thread {
    const worker = new Worker(this.workerUrl, { execArgv: [], workerData: { nice: this.nice } });
    const thread: Thread = { worker, tasks: new Map() };
    worker.on('message', (m: TaskResult & { id: number; error?: { code?: string; message: string } }) => {
      const task = thread.tasks.get(m.id);
      if (!task) return;
      thread.tasks.delete(m.id);
      if (thread.tasks.size === 0) worker.unref();
      if (m.error) task.reject(Object.assign(new Error(`${task.path ?? 'hashing'}: ${m.error.message}`), { code: m.error.code }));
      else task.resolve(m);
      this.dispatch();
    });
    const fail = (err: Error): void => {
      const i = this.threadsRunning.indexOf(thread);
      if (i < 0) return;
      this.threadsRunning.splice(i, 1);
      for (const t of thread.tasks.values()) t.reject(err);
      thread.tasks.clear();
      if (!this.closed) this.dispatch();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`a hashing thread exited with code ${code}`)));
    worker.unref();
    this.threadsRunning.push(thread);
    return thread;
  }

  private async stopThread(t: Thread): Promise<void> {
    for (const task of t.tasks.values()) task.reject(new Error('the hashing pool is closed'));
    t.tasks.clear();
    t.worker.removeAllListeners('exit');
    await t.worker.terminate();
  }
}

let configured: { threads?: number; files?: number } = {};
let shared: HashPool | undefined;

let defaultThreads: number | undefined;

/** Hashing threads of the engine's pool: `configureHashing`, else `WAIE_HASH_THREADS`, else the number of cores. */
export function hashThreads(): number {
  if (configured.threads) return configured.threads;
  if (defaultThreads === undefined) {
    // Read once: process.env and the core count are slow to ask, and this is asked for every file.
    const env = Number(process.env.WAIE_HASH_THREADS);
    defaultThreads = Number.isInteger(env) && env >= 1 ? env : Math.max(1, availableParallelism());
  }
  return defaultThreads;
}

/**
 * Files verified at once by a run (RunContext.verifiers): four per hashing thread, so a thread always
 * has the next files queued while results travel back (what bounds small files); `configureHashing({ files })`
 * overrides it.
 */
export function verifyConcurrency(): number {
  return configured.files ?? hashThreads() * 4;
}

/** The engine's hashing pool, created on first use with {@link hashThreads} threads. */
export function sharedHashPool(): HashPool {
  if (!shared || shared.threads !== hashThreads()) {
    void shared?.close();
    shared = new HashPool(hashThreads());
  }
  return shared;
}

/**
 * Sets the engine's hashing threads and files verified at once (for runs started afterwards);
 * `{}` returns to the defaults. Benchmarks use `{ threads: 1, files: 1 }` for "one file at a time".
 */
export function configureHashing(c: { threads?: number; files?: number }): void {
  configured = { ...c };
}
