/**
 * The plan shown before a RepairImport (wizard's Plan step for "Repair an import job"): what will be
 * uploaded, using the engine's own rules (`dataNeedsRepair`, `failsAsWholeImport`, `sidecarSource`,
 * ImportDisposition) and its own resolver of originals (`SourceResolver` over the source folders and
 * the path map), without uploading or writing anything.
 */
import { resolve } from 'node:path';
import type { PathConflict, RepairImportRequest } from '../../src-shared/engine-protocol.ts';
import type { ImportRepairPlan } from '../../src-shared/ipc/contract.ts';
import { WaieError } from '../../src-shared/errors.ts';
import { readCopyLog } from '../engine/formats/copy-log.ts';
import { isFileEntity, needsRepair } from '../engine/repair-export/copy-log-pass.ts';
import { dataNeedsRepair, dispositionOf, failsAsWholeImport, importEntityAsBlob, sidecarSource } from '../engine/repair-import/import-pass.ts';
import { defaultPathMapFile, PathMap } from '../engine/repair-import/path-map.ts';
import { checkSourceDirs, SourceResolver } from '../engine/repair-import/resolve-source.ts';
import type { CopyLogBlob } from '../../src-shared/formats/types.ts';

/** Most conflicts listed in a plan (all are counted). */
export const MAX_PLAN_CONFLICTS = 1000;

/**
 * Builds the RepairImport plan for `req` by streaming its copy log once.
 * @throws WaieError `BAD_INPUT` for a missing or unreadable source folder, an export copy log, a log
 *   that names no drive, or a path map that cannot be read; `XML_PARSE` / `FILE_READ` for the log
 */
export async function planRepairImport(req: RepairImportRequest): Promise<ImportRepairPlan> {
  const roots = await checkSourceDirs(req.sourceDirs);
  const pathMapFile = resolve(req.pathMapFile || defaultPathMapFile(req.repairFile));
  const map = await PathMap.load(pathMapFile);
  const resolver = new SourceResolver(roots, map);
  const plan: ImportRepairPlan = {
    blobsToRepair: 0,
    rangesToUpload: 0,
    wholeBlobs: 0,
    sidecarFiles: 0,
    bytesToUpload: 0,
    skippedByRule: 0,
    renamed: 0,
    notBlobs: 0,
    sourceDirs: roots,
    filesFound: 0,
    filesMapped: 0,
    conflicts: [],
    conflictCount: 0,
    pathMapFile,
  };
  const seen = new Set<string>();
  const resolveOnce = async (drivePath: string, blobPath: string): Promise<void> => {
    const key = drivePath.toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    const r = await resolver.resolve(drivePath);
    if (r.ok) {
      plan.filesFound++;
      if (r.via === 'map') plan.filesMapped++;
      return;
    }
    plan.conflictCount++;
    if (plan.conflicts.length < MAX_PLAN_CONFLICTS) plan.conflicts.push({ ...r.conflict, blobPath } satisfies PathConflict);
  };
  let driveId: string | undefined;
  let exportFields = 0;
  const add = async (b: CopyLogBlob): Promise<void> => {
    if (!needsRepair(b)) return;
    if (dispositionOf(b).status === 'skipped') {
      plan.skippedByRule++;
      return;
    }
    if (b.kind === 'file') {
      plan.notBlobs++;
      return;
    }
    const data = dataNeedsRepair(b);
    const sidecars = (['properties', 'metadata'] as const).filter((k) => b[k] !== undefined && b[k]!.status !== 'Completed');
    if (!data && sidecars.length === 0) return;
    plan.blobsToRepair++;
    if (dispositionOf(b).status === 'renamed') plan.renamed++;
    if (data) {
      await resolveOnce(b.filePath, b.blobPath);
      if (failsAsWholeImport(b)) {
        plan.wholeBlobs++;
        plan.bytesToUpload += Math.max(0, b.length);
      } else {
        for (const r of b.ranges) {
          if (r.status === 'Completed') continue;
          plan.rangesToUpload++;
          plan.bytesToUpload += r.length;
        }
      }
    }
    for (const k of sidecars) {
      plan.sidecarFiles++;
      await resolveOnce(sidecarSource(b, k).drivePath, b.blobPath);
    }
  };
  for await (const item of readCopyLog(req.copyLogFile)) {
    if (item.type === 'header') driveId = item.driveId || driveId;
    else if (item.type === 'end') driveId ??= item.driveId || undefined;
    else if (item.type === 'blob') {
      if (item.blob.snapshot !== undefined || item.blob.lastModified !== undefined) exportFields++;
      await add(item.blob);
    } else if (item.type === 'entity') {
      if (isFileEntity(item.entity)) await add(importEntityAsBlob(item.entity));
      else plan.notBlobs++;
    }
  }
  if (exportFields > 0) {
    throw new WaieError({ code: 'BAD_INPUT', title: 'This is the copy log of an export job', detail: `${req.copyLogFile} has Snapshot or LastModified entries, which only export logs carry. Use “Repair an export drive” for an export drive; nothing would be uploaded.`, file: req.copyLogFile });
  }
  if (driveId === undefined) {
    throw new WaieError({ code: 'BAD_INPUT', title: 'The copy log names no drive', detail: `${req.copyLogFile} has no DriveId. Use the copy log of the import drive you are repairing.`, file: req.copyLogFile });
  }
  return plan;
}
