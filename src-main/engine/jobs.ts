/**
 * The jobs the engine runs, by kind. Each runner takes its request and the run hooks (cancel signal,
 * pause gate, throttled progress, log lines) and resolves with a {@link RepairResult}.
 */
import type { EngineJob, RepairProgress, RepairResult } from '../../src-shared/engine-protocol.ts';
import type { PauseGate } from './pause.ts';
import { runRepairExport } from './repair-export/run.ts';
import { runRepairImport } from './repair-import/run.ts';
import { secretsOf } from './storage/credentials.ts';

/** Hooks every job runner accepts. */
export interface JobHooks {
  signal: AbortSignal;
  pause: PauseGate;
  onProgress: (p: RepairProgress) => void;
  onLog: (level: 'info' | 'warn' | 'error', message: string) => void;
}

/** Runs `job`. Rejects as the job's runner does (WaieError, or the signal's reason when cancelled). */
export function runJob(job: EngineJob, hooks: JobHooks): Promise<RepairResult> {
  switch (job.kind) {
    case 'RepairExport':
      return runRepairExport(job.request, hooks);
    case 'RepairImport':
      return runRepairImport(job.request, hooks);
  }
}

/** The secrets of a job, for redaction of everything it sends out. */
export function jobSecrets(job: EngineJob): string[] {
  return secretsOf(job.request.credentials);
}
