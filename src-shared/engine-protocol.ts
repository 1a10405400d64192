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

/**
 * A RepairImport run (formats.md §5, Microsoft's "Repairing an import job" for WAImportExport v1:
 * `WAImportExport.exe RepairImport /r /d:<Dir1;Dir2…> /sn /sk|/csas /CopyLogFile [/PathMapFile] [/logdir]`):
 * every block, page range, properties and metadata file the import's copy log names as failed is
 * read from the original files and uploaded again.
 */
export interface RepairImportRequest {
  /** Repair file path (`/r`): created on the first run, resumed afterwards. Its mode is `RepairImport`. */
  repairFile: string;
  /**
   * Directories holding the original files (`/d`, semicolon-separated on the command line), at least
   * one: the import drive itself or other copies. Each copy-log FilePath is looked for under each.
   */
  sourceDirs: string[];
  /** The import job's copy log for this drive (`/CopyLogFile`): error or verbose log. */
  copyLogFile: string;
  /**
   * Path map file (`/PathMapFile`): `\drive\path<TAB>local path` per line. Paths that cannot be
   * resolved are written into it with an empty target; targets the user filled in are used.
   * Default: the repair file's path without its extension + `_pathmap.txt`.
   */
  pathMapFile?: string;
  /** Log directory (`/logdir`), default the current directory. */
  logDir: string;
  credentials: StorageCredentials;
  /** Parallel uploads (Put Block / Put Page), default 8. */
  concurrency?: number;
  /** Attempts per request before giving up on transient failures (default 6). */
  maxAttempts?: number;
  /** A request without an answer for this long is cut off and retried, ms (default 300 000). */
  requestTimeoutMs?: number;
}

/**
 * Why a copy-log FilePath could not be resolved to one local file (formats.md §5: "not found, access
 * denied, invalid name, or found under more than one root"), plus `target-unusable` when the path map
 * names a file that cannot be read.
 */
export type PathConflictReason = 'not-found' | 'access-denied' | 'invalid-name' | 'ambiguous' | 'target-unusable';

/** One path RepairImport could not resolve: listed in the path map file and in the result (for the wizard). */
export interface PathConflict {
  /** The drive-relative path exactly as the copy log writes it, e.g. `\animals\koala.jpg`. */
  drivePath: string;
  /** BlobPath of the blob that needs the file (the first one, when several do). */
  blobPath?: string;
  reason: PathConflictReason;
  /** Import/Export status code: FileNotFound, FileAccessDenied, FileNameInvalid, FileNameTooLong, or Failed (ambiguous). */
  statusCode: string;
  /** Local absolute paths found for it: two or more when ambiguous, else empty. A wizard offers these as choices. */
  candidates: string[];
  /** The path map's target for it, when the user gave one that cannot be used. */
  mappedTarget?: string;
  /** One sentence in plain English. */
  detail: string;
}

/** The path map of a RepairImport run. */
export interface PathMapReport {
  /** Absolute path of the path map file (written only when there was something to write). */
  file: string;
  /** True when this run created or rewrote the file. */
  written: boolean;
  /** Paths still unresolved after this run, in copy-log order; empty when every file was found. */
  conflicts: PathConflict[];
  /** How many entries of the file had a target the user filled in (used when the copy log needs them). */
  mappedEntries: number;
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
  /** Bytes uploaded (RepairImport) so far in this run. */
  bytesUploaded: number;
  /** Bytes known to need uploading so far (RepairImport; grows while the plan is streamed). */
  bytesToUpload: number;
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
  /** Components repaired in this run (RepairExport: downloaded and written; RepairImport: uploaded). */
  repaired: number;
  /** Components already done by an earlier run of this repair file. */
  resumed: number;
  /** Components checked and found good: against the manifest (RepairExport), or local ranges against the copy log's MD5 before upload (RepairImport). */
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
  /** RepairImport: bytes uploaded in this run. */
  bytesUploaded?: number;
  /** RepairImport: the path map file and the paths still unresolved (what a wizard shows to resolve). */
  pathMap?: PathMapReport;
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
export type EngineJob = { kind: 'RepairExport'; request: RepairExportRequest } | { kind: 'RepairImport'; request: RepairImportRequest };

/** The kinds of job: `RepairExport`, `RepairImport`. */
export type EngineJobKind = EngineJob['kind'];

/**
 * Messages the worker accepts: start one job; cancel (aborts every request in flight); pause (no new
 * transfer starts, those in flight finish) and resume.
 */
export type EngineCommand = { type: 'start'; job: EngineJob } | { type: 'cancel' } | { type: 'pause' } | { type: 'resume' };
