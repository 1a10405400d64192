/**
 * Recursive, byte-exact comparison of two directory trees (used to check a repaired drive against
 * the pristine copy of a sample export job).
 */
import { open, readdir, readlink } from 'node:fs/promises';
import { join } from 'node:path';

/** One difference between an expected tree (`a`) and an actual tree (`b`). */
export interface DirDifference {
  /**
   * `missing`: in `a`, absent from `b`. `extra`: in `b`, absent from `a`. `type`: a file in one, a
   * directory (or other) in the other. `content`: both files, different size or bytes.
   */
  kind: 'missing' | 'extra' | 'type' | 'content';
  /** Path relative to the roots, `/`-separated; directories end in `/`. */
  path: string;
  /** For `content`/`type`: what differs (sizes, first differing byte offset, kinds). */
  detail?: string;
}

type Kind = 'file' | 'dir' | 'symlink' | 'other';

async function listDir(dir: string): Promise<Map<string, Kind>> {
  const out = new Map<string, Kind>();
  for (const e of await readdir(dir, { withFileTypes: true })) {
    out.set(e.name, e.isDirectory() ? 'dir' : e.isFile() ? 'file' : e.isSymbolicLink() ? 'symlink' : 'other');
  }
  return out;
}

const CHUNK = 1024 * 1024;

/** How two files differ (sizes first, then the first differing byte), or undefined when identical. */
async function compareFiles(a: string, b: string): Promise<string | undefined> {
  const fa = await open(a, 'r');
  try {
    const fb = await open(b, 'r');
    try {
      const [sa, sb] = [await fa.stat(), await fb.stat()];
      if (sa.size !== sb.size) return `size ${sa.size} vs ${sb.size}`;
      const ba = Buffer.allocUnsafe(CHUNK);
      const bb = Buffer.allocUnsafe(CHUNK);
      for (let pos = 0; pos < sa.size; pos += CHUNK) {
        const n = Math.min(CHUNK, sa.size - pos);
        const [ra, rb] = await Promise.all([fa.read(ba, 0, n, pos), fb.read(bb, 0, n, pos)]);
        if (ra.bytesRead !== n || rb.bytesRead !== n) return `short read at byte ${pos}`;
        if (!ba.subarray(0, n).equals(bb.subarray(0, n))) {
          let i = 0;
          while (i < n && ba[i] === bb[i]) i++;
          return `first difference at byte ${pos + i}`;
        }
      }
      return undefined;
    } finally {
      await fb.close();
    }
  } finally {
    await fa.close();
  }
}

async function walk(a: string, b: string, rel: string, out: DirDifference[]): Promise<void> {
  const [ea, eb] = await Promise.all([listDir(join(a, rel)), listDir(join(b, rel))]);
  const names = [...new Set([...ea.keys(), ...eb.keys()])].sort();
  for (const name of names) {
    const ka = ea.get(name);
    const kb = eb.get(name);
    const p = rel ? `${rel}/${name}` : name;
    const shown = (k: Kind | undefined): string => (k === 'dir' ? `${p}/` : p);
    if (kb === undefined) out.push({ kind: 'missing', path: shown(ka) });
    else if (ka === undefined) out.push({ kind: 'extra', path: shown(kb) });
    else if (ka !== kb) out.push({ kind: 'type', path: p, detail: `${ka} vs ${kb}` });
    else if (ka === 'dir') await walk(a, b, p, out);
    else if (ka === 'file') {
      const d = await compareFiles(join(a, p), join(b, p));
      if (d !== undefined) out.push({ kind: 'content', path: p, detail: d });
    } else if (ka === 'symlink') {
      const [la, lb] = await Promise.all([readlink(join(a, p)), readlink(join(b, p))]);
      if (la !== lb) out.push({ kind: 'content', path: p, detail: `link ${la} vs ${lb}` });
    }
  }
}

/**
 * All differences between directory trees `a` (expected) and `b` (actual), recursively, sorted by
 * path within each directory. A directory present on one side only is reported once (with a
 * trailing `/`), not file by file. `[]` when the trees are identical (names, kinds, file bytes).
 * Reads files in 1 MiB chunks, so large trees do not need much memory.
 *
 * @throws when `a` or `b` is not a readable directory.
 */
export async function compareDirsDetailed(a: string, b: string): Promise<DirDifference[]> {
  const out: DirDifference[] = [];
  await walk(a, b, '', out);
  return out;
}

/**
 * {@link compareDirsDetailed} as text lines, e.g. `missing: exportjob/a.jpg`,
 * `extra: exportjob/b.tmp`, `different: exportjob/c.bin (first difference at byte 65536)`,
 * `type differs: x (file vs dir)`. `[]` when identical.
 */
export async function compareDirs(a: string, b: string): Promise<string[]> {
  const label = { missing: 'missing', extra: 'extra', type: 'type differs', content: 'different' } as const;
  return (await compareDirsDetailed(a, b)).map((d) => `${label[d.kind]}: ${d.path}${d.detail ? ` (${d.detail})` : ''}`);
}
