/**
 * Downloading a range of a pinned blob and writing it into a drive file at the same offset.
 * Parts are at most 4 MiB (the manifest format's largest range), fetched into a buffer so that a part
 * can be checked against an expected MD5 before the drive is touched. Memory: concurrency × 4 MiB.
 */
import type { FileHandle } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { WaieError } from '../../../src-shared/errors.ts';
import { downloadRange, writeFully } from '../transfer/download-range.ts';
import type { BlobPin, RunContext } from './context.ts';

/** Largest part fetched in one buffer, bytes. */
export const PART_BYTES = 4 * 1024 * 1024;

/** Splits [offset, offset+length) into parts of at most {@link PART_BYTES}. */
export function splitParts(offset: number, length: number, part = PART_BYTES): Array<{ offset: number; length: number }> {
  const out: Array<{ offset: number; length: number }> = [];
  for (let o = 0; o < length; o += part) out.push({ offset: offset + o, length: Math.min(part, length - o) });
  return out;
}

/**
 * Downloads [offset, offset+length) (≤ 4 MiB) of the pinned blob into memory, under the run's transfer
 * concurrency, with resume/retry/stall handling from {@link downloadRange}. Returns the bytes and their
 * upper-case hex MD5.
 */
export async function fetchPart(ctx: RunContext, pin: BlobPin, offset: number, length: number, filePath: string): Promise<{ data: Buffer; md5: string }> {
  if (length > PART_BYTES) throw new Error(`part larger than ${PART_BYTES} bytes`);
  return ctx.transfers.run(async () => {
    await ctx.gate.wait(ctx.signal);
    ctx.signal.throwIfAborted();
    ctx.progress.current(filePath);
    const data = Buffer.allocUnsafe(length);
    const r = await downloadRange({
      blob: pin.client,
      etag: pin.etag,
      offset,
      length,
      sink: (chunk, at) => {
        chunk.copy(data, at);
      },
      signal: ctx.signal,
      stallTimeoutMs: ctx.req.stallTimeoutMs,
      maxAttempts: ctx.req.maxAttempts,
      onBytes: (n) => ctx.progress.add('bytesDownloaded', n),
      onRetry: (e, attempt, received) => ctx.log.write('warn', `retry ${attempt} ${filePath} offset ${offset} length ${length} after ${received} bytes: ${e.detail}`),
    });
    return { data, md5: r.md5 };
  });
}

/**
 * Downloads a range of any length into `file` at `offset`, part by part. With `expectedMd5` (only
 * for a range of at most 4 MiB) the bytes are checked before writing; a mismatch writes nothing and
 * throws WaieError statusCode `Corrupted`. Returns the MD5 of the bytes written when it was a single part.
 */
export async function downloadInto(ctx: RunContext, pin: BlobPin, file: FileHandle, offset: number, length: number, filePath: string, expectedMd5?: string): Promise<string | undefined> {
  const parts = splitParts(offset, length);
  const whole = parts.length > 1 ? createHash('md5') : undefined;
  let single: string | undefined;
  for (const p of parts) {
    const { data, md5 } = await fetchPart(ctx, pin, p.offset, p.length, filePath);
    if (expectedMd5 && parts.length === 1 && md5 !== expectedMd5) {
      throw new WaieError({
        code: 'RANGE_HASH_MISMATCH',
        title: 'Downloaded data does not match the drive manifest',
        detail: `${filePath} offset ${offset} length ${length}: the blob's bytes have MD5 ${md5}, the drive manifest expects ${expectedMd5}. Nothing was written; the blob probably changed after the export.`,
        statusCode: 'BlobUnexpectedChange',
      });
    }
    await writeFully(file, data, p.offset);
    whole?.update(data);
    single = md5;
  }
  return whole ? whole.digest('hex').toUpperCase() : single;
}
