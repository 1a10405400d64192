/**
 * Fetching a job's logs and manifest backups from the storage account (issue 8, `waie Logs`; the
 * wizard's future `logs.list` and `logs.download` channels): from one credential, find where the
 * service put them (seeds 000 and 004), list them per drive and time, download the chosen ones, and
 * check manifest backups against their hash. Secrets stay in the credential objects: no result, error
 * or file holds a key or a SAS.
 */
import type { StorageCredentials } from '../../../src-shared/engine-protocol.ts';
import { WaieError } from '../../../src-shared/errors.ts';
import type { DownloadedLog, FoundLog, LogBlobKind, LogListing } from '../../../src-shared/logs/index.ts';
import { parseContainerSas, createBlobClientFactory, type BlobClientFactory } from '../storage/credentials.ts';
import { downloadLog, normalizeMd5, safeLogFileName } from './download.ts';
import { listJobLogs, newestLogs, type ListLogsOptions } from './list.ts';

export { listJobLogs, newestLogs, groupByDrive, compareNewestFirst, listingError, type ListLogsOptions } from './list.ts';
export { downloadLog, normalizeMd5, safeLogFileName, type DownloadLogOptions } from './download.ts';

/** A factory for `creds`, and whether it authenticates with a SAS. @throws WaieError `BAD_INPUT` */
export function logClientFactory(creds: StorageCredentials): { factory: BlobClientFactory; auth: 'key' | 'sas' } {
  const factory = createBlobClientFactory(creds);
  const auth = creds.containerSas ? 'sas' : 'key';
  if (auth === 'sas' && !parseContainerSas(creds.containerSas ?? '').container) {
    throw new WaieError({
      code: 'BAD_INPUT',
      title: 'The container SAS does not name its container',
      detail: 'The logs of a job created with a container SAS are in a virtual directory of that container. Give /csas as <ContainerName>?<SasString> or as the container URL with its SAS.',
    });
  }
  return { factory, auth };
}

/**
 * Lists the logs and manifest backups of the account's jobs (filtered by `jobName`/`driveId`) where the
 * service writes them. See {@link listJobLogs} for the result and errors.
 * @throws WaieError `BAD_INPUT` (bad credentials or paths), `STORAGE_FORBIDDEN`, `STORAGE_UNREACHABLE`
 */
export async function findJobLogs(creds: StorageCredentials, options: Omit<ListLogsOptions, 'auth'> = {}): Promise<LogListing> {
  const { factory, auth } = logClientFactory(creds);
  return listJobLogs(factory, { ...options, auth });
}

/** Options of {@link downloadJobLogs}. */
export interface DownloadJobLogsOptions {
  /** Expected manifest MD5 per drive ID (case-insensitive keys), e.g. each drive's `ManifestHash` from Get Job. */
  manifestMd5ByDrive?: Readonly<Record<string, string>>;
  signal?: AbortSignal;
  /** Called with each chunk's byte count (all downloads together). */
  onBytes?: (n: number) => void;
  /** Called when one log is done. */
  onLog?: (d: DownloadedLog) => void;
}

/**
 * Downloads `logs` (from a listing) into `outDir`, one after the other, each under its blob file name
 * made safe ({@link safeLogFileName}; a name used twice in one call gets `-2`, `-3`… before `.xml`).
 * Manifest backups whose drive has an entry in `manifestMd5ByDrive` are checked against it.
 * A log whose check fails is reported (`ok: false`) and the others still download.
 * @throws WaieError as {@link downloadLog}; `BAD_INPUT` for a log whose name is not a log name
 */
export async function downloadJobLogs(creds: StorageCredentials, logs: readonly FoundLog[], outDir: string, options: DownloadJobLogsOptions = {}): Promise<DownloadedLog[]> {
  const { factory } = logClientFactory(creds);
  const hashes = new Map<string, string>();
  for (const [drive, md5] of Object.entries(options.manifestMd5ByDrive ?? {})) hashes.set(drive.toLowerCase(), normalizeMd5(md5));
  const used = new Set<string>();
  const out: DownloadedLog[] = [];
  for (const log of logs) {
    const last = log.blobName.split('/').pop() ?? '';
    if (last !== log.fileName || !/\.xml$/i.test(last)) {
      throw new WaieError({ code: 'BAD_INPUT', title: 'Not a log blob', detail: `"${log.blobName}" is not a log or manifest backup found by listing.` });
    }
    let name = safeLogFileName(log.fileName);
    for (let n = 2; used.has(name.toLowerCase()); n++) name = safeLogFileName(log.fileName.replace(/(\.xml)?$/i, `-${n}$1`));
    used.add(name.toLowerCase());
    const expectedMd5 = log.kind === 'manifest' ? hashes.get(log.driveId.toLowerCase()) : undefined;
    const d = await downloadLog(factory, log, outDir, {
      fileName: name,
      ...(expectedMd5 !== undefined ? { expectedMd5 } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onBytes ? { onBytes: options.onBytes } : {}),
    });
    options.onLog?.(d);
    out.push(d);
  }
  return out;
}

/** Options of {@link fetchJobLogs}. */
export interface FetchJobLogsOptions extends Omit<ListLogsOptions, 'auth'>, Omit<DownloadJobLogsOptions, 'signal'> {
  /** Kinds to download (default every kind). */
  kinds?: readonly LogBlobKind[];
}

/**
 * The default of `waie Logs`: lists, then downloads the newest log of each kind for every drive and job
 * found ({@link newestLogs}) into `outDir`.
 * @returns the listing and the downloads (in listing order)
 */
export async function fetchJobLogs(creds: StorageCredentials, outDir: string, options: FetchJobLogsOptions = {}): Promise<{ listing: LogListing; downloads: DownloadedLog[] }> {
  const listing = await findJobLogs(creds, options);
  const chosen = newestLogs(listing, options.kinds);
  const downloads = await downloadJobLogs(creds, chosen, outDir, options);
  return { listing, downloads };
}
