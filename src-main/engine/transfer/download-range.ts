/**
 * Ranged download of one block, page range or file part into a file at the same offset.
 *
 * Rules: seed `003_…` ("download the block from the storage account, and write it to the file range
 * starting from offset … with length …"); platform.md: a connection cut mid-body is not resumed by
 * the SDK, so this resumes from the bytes received, pinned to the ETag (`If-Match`), and a stalled
 * body is cut off by an idle timer (an AbortSignal, since `tryTimeoutInMs` does not stop a stall).
 * Memory: bounded by the HTTP stream's chunks; nothing is buffered whole.
 */
import { createHash } from 'node:crypto';
import { getMaxListeners, setMaxListeners } from 'node:events';
import type { FileHandle } from 'node:fs/promises';
import type { BlobClient } from '@azure/storage-blob';
import { classifyStorageError, type ClassifiedError } from '../storage/errors.ts';
import { backoffDelayMs, sleep } from './retry.ts';
import type { RangeSource } from './range-get.ts';

/** Where and what to download. Offsets and lengths in bytes. */
export interface RangeDownload {
  blob: BlobClient;
  /**
   * Where the bytes come from instead of `blob.download` (range-get.ts: the engine's ranged GETs over
   * undici). The same blob; `blob` is then not asked.
   */
  source?: RangeSource;
  /** ETag the blob had when planned; every GET is conditional on it (412 → BlobUnexpectedChange). */
  etag?: string;
  /** Offset in the blob and in the file. */
  offset: number;
  /** Bytes to download (> 0). */
  length: number;
  /**
   * Where the bytes go: an open file (written positionally at `offset`), or a callback receiving each
   * chunk with its offset inside the range (e.g. into a buffer checked before touching the drive).
   */
  sink: FileHandle | ((chunk: Buffer, offsetInRange: number) => Promise<void> | void);
  signal?: AbortSignal;
  /** Idle time without a body chunk before the attempt is cut off, ms. */
  stallTimeoutMs?: number;
  /** Attempts that make no progress before giving up. */
  maxAttempts?: number;
  /**
   * False: do not compute the MD5 here (the caller hashes the bytes itself, e.g. on the hashing pool);
   * the result's `md5` is then ''. Default true.
   */
  md5?: boolean;
  /** Called with each chunk's byte count as it is written. */
  onBytes?: (n: number) => void;
  /** Called before each retry with the classified error (for the verbose log). */
  onRetry?: (e: ClassifiedError, attempt: number, receivedBytes: number) => void;
}

/** Result: Base16 upper-case MD5 of the bytes written ('' with `md5: false`), and how many GET requests it took. */
export interface RangeDownloadResult {
  md5: string;
  requests: number;
}

/** Thrown when a range cannot be downloaded: carries the classification (statusCode, disposition). */
export class RangeDownloadError extends Error {
  constructor(readonly classified: ClassifiedError, options?: { cause?: unknown }) {
    super(classified.detail, options);
    this.name = 'RangeDownloadError';
  }
}

/** Writes all of `data` at `position` (a positional write may be partial). */
export async function writeFully(file: FileHandle, data: Uint8Array, position: number): Promise<void> {
  let written = 0;
  while (written < data.length) {
    const { bytesWritten } = await file.write(data, written, data.length - written, position + written);
    written += bytesWritten;
  }
}

class StallError extends Error {
  override name = 'StallError';
}

/**
 * Downloads [offset, offset+length) of the blob into the file at the same offset. Resumes after a
 * cut or stall from the last byte written; retries transient failures with backoff; rethrows the
 * signal's reason when cancelled; throws {@link RangeDownloadError} for everything else.
 */
export async function downloadRange(r: RangeDownload): Promise<RangeDownloadResult> {
  const md5 = r.md5 === false ? undefined : createHash('md5');
  const stallMs = r.stallTimeoutMs ?? 30_000;
  const maxAttempts = r.maxAttempts ?? 6;
  let received = 0;
  let failures = 0;
  let requests = 0;
  // A run's signal carries one listener per range in flight (and the SDK's own per request), all
  // removed when done: more than Node's default of 10 is expected, not a leak.
  if (r.signal && getMaxListeners(r.signal) > 0 && getMaxListeners(r.signal) < 1000) setMaxListeners(1000, r.signal);
  while (received < r.length) {
    r.signal?.throwIfAborted();
    const attempt = new AbortController();
    const onOuterAbort = (): void => attempt.abort(r.signal?.reason);
    r.signal?.addEventListener('abort', onOuterAbort, { once: true });
    let timer: NodeJS.Timeout | undefined;
    // One timer per attempt, pushed back on every chunk (refresh() is much cheaper than a new timer).
    const arm = (): void => {
      if (timer) timer.refresh();
      else timer = setTimeout(() => attempt.abort(new StallError(`no data for ${stallMs} ms`)), stallMs);
    };
    const before = received;
    try {
      arm();
      requests++;
      // Each chunk: cut to the range and handed to the sink at its offset; counted and hashed once the
      // sink has it (in order: a body is paused while its sink is busy), so a retry resumes after the
      // last byte actually written.
      let queued = received;
      const take = (chunk: Buffer): void | Promise<void> => {
        arm();
        const part = queued + chunk.length > r.length ? chunk.subarray(0, r.length - queued) : chunk;
        if (!part.length) return;
        const at = queued;
        queued += part.length;
        const done = (): void => {
          md5?.update(part);
          received += part.length;
          r.onBytes?.(part.length);
        };
        const p = typeof r.sink === 'function' ? r.sink(part, at) : writeFully(r.sink, part, r.offset + at);
        if (!p) return done();
        return p.then(done);
      };
      if (r.source) {
        await r.source.read(r.offset + received, r.length - received, { ifMatch: r.etag, signal: attempt.signal, onData: take });
      } else {
        const res = await r.blob.download(r.offset + received, r.length - received, {
          abortSignal: attempt.signal,
          conditions: r.etag ? { ifMatch: r.etag } : undefined,
          maxRetryRequests: 0,
        });
        const body = res.readableStreamBody;
        if (!body) throw new Error('empty response body');
        const onAbort = (): void => {
          (body as NodeJS.ReadableStream & { destroy?: (e?: Error) => void }).destroy?.(attempt.signal.reason as Error);
        };
        attempt.signal.addEventListener('abort', onAbort, { once: true });
        for await (const chunk of body as AsyncIterable<Buffer>) {
          const p = take(chunk);
          if (p) await p;
          if (received >= r.length) break;
        }
      }
      if (received < r.length) throw Object.assign(new Error('response ended early'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
    } catch (err) {
      if (r.signal?.aborted) throw r.signal.reason;
      const reason = attempt.signal.aborted ? attempt.signal.reason : err;
      const c = classifyStorageError(reason);
      if (c.disposition !== 'retry') throw new RangeDownloadError(c, { cause: err });
      if (received === before) failures++;
      else failures = 1;
      if (failures >= maxAttempts) {
        throw new RangeDownloadError({ ...c, disposition: c.detail.includes('cannot be reached') ? 'fatal' : 'component', detail: `${c.detail} Gave up after ${failures} attempts without progress.` }, { cause: err });
      }
      r.onRetry?.(c, failures, received);
      await sleep(backoffDelayMs(failures), r.signal);
    } finally {
      clearTimeout(timer);
      r.signal?.removeEventListener('abort', onOuterAbort);
    }
  }
  return { md5: md5 ? md5.digest('hex').toUpperCase() : '', requests };
}
