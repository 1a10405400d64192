/**
 * Finds a job's logs and manifest backups in the storage account where the service writes them
 * (seed `000_…` log location table, seed `004_…`, formats.md §6; see `src-shared/logs/locations.ts`),
 * and groups them per job and drive, newest first.
 *
 * Listing is flat (`List Blobs` with a prefix) and streamed page by page; memory grows with the number
 * of log blobs found (a few per drive and run), not with anything else in the container.
 */
import { WaieError } from '../../../src-shared/errors.ts';
import {
  logLocations,
  parseDataBoxFileName,
  parseLogBlobName,
  type DriveLogSet,
  type FoundLog,
  type LogBlobKind,
  type LogListing,
  type SearchedLocation,
} from '../../../src-shared/logs/index.ts';
import type { BlobClientFactory } from '../storage/credentials.ts';
import { classifyStorageError } from '../storage/errors.ts';

/** What to look for. */
export interface ListLogsOptions {
  /** The job's `ImportExportStatesPath` (logs); default `waimportexport`. */
  statesPath?: string;
  /** The job's `DiagnosticsPath` (manifest backups); default `waimportexport`. */
  diagnosticsPath?: string;
  /** Only this job (or order) name, case-insensitive; also lets drive IDs contain `_`. */
  jobName?: string;
  /** Only this drive ID (device serial), case-insensitive. */
  driveId?: string;
  /** Also look in container `databoxcopylog` (default true). */
  dataBox?: boolean;
  /**
   * How the factory authenticates: `key` (account key) or `sas` (container SAS). Default: `sas` when
   * `factory.sasContainer` is set, else `key`. Pass `sas` for a SAS given as a bare token: the location
   * rules then refuse it (the container must be known), instead of looking in the wrong place.
   */
  auth?: 'key' | 'sas';
  signal?: AbortSignal;
}

/**
 * The error for a failed listing: 403 → `STORAGE_FORBIDDEN` (status `BlobRequestForbidden`; the SAS
 * needs List and Read permissions), anything else → `STORAGE_UNREACHABLE` (status `BlobRequestFailed`).
 * The detail never holds a URL (it could carry a SAS).
 */
export function listingError(err: unknown, container: string, sas: boolean): WaieError {
  const c = classifyStorageError(err);
  if (c.statusCode === 'BlobRequestForbidden') {
    return new WaieError(
      {
        code: 'STORAGE_FORBIDDEN',
        title: `The storage account refused to list container "${container}"`,
        detail: sas
          ? `${c.detail} To find the logs, the container SAS needs the List (l) and Read (r) permissions; create one in the Azure portal (container → Shared access tokens) or use the account key (/sk).`
          : `${c.detail} Check the account name (/sn) and key (/sk): Azure portal → storage account → Access keys.`,
        statusCode: 'BlobRequestForbidden',
      },
      { cause: err },
    );
  }
  return new WaieError({ code: 'STORAGE_UNREACHABLE', title: `Container "${container}" could not be listed`, detail: c.detail, statusCode: 'BlobRequestFailed' }, { cause: err });
}

/**
 * The kinds a location can hold, by purpose: `logs` (ImportExportStatesPath) error and verbose logs;
 * `manifests` (DiagnosticsPath) manifest backups (seed 004); `databox` CopyLog and VerboseLog.
 */
function kindsFor(purposes: readonly string[]): Set<LogBlobKind> {
  const out = new Set<LogBlobKind>();
  if (purposes.includes('logs')) out.add('error').add('verbose');
  if (purposes.includes('manifests')) out.add('manifest');
  if (purposes.includes('databox')) out.add('copyLog').add('verboseLog');
  return out;
}

const hex = (b: Uint8Array | undefined): string | undefined => (b && b.length === 16 ? Buffer.from(b).toString('hex').toUpperCase() : undefined);

/** Orders newest first: by sortTime (missing last), then blob name descending (stable and deterministic). */
export function compareNewestFirst(a: FoundLog, b: FoundLog): number {
  if (a.sortTime !== b.sortTime) {
    if (a.sortTime === undefined) return 1;
    if (b.sortTime === undefined) return -1;
    return a.sortTime < b.sortTime ? 1 : -1;
  }
  return a.blobName < b.blobName ? 1 : a.blobName > b.blobName ? -1 : a.container < b.container ? 1 : a.container > b.container ? -1 : 0;
}

/** Groups logs per (job, drive): every log newest first, and the newest of each kind. */
export function groupByDrive(logs: readonly FoundLog[]): DriveLogSet[] {
  const map = new Map<string, DriveLogSet>();
  for (const log of logs) {
    const key = `${log.jobName.toLowerCase()}\u0000${log.driveId.toLowerCase()}`;
    let set = map.get(key);
    if (!set) map.set(key, (set = { jobName: log.jobName, driveId: log.driveId, newest: {}, all: [] }));
    set.all.push(log);
  }
  const sets = [...map.values()];
  for (const set of sets) {
    set.all.sort(compareNewestFirst);
    for (const log of set.all) set.newest[log.kind] ??= log;
  }
  return sets.sort((a, b) => a.jobName.localeCompare(b.jobName) || a.driveId.localeCompare(b.driveId));
}

