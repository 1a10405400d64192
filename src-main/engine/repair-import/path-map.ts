/**
 * The path map file of RepairImport (`/PathMapFile`, formats.md §5; Microsoft's "Repairing an import
 * job", WAImportExport v1): a text file, one drive-relative path per line. On the first run the tool
 * writes the paths it could not resolve (not found, access denied, invalid name, or found under more
 * than one `/d` root) with an empty target; the user adds a TAB and the real path; the next run uses it:
 *
 * ```
 * \animals\koala.jpg<TAB>C:\Users\bob\Pictures\animals\koala.jpg
 * \animals\kangaroo.jpg<TAB>
 * ```
 *
 * Reading is lenient (a BOM, CRLF or LF, blank lines, spaces around the TAB, and a target wrapped in
 * double quotes as Explorer's "Copy as path" gives it are all accepted). Writing keeps every line the
 * user filled in, never writes a path twice (paths compare case-insensitively, `/` equal to `\`, as on
 * Windows), keeps the file's line endings, and replaces the file atomically.
 */
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { EOL } from 'node:os';
import { dirname, isAbsolute, resolve } from 'node:path';
import { WaieError } from '../../../src-shared/errors.ts';

/** One line of the path map. */
export interface PathMapEntry {
  /** The drive-relative path as written before the TAB, e.g. `\animals\koala.jpg`. */
  drivePath: string;
  /** The local path after the TAB (trimmed, quotes removed); `''` when the user has not filled it in. */
  target: string;
}

/** A parsed path map: its entries in file order and the line ending it uses. */
export interface ParsedPathMap {
  entries: PathMapEntry[];
  eol: '\r\n' | '\n';
}

/**
 * Comparison key of a drive path: `/` → `\`, exactly one leading `\`, lower case (FilePaths are NTFS
 * paths, which Windows compares case-insensitively). Never throws; works for invalid names too, so a
 * user can map a path whose name is not valid on this machine.
 */
export function pathMapKey(drivePath: string): string {
  return ('\\' + drivePath.trim().replace(/\//g, '\\').replace(/^\\+/, '')).toLowerCase();
}

function unquote(s: string): string {
  const t = s.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).trim() : t;
}

/**
 * Parses path map text. Each non-blank line is `drivePath[TAB target]`; the first TAB separates them.
 * A line without a TAB has an empty target. Lines whose drive path is empty are ignored. Never throws.
 *
 * @returns the entries in file order and the line ending (`\r\n` when the file's first line break is
 *   CRLF, else `\n`; `\n` for a file without line breaks)
 */
export function parsePathMap(text: string): ParsedPathMap {
  const body = text.replace(/^\uFEFF/, '');
  const firstBreak = body.indexOf('\n');
  const eol: ParsedPathMap['eol'] = firstBreak > 0 && body[firstBreak - 1] === '\r' ? '\r\n' : '\n';
  const entries: PathMapEntry[] = [];
  for (const raw of body.split(/\r?\n/)) {
    const tab = raw.indexOf('\t');
    const drivePath = (tab === -1 ? raw : raw.slice(0, tab)).trim();
    if (!drivePath) continue;
    entries.push({ drivePath, target: tab === -1 ? '' : unquote(raw.slice(tab + 1)) });
  }
  return { entries, eol };
}

/** Formats entries as path map text: `drivePath<TAB>target` and `eol` after every line. */
export function formatPathMap(entries: readonly PathMapEntry[], eol: '\r\n' | '\n' = '\n'): string {
  return entries.map((e) => `${e.drivePath}\t${e.target}${eol}`).join('');
}

/** True when a drive path can be written on one line of the map (no TAB, CR or LF in it). */
export function fitsOnPathMapLine(drivePath: string): boolean {
  return !/[\t\r\n]/.test(drivePath) && drivePath.trim() !== '';
}

/**
 * Merges the paths still unresolved into the existing entries:
 * - every entry with a target is kept, unchanged and in place (the user filled it in);
 * - an entry without a target is kept when its path is still unresolved (once: later duplicates go),
 *   and dropped otherwise when `prune` is true (the file was found since; `prune` false keeps it, for
 *   a run that did not look at every blob);
 * - an unresolved path that has no entry yet is appended with an empty target;
 * - no path gets a second entry with an empty target.
 *
 * @param unresolved drive paths as the copy log writes them (paths that do not fit on a line are skipped)
 */
export function mergePathMap(existing: readonly PathMapEntry[], unresolved: readonly string[], prune = true): PathMapEntry[] {
  const want = new Set(unresolved.filter(fitsOnPathMapLine).map(pathMapKey));
  const present = new Set<string>();
  const out: PathMapEntry[] = [];
  for (const e of existing) {
    const k = pathMapKey(e.drivePath);
    if (e.target) {
      out.push(e);
      present.add(k);
    } else if (!present.has(k) && (want.has(k) || !prune)) {
      out.push({ drivePath: e.drivePath, target: '' });
      present.add(k);
    }
  }
  for (const p of unresolved) {
    if (!fitsOnPathMapLine(p)) continue;
    const k = pathMapKey(p);
    if (present.has(k)) continue;
    out.push({ drivePath: p, target: '' });
    present.add(k);
  }
  return out;
}

/** The default path map file for a repair file: its path without extension + `_pathmap.txt`. */
export function defaultPathMapFile(repairFile: string): string {
  return resolve(repairFile).replace(/\.[^./\\]*$/, '') + '_pathmap.txt';
}

function ioError(file: string, err: unknown, doing: string): WaieError {
  const e = err as NodeJS.ErrnoException;
  return new WaieError({
    code: 'BAD_INPUT',
    title: `The path map file cannot be ${doing}`,
    detail: `${file}: ${e.code ?? e.message}. Give /PathMapFile a file in a folder you can ${doing === 'read' ? 'read' : 'write to'}.`,
    statusCode: e.code === 'EACCES' || e.code === 'EPERM' ? 'FileAccessDenied' : 'IOFailed',
    file,
  });
}

/**
 * Reads a path map file; a missing file is an empty map (line ending: the platform's).
 * @throws WaieError `BAD_INPUT` when the file exists but cannot be read (statusCode FileAccessDenied / IOFailed)
 */
export async function readPathMapFile(file: string): Promise<ParsedPathMap & { exists: boolean; text: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], eol: EOL === '\r\n' ? '\r\n' : '\n', exists: false, text: '' };
    throw ioError(file, err, 'read');
  }
  return { ...parsePathMap(text), exists: true, text };
}

