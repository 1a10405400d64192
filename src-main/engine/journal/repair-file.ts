/**
 * The repair file (`/r`): this project's own format (Microsoft's `.rep` is undocumented, formats.md §8).
 *
 * Format: UTF-8 JSON Lines, append-only. Line 1 is the header binding the repair to its inputs:
 * `{"format":"waie-repair-file","version":1,"mode":"RepairExport","driveId":…,"copyLog":{"name","bytes","sha256"},
 *   "manifest":{…}|null,"createdAt":ISO}`. Each later line is one record:
 * - `{"t":"plan","f":<FilePath>,"whole":true}`   the blob is downloaded whole (decided once, kept on resume)
 * - `{"t":"done","c":<component key>}`            a range, file part, properties or metadata file is written and checked
 * - `{"t":"vmark","i":<n>}`                       manifest blobs 0..n-1 are verified (low-water mark)
 * - `{"t":"phase","p":"copylog"}`                 the copy-log pass is complete
 * - `{"t":"finished","exitCode":<n>,"at":ISO}`    the run finished (exit code 0: nothing left to do)
 * A record is one `write()` of a whole line, so a `kill -9` leaves at most one partial last line,
 * which is dropped on resume; data is written to the drive before its record, so a crash redoes at
 * most what was in flight. Never contains a credential (only names, sizes, hashes, drive paths).
 */
