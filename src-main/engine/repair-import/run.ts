/**
 * RepairImport, end to end (formats.md §5; Microsoft's "Repairing an import job", WAImportExport v1):
 * check the inputs, bind the repair file, upload again from the original files whatever the import's
 * copy log names as failed, update the path map file, write the reports.
 *
 * Order of checks before anything is uploaded: credentials and endpoint are well formed; every `/d`
 * directory exists and can be read; the copy log parses completely (a truncated or hostile file fails
 * here, naming file, line and column), names a drive, and is an import log (an export log, recognised
 * by its `Snapshot` / `LastModified`, is refused: uploading an export drive's files would overwrite
 * the blobs it was exported from); the path map file can be read; the repair file belongs to this
 * drive and copy log and is a RepairImport repair file.
 *
 * Logs, repair file, progress, resume, retries, cancel/pause and exit codes are RepairExport's
 * (repair-export/run.ts); the result adds `bytesUploaded` and `pathMap` (the unresolved paths, as data).
 */
import { join, resolve } from 'node:path';
import type { PathMapReport, RepairImportRequest, RepairResult } from '../../../src-shared/engine-protocol.ts';
import { WaieError } from '../../../src-shared/errors.ts';
import { readCopyLog } from '../formats/copy-log.ts';
import { createBlobClientFactory, secretsOf } from '../storage/credentials.ts';
import { RepairFile, identifyInput } from '../journal/repair-file.ts';
import { ProgressTracker, startProgressTimer } from '../progress.ts';
import { VerboseLog } from '../report/verbose-log.ts';
import { finishRun } from '../report/finish-run.ts';
import { isFileEntity, needsRepair } from '../repair-export/copy-log-pass.ts';
import { checkReadable, prepareLogDir, stamp, type RunHooks } from '../repair-export/run.ts';
import { ImportContext } from './context.ts';
import { dataNeedsRepair, dispositionOf, importEntityAsBlob, repairImportBlob } from './import-pass.ts';
import { PathMap, defaultPathMapFile, updatePathMapFile } from './path-map.ts';
import { SourceResolver, checkSourceDirs } from './resolve-source.ts';

/** What a full streaming pass over an import copy log found (it also validates the whole file). */
export interface ImportLogScan {
  variant: string;
  driveId?: string;
  /** Blobs the run will look at (something failed and the import did not skip them). */
  blobsToRepair: number;
  /** Blobs whose data (not only properties/metadata) failed. */
  blobsWithData: number;
  /** Blobs left alone: ImportDisposition Status="Skipped". */
  skipped: number;
  entities: number;
  /** Blobs with export-only fields (`Snapshot`, `LastModified`): an export log. */
  exportOnlyFields: number;
}

/** Reads the whole copy log once: counts, DriveId, and whether it looks like an export log. @throws WaieError `XML_PARSE` */
export async function scanImportLog(file: string): Promise<ImportLogScan> {
  const s: ImportLogScan = { variant: 'DriveLog', blobsToRepair: 0, blobsWithData: 0, skipped: 0, entities: 0, exportOnlyFields: 0 };
  for await (const item of readCopyLog(file)) {
    if (item.type === 'header') {
      s.variant = item.variant;
      s.driveId = item.driveId;
    } else if (item.type === 'blob') {
      const b = item.blob;
      if (b.snapshot !== undefined || b.lastModified !== undefined) s.exportOnlyFields++;
      if (!needsRepair(b)) continue;
      if (dispositionOf(b).status === 'skipped') s.skipped++;
      else {
        s.blobsToRepair++;
        if (dataNeedsRepair(b)) s.blobsWithData++;
      }
    } else if (item.type === 'entity') s.entities++;
    else if (item.type === 'end' && item.driveId) s.driveId ??= item.driveId;
  }
  return s;
}

/**
 * Runs RepairImport. Resolves with the result: exitCode 0 only when every failed component was
 * uploaded (and every path resolved), 1 when some were not (each in `failures`; unresolved paths also
 * in `pathMap.conflicts` and in the path map file). Rejects with WaieError for bad input or a run-level
 * failure (wrong key or SAS, endpoint gone), and with the signal's reason when cancelled; the repair
 * file keeps what is done in every case.
 *
 * @param req see {@link RepairImportRequest}
 * @param hooks cancel signal, pause gate, throttled progress (≤ 10/s), warnings for a live view; `clients` is a test seam
 */
