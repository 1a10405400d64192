/**
 * The Electron taskbar progress of a running job, as a pure function (main.ts passes it to
 * `BrowserWindow.setProgressBar`): RepairExport counts downloaded bytes (verified bytes while it
 * verifies); RepairImport counts uploaded bytes.
 */
import type { EngineJobKind, RepairProgress } from '../../src-shared/engine-protocol.ts';

/** What `setProgressBar` gets: a fraction 0…1 (or 2 with mode `indeterminate`) and the mode. */
export interface TaskbarProgress {
  value: number;
  mode: 'normal' | 'paused' | 'indeterminate';
}

/**
 * The taskbar value for `p` of a job of `kind` (undefined: told from the counters, an import when it
 * has bytes to upload). Indeterminate while the total is not known yet; paused while paused.
 */
export function taskbarProgress(p: RepairProgress, kind?: EngineJobKind): TaskbarProgress {
  const isImport = kind === 'RepairImport' || (kind === undefined && p.bytesToUpload > 0);
  const verifying = !isImport && p.phase === 'verifying';
  const total = isImport ? p.bytesToUpload : verifying ? p.bytesToVerify : p.bytesToDownload;
  const done = isImport ? p.bytesUploaded : verifying ? p.bytesVerified : p.bytesDownloaded;
  return { value: total > 0 ? Math.min(1, done / total) : 2, mode: p.paused ? 'paused' : total > 0 ? 'normal' : 'indeterminate' };
}
