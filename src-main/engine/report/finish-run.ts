/**
 * The end of every repair run (RepairExport and RepairImport alike): the result, the after-repair
 * drive log, the summary file, the repair file's `finished` record and the verbose log's last line.
 * Exit code 0 only when no component failed.
 */
import type { RepairResult } from '../../../src-shared/engine-protocol.ts';
import type { RepairFile } from '../journal/repair-file.ts';
import type { ProgressTracker } from '../progress.ts';
import type { VerboseLog } from './verbose-log.ts';
import type { AfterBlob } from '../repair-export/context.ts';
import { formatSummary, writeAfterRepairDriveLog, writeSummary, type SummaryInputs } from './after-repair.ts';

/** What a run's context knows at its end. */
export interface RunOutcome {
  failures: RepairResult['failures'];
  notes: string[];
  repaired: number;
  resumedCount: number;
  verifiedGood: number;
  after: Map<string, AfterBlob>;
  /** Bytes written into drive files with direct I/O (drive/drive-file.ts); RepairExport only. */
  directBytes?: number;
}

/**
 * Builds the result and writes the reports. `base` is the log path prefix (`<logdir>/<DriveId>_<time>`);
 * `extra` adds job-specific fields (bytes uploaded, path map).
 */
export async function finishRun(p: {
  outcome: RunOutcome;
  progress: ProgressTracker;
  log: VerboseLog;
  journal: RepairFile;
  driveId: string;
  base: string;
  alreadyFinished: boolean;
  summary: SummaryInputs;
  extra?: Partial<RepairResult>;
}): Promise<RepairResult> {
  const { outcome: o, progress } = p;
  p.progress.phase('reporting');
  const exitCode = o.failures.length ? 1 : 0;
  const result: RepairResult = {
    exitCode,
    driveId: p.driveId,
    repaired: o.repaired,
    resumed: o.resumedCount,
    verifiedGood: o.verifiedGood,
    failures: o.failures,
    notes: o.notes,
    bytesDownloaded: progress.state.bytesDownloaded,
    bytesVerified: progress.state.bytesVerified,
    elapsedMs: progress.elapsedMs,
    verboseLogFile: p.log.path,
    driveLogFile: `${p.base}_repaired_drivelog.xml`,
    summaryFile: `${p.base}_repair-summary.txt`,
    alreadyFinished: p.alreadyFinished,
    ...p.extra,
  };
  await writeAfterRepairDriveLog(result.driveLogFile, p.driveId, o.after.values(), exitCode === 0 ? 'Completed' : 'CompletedWithErrors');
  await writeSummary(result.summaryFile, formatSummary(result, p.summary));
  if (!p.alreadyFinished) p.journal.append({ t: 'finished', exitCode, at: new Date().toISOString() });
  p.log.write('info', `finished: exit code ${exitCode}, ${o.repaired} repaired, ${o.failures.length} failed${o.directBytes !== undefined ? `, ${o.directBytes} bytes written with direct I/O` : ''}`);
  return result;
}