/**
 * Lists the logs of the job(s) in the account behind `factory` (an account key lists any container; a
 * container SAS only its own, `factory.sasContainer`). A container that does not exist is recorded as
 * `missing` and skipped. Names that are not log names, and kinds a location is not for (a manifest
 * backup is taken from the DiagnosticsPath location only, error and verbose logs from the
 * ImportExportStatesPath location only), are counted in `ignored`.
 *
 * @returns where it looked and what it found; `logs` ordered by job, drive, newest first
 * @throws WaieError `BAD_INPUT` (a SAS without a container, bad paths: see `logLocations`),
 *   `STORAGE_FORBIDDEN` (403: wrong key, SAS without List permission), `STORAGE_UNREACHABLE` (other
 *   failures after the SDK's retries); the signal's reason when aborted
 */
export async function listJobLogs(factory: BlobClientFactory, options: ListLogsOptions = {}): Promise<LogListing> {
  const auth: 'key' | 'sas' = options.auth ?? (factory.sasContainer !== undefined ? 'sas' : 'key');
  const sas = auth === 'sas';
  const locations = logLocations({
    auth,
    ...(factory.sasContainer !== undefined ? { sasContainer: factory.sasContainer } : {}),
    ...(options.statesPath !== undefined ? { statesPath: options.statesPath } : {}),
    ...(options.diagnosticsPath !== undefined ? { diagnosticsPath: options.diagnosticsPath } : {}),
    ...(options.dataBox !== undefined ? { dataBox: options.dataBox } : {}),
  });
  const jobFilter = options.jobName?.trim().toLowerCase() || undefined;
  const driveFilter = options.driveId?.trim().toLowerCase() || undefined;
  const logs: FoundLog[] = [];
  const searched: SearchedLocation[] = [];
  let ignored = 0;
  for (const loc of locations) {
    options.signal?.throwIfAborted();
    const waies = loc.purposes.includes('logs') || loc.purposes.includes('manifests');
    const dataBox = loc.purposes.includes('databox');
    const listedPrefix = dataBox ? loc.prefix : `${loc.prefix}waies/`;
    const entry: SearchedLocation = { ...loc, purposes: [...loc.purposes], listedPrefix, found: 0, missing: false };
    searched.push(entry);
    const container = factory.containerClient(loc.container);
    try {
      for await (const item of container.listBlobsFlat({ prefix: listedPrefix, abortSignal: options.signal })) {
        const name = item.name;
        const parsed =
          (waies ? parseLogBlobName(name, loc.prefix, { ...(options.jobName ? { knownJob: options.jobName.trim() } : {}) }) : undefined) ??
          (dataBox && name.startsWith(loc.prefix) && !name.slice(loc.prefix.length).includes('/') ? parseDataBoxFileName(name.slice(loc.prefix.length), options.jobName?.trim()) : undefined);
        if (!parsed || !kindsFor(loc.purposes).has(parsed.kind)) {
          ignored++;
          continue;
        }
        if (jobFilter !== undefined && parsed.jobName.toLowerCase() !== jobFilter) continue;
        if (driveFilter !== undefined && parsed.driveId.toLowerCase() !== driveFilter) continue;
        const p = item.properties;
        const found: FoundLog = { ...parsed, container: loc.container, blobName: name, location: loc.rule };
        if (typeof p.contentLength === 'number') found.sizeBytes = p.contentLength;
        if (p.lastModified instanceof Date) found.lastModified = p.lastModified.toISOString();
        const md5 = hex(p.contentMD5);
        if (md5) found.contentMd5 = md5;
        if (p.etag) found.etag = p.etag;
        const sortTime = parsed.time ?? found.lastModified;
        if (sortTime !== undefined) found.sortTime = sortTime;
        logs.push(found);
        entry.found++;
      }
    } catch (err) {
      if (options.signal?.aborted) throw options.signal.reason;
      if ((err as { statusCode?: number }).statusCode === 404) {
        entry.missing = true;
        continue;
      }
      throw listingError(err, loc.container, sas);
    }
  }
  const drives = groupByDrive(logs);
  return { endpoint: factory.endpoint, searched, logs: drives.flatMap((d) => d.all), drives, ignored };
}

/**
 * The logs to download by default: for every (job, drive), the newest log of each kind in `kinds`
 * (default all kinds). Order: job, drive, then `kinds` order.
 */
export function newestLogs(listing: Pick<LogListing, 'drives'>, kinds: readonly LogBlobKind[] = ['error', 'verbose', 'manifest', 'copyLog', 'verboseLog']): FoundLog[] {
  return listing.drives.flatMap((d) => kinds.map((k) => d.newest[k]).filter((l): l is FoundLog => l !== undefined));
}
