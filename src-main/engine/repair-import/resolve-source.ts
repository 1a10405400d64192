/**
 * Finding the original file of a copy-log FilePath for RepairImport (formats.md §5): the path is
 * resolved under each `/d` root; the user's path map wins over the roots.
 *
 * Rules:
 * - formats.md §5 / Microsoft's "Repairing an import job": a path that is not found, not accessible,
 *   has an invalid name, or is found under more than one root is not used: it goes into the path map
 *   file for the user to resolve.
 * - Path safety is RepairExport's (drive/target.ts, src-shared/paths): the FilePath is checked textually
 *   (`..`, drive letters, UNC, `\\?\`, streams, device names → FileNameInvalid / FileNameTooLong), and a
 *   file found through a link that leads outside its root is refused (FileNameInvalid).
 * - A target the user wrote into the path map is trusted as a local path (it is the user's own
 *   choice), but it must be a readable regular file.
 */
import { access, realpath, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import type { PathConflict } from '../../../src-shared/engine-protocol.ts';
import { WaieError } from '../../../src-shared/errors.ts';
import { isInside, resolveUnder } from '../drive/target.ts';
import type { PathMap } from './path-map.ts';

/** A resolved original, or why there is none (a conflict without the blob it belongs to). */
export type SourceResolution =
  | { ok: true; absolute: string; via: 'root' | 'map' }
  | { ok: false; conflict: Omit<PathConflict, 'blobPath'> };

/**
 * Checks the `/d` directories: each must exist and be a readable directory. Returns their real paths,
 * in the given order, without duplicates (the same folder given twice must not make every file
 * ambiguous).
 *
 * @throws WaieError `BAD_INPUT` naming the directory (statusCode DiskNotFound / FileAccessDenied)
 */
export async function checkSourceDirs(dirs: readonly string[]): Promise<string[]> {
  if (dirs.length === 0) {
    throw new WaieError({ code: 'BAD_INPUT', title: 'No source directory', detail: 'Give /d one or more directories holding the original files, separated by semicolons, e.g. /d:C:\\Users\\bob\\Pictures;X:\\BobBackup\\photos.' });
  }
  const out: string[] = [];
  for (const dir of dirs) {
    let st;
    try {
      st = await stat(dir);
    } catch {
      throw new WaieError({ code: 'BAD_INPUT', title: 'A source directory does not exist', detail: `${dir} was not found. Give /d the folders that hold the original files of the import (the import drive itself or another copy), separated by semicolons.`, statusCode: 'DiskNotFound', file: dir });
    }
    if (!st.isDirectory()) {
      throw new WaieError({ code: 'BAD_INPUT', title: 'A source directory is not a directory', detail: `${dir} is a file. Give /d the folders that hold the original files, separated by semicolons.`, file: dir });
    }
    try {
      await access(dir, constants.R_OK | constants.X_OK);
    } catch {
      throw new WaieError({ code: 'BAD_INPUT', title: 'A source directory cannot be read', detail: `${dir} cannot be read. Run as a user who can read it, or copy the originals somewhere readable.`, statusCode: 'FileAccessDenied', file: dir });
    }
    const real = await realpath(dir);
    if (!out.includes(real)) out.push(real);
  }
  return out;
}

type Probe = { kind: 'file'; absolute: string } | { kind: 'none' } | { kind: 'denied' } | { kind: 'escapes'; absolute: string };

async function probe(root: string, absolute: string): Promise<Probe> {
  try {
    const st = await stat(absolute);
    if (!st.isFile()) return { kind: 'none' };
    const real = await realpath(absolute);
    return isInside(root, real) ? { kind: 'file', absolute } : { kind: 'escapes', absolute };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'EACCES' || code === 'EPERM' ? { kind: 'denied' } : { kind: 'none' };
  }
}

async function readable(file: string): Promise<boolean> {
  try {
    await access(file, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/** Resolves drive paths to original files under the roots, through the path map first. Results are cached per path. */
export class SourceResolver {
  private readonly cache = new Map<string, Promise<SourceResolution>>();

  /**
   * @param roots real paths of the `/d` directories ({@link checkSourceDirs})
   * @param map the user's path map
   */
  constructor(
    readonly roots: readonly string[],
    readonly map: PathMap,
  ) {}

  /**
   * Resolves `drivePath` (a copy-log FilePath, e.g. `\animals\koala.jpg`). Never rejects: every
   * problem is a conflict with its reason, status code and one-sentence detail.
   */
  resolve(drivePath: string): Promise<SourceResolution> {
    let p = this.cache.get(drivePath);
    if (!p) {
      p = this.resolveNow(drivePath);
      this.cache.set(drivePath, p);
    }
    return p;
  }

  private async resolveNow(drivePath: string): Promise<SourceResolution> {
    const conflict = (c: Omit<PathConflict, 'blobPath' | 'drivePath' | 'candidates'> & { candidates?: string[] }): SourceResolution => ({ ok: false, conflict: { drivePath, candidates: [], ...c } });
    const mapped = this.map.targetFor(drivePath);
    if (mapped !== undefined) {
      let isFile = false;
      try {
        isFile = (await stat(mapped)).isFile();
      } catch {
        isFile = false;
      }
      if (!isFile) return conflict({ reason: 'target-unusable', statusCode: 'FileNotFound', mappedTarget: mapped, detail: `The path map names ${mapped}, which is not an existing file.` });
      if (!(await readable(mapped))) return conflict({ reason: 'target-unusable', statusCode: 'FileAccessDenied', mappedTarget: mapped, detail: `The path map names ${mapped}, which cannot be read.` });
      return { ok: true, absolute: mapped, via: 'map' };
    }
    const found: string[] = [];
    let denied = false;
    let escapes: string | undefined;
    for (const root of this.roots) {
      const r = resolveUnder(root, drivePath);
      if (!r.ok) return conflict({ reason: 'invalid-name', statusCode: r.statusCode, detail: r.reason });
      const p = await probe(root, r.absolute);
      if (p.kind === 'file') found.push(p.absolute);
      else if (p.kind === 'denied') denied = true;
      else if (p.kind === 'escapes') escapes ??= p.absolute;
    }
    if (found.length > 1) {
      return conflict({ reason: 'ambiguous', statusCode: 'Failed', candidates: found, detail: `Found under more than one /d directory (${found.join(', ')}); name the original in the path map.` });
    }
    const only = found[0];
    if (only !== undefined) {
      if (await readable(only)) return { ok: true, absolute: only, via: 'root' };
      return conflict({ reason: 'access-denied', statusCode: 'FileAccessDenied', detail: `Found as ${only}, which cannot be read.` });
    }
    if (escapes) return conflict({ reason: 'invalid-name', statusCode: 'FileNameInvalid', detail: `Found as ${escapes}, reached through a link that leads outside its /d directory; it is not used.` });
    if (denied) return conflict({ reason: 'access-denied', statusCode: 'FileAccessDenied', detail: 'A folder on the way to it cannot be read under at least one /d directory.' });
    return conflict({ reason: 'not-found', statusCode: 'FileNotFound', detail: `Not found under ${this.roots.length === 1 ? 'the /d directory' : `any of the ${this.roots.length} /d directories`}.` });
  }
}
