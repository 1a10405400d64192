/**
 * Results of finding and downloading a job's logs and manifest backups (`waie Logs`; the wizard's
 * future `logs.list` / `logs.download` channels). Plain JSON-able data, no secrets in it: container and
 * blob names only, never a URL (a SAS URL would carry its signature).
 */
import type { LogLocation } from './locations.ts';
import type { LogBlobKind, ParsedLogName } from './names.ts';

/** One log or manifest-backup blob found in the storage account. */
export interface FoundLog extends ParsedLogName {
  container: string;
  /** Full blob name in its container, e.g. `waimportexport/waies/myjob_9WM35C2V_20130921-034307-902_error.xml`. */
  blobName: string;
  /** The rule of the location it was found in. */
  location: LogLocation['rule'];
  /** Blob size, bytes. */
  sizeBytes?: number;
  /** Last-Modified, ISO 8601. */
  lastModified?: string;
  /** The blob's stored Content-MD5 as 32 upper-case hex digits, when the service set one. */
  contentMd5?: string;
  /** ETag at listing time (downloads are pinned to it). */
  etag?: string;
  /** Time used to order logs: the name's timestamp, else Last-Modified (ISO 8601); undefined when neither exists. */
  sortTime?: string;
}

/** The logs of one drive of one job, newest first, and the newest of each kind. */
export interface DriveLogSet {
  jobName: string;
  driveId: string;
  /** Newest of each kind (by {@link FoundLog.sortTime}; ties broken by blob name). */
  newest: Partial<Record<LogBlobKind, FoundLog>>;
  /** Every log of this drive and job, newest first. */
  all: FoundLog[];
}

/** One location searched and what was there. */
export interface SearchedLocation extends LogLocation {
  /** The listing prefix actually used (`<prefix>waies/`, or the prefix itself for `databoxcopylog`). */
  listedPrefix: string;
  /** Logs found here (after the job/drive filters). */
  found: number;
  /** True when the container does not exist (HTTP 404). */
  missing: boolean;
}

/** Result of listing: where it looked, what it found, grouped per drive and job. */
export interface LogListing {
  /** Blob endpoint (no secret). */
  endpoint: string;
  searched: SearchedLocation[];
  /** Every log found, ordered by job, drive, then newest first. */
  logs: FoundLog[];
  /** Grouped per (job, drive), ordered by job then drive. */
  drives: DriveLogSet[];
  /** Blobs in the searched folders whose names are not log names (ignored). */
  ignored: number;
}

/** Result of checking a download against an MD5. */
export interface HashCheck {
  /** Where the expected hash came from: given by the caller (e.g. Get Job's `ManifestHash`), or the blob's Content-MD5. */
  source: 'given' | 'contentMd5';
  /** 32 upper-case hex digits. */
  expected: string;
  actual: string;
  ok: boolean;
}

/** One downloaded log. */
export interface DownloadedLog {
  log: FoundLog;
  /** Absolute path of the file written; absent when a check failed (nothing is left under that name). */
  file?: string;
  /** Bytes written. */
  bytes: number;
  /** MD5 of the bytes, 32 upper-case hex digits. */
  md5: string;
  /** Checks made (the blob's Content-MD5 when it has one; the given hash for manifests). */
  checks: HashCheck[];
  /** True when every check passed and the file is in place. */
  ok: boolean;
}
