/**
 * Shared state of one RepairImport run: RepairExport's {@link RunContext} (clients, repair file,
 * progress, verbose log, pools, failures, after-repair records), plus the source resolver, the paths
 * that could not be resolved (for the path map file and the result), and the retry scope of uploads.
 */
import type { PathConflict, RepairImportRequest } from '../../../src-shared/engine-protocol.ts';
import type { BlobClientFactory } from '../storage/credentials.ts';
import type { RepairFile } from '../journal/repair-file.ts';
import type { ProgressTracker } from '../progress.ts';
import type { VerboseLog } from '../report/verbose-log.ts';
import type { PauseGate } from '../pause.ts';
import { RunContext } from '../repair-export/context.ts';
import { pathMapKey } from './path-map.ts';
import type { SourceResolver } from './resolve-source.ts';
import type { RetryScope } from './upload.ts';

/** The run state of RepairImport. `root` (inherited) is the first source directory. */
export class ImportContext extends RunContext<RepairImportRequest> {
  /** Unresolved paths by {@link pathMapKey}, in the order they were met. */
  readonly conflicts = new Map<string, PathConflict>();
  /** BlobPaths left alone because the import's no-overwrite rule skipped them. */
  readonly skippedByRule: string[] = [];
  /** BlobPaths the import renamed (their data goes to the new name the copy log gives). */
  readonly renamed: string[] = [];
  /** Retry settings and log hook for every request of this run. */
  readonly retry: RetryScope;

  constructor(
    req: RepairImportRequest,
    readonly resolver: SourceResolver,
    clients: BlobClientFactory,
    journal: RepairFile,
    progress: ProgressTracker,
    log: VerboseLog,
    outer: AbortSignal,
    gate?: PauseGate,
  ) {
    super(req, resolver.roots[0] ?? '', clients, journal, progress, log, outer, gate);
    this.retry = {
      signal: this.signal,
      maxAttempts: req.maxAttempts,
      requestTimeoutMs: req.requestTimeoutMs,
      onRetry: (what, e, attempt) => this.log.write('warn', `retry ${attempt} ${what}: ${e.detail}`),
    };
  }

  /** Records an unresolved path once (the first blob that needed it is named). */
  addConflict(c: PathConflict): void {
    const k = pathMapKey(c.drivePath);
    if (!this.conflicts.has(k)) {
      this.conflicts.set(k, c);
      this.log.write('warn', `unresolved ${c.drivePath} (${c.reason}): ${c.detail}`);
    }
  }
}