/** Writes `text` to `file` through a temporary file in the same folder and a rename. */
async function writeAtomic(file: string, text: string): Promise<void> {
  const tmp = `${file}.waie-tmp`;
  try {
    await writeFile(tmp, text, { encoding: 'utf8', flush: true });
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw ioError(file, err, 'written');
  }
}

/**
 * Updates the path map file with the paths still unresolved ({@link mergePathMap}). Creates the file
 * only when there is something to write; rewrites it only when its content changes.
 *
 * @returns `written` (the file was created or changed) and the entries it now holds
 * @throws WaieError `BAD_INPUT` when it cannot be read or written
 */
export async function updatePathMapFile(file: string, unresolved: readonly string[], prune = true): Promise<{ written: boolean; entries: PathMapEntry[] }> {
  const cur = await readPathMapFile(file);
  const entries = mergePathMap(cur.entries, unresolved, prune);
  if (!cur.exists && entries.length === 0) return { written: false, entries };
  const text = formatPathMap(entries, cur.eol);
  if (cur.exists && text === cur.text) return { written: false, entries };
  await writeAtomic(file, text);
  return { written: true, entries };
}

/**
 * Sets targets in a path map file (for a wizard: the operator picked a candidate or browsed to the
 * original). Each `drivePath` gets `target` on its existing line (the first one for that path; later
 * lines for the same path are removed), or a new line at the end. An empty `target` clears it. Other
 * lines are kept as they are.
 *
 * @returns the entries the file now holds
 * @throws WaieError `BAD_INPUT` for a drive path or target that does not fit on one line, or when the
 *   file cannot be read or written
 */
export async function setPathMapTargets(file: string, targets: ReadonlyArray<{ drivePath: string; target: string }>): Promise<PathMapEntry[]> {
  for (const t of targets) {
    if (!fitsOnPathMapLine(t.drivePath) || /[\t\r\n]/.test(t.target)) {
      throw new WaieError({ code: 'BAD_INPUT', title: 'A path map entry does not fit on one line', detail: `"${t.drivePath.slice(0, 80)}" or its target contains a TAB or a line break, which the path map file cannot hold.` });
    }
  }
  const cur = await readPathMapFile(file);
  const wanted = new Map(targets.map((t) => [pathMapKey(t.drivePath), t]));
  const done = new Set<string>();
  const out: PathMapEntry[] = [];
  for (const e of cur.entries) {
    const k = pathMapKey(e.drivePath);
    const t = wanted.get(k);
    if (!t) {
      out.push(e);
    } else if (!done.has(k)) {
      out.push({ drivePath: e.drivePath, target: t.target.trim() });
      done.add(k);
    }
  }
  for (const [k, t] of wanted) if (!done.has(k)) out.push({ drivePath: t.drivePath, target: t.target.trim() });
  await writeAtomic(file, formatPathMap(out, cur.eol));
  return out;
}

/** Targets the user filled in, looked up by drive path. */
export class PathMap {
  private readonly targets = new Map<string, string>();

  /**
   * @param file the path map file (relative targets are resolved against its folder)
   * @param entries its entries; the first filled-in target of a path wins
   */
  constructor(
    readonly file: string,
    entries: readonly PathMapEntry[],
  ) {
    for (const e of entries) {
      const k = pathMapKey(e.drivePath);
      if (e.target && !this.targets.has(k)) this.targets.set(k, e.target);
    }
  }

  /** Loads `file` (missing: empty). @throws WaieError `BAD_INPUT` when it exists but cannot be read */
  static async load(file: string): Promise<PathMap> {
    return new PathMap(file, (await readPathMapFile(file)).entries);
  }

  /** Number of paths with a target. */
  get size(): number {
    return this.targets.size;
  }

  /** The absolute local path the user gave for `drivePath`, or undefined. Relative targets are taken from the map file's folder. */
  targetFor(drivePath: string): string | undefined {
    const t = this.targets.get(pathMapKey(drivePath));
    if (t === undefined) return undefined;
    return isAbsolute(t) ? t : resolve(dirname(this.file), t);
  }
}
