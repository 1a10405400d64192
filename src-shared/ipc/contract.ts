/**
 * The typed contract between the wizard (renderer) and the app (Electron main or the browser host):
 * one entry per channel with its parameters and result, plus the event stream. The preload exposes
 * one function per channel (`window.api[channel](params)`); the browser host serves the same channels
 * as `POST /api/<channel>`. Results are {@link ApiResult}: errors are data, never thrown across.
 *
 * Design card: "window.api: one typed function per channel, results {ok,value}|{ok:false,error}".
 */
import type { ErrorInfo } from '../errors.ts';
import type { EngineEvent, PathConflict, RepairExportRequest, RepairImportRequest, RepairProgress, RepairResult, StorageCredentials } from '../engine-protocol.ts';
import type { ReviewModel } from '../review/types.ts';
import type { DownloadedLog, FoundLog, LogListing } from '../logs/types.ts';

/** Result of every channel. `error.statusCode` is an Import/Export status code when one applies. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** What the app is and can do here. */
export interface AppInfo {
  version: string;
  /** `electron` (desktop) or `browser` (the loopback browser host). */
  host: 'electron' | 'browser';
  /** `win32`, `linux`, `darwin`. */
  platform: string;
  /** True/false when known; null when it cannot be told (non-Windows: running as root or not). */
  elevated: boolean | null;
  /** Whether "Try it with a sample job" can run (the embedded Azurite is installed). */
  sampleAvailable: boolean;
  /** Whether native file dialogs exist (Electron); otherwise the wizard uses its server-side browser. */
  nativeDialogs: boolean;
  /** Whether secrets can be remembered in the OS keychain (Electron safeStorage). */
  canRememberSecrets: boolean;
  /** The system language, e.g. `nl-NL`. */
  systemLanguage: string;
}

/** BitLocker state of a volume. */
export type BitLockerState = 'locked' | 'unlocked' | 'notEncrypted' | 'unknown';

/** A connected volume (Drive step). Sizes in bytes. */
export interface VolumeInfo {
  /** Stable id for the UI: the device path or drive letter. */
  id: string;
  /** `G:` on Windows, mount point elsewhere; undefined when not mounted (locked). */
  mountPath?: string;
  /** Block device (`/dev/sdb1`) where there is one. */
  device?: string;
  label?: string;
  sizeBytes?: number;
  fileSystem?: string;
  /** The disk's hardware serial number, spaces removed (the copy log's DriveId). */
  serialNumber?: string;
  busType?: string;
  bitLocker: BitLockerState;
  /** True when the serial equals the copy log's DriveId (case-insensitive). */
  matchesDriveId: boolean;
}

/** A failed blob as the copy log tells it (copy-log step summary, Review). */
export interface FailedBlobSummary {
  blobPath: string;
  filePath: string;
  status: string;
  /** Ranges whose status is not `Completed`. */
  failedRanges: Array<{ offset: number; length: number; status: string }>;
  /** Bytes in failed ranges, or the blob length when it failed as a whole. */
  bytesAffected: number;
  propertiesStatus?: string;
  metadataStatus?: string;
  /** True when RepairExport downloads the whole file. */
  whole: boolean;
}

/** What a copy log says, for the copy-log step. Counts are complete; `failedBlobs` is capped. */
export interface CopyLogSummary {
  path: string;
  variant: 'DriveLog' | 'CopyLog2021' | 'VerboseLog2021';
  version?: string;
  driveId?: string;
  driveStatus?: string;
  blobCount: number;
  countsByBlobStatus: Record<string, number>;
  countsByRangeStatus: Record<string, number>;
  bytesAffected: number;
  failedBlobCount: number;
  /** The first failed blobs (at most 1000). */
  failedBlobs: FailedBlobSummary[];
  /** Notes in plain words, e.g. "2021-08-01 logs can only be repaired file by file". */
  notes: string[];
}

/** What a drive manifest holds. */
export interface ManifestSummary {
  path: string;
  driveId: string;
  version?: string;
  blobCount: number;
  /** Bytes covered by its blocks and page ranges. */
  bytes: number;
}

/** Result of "Test connection": read access to the blobs the copy log names. */
export interface ConnectionCheck {
  endpoint: string;
  /** Blobs checked (at most 20). */
  checked: number;
  /** Blobs that could be read. */
  readable: number;
  problems: Array<{ blobPath: string; statusCode: string; detail: string }>;
}

