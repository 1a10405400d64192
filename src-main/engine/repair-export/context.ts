/**
 * Shared state of one repair run (RepairExport, and RepairImport through its subclass
 * `repair-import/context.ts`): inputs, clients, repair file, progress, verbose log, pools, and the
 * outcome of every component (failures and the after-repair status of each touched blob).
 */
import type { BlobClient } from '@azure/storage-blob';
import { DriveFile } from '../drive/drive-file.ts';
import type { ComponentFailure, RepairExportRequest } from '../../../src-shared/engine-protocol.ts';
import type { LogRange, RangeKind } from '../../../src-shared/formats/types.ts';
import { parseBlobPath } from '../../../src-shared/paths/index.ts';
import { WaieError } from '../../../src-shared/errors.ts';
import type { BlobClientFactory } from '../storage/credentials.ts';
import type { RepairFile } from '../journal/repair-file.ts';
import type { ProgressTracker } from '../progress.ts';
import type { VerboseLog } from '../report/verbose-log.ts';
import { BlobRangeReader, type RangeSource } from '../transfer/range-get.ts';
import { TaskPool } from '../task-pool.ts';
import { verifyConcurrency } from '../verify/hash-pool.ts';
import { PauseGate } from '../pause.ts';
import { classifyStorageError, type ClassifiedError } from '../storage/errors.ts';
import { RangeDownloadError } from '../transfer/download-range.ts';

/** After-repair status of one component of a blob, for the after-repair drive log. */
export interface AfterRange {
  offset: number;
  length: number;
  id?: string;
  hash?: string;
  status: string;
}

/** After-repair record of a blob the run touched (repaired, verified bad, or failed). */
export interface AfterBlob {
  blobPath: string;
  filePath: string;
  snapshot?: string;
  length: number;
  lastModified?: string;
  rangeKind?: RangeKind;
  ranges: Map<number, AfterRange>;
  properties?: { status: string; path?: string };
  metadata?: { status: string; path?: string };
  /** Blob-level status when the blob failed as a whole (FileNameInvalid, BlobUnexpectedChange…). */
  blobFailure?: string;
  /** Import only: the copy log's `ImportDisposition` (rename | no-overwrite | overwrite) and its Status, passed through. */
  importDisposition?: { value: string; status?: string };
}

/** Pin of a blob at planning time: ETag (all GETs are `If-Match`) and Last-Modified. */
export interface BlobPin {
  client: BlobClient;
  /** Where the engine's ranged GETs read the blob (range-get.ts, from credentials.ts `readUrl`, which holds a SAS); without it, ranges go through `client`. */
  source?: RangeSource;
  etag?: string;
  lastModified?: Date;
  contentLength?: number;
  /** The blob's properties as a `.properties` file would hold them. */
  properties?: import('../../../src-shared/formats/types.ts').BlobPropertiesFile;
  /** The blob's metadata. */
  metadata?: Record<string, string>;
}

/** What a run's pools and transfers read from its request (RepairExportRequest, RepairImportRequest). */
export interface RunSettings {
  /** Parallel range transfers, default 8. */
  concurrency?: number;
  /** Idle time after which a stalled download is cut off, ms. */
  stallTimeoutMs?: number;
  /** Attempts per range or request before giving up. */
  maxAttempts?: number;
}

/** An error that already carries its classification (range downloads, RepairImport uploads). */
function classifiedOf(err: unknown): ClassifiedError | undefined {
  if (err instanceof RangeDownloadError) return err.classified;
  const c = (err as { classified?: ClassifiedError } | null)?.classified;
  return c && typeof c.disposition === 'string' && typeof c.statusCode === 'string' ? c : undefined;
}

/**
 * The run's state. `R` is the request type (RepairExportRequest by default); `root` is the directory
 * the run writes into (RepairExport's `/d`) or, for RepairImport, the first source directory.
 */
export class RunContext<R extends RunSettings = RepairExportRequest> {
  readonly failures: ComponentFailure[] = [];
  readonly notes: string[] = [];
  readonly after = new Map<string, AfterBlob>();
  /** BlobPaths with at least one failed component in this run. */
  readonly failedBlobs = new Set<string>();
  /** Range transfers (network): the request's concurrency. */
  readonly transfers: TaskPool;
  /** Files being verified at once: a few per hashing thread (verify/hash-pool.ts). */
  readonly verifiers = new TaskPool(verifyConcurrency(), verifyConcurrency() * 4);
  /** Blobs being prepared/orchestrated at once. */
  readonly blobs: TaskPool;
  private reader?: BlobRangeReader;
  repaired = 0;
  /** Bytes written into drive files with direct I/O (drive/drive-file.ts), reported at the end of a RepairExport run (which sets it to 0 first). */
  directBytes?: number;
  /** Components an earlier run of this repair file already finished. */
  resumedCount: number;
  verifiedGood = 0;
  private fatal?: unknown;
  private readonly internal = new AbortController();
  readonly signal: AbortSignal;

  constructor(
    readonly req: R,
    readonly root: string,
    readonly clients: BlobClientFactory,
    readonly journal: RepairFile,
    readonly progress: ProgressTracker,
    readonly log: VerboseLog,
    outer: AbortSignal,
    /** Pause between transfers and files (the job's gate, or a gate never paused). */
    readonly gate: PauseGate = new PauseGate(),
  ) {
    const c = req.concurrency ?? 8;
    this.transfers = new TaskPool(c, c * 2);
    this.blobs = new TaskPool(Math.max(2, Math.min(c, 8)), Math.max(4, c * 2));
    this.signal = AbortSignal.any([outer, this.internal.signal]);
    this.resumedCount = journal.state.done.size;
  }

