/**
 * A drive file opened for repair: one ordinary handle for everything (length, reads, small or unaligned
 * writes, fsync), and on Linux a second handle opened with `O_DIRECT` for the repair's aligned 4 MiB
 * parts. Direct writes go from the part buffer to the disk without passing through the page cache: a
 * repair of terabytes does not push everything else out of memory, and the writes cost almost no CPU
 * (bench 2: page-cache writes took 0.2–2 CPU-s per GiB on 2 cores, depending on how much memory had to
 * be found for them; direct writes 0.02 s). Reading a range back after writing it (the manifest pass)
 * then reads what the disk holds.
 *
 * Rules: Linux `open(2)`: with `O_DIRECT` the buffer's address, the file offset and the length must be
 * multiples of the device's logical block size; {@link DIRECT_ALIGN} (4096) covers 512-byte and 4K
 * devices. Where `O_DIRECT` does not exist (Windows, macOS) or the file system refuses it (tmpfs, some
 * FUSE mounts: `EINVAL`), and for any write the disk refuses that way, the ordinary handle is used.
 * `WAIE_DIRECT_IO=0` turns direct writes off.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { constants, type Stats } from 'node:fs';
import { writeFully } from '../transfer/download-range.ts';

/** Alignment of direct writes, bytes: buffer address, file offset and length are multiples of it. */
export const DIRECT_ALIGN = 4096;

/** O_DIRECT where it exists and is not turned off (read at each open). */
function directFlag(): number | undefined {
  return process.platform === 'linux' && process.env.WAIE_DIRECT_IO !== '0' ? constants.O_DIRECT : undefined;
}

/** A file on the drive being repaired; see the module comment. Close it once. */
export class DriveFile {
  /** Bytes written through the direct handle (tests, logs). */
  directBytes = 0;

  private constructor(
    /** The ordinary handle: stat, truncate, reads, fsync, unaligned writes. */
    readonly handle: FileHandle,
    private direct: FileHandle | undefined,
  ) {}

  /**
   * Opens `absolute` for positional writes, creating it (mode 0644) when missing, never truncating it.
   * Errors: those of `open(2)` for the ordinary handle (ENOENT for a missing folder, EACCES, EROFS, …);
   * a refused direct handle is not an error.
   */
  static async open(absolute: string): Promise<DriveFile> {
    const handle = await open(absolute, constants.O_RDWR | constants.O_CREAT, 0o644);
    let direct: FileHandle | undefined;
    const flag = directFlag();
    if (flag !== undefined) direct = await open(absolute, constants.O_RDWR | flag).catch(() => undefined);
    return new DriveFile(handle, direct);
  }

  /**
   * Writes all of `data` at `position`. `aligned` says that `data` starts at a {@link DIRECT_ALIGN}-aligned
   * address (a part buffer of the run, transfer.ts); with an aligned offset and length the write goes
   * through the direct handle. A direct write the system refuses (`EINVAL`) is done again through the
   * ordinary handle, which this file then uses from there on.
   */
  async write(data: Uint8Array, position: number, aligned = false): Promise<void> {
    if (this.direct && aligned && position % DIRECT_ALIGN === 0 && data.length % DIRECT_ALIGN === 0) {
      try {
        await writeFully(this.direct, data, position);
        this.directBytes += data.length;
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EINVAL') throw err;
        await this.dropDirect();
      }
    }
    await writeFully(this.handle, data, position);
  }

  /** The file's `fstat`. */
  stat(): Promise<Stats> {
    return this.handle.stat();
  }

  /** Sets the file's length, bytes. */
  truncate(length: number): Promise<void> {
    return this.handle.truncate(length);
  }

  /** Flushes the file's data (direct and ordinary writes alike) and metadata to the disk (`fsync`). */
  sync(): Promise<void> {
    return this.handle.sync();
  }

  /** Closes both handles. */
  async close(): Promise<void> {
    await this.dropDirect();
    await this.handle.close();
  }

  private async dropDirect(): Promise<void> {
    const d = this.direct;
    this.direct = undefined;
    await d?.close().catch(() => undefined);
  }
}