/** The plan shown before a repair: what will be downloaded and verified. Bytes. */
export interface RepairPlan {
  filesToRepair: number;
  rangesToDownload: number;
  wholeFiles: number;
  sidecarFiles: number;
  bytesToDownload: number;
  /** Files and bytes the manifest makes the repair verify (0 without a manifest). */
  filesToVerify: number;
  bytesToVerify: number;
  /** Free space on the target, bytes; undefined when unknown. */
  freeBytes?: number;
  /** Files the plan refuses (unsafe paths), with status code. */
  refused: Array<{ filePath: string; statusCode: string; reason: string }>;
}

/**
 * The plan shown before a RepairImport (issue 7): what will be uploaded from the original files, which
 * originals were found under the source folders, and which paths cannot be resolved now (they go into
 * the path map for the user to resolve; the Report step lists them). Nothing is uploaded or written to
 * make it. Bytes in bytes.
 */
export interface ImportRepairPlan {
  /** Blobs whose data, properties or metadata will be uploaded (Skipped blobs excluded). */
  blobsToRepair: number;
  /** Failed blocks and page ranges uploaded from the originals (blobs uploaded whole not counted). */
  rangesToUpload: number;
  /** Blobs uploaded whole (failed as a whole, Cancelled ranges, ImportDisposition Cancelled). */
  wholeBlobs: number;
  /** `.properties` / `.metadata` files to set on their blobs. */
  sidecarFiles: number;
  /** Bytes to upload: failed ranges, or the whole length of blobs uploaded whole. */
  bytesToUpload: number;
  /** Blobs the no-overwrite rule kept (ImportDisposition `Skipped`): not touched. */
  skippedByRule: number;
  /** Blobs renamed by the import's rename rule: their data goes to the new name. */
  renamed: number;
  /** Items that are not blobs (Azure Files items): RepairImport cannot repair them. */
  notBlobs: number;
  /** The source folders as the repair uses them (real paths, duplicates removed). */
  sourceDirs: string[];
  /** Originals found (under a source folder or through the path map). */
  filesFound: number;
  /** Originals found through the path map (the user's choices). */
  filesMapped: number;
  /** Paths that cannot be resolved now (not found, ambiguous…), in copy-log order, at most 1000. */
  conflicts: PathConflict[];
  /** All unresolved paths (`conflicts` may list fewer). */
  conflictCount: number;
  /** The path map file the repair will use (absolute). */
  pathMapFile: string;
}

/** A directory listing for the server-side file browser (browser host). */
export interface DirectoryListing {
  path: string;
  parent?: string;
  entries: Array<{ name: string; path: string; kind: 'file' | 'directory'; sizeBytes?: number }>;
  /** Roots to start from (drive letters on Windows, `/` and the home folder elsewhere). */
  roots: string[];
}

/** A prepared sample job (embedded Azurite + generated damaged drive). */
export interface SampleJobInfo {
  driveDir: string;
  copyLogFile: string;
  manifestFile: string;
  driveId: string;
  credentials: StorageCredentials;
  repairFile: string;
  logDir: string;
}

/** Current job state, for a window that reloads. */
export type JobState =
  | { status: 'idle' }
  | { status: 'running'; job: string; paused: boolean; progress?: RepairProgress }
  | { status: 'done'; result: RepairResult }
  | { status: 'failed'; error: ErrorInfo }
  | { status: 'cancelled' };

/** User settings kept by the app (never secrets in plain text). */
export interface Settings {
  /** `en`, `nl`, or undefined to follow the system language. */
  language?: 'en' | 'nl';
  /** Remember the storage account name (and, with the keychain, its secret). */
  rememberAccount?: boolean;
  accountName?: string;
}

