/**
 * RepairExport, end to end (seeds `001_…`/`003_…`, formats.md §4): check the inputs, bind the repair
 * file, repair from the copy log, verify and repair from the drive manifest, write the reports.
 *
 * Order of checks before anything is written to the drive: credentials and endpoint are well formed;
 * `/d` exists and is writable; the copy log and the manifest parse completely (a truncated or hostile
 * file fails here, naming file, line and column); their DriveIds agree (`ManifestDriveIdMismatch`);
 * the repair file belongs to this drive, copy log and manifest.
 */
import { access, mkdir } from 'node:fs/promises';
import { constants } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RepairExportRequest, RepairProgress, RepairResult } from '../../../src-shared/engine-protocol.ts';
import { WaieError } from '../../../src-shared/errors.ts';
import { readCopyLog } from '../formats/copy-log.ts';
import { readManifest } from '../formats/manifest.ts';
import { createBlobClientFactory, secretsOf, type BlobClientFactory } from '../storage/credentials.ts';
import { checkTargetDir } from '../drive/target.ts';
import { RepairFile, identifyInput } from '../journal/repair-file.ts';
import { ProgressTracker, startProgressTimer } from '../progress.ts';
import { VerboseLog } from '../report/verbose-log.ts';
import { finishRun } from '../report/finish-run.ts';
import { RunContext } from './context.ts';
import type { PauseGate } from '../pause.ts';
import { entityAsBlob, isFileEntity, needsRepair, repairCopyLogBlob, checkRepairedFilesStillThere } from './copy-log-pass.ts';
import { VerifyMark, verifyManifestBlob } from './manifest-pass.ts';
import { DrivePathRegistry, PathQueue, blobFingerprint, conflictDetail, drivePathKey } from './duplicates.ts';
import type { CopyLogBlob, ManifestBlob } from '../../../src-shared/formats/types.ts';

/** Hooks of a run: cancellation, throttled progress (≤ 10/s), and log lines for a live view. */
export interface RunHooks {
  signal?: AbortSignal;
  onProgress?: (p: RepairProgress) => void;
  onLog?: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** Test seam: a factory other than the one made from `request.credentials`. */
  clients?: BlobClientFactory;
  /** Pause gate the caller controls. */
  pause?: PauseGate;
}

/**
 * Checks that an input file (copy log, manifest) can be read. Throws WaieError `BAD_INPUT` naming the
 * file and what to do (`what` is its name in the message, e.g. `copy log`; `statusCode` is attached).
 * Shared with RepairImport.
 */
export async function checkReadable(file: string, what: string, statusCode?: string): Promise<void> {
  try {
    await access(file, constants.R_OK);
  } catch {
    throw new WaieError({ code: 'BAD_INPUT', title: `The ${what} cannot be read`, detail: `${file} does not exist or cannot be read. Check the path${what === 'copy log' ? ' (download the copy log from the job\'s storage account: waimportexport/waies/…_error.xml)' : ''}.`, statusCode, file });
  }
}

/**
 * Resolves `/logdir` (default the current directory), creates it and checks it is writable. Returns
 * the absolute path. Throws WaieError `BAD_INPUT` when it cannot be written to. Shared with RepairImport.
 */
export async function prepareLogDir(dir: string | undefined): Promise<string> {
  const logDir = resolve(dir || '.');
  await mkdir(logDir, { recursive: true });
  try {
    await access(logDir, constants.W_OK);
  } catch {
    throw new WaieError({ code: 'BAD_INPUT', title: 'The log directory is not writable', detail: `${logDir} cannot be written to. Give /logdir a folder you can write to.`, file: logDir });
  }
  return logDir;
}

/** What a full streaming pass over the copy log found (it also validates the whole file). */
interface CopyLogScan {
  variant: string;
  driveId?: string;
  blobsToRepair: number;
  entities: number;
  /** Drive paths of the blobs to repair that the log names more than once (duplicates.ts). */
  paths: DrivePathRegistry;
}

async function scanCopyLog(file: string): Promise<CopyLogScan> {
  const s: CopyLogScan = { variant: 'DriveLog', blobsToRepair: 0, entities: 0, paths: new DrivePathRegistry() };
  for await (const item of readCopyLog(file)) {
    if (item.type === 'header') {
      s.variant = item.variant;
      s.driveId = item.driveId;
    } else if (item.type === 'blob' && needsRepair(item.blob)) {
      s.blobsToRepair++;
      s.paths.add(item.blob.filePath, blobFingerprint(item.blob));
    } else if (item.type === 'entity') {
      s.entities++;
      if (isFileEntity(item.entity)) {
        const b = entityAsBlob(item.entity);
        s.paths.add(b.filePath, blobFingerprint(b));
      }
    } else if (item.type === 'end' && item.driveId) s.driveId ??= item.driveId;
  }
  s.paths.finish();
  return s;
}

