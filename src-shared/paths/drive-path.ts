/**
 * Path-safety rules for drive paths: the `FilePath` of a copy log or drive manifest, and the
 * `OriginalFilePath` of 2018-10-01 copy logs (formats.md §1, §2).
 *
 * A drive path comes from a file we did not write (a copy log downloaded from a storage account, a
 * manifest found on a drive), yet the repair engine creates and writes files from it. So every path is
 * checked here, before anything touches a disk, and only its segments leave this module: the caller
 * joins them under the target directory it chose (`/d:`) and never passes the raw string to a file API.
 *
 * Sources of the rules:
 * - Microsoft, "Naming Files, Paths, and Namespaces" (learn.microsoft.com/windows/win32/fileio/naming-a-file):
 *   reserved characters `< > : " / \ | ? *` and 0x00–0x1F; reserved device names CON, PRN, AUX, NUL,
 *   COM1–COM9, LPT1–LPT9 and the superscript forms COM¹ COM² COM³ LPT¹ LPT² LPT³, also when followed by an
 *   extension (`NUL.txt`); names must not end in a space or a period; `\\server\share` (UNC) and the
 *   `\\?\` / `\\.\` device namespaces; a component is at most 255 characters and an extended-length path
 *   at most 32,767.
 * - Microsoft, CreateFile "Consoles": `CONIN$` and `CONOUT$` open the console.
 * - Microsoft, "File Streams (Local File Systems)": `name:stream` addresses an NTFS alternate data stream.
 * - formats.md §1.1: FilePath is Windows style with a leading backslash, e.g. `\pictures\wild\desert.jpg`.
 *
 * Pure functions: no Node, no DOM (src-shared).
 */

import { codeUnitName as hex, findLoneSurrogate, quote as show } from './text.ts';

/** The Import/Export status code (seed `000_…`, blob table) a refused drive path corresponds to. */
export type DrivePathStatusCode = 'FileNameInvalid' | 'FileNameTooLong';

/**
 * Result of {@link parseDrivePath}.
 * - `{ ok: true, segments }`: the path's components, in order, without separators; never empty, every
 *   segment a valid NTFS file or folder name.
 * - `{ ok: false, statusCode, reason }`: refused. `statusCode` is `FileNameInvalid` or `FileNameTooLong`
 *   (usable as `ErrorInfo.statusCode` of `src-shared/errors.ts`); `reason` is one sentence in plain English that names the
 *   offending part (quoted, with invisible characters escaped).
 */
export type DrivePathResult =
  | { ok: true; segments: string[] }
  | { ok: false; statusCode: DrivePathStatusCode; reason: string };

/** Longest file or folder name NTFS allows, in UTF-16 code units (Microsoft, "Naming Files…": 255). */
export const MAX_DRIVE_SEGMENT_LENGTH = 255;

/** Longest extended-length Windows path, in UTF-16 code units (Microsoft, "Maximum Path Length Limitation"). */
export const MAX_DRIVE_PATH_LENGTH = 32767;

/** Characters Windows refuses in names (Microsoft, "Naming Files…"); `:`, `/`, `\` are handled separately. */
const RESERVED_CHARACTERS = new Set(['<', '>', '"', '|', '?', '*']);

/**
 * Windows device names (Microsoft, "Naming Files…" and CreateFile "Consoles"). `¹²³` are U+00B9, U+00B2,
 * U+00B3, which Windows also maps to COM/LPT ports. Compared case-insensitively with the part of the name
 * before its first period, trailing spaces removed (`con .txt` is the console too).
 */
const RESERVED_DEVICE_NAME = /^(?:CON|PRN|AUX|NUL|COM[1-9\u00B9\u00B2\u00B3]|LPT[1-9\u00B9\u00B2\u00B3]|CONIN\$|CONOUT\$)$/i;

function invalid(reason: string): DrivePathResult {
  return { ok: false, statusCode: 'FileNameInvalid', reason };
}

/**
 * True when `segment` is a Windows reserved device name (`CON`, `prn.txt`, `Com¹.log`, `CONOUT$`, `nul .x`),
 * in any case and with or without an extension. Source: Microsoft, "Naming Files, Paths, and Namespaces".
 */
export function isReservedDeviceName(segment: string): boolean {
  const dot = segment.indexOf('.');
  const base = (dot === -1 ? segment : segment.slice(0, dot)).replace(/ +$/, '');
  return RESERVED_DEVICE_NAME.test(base);
}

/** Checks one segment against the FileNameInvalid rules; returns the reason or undefined when valid. */
function segmentProblem(segment: string, index: number, count: number): string | undefined {
  const where = count > 1 ? ` (part ${index + 1} of ${count})` : '';
  if (segment === '') {
    return index === count - 1
      ? 'The path ends with a separator, so it names a folder instead of a file.'
      : `The path has an empty part${where}: two separators in a row.`;
  }
  if (segment === '.' || segment === '..') {
    return `The path contains ${show(segment)}${where}, which would point outside the folder being repaired.`;
  }
  for (let i = 0; i < segment.length; i++) {
    const c = segment.charCodeAt(i);
    if (c <= 0x1f) {
      return `The name ${show(segment)}${where} contains the control character ${hex(c)}, which Windows does not allow in file names.`;
    }
  }
  const colon = segment.indexOf(':');
  if (colon !== -1) {
    if (/^[A-Za-z]:/.test(segment)) {
      return `The name ${show(segment)}${where} contains a drive letter; a drive path must stay on the drive being repaired.`;
    }
    return `The name ${show(segment)}${where} contains ":", which on NTFS would write to a hidden alternate data stream instead of the file.`;
  }
  for (const ch of segment) {
    if (RESERVED_CHARACTERS.has(ch)) {
      return `The name ${show(segment)}${where} contains the character ${show(ch)}, which Windows does not allow in file names.`;
    }
  }
  const lone = findLoneSurrogate(segment);
  if (lone !== -1) {
    return `The name ${show(segment)}${where} contains a broken Unicode character (${hex(segment.charCodeAt(lone))} without its pair), which cannot be stored safely.`;
  }
  if (segment.endsWith('.') || segment.endsWith(' ')) {
    const what = segment.endsWith('.') ? 'a period' : 'a space';
    return `The name ${show(segment)}${where} ends with ${what}; Windows strips it, so the file would get a different name.`;
  }
  if (isReservedDeviceName(segment)) {
    return `The name ${show(segment)}${where} is a reserved Windows device name (like CON, NUL, COM1 or LPT1), not a file.`;
  }
  return undefined;
}