/** Channel → parameters → result. */
export interface ApiContract {
  'app.info': { params: void; result: AppInfo };
  'drives.list': { params: { driveId?: string }; result: VolumeInfo[] };
  'drives.unlock': { params: { volumeId: string; recoveryPassword: string }; result: { mountPath: string } };
  'copyLog.inspect': { params: { path: string }; result: CopyLogSummary };
  'manifest.find': { params: { driveRoot: string; driveId?: string }; result: { path: string } | null };
  'manifest.inspect': { params: { path: string }; result: ManifestSummary };
  'storage.test': { params: { credentials: StorageCredentials; copyLogPath?: string; manifestPath?: string }; result: ConnectionCheck };
  'repair.plan': { params: { request: RepairExportRequest }; result: RepairPlan };
  'repair.start': { params: { request: RepairExportRequest }; result: void };
  'repair.pause': { params: { paused: boolean }; result: void };
  'repair.cancel': { params: void; result: void };
  'repair.state': { params: void; result: JobState };
  /** Forgets a finished, failed or cancelled job so a new window starts at the beginning (no-op while running). */
  'repair.reset': { params: void; result: JobState };
  'report.save': { params: { format: 'html' | 'csv'; path?: string }; result: { path: string } };
  /** What a RepairImport will upload, and which originals it cannot find now (nothing is written). */
  'repairImport.plan': { params: { request: RepairImportRequest }; result: ImportRepairPlan };
  /** Starts a RepairImport (engine job `RepairImport`); the same request and repair file resume it. Progress as for repair.start. */
  'repairImport.start': { params: { request: RepairImportRequest }; result: void };
  /** Writes the user's choices into a path map file (`setPathMapTargets`): one target per drive path; an empty target clears it. */
  'pathMap.set': { params: { file: string; entries: Array<{ drivePath: string; target: string }> }; result: void };
  /** Reviews a copy log (`reviewCopyLog`): texts in `lang` (default `en`). */
  'review.run': { params: { copyLogPath: string; manifestPath?: string; lang?: 'en' | 'nl' }; result: ReviewModel };
  /** Saves a review as HTML (self-contained report) or CSV (every failed component; reads the log again). */
  'review.save': { params: { model: ReviewModel; format: 'html' | 'csv'; path: string }; result: { path: string } };
  /** Lists a job's logs and manifest backups in the storage account (`findJobLogs`), per drive and time. */
  'logs.list': { params: { credentials: StorageCredentials; jobName?: string; driveId?: string; statesPath?: string; diagnosticsPath?: string }; result: LogListing };
  /** Downloads logs from a listing into `outDir` (`downloadJobLogs`); manifest backups checked against `manifestMd5ByDrive`. */
  'logs.download': { params: { credentials: StorageCredentials; logs: FoundLog[]; outDir: string; manifestMd5ByDrive?: Record<string, string> }; result: DownloadedLog[] };
  'fs.list': { params: { path?: string; extensions?: string[] }; result: DirectoryListing };
  'dialog.open': { params: { kind: 'file' | 'folder' | 'save'; title?: string; extensions?: string[]; defaultPath?: string }; result: { path: string } | null };
  'shell.openPath': { params: { path: string }; result: void };
  'sample.prepare': { params: void; result: SampleJobInfo };
  'settings.get': { params: void; result: Settings };
  /** Replaces the settings (send the whole object; a key left out is cleared). */
  'settings.set': { params: Settings; result: Settings };
  'secrets.remember': { params: { accountName: string; secret: string | null }; result: void };
  'secrets.recall': { params: { accountName: string }; result: { secret: string } | null };
}

export type Channel = keyof ApiContract;
export type ParamsOf<C extends Channel> = ApiContract[C]['params'];
export type ResultOf<C extends Channel> = ApiContract[C]['result'];

/** Every channel, for registration and sender checks. */
export const CHANNELS: readonly Channel[] = [
  'app.info',
  'drives.list',
  'drives.unlock',
  'copyLog.inspect',
  'manifest.find',
  'manifest.inspect',
  'storage.test',
  'repair.plan',
  'repair.start',
  'repair.pause',
  'repair.cancel',
  'repair.state',
  'repair.reset',
  'report.save',
  'repairImport.plan',
  'repairImport.start',
  'pathMap.set',
  'review.run',
  'review.save',
  'logs.list',
  'logs.download',
  'fs.list',
  'dialog.open',
  'shell.openPath',
  'sample.prepare',
  'settings.get',
  'settings.set',
  'secrets.remember',
  'secrets.recall',
];

/** The event channel: engine events (progress ≤ 10/s, terminal events at once). */
export const EVENT_CHANNEL = 'engine.event';

/**
 * What the page sees as `window.api`: one function per channel, plus `onEvent`, whose return value
 * unsubscribes. The raw IPC event never reaches the page.
 */
export type WindowApi = { [C in Channel]: ParamsOf<C> extends void ? () => Promise<ApiResult<ResultOf<C>>> : (params: ParamsOf<C>) => Promise<ApiResult<ResultOf<C>>> } & {
  onEvent(listener: (e: EngineEvent) => void): () => void;
};

/** The implementation a host provides: one async function per channel; throwing WaieError is turned into `{ ok: false }`. */
export type ApiHandlers = { [C in Channel]: (params: ParamsOf<C>) => Promise<ResultOf<C>> };
