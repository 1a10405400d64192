/**
 * Requests of RepairImport to the Blob service, with retries, and reads from the original files.
 *
 * Rules: transient failures (5xx, 408, 429, connection resets and cuts, a request without an answer for
 * `requestTimeoutMs`) are retried with the backoff of transfer/retry.ts (250 ms doubling to 8 s, ±25 %),
 * on top of the SDK's own short retries (platform.md: the SDK retries 500/503 and resets, not 429/502/504).
 * Every request RepairImport repeats is idempotent: Put Block with the same ID and bytes, Put Page of the
 * same range and bytes, Put Block List of the same list, Set Blob Properties / Metadata of the same values.
 * Cancel aborts the request in flight and the backoff sleep (the signal's reason is rethrown).
 */
import type { FileHandle } from 'node:fs/promises';
import { WaieError } from '../../../src-shared/errors.ts';
import { classifyStorageError, type ClassifiedError } from '../storage/errors.ts';
import { backoffDelayMs, sleep } from '../transfer/retry.ts';

/** A request that failed for good; `classified` says whether the run can go on (read by RunContext.handleComponentError). */
export class UploadError extends Error {
  constructor(
    readonly classified: ClassifiedError,
    options?: { cause?: unknown },
  ) {
    super(classified.detail, options);
    this.name = 'UploadError';
  }
}

const LEASE_CODES = new Set(['LeaseIdMissing', 'LeaseIdMismatchWithBlobOperation', 'LeaseIdMismatchWithLeaseOperation', 'LeaseIdMismatch', 'LeaseIsBreakingAndCannotBeAcquired']);

/**
 * {@link classifyStorageError} with the words of an upload: a 403 means the key or SAS is wrong or lacks
 * write permission; a 404 that the container (or blob) is gone; a lease on the blob is `LeasePresent`
 * (seed 000, blob table); a 409 for another blob type, a 400 for data the service refused (checksum),
 * and a 413 are failures of this component only.
 */
export function classifyUploadError(err: unknown): ClassifiedError {
  const c = classifyStorageError(err);
  const e = (err ?? {}) as { statusCode?: number; code?: string; details?: { errorCode?: string } };
  const code = e.details?.errorCode ?? e.code ?? '';
  if (c.statusCode === 'BlobRequestForbidden') {
    return { ...c, detail: 'The storage account refused the request (HTTP 403). The account key or container SAS is wrong, expired, or lacks write permission (a SAS for RepairImport needs read, write and create).' };
  }
  if (LEASE_CODES.has(code)) return { disposition: 'component', statusCode: 'LeasePresent', httpStatus: e.statusCode, detail: 'The blob has an active lease, so it cannot be written. Break the lease (Azure portal or Storage Explorer) and run the same command again.' };
  if (e.statusCode === 404) return { ...c, detail: `The container or blob does not exist (HTTP 404${code ? `, ${code}` : ''}). Create the container, then run the same command again.` };
  if (e.statusCode === 409) return { disposition: 'component', statusCode: 'BlobRequestFailed', httpStatus: 409, detail: `The Blob service refused the write (HTTP 409${code ? `, ${code}` : ''})${code === 'InvalidBlobType' ? ': the blob exists as another blob type (block or page) than the copy log says' : ''}.` };
  if (e.statusCode === 400 || e.statusCode === 413) return { disposition: 'component', statusCode: 'BlobRequestFailed', httpStatus: e.statusCode, detail: `The Blob service refused the request (HTTP ${e.statusCode}${code ? `, ${code}` : ''}).` };
  return c;
}

/** What {@link withRetry} needs of a run. */
export interface RetryScope {
  /** The run's signal: cancel or a fatal error elsewhere. */
  signal: AbortSignal;
  /** Attempts without success before giving up (default 6). */
  maxAttempts?: number;
  /** A request without an answer for this long is cut off and retried, ms (default 300 000). */
  requestTimeoutMs?: number;
  /** Called before each retry (for the verbose log). */
  onRetry?: (what: string, e: ClassifiedError, attempt: number) => void;
}

class RequestTimeout extends Error {
  override name = 'AbortError';
}

/**
 * Runs `op` (one Blob service request; it must pass the given signal to the SDK) until it succeeds,
 * retrying transient failures with backoff. Rethrows the run signal's reason when cancelled; throws
 * {@link UploadError} for everything else (after `maxAttempts` transient failures, an unreachable
 * endpoint is classified `fatal`, other transient failures `component`).
 *
 * @param what a few words for the log, e.g. `Put Block AQAAAA== of \animals\koala.jpg`
 */
export async function withRetry<T>(scope: RetryScope, what: string, op: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const max = scope.maxAttempts ?? 6;
  const timeoutMs = scope.requestTimeoutMs ?? 300_000;
  for (let attempt = 1; ; attempt++) {
    scope.signal.throwIfAborted();
    const timer = new AbortController();
    const t = setTimeout(() => timer.abort(new RequestTimeout(`no answer within ${timeoutMs} ms`)), timeoutMs);
    try {
      return await op(AbortSignal.any([scope.signal, timer.signal]));
    } catch (err) {
      if (scope.signal.aborted) throw scope.signal.reason;
      const c = classifyUploadError(timer.signal.aborted ? timer.signal.reason : err);
      if (c.disposition !== 'retry') throw new UploadError(c, { cause: err });
      if (attempt >= max) {
        throw new UploadError({ ...c, disposition: c.detail.includes('cannot be reached') ? 'fatal' : 'component', detail: `${c.detail.replace(/;? ?(retrying|resuming)\.$/, '.')} Gave up after ${attempt} attempts.` }, { cause: err });
      }
      scope.onRetry?.(what, c, attempt);
      await sleep(backoffDelayMs(attempt), scope.signal);
    } finally {
      clearTimeout(t);
    }
  }
}

/**
 * Reads exactly `length` bytes at `offset` of an original file into a new buffer.
 * @throws WaieError statusCode `FileUnexpectedEnd` (seed 000, range table) when the file ends first
 */
export async function readExactly(file: FileHandle, offset: number, length: number, filePath: string): Promise<Buffer> {
  const buf = Buffer.allocUnsafe(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await file.read(buf, got, length - got, offset + got);
    if (bytesRead === 0) {
      throw new WaieError({ code: 'FILE_UNEXPECTED_END', title: 'The original file is shorter than the copy log says', detail: `${filePath} ends before offset ${offset + length}; it changed since the import. Nothing was uploaded from it.`, statusCode: 'FileUnexpectedEnd' });
    }
    got += bytesRead;
  }
  return buf;
}

/** True when every byte of `b` is zero (a page range that need not be written to a new page blob). */
export function isAllZero(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] !== 0) return false;
  return true;
}
