/**
 * Downloads log and manifest-backup blobs to files, streamed (never held in memory whole), resumed
 * after a cut connection and pinned to the ETag seen when listing (the range downloader of
 * `transfer/download-range.ts`), and checked by MD5:
 *
 * - against the blob's stored Content-MD5, when the service set one;
 * - for a manifest backup, against a hash the caller gives (the job's `ManifestHash` from Get Job;
 *   seed 000: a manifest whose "content does not match the hash" is `ManifestCorrupted`).
 *
 * The bytes go to `<name>.partial` and are renamed into place only when every check passes; a file
 * that fails a check is removed, so nothing wrong is left under a log's name.
 */
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { WaieError } from '../../../src-shared/errors.ts';
import type { DownloadedLog, FoundLog, HashCheck } from '../../../src-shared/logs/index.ts';
import type { BlobClientFactory } from '../storage/credentials.ts';
import { classifyStorageError } from '../storage/errors.ts';
import { downloadRange, RangeDownloadError } from '../transfer/download-range.ts';

/** Options of {@link downloadLog}. */
export interface DownloadLogOptions {
  /**
   * Expected MD5 of the blob: 32 hex digits (any case) or base64 of the 16 bytes, e.g. a drive's
   * `ManifestHash` from Get Job. A mismatch fails the download (`ok: false`, file removed).
   */
  expectedMd5?: string;
  /** File name in `outDir`; default {@link safeLogFileName} of the blob's file name. */
  fileName?: string;
  signal?: AbortSignal;
  /** Called with each chunk's byte count. */
  onBytes?: (n: number) => void;
}

const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/**
 * A file name safe on Windows, macOS and Linux for a log blob's name: characters other than
 * `A–Z a–z 0–9 . _ -` become `_`, leading dots are dropped, device names (`CON`, `LPT1`…) get a leading
 * `_`, at most 200 characters (the end, with the extension, is kept). Never empty (`log.xml`).
 */
export function safeLogFileName(name: string): string {
  let s = name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '');
  if (s.length > 200) s = s.slice(s.length - 200);
  if (s === '') s = 'log.xml';
  if (WINDOWS_DEVICE.test(s)) s = `_${s}`;
  return s;
}

/**
 * Normalises an MD5 given as 32 hex digits or as base64 of 16 bytes to 32 upper-case hex digits.
 * @throws WaieError `BAD_INPUT` for anything else
 */
export function normalizeMd5(input: string): string {
  const s = input.trim();
  if (/^[0-9a-fA-F]{32}$/.test(s)) return s.toUpperCase();
  if (/^[A-Za-z0-9+/]{22}==$/.test(s)) return Buffer.from(s, 'base64').toString('hex').toUpperCase();
  throw new WaieError({ code: 'BAD_INPUT', title: 'The manifest hash is not an MD5', detail: `"${s.slice(0, 64)}" is neither 32 hexadecimal digits nor a base64 MD5. Give the drive's ManifestHash as Get Job (or the portal) shows it.` });
}

function downloadError(err: unknown, log: FoundLog): WaieError {
  const c = err instanceof RangeDownloadError ? err.classified : classifyStorageError(err);
  const code = c.statusCode === 'BlobRequestForbidden' ? 'STORAGE_FORBIDDEN' : c.disposition === 'fatal' ? 'STORAGE_UNREACHABLE' : 'LOG_DOWNLOAD_FAILED';
  const changed = c.statusCode === 'BlobUnexpectedChange' ? ' The blob changed after it was listed; run the command again.' : '';
  return new WaieError({ code, title: `${log.fileName} could not be downloaded`, detail: `${c.detail}${changed}`, statusCode: c.statusCode }, { cause: err });
}

/**
 * Downloads one found log into `outDir` (created if missing), streamed to `<file>.partial`, then
 * renamed to `<file>` once its MD5 checks pass.
 *
 * @returns the file (absolute), bytes, MD5 (upper-case hex) and checks; `ok: false` with no `file` when
 *   a check failed (the partial file is removed)
 * @throws WaieError `BAD_INPUT` (bad `expectedMd5`), `STORAGE_FORBIDDEN` (403), `STORAGE_UNREACHABLE`
 *   (endpoint gone), `LOG_DOWNLOAD_FAILED` (blob gone, changed since listing, retries exhausted),
 *   `FILE_WRITE` (the file cannot be written); the signal's reason when aborted
 */
export async function downloadLog(factory: BlobClientFactory, log: FoundLog, outDir: string, options: DownloadLogOptions = {}): Promise<DownloadedLog> {
  const expected = options.expectedMd5 !== undefined ? normalizeMd5(options.expectedMd5) : undefined;
  const dir = resolve(outDir);
  const file = join(dir, options.fileName ?? safeLogFileName(log.fileName));
  const partial = `${file}.partial`;
  const blob = factory.blobClient(log.container, log.blobName);
  let length = log.sizeBytes;
  let etag = log.etag;
  let contentMd5 = log.contentMd5;
  try {
    if (length === undefined) {
      const p = await blob.getProperties({ abortSignal: options.signal });
      length = p.contentLength ?? 0;
      etag ??= p.etag;
      if (p.contentMD5?.length === 16) contentMd5 ??= Buffer.from(p.contentMD5).toString('hex').toUpperCase();
    }
  } catch (err) {
    if (options.signal?.aborted) throw options.signal.reason;
    throw downloadError(err, log);
  }
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    throw new WaieError({ code: 'FILE_WRITE', title: 'The output folder cannot be created', detail: `${dir}: ${(err as Error).message}`, file: dir }, { cause: err });
  }
  let fh;
  try {
    fh = await open(partial, 'w', 0o644);
  } catch (err) {
    throw new WaieError({ code: 'FILE_WRITE', title: 'The log file cannot be written', detail: `${partial}: ${(err as Error).message}`, file: partial }, { cause: err });
  }
  let md5: string;
  try {
    if (length > 0) {
      const r = await downloadRange({
        blob,
        ...(etag !== undefined ? { etag } : {}),
        offset: 0,
        length,
        sink: fh,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.onBytes ? { onBytes: options.onBytes } : {}),
      });
      md5 = r.md5;
    } else md5 = 'D41D8CD98F00B204E9800998ECF8427E';
    await fh.close();
  } catch (err) {
    await fh.close().catch(() => undefined);
    await rm(partial, { force: true });
    if (options.signal?.aborted) throw options.signal.reason;
    if (err instanceof WaieError) throw err;
    if (err instanceof RangeDownloadError || (err as { statusCode?: number }).statusCode !== undefined) throw downloadError(err, log);
    throw new WaieError({ code: 'FILE_WRITE', title: 'The log file cannot be written', detail: `${partial}: ${(err as Error).message}`, file: partial }, { cause: err });
  }
  const checks: HashCheck[] = [];
  if (contentMd5 !== undefined) checks.push({ source: 'contentMd5', expected: contentMd5, actual: md5, ok: contentMd5 === md5 });
  if (expected !== undefined) checks.push({ source: 'given', expected, actual: md5, ok: expected === md5 });
  const ok = checks.every((c) => c.ok);
  if (!ok) {
    await rm(partial, { force: true });
    return { log, bytes: length, md5, checks, ok };
  }
  await rename(partial, file);
  return { log, file, bytes: length, md5, checks, ok };
}