async function scanManifest(file: string): Promise<{ driveId: string; blobs: number; bytes: number; paths: DrivePathRegistry }> {
  let driveId = '';
  let blobs = 0;
  let bytes = 0;
  const paths = new DrivePathRegistry();
  for await (const item of readManifest(file)) {
    if (item.type === 'drive') driveId = item.driveId;
    else if (item.type === 'blob') {
      blobs++;
      for (const r of item.blob.ranges) bytes += r.length;
      paths.add(item.blob.filePath, blobFingerprint(item.blob));
    }
  }
  paths.finish();
  return { driveId, blobs, bytes, paths };
}

/** Refuses an entry whose drive path the input names for different blobs (duplicates.ts). */
function refuseConflict(ctx: RunContext, b: CopyLogBlob | ManifestBlob, what: 'copy log' | 'drive manifest'): void {
  ctx.afterOf(b).blobFailure = 'FileNameInvalid';
  ctx.fail({ filePath: b.filePath, blobPath: b.blobPath, component: 'blob', statusCode: 'FileNameInvalid', detail: conflictDetail(b.filePath, what) });
}

/**
 * Runs one blob's work, turning anything it throws into a failure of that blob (or a stop of the run
 * for fatal errors: disk full, endpoint gone, access refused), so that one unreadable or locked file
 * never ends the run with an unexplained error.
 */
async function guarded(ctx: RunContext, b: CopyLogBlob | ManifestBlob, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    ctx.handleComponentError(err, { filePath: b.filePath, blobPath: b.blobPath, component: 'file' });
    ctx.afterOf(b).blobFailure ??= ctx.failures[ctx.failures.length - 1]?.statusCode ?? 'Failed';
  }
}

