/**
 * Names of the log and manifest-backup blobs the Import/Export service writes to the storage account.
 *
 * - Import/Export (seed `000_…` "De locatie van logboekbestand", seed `004_…`, formats.md §6):
 *   `waies/<jobname>_<driveid>_<timestamp>_<logtype>.xml`, logtype `error`, `verbose` or `manifest`
 *   (manifest backups, `BackupDriveManifest`), e.g. `waies/myjob_9WM35C2V_20130921-034307-902_error.xml`.
 * - Newer portal orders (Data Box / Data Box Disk era, formats.md §1.3), container `databoxcopylog`:
 *   `<order-name>_<device-serial-number>_CopyLog_<job-ID>.xml` and `…_VerboseLog_<job-ID>.xml`
 *   (Microsoft's "Tracking and event logging for Azure Data Box" pages give this pattern; the job ID is
 *   a GUID, written with or without dashes).
 *
 * Assumptions (the documentation gives only the patterns above): the timestamp is
 * `YYYYMMDD-HHMMSS-mmm` in UTC; drive IDs and device serial numbers contain no `_`, so a job or order
 * name may contain `_` (names are split from the right); type words are matched case-insensitively.
 * A `databoxcopylog` name carries no time: such logs are ordered by the blob's Last-Modified.
 * Pure (src-shared).
 */

/** What a log blob holds: Import/Export `error`/`verbose` logs and `manifest` backups; Data Box-era `copyLog`/`verboseLog`. */
export type LogBlobKind = 'error' | 'verbose' | 'manifest' | 'copyLog' | 'verboseLog';

/** Every kind, in the order lists show them. */
export const LOG_BLOB_KINDS: readonly LogBlobKind[] = Object.freeze(['error', 'verbose', 'manifest', 'copyLog', 'verboseLog'] as const);

/** A parsed log blob name. */
export interface ParsedLogName {
  /** `waies`: Import/Export naming; `databox`: the `databoxcopylog` naming. */
  family: 'waies' | 'databox';
  kind: LogBlobKind;
  /** Job name (Import/Export) or order name (Data Box era), as written (may contain `_`). */
  jobName: string;
  /** Drive ID (hardware serial) or device serial number. */
  driveId: string;
  /** `waies` only: the timestamp as written, e.g. `20130921-034307-902`. */
  stamp?: string;
  /** `waies` only: the timestamp as ISO 8601 UTC with milliseconds, e.g. `2013-09-21T03:43:07.902Z`. */
  time?: string;
  /** `databox` only: the job ID after `_CopyLog_` / `_VerboseLog_`. */
  runId?: string;
  /** The last path segment of the blob name, e.g. `myjob_9WM35C2V_20130921-034307-902_error.xml`. */
  fileName: string;
}

const WAIES_RE = /^(.+)_([^_]+)_(\d{8}-\d{6}(?:-\d{1,3})?)_(error|verbose|manifest)\.xml$/i;
const DATABOX_RE = /^(.+)_([^_]+)_(CopyLog|VerboseLog)_([^_]+)\.xml$/i;

/**
 * Parses `YYYYMMDD-HHMMSS[-mmm]` as UTC. Returns ISO 8601 (`…Z`, milliseconds padded to 3 digits), or
 * undefined for impossible dates (month 13, 30 February, hour 24…).
 */
export function parseLogTimestamp(stamp: string): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-(\d{1,3}))?$/.exec(stamp.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const ms = m[7] !== undefined ? Number(m[7].padEnd(3, '0')) : 0;
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || date.getUTCHours() !== h || date.getUTCMinutes() !== mi || date.getUTCSeconds() !== s) {
    return undefined;
  }
  return date.toISOString();
}

function splitKnownJob(head: string, knownJob: string | undefined): { jobName: string; driveId: string } | undefined {
  // head is "<job>_<drive>"; with a known job name, the drive ID is whatever follows "<job>_".
  if (knownJob && head.length > knownJob.length + 1 && head.slice(0, knownJob.length + 1).toLowerCase() === `${knownJob.toLowerCase()}_`) {
    return { jobName: head.slice(0, knownJob.length), driveId: head.slice(knownJob.length + 1) };
  }
  return undefined;
}

/**
 * Parses an Import/Export log file name (the last segment only, without `waies/`):
 * `<jobname>_<driveid>_<YYYYMMDD-HHMMSS-mmm>_<error|verbose|manifest>.xml`. Split from the right, so
 * job names with `_` work; with `knownJob` (the job name, case-insensitive) a drive ID with `_` works too.
 * @returns undefined when the name does not follow the pattern or its timestamp is impossible
 */
export function parseWaiesFileName(fileName: string, knownJob?: string): ParsedLogName | undefined {
  const m = WAIES_RE.exec(fileName);
  if (!m) return undefined;
  const [, job, drive, stamp, type] = m as unknown as [string, string, string, string, string];
  const time = parseLogTimestamp(stamp);
  if (time === undefined) return undefined;
  const split = splitKnownJob(`${job}_${drive}`, knownJob) ?? { jobName: job, driveId: drive };
  if (!split.jobName || !split.driveId) return undefined;
  return { family: 'waies', kind: type.toLowerCase() as LogBlobKind, ...split, stamp, time, fileName };
}

/**
 * Parses a `databoxcopylog` file name: `<order>_<serial>_CopyLog_<id>.xml` or `…_VerboseLog_<id>.xml`
 * (order names may contain `_`; with `knownJob`, serials with `_` work too).
 * @returns undefined when the name does not follow the pattern
 */
export function parseDataBoxFileName(fileName: string, knownJob?: string): ParsedLogName | undefined {
  const m = DATABOX_RE.exec(fileName);
  if (!m) return undefined;
  const [, job, drive, type, runId] = m as unknown as [string, string, string, string, string];
  const split = splitKnownJob(`${job}_${drive}`, knownJob) ?? { jobName: job, driveId: drive };
  if (!split.jobName || !split.driveId) return undefined;
  return { family: 'databox', kind: type.toLowerCase() === 'copylog' ? 'copyLog' : 'verboseLog', ...split, runId, fileName };
}

/**
 * Parses a full blob name found in a log location: `…waies/<file>` with an Import/Export file name
 * directly under `waies/`, or (with `dataBox`) a `databoxcopylog` file name at the top level.
 * @param blobName the blob name relative to its container
 * @param prefix the location's prefix ({@link LogLocation.prefix}); the name must start with it
 * @returns undefined for anything else (other folders, other names): such blobs are skipped
 */
export function parseLogBlobName(blobName: string, prefix: string, options: { dataBox?: boolean; knownJob?: string } = {}): ParsedLogName | undefined {
  if (!blobName.startsWith(prefix)) return undefined;
  const rest = blobName.slice(prefix.length);
  if (options.dataBox) return rest.includes('/') ? undefined : parseDataBoxFileName(rest, options.knownJob);
  const m = /^waies\/([^/]+)$/.exec(rest);
  return m?.[1] ? parseWaiesFileName(m[1], options.knownJob) : undefined;
}
