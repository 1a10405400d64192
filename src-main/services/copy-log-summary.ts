/**
 * What a copy log says, computed by streaming it once (copy-log step of the wizard; Review later):
 * drive status, counts per blob status and per range status, bytes affected, the failed blobs
 * (capped) and whether RepairExport downloads each whole. Memory is bounded by the cap, whatever the
 * log's size (a verbose log can list a million blobs).
 */
import type { CopyLogSummary, FailedBlobSummary } from '../../src-shared/ipc/contract.ts';
import type { CopyLogBlob } from '../../src-shared/formats/types.ts';
import { readCopyLog } from '../engine/formats/copy-log.ts';
import { needsRepair } from '../engine/repair-export/copy-log-pass.ts';

/** Most failed blobs listed in a summary. */
export const MAX_LISTED_FAILED_BLOBS = 1000;

const OK_BLOB = new Set(['Completed', 'CompletedWithErrors']);

/** The failed-blob line of a summary; `whole` follows the copy-log pass's rule (without looking at the drive). */
export function summariseFailedBlob(b: CopyLogBlob): FailedBlobSummary {
  const failedRanges = b.ranges.filter((r) => r.status !== 'Completed').map((r) => ({ offset: r.offset, length: r.length, status: r.status }));
  const whole = !OK_BLOB.has(b.status) || b.ranges.some((r) => r.status === 'Cancelled');
  return {
    blobPath: b.blobPath,
    filePath: b.filePath,
    status: b.status,
    failedRanges,
    bytesAffected: whole ? Math.max(0, b.length) : failedRanges.reduce((n, r) => n + r.length, 0),
    propertiesStatus: b.properties?.status,
    metadataStatus: b.metadata?.status,
    whole,
  };
}

/** Streams `path` and summarises it. Throws WaieError `XML_PARSE` (file, line, column) on malformed input. */
export async function summariseCopyLog(path: string): Promise<CopyLogSummary> {
  const s: CopyLogSummary = { path, variant: 'DriveLog', blobCount: 0, countsByBlobStatus: {}, countsByRangeStatus: {}, bytesAffected: 0, failedBlobCount: 0, failedBlobs: [], notes: [] };
  const add = (m: Record<string, number>, k: string): void => {
    m[k] = (m[k] ?? 0) + 1;
  };
  for await (const item of readCopyLog(path)) {
    switch (item.type) {
      case 'header':
        s.variant = item.variant;
        s.version = item.version;
        s.driveId = item.driveId;
        break;
      case 'blob': {
        const b = item.blob;
        s.blobCount++;
        add(s.countsByBlobStatus, b.status);
        for (const r of b.ranges) add(s.countsByRangeStatus, r.status);
        if (needsRepair(b)) {
          const f = summariseFailedBlob(b);
          s.failedBlobCount++;
          s.bytesAffected += f.bytesAffected;
          if (s.failedBlobs.length < MAX_LISTED_FAILED_BLOBS) s.failedBlobs.push(f);
        }
        break;
      }
      case 'entity':
        s.blobCount++;
        s.failedBlobCount++;
        add(s.countsByBlobStatus, item.entity.errorCode ?? 'Failed');
        if (s.failedBlobs.length < MAX_LISTED_FAILED_BLOBS) {
          s.failedBlobs.push({ blobPath: item.entity.path, filePath: '\\' + item.entity.path.replace(/\//g, '\\'), status: item.entity.errorCode ?? 'Failed', failedRanges: [], bytesAffected: 0, whole: true });
        }
        break;
      case 'verboseFile':
        s.blobCount++;
        add(s.countsByBlobStatus, 'Completed');
        break;
      case 'end':
        s.driveStatus = item.driveStatus;
        s.driveId ??= item.driveId;
        break;
    }
  }
  if (s.variant === 'CopyLog2021') s.notes.push('This 2021-08-01 copy log names failed files by path only, without offsets or MD5 hashes: each is downloaded again as a whole file.');
  if (s.variant === 'VerboseLog2021') s.notes.push('This is a 2021-08-01 verbose log: it lists copied files only. Use the matching copy log (…_CopyLog_….xml) to see what failed.');
  if (s.failedBlobCount > s.failedBlobs.length) s.notes.push(`Only the first ${s.failedBlobs.length} of ${s.failedBlobCount} failed blobs are listed.`);
  return s;
}
