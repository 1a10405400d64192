/**
 * The contract between the engine (worker thread), the engine host and its front doors (CLI, Electron
 * IPC, browser host). Everything here is structured-clone safe plain data.
 */
import type { ErrorInfo } from './errors.ts';

/**
 * Storage credentials (secrets live in memory only; design card "Secrets").
 * Exactly one of `accountKey` / `containerSas` is set.
 */
export interface StorageCredentials {
  /** Storage account name (`/sn`). */
  accountName: string;
  /** Account key, base64 (`/sk`). */
  accountKey?: string;
  /**
   * Container SAS (`/csas`): a bare token (`sv=…&sig=…`, optionally with a leading `?`), the documented
   * `<ContainerName>?<SasString>` form, or a full container URL.
   */
  containerSas?: string;
  /** Blob endpoint override (`/BlobEndpoint`), e.g. `http://127.0.0.1:10000/devstoreaccount1`. Default `https://<account>.blob.core.windows.net`. */
  blobEndpoint?: string;
}

/** A RepairExport run (seed `003_…`: `WAImportExport.exe RepairExport /r /d /sn /sk|/csas /CopyLogFile [/ManifestFile] [/logdir]`). */
export interface RepairExportRequest {
  /** Repair file path (`/r`): created on the first run, resumed afterwards. */
  repairFile: string;
  /** Directory to repair (`/d`): the export drive's root or a copy of it. */
  targetDir: string;
  /** Copy log (`/CopyLogFile`). Optional only when `manifestFile` is given (validate a drive against its manifest). */
  copyLogFile?: string;
  /** Drive manifest (`/ManifestFile`): enables MD5 verification of every file. */
  manifestFile?: string;
  /** Log directory (`/logdir`), default the current directory. */
  logDir: string;
  credentials: StorageCredentials;
  /** Parallel range transfers, default 8. */
  concurrency?: number;
  /** Idle time after which a stalled download is cut off and retried, ms (default 30 000). */
  stallTimeoutMs?: number;
  /** Attempts per range before giving up (default 6). */
  maxAttempts?: number;
}

/** Named steps of a repair, reported in every progress event (like etcher-sdk's `flashing`/`verifying`). */
export type RepairPhase = 'preparing' | 'repairing' | 'verifying' | 'reporting';

/** Polled progress state; bytes in bytes, rate in bytes per second. */
export interface RepairProgress {
  phase: RepairPhase;
  /** Bytes downloaded (repairing) so far in this run. */
  bytesDownloaded: number;
  /** Bytes read and hashed (verifying) so far in this run. */
  bytesVerified: number;
  /** Bytes known to need downloading so far (grows while the plan is streamed). */
  bytesToDownload: number;
  /** Bytes the manifest lists (grows while it is streamed). */
  bytesToVerify: number;
  /** Components (ranges, whole files, properties/metadata files) finished / known. */
  componentsDone: number;
  componentsTotal: number;
  /** Components that failed for good so far. */
  componentsFailed: number;
  /** Drive-relative path of a file being worked on now. */
  currentFile?: string;
  /** ms since the run started. */
  elapsedMs: number;
  /** True while the run is paused. */
  paused?: boolean;
}

/** One component that could not be repaired, with its Import/Export status code. */
export interface ComponentFailure {
  /** Drive-relative FilePath (Windows style). */
  filePath: string;
  blobPath?: string;
  /** `range` with offset/length, `file` (whole), `properties`, `metadata`, `blob` (the blob as a whole). */
  component: 'range' | 'file' | 'properties' | 'metadata' | 'blob';
  offset?: number;
  length?: number;
  /** Import/Export status code: FileNameInvalid, BlobUnexpectedChange, BlobRequestFailed, IOFailed, Corrupted… */
  statusCode: string;
  detail: string;
}

/** Outcome of a finished run (also when some components failed). */
export interface RepairResult {
  /** 0 only when every component is repaired and verified. */
  exitCode: number;
  driveId: string;
  /** Components repaired (downloaded and written) in this run. */
  repaired: number;
  /** Components already done by an earlier run of this repair file. */
  resumed: number;
  /** Components checked against the manifest and found good. */
  verifiedGood: number;
  failures: ComponentFailure[];
  /** Notes for the report, e.g. properties compared by value. */
  notes: string[];
  bytesDownloaded: number;
  bytesVerified: number;
  elapsedMs: number;
  verboseLogFile: string;
  driveLogFile: string;
  summaryFile: string;
  /** True when the repair file said this repair had already finished: nothing was downloaded. */
  alreadyFinished: boolean;
}

/** Messages the worker sends. Progress at most 10 per second; terminal events at once. */
export type EngineEvent =
  | { type: 'progress'; progress: RepairProgress }
  | { type: 'paused'; paused: boolean }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string }
  | { type: 'done'; result: RepairResult }
  | { type: 'failed'; error: ErrorInfo }
  | { type: 'cancelled' };

/** A job the engine runs. */
export type EngineJob = { kind: 'RepairExport'; request: RepairExportRequest };

/** The kinds of job, e.g. `RepairExport`. */
export type EngineJobKind = EngineJob['kind'];

/**
 * Messages the worker accepts: start one job; cancel (aborts every request in flight); pause (no new
 * transfer starts, those in flight finish) and resume.
 */
export type EngineCommand = { type: 'start'; job: EngineJob } | { type: 'cancel' } | { type: 'pause' } | { type: 'resume' };
