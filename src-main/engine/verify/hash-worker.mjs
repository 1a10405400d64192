// Worker of the hashing pool (hash-pool.ts): MD5 of byte ranges of a file on the drive, read with
// synchronous positional reads into one reusable buffer and hashed in this thread, so each pool thread
// works like one `md5sum` (read, hash, repeat) and the engine's own thread stays free.
//
// Plain JavaScript on purpose: from source it runs without a TypeScript loader, and a bundled app
// ships it as a file beside the bundled engine worker (scripts/build-electron.js).
//
// Message in:  { id, path, ranges: [offset0, length0, offset1, length1, …] }   (bytes)
//          or: { id, bytes: Uint8Array }  (a view of a SharedArrayBuffer, or a copy): out { id, hash }
// Message out: { id, size, hashes, bytes }  size: file size in bytes, or null when the file cannot be
//              opened; hashes[i]: upper-case hex MD5 of range i, or null when the file ends before the
//              range does; bytes: bytes read and hashed.
//          or: { id, error: { code, message } }  a read failed after the file was opened.
import { parentPort, workerData } from 'node:worker_threads';
import { closeSync, fstatSync, openSync, readSync, readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { createHash } from 'node:crypto';

// Background priority (workerData.nice, e.g. 10): hashing a drive uses every core for hours, and the
// operator's window (and anything else on the machine) must stay responsive meanwhile. Idle cores are
// used all the same. Linux keeps a nice value per thread, addressed by the thread's id; elsewhere
// (and when not permitted) this thread keeps the process's priority.
if (workerData?.nice > 0 && process.platform === 'linux') {
  try {
    setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), workerData.nice);
  } catch {
    // best effort
  }
}

/** Read size: large enough for few system calls, small enough to stay in the CPU's caches. */
const CHUNK = 256 * 1024;
const buf = Buffer.allocUnsafe(CHUNK);

function hashRanges(path, ranges) {
  let fd;
  try {
    fd = openSync(path, 'r');
  } catch {
    return { size: null, hashes: new Array(ranges.length / 2).fill(null), bytes: 0 };
  }
  try {
    const size = fstatSync(fd).size;
    const hashes = [];
    let bytes = 0;
    for (let i = 0; i < ranges.length; i += 2) {
      const offset = ranges[i];
      const length = ranges[i + 1];
      if (offset + length > size) {
        hashes.push(null);
        continue;
      }
      const h = createHash('md5');
      let pos = 0;
      let short = false;
      while (pos < length) {
        const n = readSync(fd, buf, 0, Math.min(CHUNK, length - pos), offset + pos);
        if (n === 0) {
          short = true;
          break;
        }
        h.update(n === CHUNK ? buf : buf.subarray(0, n));
        pos += n;
      }
      bytes += pos;
      hashes.push(short ? null : h.digest('hex').toUpperCase());
    }
    return { size, hashes, bytes };
  } finally {
    closeSync(fd);
  }
}

parentPort.on('message', (m) => {
  try {
    if (m.bytes) return parentPort.postMessage({ id: m.id, hash: createHash('md5').update(m.bytes).digest('hex').toUpperCase() });
    parentPort.postMessage({ id: m.id, ...hashRanges(m.path, m.ranges) });
  } catch (err) {
    parentPort.postMessage({ id: m.id, error: { code: err?.code, message: String(err?.message ?? err) } });
  }
});
