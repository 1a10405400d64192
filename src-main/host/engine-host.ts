/**
 * The engine host: the one place that starts the engine's worker thread, forwards its events (the
 * worker already limits progress to 10 a second; terminal events pass at once), keeps the current
 * state for a front door that asks "what is happening now" (a reloaded window), and cancels for real
 * (the worker aborts every request in flight; if it does not stop within `cancelGraceMs` it is
 * terminated). Used by the CLI, the Electron main process and the browser host.
 */
import { Worker } from 'node:worker_threads';
import type { EngineCommand, EngineEvent, EngineJob, RepairProgress, RepairResult } from '../../src-shared/engine-protocol.ts';
import type { ErrorInfo } from '../../src-shared/errors.ts';

/** State of the host now. */
export type HostState =
  | { status: 'idle' }
  | { status: 'running'; job: EngineJob['kind']; paused: boolean; progress?: RepairProgress }
  | { status: 'done'; result: RepairResult }
  | { status: 'failed'; error: ErrorInfo }
  | { status: 'cancelled' };

/**
 * The worker entry: `worker-dev.mjs` (registers tsx inside the worker, then loads worker.ts) when
 * running from source; a packaged build ships worker.js beside this file's compiled form.
 */
function defaultWorkerUrl(): URL {
  return new URL(import.meta.url.endsWith('.ts') ? '../engine/worker-dev.mjs' : '../engine/worker.js', import.meta.url);
}

/** Options of the host. */
export interface EngineHostOptions {
  /** The worker script (a bundled app passes its worker.js). Default: the source or sibling worker. */
  workerUrl?: URL;
}

export class EngineHost {
  constructor(private readonly options: EngineHostOptions = {}) {}

  private worker?: Worker;
  private current: HostState = { status: 'idle' };
  private readonly listeners = new Set<(e: EngineEvent) => void>();

  /** The state now (for a window that reloads, or a poll). */
  state(): HostState {
    return this.current;
  }

  /** Forgets a terminal state (done, failed, cancelled) so the host is idle again; no-op while running. */
  reset(): HostState {
    if (this.current.status !== 'running') this.current = { status: 'idle' };
    return this.current;
  }

  /** Subscribes to events; returns the unsubscribe function. */
  subscribe(fn: (e: EngineEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /**
   * Starts `job` in a new worker. Resolves with the terminal event (never rejects: failures are data).
   * Throws when a job is already running.
   */
  run(job: EngineJob): Promise<Extract<EngineEvent, { type: 'done' | 'failed' | 'cancelled' }>> {
    if (this.current.status === 'running') throw new Error('a job is already running');
    const worker = new Worker(this.options.workerUrl ?? defaultWorkerUrl(), { execArgv: process.execArgv.filter((a) => !a.startsWith('--test')) });
    this.worker = worker;
    let running: Extract<HostState, { status: 'running' }> = { status: 'running', job: job.kind, paused: false };
    this.current = running;
    return new Promise((resolve) => {
      let settled = false;
      const finish = (e: Extract<EngineEvent, { type: 'done' | 'failed' | 'cancelled' }>): void => {
        if (settled) return;
        settled = true;
        this.current = e.type === 'done' ? { status: 'done', result: e.result } : e.type === 'failed' ? { status: 'failed', error: e.error } : { status: 'cancelled' };
        this.emit(e);
        this.worker = undefined;
        void worker.terminate();
        resolve(e);
      };
      worker.on('message', (e: EngineEvent) => {
        if (e.type === 'progress') {
          running = { ...running, progress: e.progress };
          this.current = running;
          this.emit(e);
        } else if (e.type === 'paused') {
          running = { ...running, paused: e.paused };
          this.current = running;
          this.emit(e);
        } else if (e.type === 'log') this.emit(e);
        else finish(e);
      });
      worker.on('error', (err) => finish({ type: 'failed', error: { code: 'WORKER_CRASHED', title: 'The repair engine stopped unexpectedly', detail: err.message, statusCode: 'InternalError' } }));
      worker.on('exit', (code) => finish({ type: 'failed', error: { code: 'WORKER_EXITED', title: 'The repair engine stopped unexpectedly', detail: `The worker exited with code ${code}.`, statusCode: 'InternalError' } }));
      const cmd: EngineCommand = { type: 'start', job };
      worker.postMessage(cmd);
    });
  }

  /** Pauses (no new transfer starts; those in flight finish) or resumes the running job. */
  setPaused(paused: boolean): void {
    this.worker?.postMessage({ type: paused ? 'pause' : 'resume' } satisfies EngineCommand);
  }

  /** Asks the worker to cancel; terminates it if it has not stopped after `cancelGraceMs`. */
  cancel(cancelGraceMs = 10_000): void {
    const w = this.worker;
    if (!w) return;
    w.postMessage({ type: 'cancel' } satisfies EngineCommand);
    const t = setTimeout(() => {
      if (this.worker === w) {
        void w.terminate();
      }
    }, cancelGraceMs);
    t.unref();
  }

  private emit(e: EngineEvent): void {
    for (const fn of this.listeners) fn(e);
  }
}
