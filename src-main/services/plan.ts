/**
 * The plan shown before a repair (wizard's Plan step): what RepairExport will download and verify,
 * using the same rules as the engine (`failsAsWhole`, `failedSidecars`, path safety) without writing
 * anything, and the free space on the target.
 */
import { statfs } from 'node:fs/promises';
import type { RepairExportRequest } from '../../src-shared/engine-protocol.ts';
import type { RepairPlan } from '../../src-shared/ipc/contract.ts';
import { readCopyLog } from '../engine/formats/copy-log.ts';
import { checkTargetDir, resolveUnder } from '../engine/drive/target.ts';
import { failedSidecars, failsAsWhole, fileSize, needsRepair } from '../engine/repair-export/copy-log-pass.ts';
import { summariseManifest } from './manifest-summary.ts';

/** Builds the plan. Throws WaieError for an unusable target, copy log or manifest. */
export async function planRepair(req: RepairExportRequest): Promise<RepairPlan> {
  const root = await checkTargetDir(req.targetDir);
  const plan: RepairPlan = { filesToRepair: 0, rangesToDownload: 0, wholeFiles: 0, sidecarFiles: 0, bytesToDownload: 0, filesToVerify: 0, bytesToVerify: 0, refused: [] };
  if (req.copyLogFile) {
    for await (const item of readCopyLog(req.copyLogFile)) {
      if (item.type === 'entity') {
        plan.filesToRepair++;
        plan.wholeFiles++;
        continue;
      }
      if (item.type !== 'blob' || !needsRepair(item.blob)) continue;
      const b = item.blob;
      const target = resolveUnder(root, b.filePath);
      if (!target.ok) {
        plan.refused.push({ filePath: b.filePath, statusCode: target.statusCode, reason: target.reason });
        continue;
      }
      plan.filesToRepair++;
      if (failsAsWhole(b, await fileSize(target.absolute))) {
        plan.wholeFiles++;
        plan.bytesToDownload += Math.max(0, b.length);
      } else {
        for (const r of b.ranges) {
          if (r.status === 'Completed') continue;
          plan.rangesToDownload++;
          plan.bytesToDownload += r.length;
        }
      }
      const { propsPath, metaPath } = failedSidecars(b);
      plan.sidecarFiles += (propsPath ? 1 : 0) + (metaPath ? 1 : 0);
    }
  }
  if (req.manifestFile) {
    const m = await summariseManifest(req.manifestFile);
    plan.filesToVerify = m.blobCount;
    plan.bytesToVerify = m.bytes;
  }
  try {
    const fs = await statfs(root);
    plan.freeBytes = Number(fs.bavail) * Number(fs.bsize);
  } catch {
    plan.freeBytes = undefined;
  }
  return plan;
}
