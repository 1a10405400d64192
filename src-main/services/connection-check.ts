/**
 * "Test connection" (wizard's Storage step): before anything is written, read the properties of up to
 * 20 blobs the copy log (or manifest) names, failed ones first, with the given credentials. A wrong key
 * or SAS shows up here as `BlobRequestForbidden` instead of in the middle of a repair.
 */
import type { StorageCredentials } from '../../src-shared/engine-protocol.ts';
import type { ConnectionCheck } from '../../src-shared/ipc/contract.ts';
import { parseBlobPath } from '../../src-shared/paths/index.ts';
import { WaieError } from '../../src-shared/errors.ts';
import { readCopyLog } from '../engine/formats/copy-log.ts';
import { readManifest } from '../engine/formats/manifest.ts';
import { needsRepair } from '../engine/repair-export/copy-log-pass.ts';
import { createBlobClientFactory } from '../engine/storage/credentials.ts';
import { classifyStorageError } from '../engine/storage/errors.ts';

/** Most blobs checked. */
export const MAX_CHECKED = 20;

async function blobsToCheck(copyLogPath?: string, manifestPath?: string): Promise<Array<{ blobPath: string; snapshot?: string }>> {
  const out: Array<{ blobPath: string; snapshot?: string }> = [];
  if (copyLogPath) {
    for await (const item of readCopyLog(copyLogPath)) {
      if (item.type === 'blob' && needsRepair(item.blob)) out.push({ blobPath: item.blob.blobPath, snapshot: item.blob.snapshot });
      else if (item.type === 'entity') out.push({ blobPath: item.entity.path });
      if (out.length >= MAX_CHECKED) return out;
    }
  }
  if (manifestPath) {
    for await (const item of readManifest(manifestPath)) {
      if (item.type === 'blob') out.push({ blobPath: item.blob.blobPath, snapshot: item.blob.snapshot });
      if (out.length >= MAX_CHECKED) return out;
    }
  }
  return out;
}

/** Checks read access. Throws WaieError `BAD_INPUT` for malformed credentials; access problems are data. */
export async function testConnection(credentials: StorageCredentials, copyLogPath?: string, manifestPath?: string, signal?: AbortSignal): Promise<ConnectionCheck> {
  const factory = createBlobClientFactory(credentials, { retryOptions: { maxTries: 1, tryTimeoutInMs: 15_000 } });
  const blobs = await blobsToCheck(copyLogPath, manifestPath);
  const result: ConnectionCheck = { endpoint: factory.endpoint, checked: 0, readable: 0, problems: [] };
  if (blobs.length === 0 && factory.sasContainer === undefined) {
    // Nothing named: check the account answers at all with these credentials.
    try {
      await factory.containerClient('waimportexport').exists({ abortSignal: signal });
    } catch (err) {
      const c = classifyStorageError(err);
      result.problems.push({ blobPath: '(account)', statusCode: c.statusCode, detail: c.detail });
    }
    return result;
  }
  for (const b of blobs) {
    result.checked++;
    const p = parseBlobPath(b.blobPath);
    if (!p.ok) {
      result.problems.push({ blobPath: b.blobPath, statusCode: 'BlobRequestFailed', detail: p.reason });
      continue;
    }
    try {
      await factory.blobClient(p.container, p.blobName, b.snapshot).getProperties({ abortSignal: signal });
      result.readable++;
    } catch (err) {
      if (err instanceof WaieError) {
        result.problems.push({ blobPath: b.blobPath, statusCode: err.info.statusCode ?? 'BlobRequestFailed', detail: err.info.detail });
        continue;
      }
      const c = classifyStorageError(err);
      result.problems.push({ blobPath: b.blobPath, statusCode: c.statusCode, detail: c.detail });
      if (c.disposition === 'fatal' || c.detail.includes('cannot be reached')) break;
    }
  }
  return result;
}
