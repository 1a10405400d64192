/**
 * Drive paths named more than once by a copy log or a drive manifest (hostile or corrupt input: the
 * service names every file once, and never two files whose names differ only in case, since NTFS would
 * store them as one).
 *
 * - The same file for **different** blobs (another BlobPath, Snapshot or Length): which blob belongs in
 *   the file cannot be told, so every entry of that path is refused (`FileNameInvalid`) and nothing is
 *   written into the file.
 * - The same blob listed twice: the entries are repaired one after the other, never at the same time, so
 *   the second finds the first's work in the repair file instead of writing the same file concurrently.
 *
 * Memory: 16 bytes per path (two 64-bit hashes), so a manifest of a million blobs costs 16 MB; the
 * chance that two different paths share a 64-bit hash is negligible (about 3 in 10^8 for 10^6 paths).
 */
import { createHash } from 'node:crypto';
import { parseDrivePath } from '../../../src-shared/paths/index.ts';

function hash64(s: string): bigint {
  return createHash('md5').update(s).digest().readBigUInt64BE(0);
}

/** The case-insensitive identity of a drive path (`\A\b.txt` and `/a/B.TXT` are the same file on NTFS). */
export function drivePathKey(filePath: string): bigint {
  const p = parseDrivePath(filePath);
  return hash64((p.ok ? p.segments.join('\\') : filePath).toUpperCase());
}

/** What an entry writes into its file: the blob (and snapshot) and its length. */
export function blobFingerprint(b: { blobPath: string; snapshot?: string; length: number }): string {
  return `${b.blobPath}\n${b.snapshot ?? ''}\n${b.length}`;
}

/** Collects drive paths during a scan, then tells which are named twice. */
export class DrivePathRegistry {
  private keys = new BigUint64Array(1024);
  private prints = new BigUint64Array(1024);
  private n = 0;
  /** Paths named for different blobs. */
  readonly conflicted = new Set<bigint>();
  /** Paths named more than once for the same blob. */
  readonly repeated = new Set<bigint>();

  add(filePath: string, fingerprint: string): void {
    if (this.n === this.keys.length) {
      const k = new BigUint64Array(this.n * 2);
      k.set(this.keys);
      this.keys = k;
      const p = new BigUint64Array(this.n * 2);
      p.set(this.prints);
      this.prints = p;
    }
    this.keys[this.n] = drivePathKey(filePath);
    this.prints[this.n] = hash64(fingerprint);
    this.n++;
  }

  /** Sorts what was added and fills {@link conflicted} and {@link repeated}. Call once, after the scan. */
  finish(): this {
    const sorted = this.keys.slice(0, this.n).sort();
    const twice = new Set<bigint>();
    for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) twice.add(sorted[i]!);
    if (twice.size) {
      const prints = new Map<bigint, bigint>();
      for (let i = 0; i < this.n; i++) {
        const k = this.keys[i]!;
        if (!twice.has(k)) continue;
        const seen = prints.get(k);
        if (seen === undefined) prints.set(k, this.prints[i]!);
        else if (seen !== this.prints[i]) this.conflicted.add(k);
      }
      for (const k of twice) if (!this.conflicted.has(k)) this.repeated.add(k);
    }
    this.keys = new BigUint64Array(0);
    this.prints = new BigUint64Array(0);
    return this;
  }
}

/**
 * Runs the tasks of one drive path one after the other (entries of a {@link DrivePathRegistry.repeated}
 * path). `run(key, task)` returns a task that first waits for the previous one of the same key.
 */
export class PathQueue {
  private readonly last = new Map<bigint, Promise<void>>();
  run(key: bigint, task: () => Promise<void>): () => Promise<void> {
    const prev = this.last.get(key);
    let release!: () => void;
    const done = new Promise<void>((r) => (release = r));
    this.last.set(key, done);
    return async () => {
      try {
        if (prev) await prev;
        await task();
      } finally {
        release();
        if (this.last.get(key) === done) this.last.delete(key);
      }
    };
  }
}

/** The failure detail for an entry of a path named for different blobs. */
export function conflictDetail(filePath: string, what: 'copy log' | 'drive manifest'): string {
  return `The ${what} names ${filePath} more than once, for different blobs (or lengths): which one belongs in the file cannot be told, so nothing was written into it. Use the ${what} the Import/Export service wrote for this drive.`;
}