import { closeSync, fdatasyncSync, ftruncateSync, openSync, readFileSync, writeSync, existsSync, statSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { WaieError } from '../../../src-shared/errors.ts';

/** Identity of an input file: base name, size in bytes, SHA-256 of its bytes (hex). */
export interface InputIdentity {
  name: string;
  bytes: number;
  sha256: string;
}

/** The header line. */
export interface RepairFileHeader {
  format: 'waie-repair-file';
  version: 1;
  mode: 'RepairExport' | 'RepairImport';
  driveId: string;
  /** Null when the repair runs from the manifest alone. */
  copyLog: InputIdentity | null;
  manifest: InputIdentity | null;
  createdAt: string;
}

export type RepairRecord =
  | { t: 'plan'; f: string; whole: true }
  | { t: 'done'; c: string }
  | { t: 'vmark'; i: number }
  | { t: 'phase'; p: 'copylog' }
  | { t: 'finished'; exitCode: number; at: string };

/** SHA-256 of a file, streamed. */
export async function identifyInput(file: string): Promise<InputIdentity> {
  const h = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    h.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { name: basename(file), bytes, sha256: h.digest('hex') };
}

/** State recovered from an existing repair file. */
export interface RepairFileState {
  resumed: boolean;
  done: Set<string>;
  wholeFiles: Set<string>;
  verifiedMark: number;
  copyLogPassDone: boolean;
  finished?: { exitCode: number; at: string };
}

/** An open repair file: append records; {@link close} flushes to disk. */
export class RepairFile {
  private fd: number;
  private lastSync = Date.now();
  private constructor(
    readonly path: string,
    fd: number,
    readonly state: RepairFileState,
  ) {
    this.fd = fd;
  }

  /**
   * Opens `path`: creates it with `header` when absent (or empty), otherwise checks that it belongs to
   * the same drive, copy log and manifest and loads its records.
   * Errors: WaieError `REPAIR_FILE_MISMATCH` (different drive/copy log/manifest), `REPAIR_FILE_INVALID`
   * (not a repair file), `REPAIR_FILE_IO` (cannot read/write; statusCode IOFailed).
   */
  static open(path: string, header: RepairFileHeader): RepairFile {
    const state: RepairFileState = { resumed: false, done: new Set(), wholeFiles: new Set(), verifiedMark: 0, copyLogPassDone: false };
    try {
      if (existsSync(path) && statSync(path).size > 0) {
        const text = readFileSync(path, 'utf8');
        const complete = text.lastIndexOf('\n') + 1;
        const lines = text.slice(0, complete).split('\n').filter((l) => l.length > 0);
        let head: RepairFileHeader;
        try {
          head = JSON.parse(lines[0] ?? '') as RepairFileHeader;
        } catch {
          head = {} as RepairFileHeader;
        }
        if (head.format !== 'waie-repair-file') {
          throw new WaieError({ code: 'REPAIR_FILE_INVALID', title: 'This is not a waie repair file', detail: `${path} exists but is not a repair file written by waie. Choose a new /r path to start a repair, or the repair file of this drive to resume.`, file: path });
        }
        checkBinding(path, head, header);
        for (const line of lines.slice(1)) {
          let rec: RepairRecord;
          try {
            rec = JSON.parse(line) as RepairRecord;
          } catch {
            continue; // a line torn by a crash: ignore it, its work is redone
          }
          if (rec.t === 'done') state.done.add(rec.c);
          else if (rec.t === 'plan') state.wholeFiles.add(rec.f);
          else if (rec.t === 'vmark') state.verifiedMark = Math.max(state.verifiedMark, rec.i);
          else if (rec.t === 'phase') state.copyLogPassDone = true;
          else if (rec.t === 'finished') state.finished = { exitCode: rec.exitCode, at: rec.at };
        }
        state.resumed = true;
        const fd = openSync(path, 'r+');
        if (complete < Buffer.byteLength(text)) ftruncateSync(fd, Buffer.byteLength(text.slice(0, complete)));
        closeSync(fd);
        return new RepairFile(path, openSync(path, 'a', 0o600), state);
      }
      const fd = openSync(path, 'w', 0o600);
      writeSync(fd, JSON.stringify(header) + '\n');
      fdatasyncSync(fd);
      closeSync(fd);
      return new RepairFile(path, openSync(path, 'a', 0o600), state);
    } catch (err) {
      if (err instanceof WaieError) throw err;
      const e = err as NodeJS.ErrnoException;
      throw new WaieError({ code: 'REPAIR_FILE_IO', title: 'The repair file cannot be opened', detail: `${path}: ${e.code ?? e.message}. Choose a repair file (/r) in a folder you can write to.`, statusCode: e.code === 'EACCES' || e.code === 'EPERM' ? 'FileAccessDenied' : 'IOFailed', file: path });
    }
  }

  /** Appends one record as a single write. Syncs to disk at most once a second (a process crash loses nothing written). */
  append(rec: RepairRecord): void {
    const line = Buffer.from(JSON.stringify(rec) + '\n', 'utf8');
    const written = writeSync(this.fd, line);
    if (written !== line.length) {
      // A short write (the disk filled up): the torn line is dropped when the file is next opened.
      throw Object.assign(new Error(`${this.path}: only ${written} of ${line.length} bytes of a record could be written`), { code: 'ENOSPC' });
    }
    if (rec.t === 'done' && rec.c) this.state.done.add(rec.c);
    const now = Date.now();
    if (now - this.lastSync > 1000 || rec.t === 'finished' || rec.t === 'phase') {
      fdatasyncSync(this.fd);
      this.lastSync = now;
    }
  }

  close(): void {
    if (this.fd < 0) return;
    try {
      fdatasyncSync(this.fd);
    } finally {
      closeSync(this.fd);
      this.fd = -1;
    }
  }
}

function checkBinding(path: string, had: RepairFileHeader, now: RepairFileHeader): void {
  const why: string[] = [];
  if (had.mode !== now.mode) why.push(`it is for ${had.mode}, not ${now.mode}`);
  if ((had.driveId ?? '').toUpperCase() !== now.driveId.toUpperCase()) why.push(`it is for drive ${had.driveId}, this copy log is for drive ${now.driveId}`);
  if ((had.copyLog?.sha256 ?? null) !== (now.copyLog?.sha256 ?? null)) {
    why.push(had.copyLog ? `it was started with a different copy log (${had.copyLog.name}, ${had.copyLog.bytes} bytes)` : 'it was started without a copy log');
  }
  if ((had.manifest?.sha256 ?? null) !== (now.manifest?.sha256 ?? null)) {
    why.push(had.manifest ? `it was started with a different drive manifest (${had.manifest.name})` : 'it was started without a drive manifest');
  }
  if (why.length) {
    throw new WaieError({
      code: 'REPAIR_FILE_MISMATCH',
      title: 'The repair file belongs to another repair',
      detail: `${path} cannot be resumed here: ${why.join('; ')}. Resume it with the same inputs, or give a new /r path to start a new repair.`,
      file: path,
    });
  }
}
