/**
 * The target directory (`/d`) and safe resolution of copy-log / manifest FilePaths under it.
 *
 * Rule (issue "RepairExport", formats.md §1.1): FilePath is Windows style (`\pictures\wild\desert.jpg`)
 * and resolves under `/d`; anything that would land outside it (`..`, absolute paths, drive letters,
 * UNC, NTFS streams, device names, or a symlink on the drive pointing elsewhere) is refused with
 * `FileNameInvalid` and nothing is written for it. The textual rules live in src-shared/paths.
 */
import { access, mkdir, realpath, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import { dirname, join, relative, isAbsolute, sep } from 'node:path';
import { WaieError } from '../../../src-shared/errors.ts';
import { parseDrivePath } from '../../../src-shared/paths/index.ts';

/** Checks that `/d` exists, is a directory and is writable; returns its real path. Throws `BAD_INPUT`. */
export async function checkTargetDir(dir: string): Promise<string> {
  let st;
  try {
    st = await stat(dir);
  } catch {
    throw new WaieError({ code: 'BAD_INPUT', title: 'The target directory does not exist', detail: `${dir} was not found. Give /d the export drive's root (e.g. /d:G:\\) or a folder holding a copy of the exported files; unlock the drive first if it is BitLocker-encrypted.`, statusCode: 'DiskNotFound', file: dir });
  }
  if (!st.isDirectory()) {
    throw new WaieError({ code: 'BAD_INPUT', title: 'The target is not a directory', detail: `${dir} is a file. Give /d the export drive's root or a folder holding a copy of the exported files.`, file: dir });
  }
  try {
    await access(dir, constants.W_OK);
  } catch {
    throw new WaieError({ code: 'BAD_INPUT', title: 'The target directory is not writable', detail: `${dir} cannot be written to. Run as administrator, or check the drive is not read-only (an unlocked BitLocker drive mounted read-only cannot be repaired).`, statusCode: 'FileAccessDenied', file: dir });
  }
  const real = await realpath(dir);
  // Windows (and file systems without stable inode numbers) report no usable identity: existence only.
  if (process.platform !== 'win32' && st.ino !== 0) targetIdentity.set(real, `${st.dev}:${st.ino}`);
  return real;
}

/**
 * Device and inode of each target directory when its run began: another one later means the drive was
 * unmounted (the path now names the empty mount point) or the folder replaced.
 */
const targetIdentity = new Map<string, string>();

/**
 * Throws WaieError `TARGET_GONE` (statusCode `IOFailed`; the run stops) when `root` no longer exists, is no
 * longer a directory, or is another folder than the one {@link checkTargetDir} saw (the drive was unmounted
 * and its mount point is an empty folder of the system disk): nothing may be written then.
 */
export async function assertTargetPresent(root: string): Promise<void> {
  let why: string | undefined;
  try {
    const st = await stat(root);
    if (!st.isDirectory()) why = 'is no longer a directory';
    else if (targetIdentity.has(root) && targetIdentity.get(root) !== `${st.dev}:${st.ino}`) why = 'is no longer the folder it was when the repair started (was the drive unmounted, or the folder replaced?)';
  } catch {
    why = 'no longer exists (was the drive unplugged or the folder deleted?)';
  }
  if (why) {
    throw new WaieError({ code: 'TARGET_GONE', title: 'The target directory is gone', detail: `${root} ${why}. Nothing more was written. Reconnect the drive, then run the same command again to resume.`, statusCode: 'IOFailed', file: root });
  }
}

/** A FilePath resolved under the target directory. */
export type ResolvedPath = { ok: true; absolute: string } | { ok: false; statusCode: string; reason: string };

/** True when absolute path `p` is `root` or lies inside it (textually; resolve links first). */
export function isInside(root: string, p: string): boolean {
  const rel = relative(root, p);
  return rel === '' || (!rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel));
}

/** Resolves `filePath` textually under `root` (the real path from {@link checkTargetDir}). No I/O. */
export function resolveUnder(root: string, filePath: string): ResolvedPath {
  const parsed = parseDrivePath(filePath);
  if (!parsed.ok) return { ok: false, statusCode: parsed.statusCode, reason: parsed.reason };
  const absolute = join(root, ...parsed.segments);
  if (!isInside(root, absolute) || absolute === root) return { ok: false, statusCode: 'FileNameInvalid', reason: 'the path leaves the target directory' };
  return { ok: true, absolute };
}

/**
 * Creates the parent folders of `absolute` and checks, after following symlinks, that they are still
 * inside `root`. Throws WaieError statusCode `FileNameInvalid` when a link leads outside, and `TARGET_GONE`
 * ({@link assertTargetPresent}) when `root` itself is gone.
 */
export async function ensureParentInside(root: string, absolute: string): Promise<void> {
  const parent = dirname(absolute);
  // Never recreate /d itself (or write onto the mount point of an unmounted drive): only folders below it.
  await assertTargetPresent(root);
  await mkdir(parent, { recursive: true });
  const real = await realpath(parent);
  if (!isInside(root, real)) {
    throw new WaieError({ code: 'PATH_ESCAPE', title: 'A folder on the drive points outside the target directory', detail: `${parent} is a link to ${real}; nothing is written there.`, statusCode: 'FileNameInvalid', file: absolute });
  }
}