/**
 * Parses and checks a drive path from a copy log or drive manifest.
 *
 * Input: Windows style, normally with a leading backslash (`\pictures\wild\desert.jpg`); `/` is accepted as
 * a separator too, and a path without the leading separator (`pictures\wild\desert.jpg`) is read as
 * drive-relative as well.
 *
 * Refused with `FileNameInvalid` (reason names the offending part):
 * - empty path, a path that is only the root (`\`), empty segments (`\a\\b`, `\a\`);
 * - `.` and `..` segments in any spelling of separators (`\..\x`, `/a/../b`, `\a\..`);
 * - drive letters (`C:\x`, `C:x`), UNC paths (`\\server\share`, `//server/share`), device and NT object
 *   paths (`\\?\C:\x`, `\\.\PhysicalDrive0`, `\??\C:\x`);
 * - any `:` (NTFS alternate data streams: `file.txt:stream`, `file.txt::$DATA`);
 * - control characters U+0000–U+001F and the characters `< > " | ? *`;
 * - unpaired UTF-16 surrogates (no file system outside Windows can store them unchanged);
 * - a segment ending in `.` or a space (`name.`, `name `, `...`), because Windows strips them;
 * - Windows device names in any segment, any case, with or without extension: CON, PRN, AUX, NUL,
 *   COM1–COM9, LPT1–LPT9, COM¹ COM² COM³ LPT¹ LPT² LPT³, CONIN$, CONOUT$ (`\docs\nul.txt`, `\Com1\x`).
 *
 * Refused with `FileNameTooLong`: a segment over {@link MAX_DRIVE_SEGMENT_LENGTH} (255) UTF-16 code units, or
 * the whole drive-relative path (as {@link toDriveRelativePath} writes it) over {@link MAX_DRIVE_PATH_LENGTH}
 * (32,767). `FileNameInvalid` wins when both apply.
 *
 * Never throws (a non-string input is refused as FileNameInvalid). Sources: see the module comment.
 */
export function parseDrivePath(filePath: string): DrivePathResult {
  if (typeof filePath !== 'string') return invalid('The path is not text.');
  if (filePath === '') return invalid('The path is empty.');
  if (/^[\\/]{2}[?.](?:[\\/]|$)/.test(filePath)) {
    return invalid(`The path ${show(filePath)} is a Windows device path (\\\\?\\ or \\\\.\\), not a path on the drive.`);
  }
  if (/^[\\/]\?\?[\\/]/.test(filePath)) {
    return invalid(`The path ${show(filePath)} is a Windows object path (\\??\\), not a path on the drive.`);
  }
  if (/^[\\/]{2}/.test(filePath)) {
    return invalid(`The path ${show(filePath)} is a network (UNC) path like \\\\server\\share; a drive path starts at the drive's root, like \\folder\\file.txt.`);
  }
  if (/^[A-Za-z]:/.test(filePath)) {
    return invalid(`The path ${show(filePath)} starts with the drive letter ${show(filePath.slice(0, 2))}; a drive path starts at the drive's root, like \\folder\\file.txt.`);
  }
  const rest = filePath[0] === '\\' || filePath[0] === '/' ? filePath.slice(1) : filePath;
  if (rest === '') return invalid('The path is only the root of the drive and names no file.');
  const segments = rest.split(/[\\/]/);
  for (let i = 0; i < segments.length; i++) {
    const problem = segmentProblem(segments[i]!, i, segments.length);
    if (problem !== undefined) return invalid(problem);
  }
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if (segment.length > MAX_DRIVE_SEGMENT_LENGTH) {
      return {
        ok: false,
        statusCode: 'FileNameTooLong',
        reason: `The name ${show(segment, 40)} is ${segment.length} characters long; Windows allows at most ${MAX_DRIVE_SEGMENT_LENGTH} per file or folder name.`,
      };
    }
  }
  const total = toDriveRelativePath(segments).length;
  if (total > MAX_DRIVE_PATH_LENGTH) {
    return {
      ok: false,
      statusCode: 'FileNameTooLong',
      reason: `The path is ${total} characters long; Windows allows at most ${MAX_DRIVE_PATH_LENGTH}.`,
    };
  }
  return { ok: true, segments };
}

/**
 * Writes segments as a drive-relative Windows path with a leading backslash: `['a', 'b.txt']` → `\a\b.txt`;
 * `[]` → `\`. The inverse of {@link parseDrivePath} for accepted paths (with `\` as the separator), for
 * messages, logs and `/PathMapFile` lines. Does not check the segments.
 */
export function toDriveRelativePath(segments: readonly string[]): string {
  return '\\' + segments.join('\\');
}
