/**
 * MD5 of byte ranges of a file on the drive (manifest validation, seed `003_…`: "read through each
 * file referenced in the manifest file and verify the file's integrity with the MD5 hashes").
 * Reads into one reusable buffer (ranges are at most 4 MiB by the manifest format), so memory is
 * bounded whatever the file size.
 */
import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';

const CHUNK = 4 * 1024 * 1024;

/** A buffer for {@link md5OfRange}; one per concurrent reader. */
export function newHashBuffer(): Buffer {
  return Buffer.allocUnsafe(CHUNK);
}

/**
 * Upper-case Base16 MD5 of [offset, offset+length) of `file`, or `null` when the file ends before
 * offset+length (a short file fails validation). `onBytes` is called with bytes read.
 */
export async function md5OfRange(file: FileHandle, offset: number, length: number, buf: Buffer, onBytes?: (n: number) => void): Promise<string | null> {
  const h = createHash('md5');
  let pos = 0;
  while (pos < length) {
    const want = Math.min(buf.length, length - pos);
    const { bytesRead } = await file.read(buf, 0, want, offset + pos);
    if (bytesRead === 0) return null;
    h.update(buf.subarray(0, bytesRead));
    pos += bytesRead;
    onBytes?.(bytesRead);
  }
  return h.digest('hex').toUpperCase();
}

/** Upper-case Base16 MD5 of a whole small file's bytes (properties/metadata files). */
export function md5Hex(data: Uint8Array | string): string {
  return createHash('md5').update(data).digest('hex').toUpperCase();
}