  /** The run's ranged-GET client (its connection pool), made on first use; {@link closeConnections} closes it. */
  get rangeReader(): BlobRangeReader {
    return (this.reader ??= new BlobRangeReader(this.req.concurrency ?? 8));
  }

  /** Closes the run's connections (when the run ends, however it ends). */
  async closeConnections(): Promise<void> {
    await this.reader?.close().catch(() => undefined);
  }

  /** Stops the whole run (wrong credentials, endpoint gone): every task sees the abort. */
  failRun(err: unknown): void {
    this.fatal ??= err;
    this.internal.abort(err);
  }

  /** Throws the fatal error, if any. */
  throwIfFatal(): void {
    if (this.fatal !== undefined) throw this.fatal;
  }

  /** The blob client for a copy-log/manifest BlobPath; throws a component WaieError for an unusable BlobPath. */
  blobClient(blobPath: string, snapshot?: string): BlobClient {
    const p = parseBlobPath(blobPath);
    if (!p.ok) {
      throw new WaieError({ code: 'BLOB_PATH_INVALID', title: 'Unusable blob path', detail: `${p.reason} A BlobPath must stay a path inside the storage account; nothing was downloaded for it.`, statusCode: 'BlobRequestFailed' });
    }
    return this.clients.blobClient(p.container, p.blobName, snapshot);
  }

  /** The after-repair record of a blob, created from the copy log or manifest entry on first use. */
  afterOf(b: { blobPath: string; filePath: string; snapshot?: string; length: number; lastModified?: string; rangeKind?: RangeKind }): AfterBlob {
    let a = this.after.get(b.filePath);
    if (!a) {
      a = { blobPath: b.blobPath, filePath: b.filePath, snapshot: b.snapshot, length: b.length, lastModified: b.lastModified, rangeKind: b.rangeKind, ranges: new Map() };
      this.after.set(b.filePath, a);
    }
    return a;
  }

  /** Records a range outcome in the after-repair record. */
  setRange(a: AfterBlob, r: Pick<LogRange, 'offset' | 'length' | 'id' | 'hash'>, status: string): void {
    a.ranges.set(r.offset, { offset: r.offset, length: r.length, id: r.id, hash: r.hash, status });
  }

  /** Records a failure (statusCode from seed 000's tables) and logs it. */
  fail(failure: ComponentFailure): void {
    // Details end up in the summary, the after-repair log, the result and the screen: never a secret.
    const f = { ...failure, detail: this.log.redact(failure.detail) };
    this.failures.push(f);
    if (f.blobPath) this.failedBlobs.add(f.blobPath);
    this.progress.add('componentsFailed', 1);
    const where = f.offset !== undefined ? ` offset ${f.offset} length ${f.length}` : '';
    this.log.write('error', `${f.statusCode} ${f.component} ${f.filePath}${where}: ${f.detail}`);
  }

  /**
   * Turns an error thrown while working on one component into a failure record, or into a run-level
   * stop when it is fatal or the run was cancelled (rethrown).
   */
  handleComponentError(err: unknown, f: Omit<ComponentFailure, 'statusCode' | 'detail'>): void {
    if (this.signal.aborted) throw this.signal.reason;
    if (err instanceof WaieError) {
      this.fail({ ...f, statusCode: err.info.statusCode ?? 'Failed', detail: err.info.detail });
      // The target directory itself is gone (drive unplugged, folder deleted): nothing more can be written.
      if (err.info.code === 'TARGET_GONE') this.failRun(err);
      return;
    }
    const pre = classifiedOf(err);
    const c = pre ?? classifyStorageError(err);
    const errno = (err as NodeJS.ErrnoException)?.code;
    if (!pre && errno && /^E[A-Z]+$/.test(errno) && !('statusCode' in (err as object))) {
      const statusCode = errno === 'EACCES' || errno === 'EPERM' || errno === 'EBUSY' ? 'FileAccessDenied' : 'IOFailed';
      const fatal = errno === 'ENOSPC' || errno === 'EROFS';
      const message = String((err as Error).message);
      this.fail({ ...f, statusCode, detail: message.startsWith(errno) ? message : `${errno}: ${message}` });
      if (fatal) this.failRun(new WaieError({ code: 'DISK_FULL', title: errno === 'ENOSPC' ? 'The target drive is full' : 'The target drive is read-only', detail: `Writing ${f.filePath} failed with ${errno}. Free space or remount the drive writable, then run the same command again to resume.`, statusCode: 'IOFailed', file: f.filePath }));
      return;
    }
    // An endpoint that cannot be reached even after the SDK's retries (a request outside the engine's own
    // retry loops) stops the run like one that gave up inside them.
    if (c.disposition === 'fatal' || (c.unreachable && !pre)) {
      this.fail({ ...f, statusCode: c.statusCode, detail: c.detail });
      this.failRun(new WaieError({ code: c.statusCode === 'BlobRequestForbidden' ? 'FORBIDDEN' : 'UNREACHABLE', title: c.statusCode === 'BlobRequestForbidden' ? 'The storage account refused access' : 'The storage account cannot be reached', detail: `${c.detail} The repair file keeps what is done; run the same command again to resume.`, statusCode: c.statusCode }));
      return;
    }
    this.fail({ ...f, statusCode: c.statusCode, detail: c.detail });
  }
}

/** Opens a drive file for positional writes, creating it if needed, never truncating it (drive/drive-file.ts). */
export function openForRepair(absolute: string): Promise<DriveFile> {
  return DriveFile.open(absolute);
}
