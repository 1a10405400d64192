/**
 * What a copy log says, computed by streaming it once (copy-log step of the wizard; Review later):
 * drive status, counts per blob status and per range status, bytes affected, the failed blobs
 * (capped) and whether RepairExport downloads each whole. Memory is bounded by the cap, whatever the
 * log's size (a verbose log can list a million blobs).
 */
import type { CopyLogSummary, FailedBlobSummary } from '../../src-shared/ipc/contract.ts';
import type { CopyLogBlob, CopyLogItem, ErroredEntity } from '../../src-shared/formats/types.ts';
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

/** Most distinct status codes counted per map; further codes are counted under {@link OTHER_STATUS} (bounds memory on hostile logs). */
export const MAX_DISTINCT_CODES = 256;

/** The key under which codes beyond {@link MAX_DISTINCT_CODES} are counted. */
export const OTHER_STATUS = '(other)';

/** Adds 1 to `m[k]`, or to `m['(other)']` once `m` holds {@link MAX_DISTINCT_CODES} codes. */
export function countCode(m: Record<string, number>, k: string): void {
  if (m[k] === undefined && Object.keys(m).length >= MAX_DISTINCT_CODES) k = OTHER_STATUS;
  m[k] = (m[k] ?? 0) + 1;
}

/** How a {@link CopyLogSummaryBuilder} makes the listed failure of a blob or 2021 entity (so Review can list more per failure). */
export interface FailureFactory<F extends FailedBlobSummary> {
  blob(b: CopyLogBlob, base: FailedBlobSummary): F;
  entity(e: ErroredEntity, base: FailedBlobSummary): F;
}

/**
 * Builds a {@link CopyLogSummary} from the items of `readCopyLog`, one at a time (the streaming core
 * of {@link summariseCopyLog}; Review adds its own counts on top). Counts are complete; at most
 * `maxListed` failed blobs are kept (default {@link MAX_LISTED_FAILED_BLOBS}).
 */
export class CopyLogSummaryBuilder<F extends FailedBlobSummary = FailedBlobSummary> {
  readonly summary: Omit<CopyLogSummary, 'failedBlobs'> & { failedBlobs: F[] };

  constructor(
    path: string,
    private readonly factory?: FailureFactory<F>,
    private readonly maxListed = MAX_LISTED_FAILED_BLOBS,
  ) {
    this.summary = { path, variant: 'DriveLog', blobCount: 0, countsByBlobStatus: {}, countsByRangeStatus: {}, bytesAffected: 0, failedBlobCount: 0, failedBlobs: [], notes: [] };
  }

  /** Adds one item; returns the failure made for it when it failed (listed or not), else undefined. */
  add(item: CopyLogItem): F | undefined {
    const s = this.summary;
    switch (item.type) {
      case 'header':
        s.variant = item.variant;
        s.version = item.version;
        s.driveId = item.driveId;
        return undefined;
      case 'blob': {
        const b = item.blob;
        s.blobCount++;
        countCode(s.countsByBlobStatus, b.status);
        for (const r of b.ranges) countCode(s.countsByRangeStatus, r.status);
        if (!needsRepair(b)) return undefined;
        const base = summariseFailedBlob(b);
        const f = this.factory ? this.factory.blob(b, base) : (base as F);
        s.failedBlobCount++;
        s.bytesAffected += f.bytesAffected;
        if (s.failedBlobs.length < this.maxListed) s.failedBlobs.push(f);
        return f;
      }
      case 'entity': {
        s.blobCount++;
        s.failedBlobCount++;
        countCode(s.countsByBlobStatus, item.entity.errorCode ?? 'Failed');
        const base: FailedBlobSummary = { blobPath: item.entity.path, filePath: '\\' + item.entity.path.replace(/\//g, '\\'), status: item.entity.errorCode ?? 'Failed', failedRanges: [], bytesAffected: 0, whole: true };
        const f = this.factory ? this.factory.entity(item.entity, base) : (base as F);
        if (s.failedBlobs.length < this.maxListed) s.failedBlobs.push(f);
        return f;
      }
      case 'verboseFile':
        s.blobCount++;
        countCode(s.countsByBlobStatus, 'Completed');
        return undefined;
      case 'end':
        s.driveStatus = item.driveStatus;
        s.driveId ??= item.driveId;
        s.version ??= item.version;
        return undefined;
    }
  }

  /** Adds the closing notes (2021 variants, capped list) and returns the summary. Call once, after the `end` item. */
  finish(): Omit<CopyLogSummary, 'failedBlobs'> & { failedBlobs: F[] } {
    const s = this.summary;
    if (s.variant === 'CopyLog2021') s.notes.push('This 2021-08-01 copy log names failed files by path only, without offsets or MD5 hashes: each is downloaded again as a whole file.');
    if (s.variant === 'VerboseLog2021') s.notes.push('This is a 2021-08-01 verbose log: it lists copied files only. Use the matching copy log (…_CopyLog_….xml) to see what failed.');
    if (s.failedBlobCount > s.failedBlobs.length) s.notes.push(`Only the first ${s.failedBlobs.length} of ${s.failedBlobCount} failed blobs are listed.`);
    return s;
  }
}

/** Streams `path` and summarises it. Throws WaieError `XML_PARSE` (file, line, column) on malformed input. */
export async function summariseCopyLog(path: string): Promise<CopyLogSummary> {
  const builder = new CopyLogSummaryBuilder(path);
  for await (const item of readCopyLog(path)) builder.add(item);
  return builder.finish();
}
