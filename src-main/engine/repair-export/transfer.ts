/**
 * Downloading a range of a pinned blob and writing it into a drive file at the same offset.
 * Parts are at most 4 MiB (the manifest format's largest range), fetched into a buffer so that a part
 * can be checked against an expected MD5 before the drive is touched. Memory: about concurrency × 4 MiB
 * of reused buffers.
 */
import type { FileHandle } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { WaieError } from '../../../src-shared/errors.ts';
import { downloadRange, writeFully } from '../transfer/download-range.ts';
import { sharedHashPool } from '../verify/hash-pool.ts';
import type { BlobPin, RunContext } from './context.ts';

/** Largest part fetched in one buffer, bytes. */
export const PART_BYTES = 4 * 1024 * 1024;

/** Parts smaller than this are hashed here: a trip to the hashing pool would cost more than the MD5. */
const INLINE_HASH_BYTES = 256 * 1024;

/** Splits [offset, offset+length) into parts of at most {@link PART_BYTES}. */
export function splitParts(offset: number, length: number, part = PART_BYTES): Array<{ offset: number; length: number }> {
  const out: Array<{ offset: number; length: number }> = [];
  for (let o = 0; o < length; o += part) out.push({ offset: offset + o, length: Math.min(part, length - o) });
  return out;
}

/**
 * Part buffers of a run, reused from part to part (allocating a fresh 4 MiB buffer per part kept the
 * garbage collector busy), on SharedArrayBuffers so the hashing pool reads them in place. At most
 * `keep` idle buffers are kept; buffers in use are bounded by the transfers in flight plus the parts
 * being hashed and written.
 */
class PartBuffers {
  private readonly free: Buffer[] = [];
  constructor(private readonly keep: number) {}
  take(): Buffer {
    return this.free.pop() ?? Buffer.from(new SharedArrayBuffer(PART_BYTES));
  }
  give(b: Buffer): void {
    if (this.free.length < this.keep) this.free.push(b);
  }
}

const partBuffers = new WeakMap<object, PartBuffers>();
function buffersOf(ctx: RunContext): PartBuffers {
  let p = partBuffers.get(ctx);
  if (!p) partBuffers.set(ctx, (p = new PartBuffers((ctx.req.concurrency ?? 8) + 2)));
  return p;
}

/**
 * Downloads [offset, offset+length) (≤ 4 MiB) of the pinned blob into one of the run's part buffers,
 * under the run's transfer concurrency, with resume/retry/stall handling from {@link downloadRange}.
 * Returns the buffer (give it back with `release` once written) and the bytes (a view of it).
 */
export async function fetchPart(ctx: RunContext, pin: BlobPin, offset: number, length: number, filePath: string): Promise<{ data: Buffer; release: () => void }> {
  if (length > PART_BYTES) throw new Error(`part larger than ${PART_BYTES} bytes`);
  return ctx.transfers.run(async () => {
    await ctx.gate.wait(ctx.signal);
    ctx.signal.throwIfAborted();
    ctx.progress.current(filePath);
    const pool = buffersOf(ctx);
    const buf = pool.take();
    try {
      await downloadRange({
        blob: pin.client,
        etag: pin.etag,
        offset,
        length,
        sink: (chunk, at) => {
          chunk.copy(buf, at);
        },
        md5: false,
        signal: ctx.signal,
        stallTimeoutMs: ctx.req.stallTimeoutMs,
        maxAttempts: ctx.req.maxAttempts,
        onBytes: (n) => ctx.progress.add('bytesDownloaded', n),
        onRetry: (e, attempt, received) => ctx.log.write('warn', `retry ${attempt} ${filePath} offset ${offset} length ${length} after ${received} bytes: ${e.detail}`),
      });
    } catch (err) {
      pool.give(buf);
      throw err;
    }
    return { data: buf.subarray(0, length), release: () => pool.give(buf) };
  });
}

/**
 * Downloads a range of any length into `file` at `offset`, part by part. Each part's MD5 is computed
 * on the hashing pool (verify/hash-pool.ts), off the thread that drives the network. With
 * `expectedMd5` (only for a range of at most 4 MiB) the bytes are checked before writing; a mismatch
 * writes nothing and throws WaieError statusCode `Corrupted`. Returns the MD5 of the bytes written
 * when it was a single part.
 */
export async function downloadInto(ctx: RunContext, pin: BlobPin, file: FileHandle, offset: number, length: number, filePath: string, expectedMd5?: string): Promise<string | undefined> {
  const parts = splitParts(offset, length);
  const whole = parts.length > 1 ? createHash('md5') : undefined;
  if (!whole && length >= INLINE_HASH_BYTES) sharedHashPool().warm(); // threads load while the part downloads
  let single: string | undefined;
  for (const p of parts) {
    const { data, release } = await fetchPart(ctx, pin, p.offset, p.length, filePath);
    try {
      if (whole) whole.update(data);
      else single = data.length < INLINE_HASH_BYTES ? createHash('md5').update(data).digest('hex').toUpperCase() : await sharedHashPool().md5(data);
      if (expectedMd5 && !whole && single !== expectedMd5) {
        throw new WaieError({
          code: 'RANGE_HASH_MISMATCH',
          title: 'Downloaded data does not match the drive manifest',
          detail: `${filePath} offset ${offset} length ${length}: the blob's bytes have MD5 ${single}, the drive manifest expects ${expectedMd5}. Nothing was written; the blob probably changed after the export.`,
          statusCode: 'BlobUnexpectedChange',
        });
      }
      await writeFully(file, data, p.offset);
    } finally {
      release();
    }
  }
  return whole ? whole.digest('hex').toUpperCase() : single;
}