/** UTC time as `yyyyMMdd-HHmmss-fff`, for log file names (`<DriveId>_<stamp>_repair-verbose.log`). */
export function stamp(d = new Date()): string {
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}-${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}-${p(d.getUTCMilliseconds(), 3)}`;
}

/**
 * Runs RepairExport. Resolves with the result (exitCode 0 only when every component is repaired and
 * verified, 1 when some failed). Rejects with WaieError for bad input or a run-level failure (wrong
 * key, endpoint gone, disk full), and with the signal's reason when cancelled; the repair file keeps
 * what is done in every case.
 */
export async function runRepairExport(req: RepairExportRequest, hooks: RunHooks = {}): Promise<RepairResult> {
  const outer = hooks.signal ?? new AbortController().signal;
  const clients = hooks.clients ?? createBlobClientFactory(req.credentials);
  const root = await checkTargetDir(req.targetDir);
  if (!req.copyLogFile && !req.manifestFile) {
    throw new WaieError({ code: 'BAD_INPUT', title: 'Give a copy log or a drive manifest', detail: 'RepairExport repairs from the copy log (/CopyLogFile), checks every file against the drive manifest (/ManifestFile), or both.' });
  }
  if (req.copyLogFile) await checkReadable(req.copyLogFile, 'copy log');
  if (req.manifestFile) await checkReadable(req.manifestFile, 'drive manifest', 'ManifestNotFound');
  const logDir = await prepareLogDir(req.logDir);

  const progress = new ProgressTracker();
  const stopTimer = startProgressTimer(progress, (p) => hooks.onProgress?.(p));
  try {
    const scan: CopyLogScan = req.copyLogFile ? await scanCopyLog(req.copyLogFile) : { variant: 'none', blobsToRepair: 0, entities: 0, paths: new DrivePathRegistry().finish() };
    outer.throwIfAborted();
    const man = req.manifestFile ? await scanManifest(req.manifestFile) : undefined;
    outer.throwIfAborted();
    const driveId = scan.driveId ?? man?.driveId;
    if (!driveId) throw new WaieError({ code: 'BAD_INPUT', title: 'The copy log names no drive', detail: `${req.copyLogFile ?? req.manifestFile} has no DriveId. Use the copy log of the drive you are repairing.`, file: req.copyLogFile });
    if (man && scan.driveId && man.driveId.toUpperCase() !== scan.driveId.toUpperCase()) {
      throw new WaieError({ code: 'DRIVE_ID_MISMATCH', title: 'The manifest is for another drive', detail: `The copy log is for drive ${scan.driveId}, the drive manifest for drive ${man.driveId}. Use the manifest from this drive's root (<DriveId>.manifest) or its backup for drive ${scan.driveId}. Nothing was written.`, statusCode: 'ManifestDriveIdMismatch', file: req.manifestFile });
    }
    if (man) progress.add('bytesToVerify', man.bytes);

    const journal = RepairFile.open(req.repairFile, {
      format: 'waie-repair-file',
      version: 1,
      mode: 'RepairExport',
      driveId,
      copyLog: req.copyLogFile ? await identifyInput(req.copyLogFile) : null,
      manifest: req.manifestFile ? await identifyInput(req.manifestFile) : null,
      createdAt: new Date().toISOString(),
    });
    const base = join(logDir, `${driveId}_${stamp()}`);
    const log = new VerboseLog(`${base}_repair-verbose.log`, secretsOf(req.credentials));
    const ctx = new RunContext(req, root, clients, journal, progress, log, outer, hooks.pause);
    ctx.directBytes = 0;
    const origWrite = log.write.bind(log);
    log.write = (level, message) => {
      origWrite(level, message);
      if (level !== 'info') hooks.onLog?.(level, message);
    };
    try {
      log.write('info', `RepairExport drive ${driveId}: target ${root}, copy log ${req.copyLogFile ?? '(none)'}${req.manifestFile ? `, manifest ${req.manifestFile}` : ''}, endpoint ${clients.endpoint}, repair file ${req.repairFile}${journal.state.resumed ? ' (resumed)' : ' (new)'}`);
      const alreadyFinished = journal.state.finished?.exitCode === 0;
      if (alreadyFinished) {
        log.write('info', `this repair finished on ${journal.state.finished?.at}; nothing to do`);
      } else {
        if (scan.variant === 'CopyLog2021') ctx.notes.push('This is a 2021-08-01 copy log: it names errored items by path only (no offsets, no MD5), so they were downloaded as whole files.');
        if (scan.variant === 'VerboseLog2021') ctx.notes.push('This is a 2021-08-01 verbose log: it lists copied files only, without errors; nothing in it asks for repair.');
        progress.phase('repairing');
        if (req.copyLogFile && !journal.state.copyLogPassDone) {
          const queue = new PathQueue();
          const repair = async (b: CopyLogBlob): Promise<void> => {
            const key = drivePathKey(b.filePath);
            if (scan.paths.conflicted.has(key)) return refuseConflict(ctx, b, 'copy log');
            const task = (): Promise<void> => guarded(ctx, b, () => repairCopyLogBlob(ctx, b));
            await ctx.blobs.add(scan.paths.repeated.has(key) ? queue.run(key, task) : task);
          };
          for await (const item of readCopyLog(req.copyLogFile)) {
            ctx.signal.throwIfAborted();
            if (item.type === 'blob' && needsRepair(item.blob)) {
              await repair(item.blob);
            } else if (item.type === 'entity' && isFileEntity(item.entity)) {
              await repair(entityAsBlob(item.entity));
            } else if (item.type === 'entity') {
              ctx.notes.push(`${item.entity.type ?? 'Item'} "${item.entity.path}": ${item.entity.category ?? item.entity.errorCode ?? 'error'}${item.entity.errorMessage ? ` (${item.entity.errorMessage})` : ''}. This is not a file, so there is nothing to download for it.`);
            }
          }
          await ctx.blobs.drain();
          ctx.throwIfFatal();
          await checkRepairedFilesStillThere(ctx);
          if (ctx.failures.length === 0) journal.append({ t: 'phase', p: 'copylog' });
        }
        if (req.manifestFile) {
          progress.phase('verifying');
          const mark = new VerifyMark(ctx, journal.state.verifiedMark);
          const queue = new PathQueue();
          let i = 0;
          for await (const item of readManifest(req.manifestFile)) {
            ctx.signal.throwIfAborted();
            if (item.type !== 'blob') continue;
            const index = i++;
            const b = item.blob;
            if (index < journal.state.verifiedMark) {
              for (const r of b.ranges) progress.add('bytesVerified', r.length);
              continue;
            }
            const key = drivePathKey(b.filePath);
            if (man?.paths.conflicted.has(key)) {
              refuseConflict(ctx, b, 'drive manifest');
              continue;
            }
            const task = async (): Promise<void> => {
              await guarded(ctx, b, () => verifyManifestBlob(ctx, b));
              if (!ctx.failedBlobs.has(b.blobPath)) mark.complete(index);
            };
            await ctx.verifiers.add(man?.paths.repeated.has(key) ? queue.run(key, task) : task);
          }
          try {
            await ctx.verifiers.drain();
          } finally {
            mark.flush();
          }
          ctx.throwIfFatal();
        }
      }
      return await finishRun({
        outcome: ctx,
        progress,
        log,
        journal,
        driveId,
        base,
        alreadyFinished,
        summary: { copyLogFile: req.copyLogFile, manifestFile: req.manifestFile, targetDir: req.targetDir, repairFile: req.repairFile },
      });
    } catch (err) {
      ctx.failRun(err);
      await Promise.allSettled([ctx.blobs.drain(), ctx.verifiers.drain()]);
      if (outer.aborted) log.write('warn', 'cancelled; the repair file keeps what is done');
      else log.write('error', `stopped: ${err instanceof Error ? err.message : String(err)}`);
      throw err;
    } finally {
      await ctx.closeConnections();
      journal.close();
      await log.close();
    }
  } finally {
    stopTimer();
  }
}