export async function runRepairImport(req: RepairImportRequest, hooks: RunHooks = {}): Promise<RepairResult> {
  const outer = hooks.signal ?? new AbortController().signal;
  const clients = hooks.clients ?? createBlobClientFactory(req.credentials);
  const roots = await checkSourceDirs(req.sourceDirs);
  await checkReadable(req.copyLogFile, 'copy log');
  const logDir = await prepareLogDir(req.logDir);
  const pathMapFile = resolve(req.pathMapFile || defaultPathMapFile(req.repairFile));
  const map = await PathMap.load(pathMapFile);

  const progress = new ProgressTracker();
  const stopTimer = startProgressTimer(progress, (p) => hooks.onProgress?.(p));
  try {
    const scan = await scanImportLog(req.copyLogFile);
    outer.throwIfAborted();
    if (!scan.driveId) throw new WaieError({ code: 'BAD_INPUT', title: 'The copy log names no drive', detail: `${req.copyLogFile} has no DriveId. Use the copy log of the import drive you are repairing.`, file: req.copyLogFile });
    if (scan.exportOnlyFields > 0) {
      throw new WaieError({ code: 'BAD_INPUT', title: 'This is the copy log of an export job', detail: `${req.copyLogFile} has Snapshot or LastModified entries, which only export logs carry. RepairImport would upload local files over the exported blobs; use "waie RepairExport" for an export drive. Nothing was uploaded.`, file: req.copyLogFile });
    }
    const journal = RepairFile.open(req.repairFile, {
      format: 'waie-repair-file',
      version: 1,
      mode: 'RepairImport',
      driveId: scan.driveId,
      copyLog: await identifyInput(req.copyLogFile),
      manifest: null,
      createdAt: new Date().toISOString(),
    });
    const driveId = scan.driveId;
    const base = join(logDir, `${driveId}_${stamp()}`);
    const log = new VerboseLog(`${base}_repair-verbose.log`, secretsOf(req.credentials));
    const ctx = new ImportContext(req, new SourceResolver(roots, map), clients, journal, progress, log, outer, hooks.pause);
    const origWrite = log.write.bind(log);
    log.write = (level, message) => {
      origWrite(level, message);
      if (level !== 'info') hooks.onLog?.(level, message);
    };
    let passComplete = false;
    const pathMap: PathMapReport = { file: pathMapFile, written: false, conflicts: [], mappedEntries: map.size };
    const savePathMap = async (prune: boolean): Promise<void> => {
      pathMap.conflicts = [...ctx.conflicts.values()];
      const r = await updatePathMapFile(pathMapFile, pathMap.conflicts.map((c) => c.drivePath), prune);
      pathMap.written = r.written;
      if (r.written) log.write('info', `path map ${pathMapFile}: ${pathMap.conflicts.length} unresolved path(s), ${r.entries.length} line(s)`);
    };
    try {
      log.write('info', `RepairImport drive ${driveId}: sources ${roots.join(';')}, copy log ${req.copyLogFile}, path map ${pathMapFile} (${map.size} target(s) filled in), endpoint ${clients.endpoint}, repair file ${req.repairFile}${journal.state.resumed ? ' (resumed)' : ' (new)'}`);
      const alreadyFinished = journal.state.finished?.exitCode === 0;
      if (alreadyFinished) {
        log.write('info', `this repair finished on ${journal.state.finished?.at}; nothing to do`);
      } else {
        if (scan.variant === 'CopyLog2021') ctx.notes.push('This is a 2021-08-01 copy log: it names errored items by path only (no offsets, no MD5), so they were uploaded as whole files, unchecked.');
        if (scan.variant === 'VerboseLog2021') ctx.notes.push('This is a 2021-08-01 verbose log: it lists copied files only, without errors; nothing in it asks for repair.');
        progress.phase('repairing');
        const notFiles: string[] = [];
        if (!journal.state.copyLogPassDone) {
          for await (const item of readCopyLog(req.copyLogFile)) {
            ctx.signal.throwIfAborted();
            if (item.type === 'blob' && needsRepair(item.blob)) {
              const b = item.blob;
              await ctx.blobs.add(() => repairImportBlob(ctx, b));
            } else if (item.type === 'entity' && isFileEntity(item.entity)) {
              const b = importEntityAsBlob(item.entity);
              await ctx.blobs.add(() => repairImportBlob(ctx, b));
            } else if (item.type === 'entity') {
              notFiles.push(item.entity.path);
            }
          }
          await ctx.blobs.drain();
          ctx.throwIfFatal();
          passComplete = true;
          if (ctx.failures.length === 0) journal.append({ t: 'phase', p: 'copylog' });
        }
        if (notFiles.length) ctx.notes.push(`${notFiles.length} errored item(s) of the copy log are not a file (e.g. a renamed container: ${notFiles.slice(0, 3).join(', ')}); there is nothing to upload for them.`);
        if (ctx.skippedByRule.length) ctx.notes.push(`${ctx.skippedByRule.length} blob(s) were left alone: the import's no-overwrite rule had kept the existing blob (ImportDisposition Status="Skipped"), e.g. ${ctx.skippedByRule.slice(0, 3).join(', ')}.`);
        if (ctx.renamed.length) ctx.notes.push(`${ctx.renamed.length} blob(s) had been renamed by the import's rename rule; their data went to the new names the copy log gives, e.g. ${ctx.renamed.slice(0, 3).join(', ')}.`);
        await savePathMap(passComplete);
      }
      if (pathMap.conflicts.length) log.write('info', `${pathMap.conflicts.length} unresolved path(s): see the path map ${pathMap.file}`);
      return await finishRun({
        outcome: ctx,
        progress,
        log,
        journal,
        driveId,
        base,
        alreadyFinished,
        summary: { mode: 'RepairImport', copyLogFile: req.copyLogFile, targetDir: roots.join(';'), repairFile: req.repairFile },
        extra: { bytesUploaded: progress.state.bytesUploaded, pathMap },
      });
    } catch (err) {
      ctx.failRun(err);
      await Promise.allSettled([ctx.blobs.drain()]);
      // Keep what was learnt about unresolved paths; never drop a line on an incomplete pass.
      if (ctx.conflicts.size) await savePathMap(false).catch(() => undefined);
      if (outer.aborted) log.write('warn', 'cancelled; the repair file keeps what is done');
      else log.write('error', `stopped: ${err instanceof Error ? err.message : String(err)}`);
      throw err;
    } finally {
      journal.close();
      await log.close();
    }
  } finally {
    stopTimer();
  }
}
