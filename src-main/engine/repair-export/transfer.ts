/**
 * Downloading a range of a pinned blob and writing it into a drive file at the same offset.
 * Parts are at most 4 MiB (the manifest format's largest range), fetched into a buffer so that a part
 * can be checked against an expected MD5 before the drive is touched. Memory: at most 2 × concurrency ×
 * 4 MiB of buffers, reused for the whole run.
 */
import { createHash } from 'node:crypto';
import { WaieError } from '../../../src-shared/errors.ts';
import { downloadRange } from '../transfer/download-range.ts';
import type { DriveFile } from '../drive/drive-file.ts';
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
 * Part buffers of a run: 4 MiB slices of one shared WebAssembly memory, reused from part to part for the
 * whole run. Shared, so the hashing pool reads a part in place (no copy to its thread, no buffer moved
 * back and forth, which kept the garbage collector busy); WebAssembly memory, because it starts on a
 * page boundary, so each slice is aligned for direct writes (drive/drive-file.ts). Fresh buffers per
 * part cost their page faults and zeroing on first touch, hence the reuse. At most `max` buffers exist;
 * a part that finds none free waits for one, so parts downloaded faster than they can be hashed and
 * written hold the downloads back instead of growing memory.
 */
class PartBuffers {
  private readonly free: Buffer[] = [];
  private readonly waiting: Array<() => void> = [];
  private made = 0;
  private memory?: WebAssembly.Memory;
  constructor(private readonly max: number) {}

  /** A free buffer, a new one while fewer than `max` exist, or the next one given back. Throws the signal's reason when aborted. */
  async take(signal: AbortSignal): Promise<Buffer> {
    for (;;) {
      signal.throwIfAborted();
      const b = this.free.pop();
      if (b) return b;
      if (this.made < this.max) {
        const pages = (this.max * PART_BYTES) / WASM_PAGE_BYTES;
        this.memory ??= new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
        return Buffer.from(this.memory.buffer, PART_BYTES * this.made++, PART_BYTES);
      }
      await new Promise<void>((resolve, reject) => {
        const wake = (): void => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        };
        const onAbort = (): void => {
          const i = this.waiting.indexOf(wake);
          if (i >= 0) this.waiting.splice(i, 1);
          reject(signal.reason);
        };
        this.waiting.push(wake);
        signal.addEventListener('abort', onAbort, { once: true });
      });
    }
  }

  /** Gives a buffer back (once per take) and wakes a waiting part. */
  give(b: Buffer): void {
    this.free.push(b);
    this.waiting.shift()?.();
  }
}

/** WebAssembly page size, bytes. */
const WASM_PAGE_BYTES = 65536;

const partBuffers = new WeakMap<object, PartBuffers>();
/** The run's buffers: twice its transfer concurrency (8 → 16 × 4 MiB = 64 MiB): the parts downloading plus as many hashing or being written. */
function buffersOf(ctx: RunContext): PartBuffers {
  let p = partBuffers.get(ctx);
  if (!p) partBuffers.set(ctx, (p = new PartBuffers(2 * (ctx.req.concurrency ?? 8))));
  return p;
}

/**
 * Downloads [offset, offset+length) (≤ 4 MiB) of the pinned blob into one of the run's part buffers,
 * under the run's transfer concurrency, with resume/retry/stall handling from {@link downloadRange};
 * through the run's ranged GETs (transfer/range-get.ts) when the pin has a range source, else the SDK.
 * Returns the bytes (a view of the buffer, which starts on a page boundary) and `release`, to
 * call once they are written.
 */
export async function fetchPart(ctx: RunContext, pin: BlobPin, offset: number, length: number, filePath: string): Promise<{ data: Buffer; release: () => void }> {
  if (length > PART_BYTES) throw new Error(`part larger than ${PART_BYTES} bytes`);
  return ctx.transfers.run(async () => {
    await ctx.gate.wait(ctx.signal);
    ctx.signal.throwIfAborted();
    ctx.progress.current(filePath);
    const pool = buffersOf(ctx);
    const buf = await pool.take(ctx.signal);
    try {
      await downloadRange({
        blob: pin.client,
        source: pin.source,
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
export async function downloadInto(ctx: RunContext, pin: BlobPin, file: DriveFile, offset: number, length: number, filePath: string, expectedMd5?: string): Promise<string | undefined> {
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
      const direct = file.directBytes;
      await file.write(data, p.offset, true);
      ctx.directBytes = (ctx.directBytes ?? 0) + file.directBytes - direct;
    } finally {
      release();
    }
  }
  return whole ? whole.digest('hex').toUpperCase() : single;
}
