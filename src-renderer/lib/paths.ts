/**
 * Path helpers for paths the host gives us (Windows `G:\dir\file`, UNC `\\server\share\dir`, POSIX
 * `/mnt/drive`). The renderer has no `node:path`; these only split and join strings, they never touch
 * the file system.
 */

/** True when `p` is written the Windows way (drive letter, UNC, or backslashes only). */
export function isWindowsPath(p: string): boolean {
  return /^[a-zA-Z]:/.test(p) || p.startsWith('\\\\') || (p.includes('\\') && !p.includes('/'));
}

function separator(p: string): string {
  return isWindowsPath(p) ? '\\' : '/';
}

/** The root part of `p`: `C:\`, `\\server\share\`, `/`, or '' for a relative path. */
function rootOf(p: string): string {
  const drive = /^[a-zA-Z]:[\\/]?/.exec(p);
  if (drive) return drive[0].length === 2 ? drive[0] + '\\' : drive[0];
  const unc = /^\\\\[^\\]+\\[^\\]+\\?/.exec(p);
  if (unc) return unc[0].endsWith('\\') ? unc[0] : unc[0] + '\\';
  if (p.startsWith('/')) return '/';
  return '';
}

/** True when `p` is a root (`C:\`, `C:`, `/`, `\\server\share`). */
export function isRoot(p: string): boolean {
  const root = rootOf(p);
  return root !== '' && p.replace(/[\\/]+$/, '').length <= root.replace(/[\\/]+$/, '').length;
}

/** The folder that holds `p`, or undefined when `p` is a root or has no folder part. */
export function dirname(p: string): string | undefined {
  const trimmed = p.trim();
  if (trimmed === '' || isRoot(trimmed)) return undefined;
  const root = rootOf(trimmed);
  const body = trimmed.slice(root.length).replace(/[\\/]+$/, '');
  const cut = Math.max(body.lastIndexOf('\\'), body.lastIndexOf('/'));
  if (cut < 0) return root === '' ? undefined : root;
  return root + body.slice(0, cut);
}

/** The last part of `p` (file or folder name). */
export function basename(p: string): string {
  const trimmed = p.trim().replace(/[\\/]+$/, '');
  const cut = Math.max(trimmed.lastIndexOf('\\'), trimmed.lastIndexOf('/'));
  return cut < 0 ? trimmed : trimmed.slice(cut + 1);
}

/** `dir` + `name` with `dir`'s separator. */
export function joinPath(dir: string, name: string): string {
  const sep = separator(dir);
  return /[\\/]$/.test(dir) ? dir + name : dir + sep + name;
}

/** Lower-case extension without the dot (`xml`), or ''. */
export function extensionOf(p: string): string {
  const name = basename(p);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/**
 * Where the repair file and logs go by default: next to the copy log, else in the parent folder of the
 * target directory (undefined when the target is a drive root and there is no copy log: the user chooses).
 */
export function defaultOutputDir(copyLogFile: string | undefined, targetDir: string | undefined): string | undefined {
  if (copyLogFile && copyLogFile.trim() !== '') return dirname(copyLogFile);
  if (targetDir && targetDir.trim() !== '') return dirname(targetDir);
  return undefined;
}

/** `<dir>/<DriveId>.rep` (the repair file's conventional name, as in WAImportExport's examples). */
export function defaultRepairFile(dir: string, driveId: string | undefined): string {
  const safe = (driveId ?? '').replace(/[^A-Za-z0-9._-]/g, '');
  return joinPath(dir, `${safe || 'repair'}.rep`);
}
